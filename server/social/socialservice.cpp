// Social: notifications, announcements, live sessions and free broadcasts.
#include "social/socialservice.h"

#include "engine/engine.h"
#include "logging.h"
#include "rooms.h"

#include <cmath>

namespace podium {

namespace {
// What a live session reports, with the range a real run stays in
// (`elapsed` in seconds; `progress` a fraction 0-1 or a percentage). The
// practice ones are what a person may record about their own run when
// their own token ends the session (the typing and training suites post
// speed, accuracy and score); anything else, currency above all, is for an
// integration or an admin to record.
struct SessionField
{
    const char *name;
    double min;
    double max;
    bool practice;
};
constexpr SessionField kSessionFields[] = {
        {"wpm", 0, 300, true},        {"accuracy", 0, 100, true},  {"score", 0, 1e6, true},
        {"elapsed", 0, 86400, false}, {"progress", 0, 100, false},
};

const SessionField *sessionField(const QString &name)
{
    for (const SessionField &f : kSessionFields) {
        if (name == QLatin1String(f.name))
            return &f;
    }
    return nullptr;
}

QString practiceMetricNames()
{
    QStringList names;
    for (const SessionField &f : kSessionFields) {
        if (f.practice)
            names << QLatin1String(f.name);
    }
    return names.join(QStringLiteral(", "));
}
} // namespace

SocialService::SocialService(Engine &core)
    : Service(core)
    , m_repository(core)
{ }

bool SocialService::load(QString *error)
{
    m_repository.loadLiveSessions(&m_sessions, error);
    return true;
}

void SocialService::reset()
{
    m_sessions.clear();
}

DomainError SocialService::unknownSessionPerson()
{
    return DomainError::invalid(QStringLiteral("field 'person' must be the id of an existing person"));
}

DomainError SocialService::sessionNotLive(qint64 id)
{
    return DomainError::notFound(QStringLiteral("session %1 is not live").arg(id));
}

DomainError SocialService::unknownResultMetric(const QString &key)
{
    return DomainError::invalid(QStringLiteral("field 'results': unknown metric '%1'").arg(key));
}

std::optional<DomainError> SocialService::sessionValueError(const QString &name, const QJsonValue &value,
                                                            const QString &path)
{
    const SessionField *field = sessionField(name);
    if (!field)
        return std::nullopt;
    if (!value.isDouble() || !std::isfinite(value.toDouble()) || value.toDouble() < field->min
        || value.toDouble() > field->max)
        return DomainError::invalid(QStringLiteral("field '%1' must be a number from %2 to %3")
                                            .arg(path)
                                            .arg(field->min)
                                            .arg(field->max, 0, 'f', 0));
    return std::nullopt;
}

std::optional<DomainError> SocialService::steeringError(qint64 id, const Identity &who) const
{
    const auto it = m_sessions.constFind(id);
    if (it == m_sessions.cend())
        return sessionNotLive(id);
    if (!who.canWrite() && !who.isPerson(it->value("person").toInteger()))
        return DomainError::forbidden(QStringLiteral("session %1 belongs to someone else").arg(id));
    return std::nullopt;
}

std::optional<DomainError> SocialService::resultError(const QString &metric, const QJsonValue &value,
                                                      const Identity &who) const
{
    const Metric *m = core().metric(metric);
    if (!m)
        return unknownResultMetric(metric);
    const QString path = QStringLiteral("results.%1").arg(metric);
    if (!value.isDouble())
        return DomainError::invalid(QStringLiteral("field '%1' must be a number").arg(path));
    if (who.canWrite())
        return std::nullopt;
    const SessionField *field = sessionField(metric);
    if (!field || !field->practice || m->unit == QLatin1String("currency"))
        return DomainError::forbidden(QStringLiteral("field '%1': a person's token may record only %2 from a session")
                                              .arg(path, practiceMetricNames()));
    return sessionValueError(metric, value, path);
}

Outcome<NotificationPage> SocialService::notifications(qint64 person, bool unreadOnly, int limit)
{
    if (!core().person(person))
        return DirectoryService::noSuchPerson(person);
    return NotificationPage {m_repository.notifications(person, unreadOnly, limit), m_repository.unreadCount(person)};
}

Outcome<Done> SocialService::markNotificationRead(qint64 id, const Identity &who)
{
    const std::optional<qint64> owner = m_repository.notificationOwner(id);
    if (!owner)
        return DomainError::notFound(QStringLiteral("notification %1 does not exist").arg(id));
    if (!who.isAdmin() && !who.isPerson(*owner))
        return DomainError::forbidden(QStringLiteral("notification %1 belongs to someone else").arg(id));
    m_repository.markRead(id);
    return Done {};
}

void SocialService::notify(qint64 personId, const QString &kind, const QString &title, const QString &body)
{
    Engine &e = core();
    const Notification n {m_repository.nextId(QStringLiteral("notifications")),
                          personId,
                          kind,
                          title,
                          body,
                          false,
                          e.nowText(e.now())};
    m_repository.insertNotification(n);
    e.emitEvent(rooms::user(personId), "notification:new",
                {{"id", n.id},
                 {"person", personId},
                 {"kind", kind},
                 {"title", title},
                 {"body", body},
                 {"read", false},
                 {"createdAt", n.createdAt}});
}

Outcome<Announcement> SocialService::announce(const AnnouncementDraft &draft)
{
    Engine &e = core();
    Announcement a;
    a.id = m_repository.nextId(QStringLiteral("announcements"));
    a.text = draft.text;
    a.kind = draft.kind;
    a.sound = draft.sound;
    a.createdAt = e.nowText(e.now());
    if (draft.durationSeconds)
        a.expiresAt = isoTime(e.now().addSecs(*draft.durationSeconds));
    m_repository.insertAnnouncement(a);
    e.emitEvent(rooms::tvDisplay(), "announcement", json(a));
    return a;
}

QList<Announcement> SocialService::announcements()
{
    return m_repository.announcements(core().nowText(core().now()));
}

QJsonObject SocialService::json(const Announcement &a)
{
    return {{"id", a.id},
            {"text", a.text},
            {"kind", a.kind},
            {"sound", a.sound},
            {"createdAt", a.createdAt},
            {"expiresAt", a.expiresAt.isEmpty() ? QJsonValue() : QJsonValue(a.expiresAt)}};
}

Outcome<QJsonObject> SocialService::startSession(const SessionDraft &draft)
{
    Engine &e = core();
    const Person *p = e.person(draft.person);
    if (!p)
        return unknownSessionPerson();
    if (m_sessions.size() >= kMaxLiveSessions)
        return DomainError::conflict(
                QStringLiteral("%1 sessions are live; end one before starting another").arg(kMaxLiveSessions));
    int ownLive = 0;
    for (const QJsonObject &live : std::as_const(m_sessions))
        ownLive += live.value("person").toInteger() == p->id ? 1 : 0;
    if (ownLive >= kMaxLiveSessionsPerPerson)
        return DomainError::conflict(QStringLiteral("person %1 has %2 live sessions; end one before starting another")
                                             .arg(p->id)
                                             .arg(kMaxLiveSessionsPerPerson));
    const qint64 id = m_repository.nextId(QStringLiteral("sessions"));
    const QString startedAt = e.nowText(e.now());
    const QJsonObject json {{"sessionId", id},         {"person", p->id},     {"userId", p->id},
                            {"name", p->name},         {"userName", p->name}, {"color", p->color},
                            {"initials", p->initials}, {"kind", draft.kind},  {"title", draft.title},
                            {"startedAt", startedAt}};
    m_repository.insertSession(id, p->id, draft.kind, startedAt, json);
    m_sessions.insert(id, json);
    e.emitEvent(rooms::tvDisplay(), "session:started", json);
    return json;
}

Outcome<qint64> SocialService::reportProgress(qint64 id, const QJsonObject &values, const Identity &who)
{
    if (auto refused = steeringError(id, who))
        return *refused;
    QJsonObject json = m_sessions.value(id);
    for (const SessionField &field : kSessionFields) {
        const QLatin1String name(field.name);
        const QJsonValue v = values.value(name);
        if (v.isUndefined())
            continue;
        if (auto invalid = sessionValueError(name, v, name))
            return *invalid;
        json.insert(name, v);
    }
    Engine &e = core();
    json.insert("updatedAt", e.nowText(e.now()));
    m_sessions.insert(id, json);
    m_repository.updateSession(id, json);
    return e.emitEvent(rooms::session(id), "progress:update", json).seq;
}

Outcome<EndedSession> SocialService::endSession(qint64 id, const QJsonObject &results, const Identity &who)
{
    if (auto refused = steeringError(id, who))
        return *refused;
    for (auto it = results.begin(); it != results.end(); ++it) {
        if (auto refused = resultError(it.key(), it.value(), who))
            return *refused;
    }
    Engine &e = core();
    EndedSession ended {m_sessions.value(id), {}};
    // Final results are recorded as activities in the same transaction.
    for (auto it = results.begin(); it != results.end(); ++it) {
        ActivityInput input;
        input.person = ended.session.value("person").toInteger();
        input.metric = it.key();
        input.amount = it.value().toDouble();
        input.source = QStringLiteral("session:%1").arg(id);
        Outcome<RecordedActivity> recorded = e.scoring().record(input);
        if (recorded)
            ended.activities.append(std::move(recorded.value()));
        else
            qCWarning(lcEngine) << "session" << id << "result" << it.key()
                                << "not recorded:" << recorded.error().message;
    }
    ended.session.insert("endedAt", e.nowText(e.now()));
    ended.session.insert("results", results);
    m_repository.endSession(id, e.nowText(e.now()), ended.session);
    m_sessions.remove(id);
    e.emitEvent(rooms::tvDisplay(), "session:ended", ended.session);
    return ended;
}

QList<QJsonObject> SocialService::liveSessions() const
{
    QList<qint64> ids = m_sessions.keys();
    std::sort(ids.begin(), ids.end());
    QList<QJsonObject> out;
    for (qint64 id : std::as_const(ids))
        out.append(m_sessions.value(id));
    return out;
}

Outcome<qint64> SocialService::broadcast(const QString &room, const QString &event, const QJsonObject &data)
{
    if (!Engine::validRoomName(room))
        return DomainError::invalid(
                QStringLiteral("field 'room' must be 1-128 characters of letters, digits, and _ . : -"));
    if (!Engine::validEventName(event))
        return DomainError::invalid(
                QStringLiteral("field 'event' must be 1-64 characters of letters, digits, and _ . : -"));
    return core().emitEvent(room, event, data).seq;
}

} // namespace podium
