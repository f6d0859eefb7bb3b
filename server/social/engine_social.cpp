// Engine: notifications, announcements, live sessions and free broadcasts.
#include "engine/engine.h"

#include "http/fields.h"
#include "rooms.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <cmath>

namespace podium {

namespace {
QString compact(const QJsonObject &json)
{
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

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

// `value` is a number inside `field`'s range; the error names `path`.
std::optional<Reply> checkSessionValue(const SessionField &field, const QJsonValue &value, const QString &path)
{
    if (!value.isDouble() || !std::isfinite(value.toDouble()) || value.toDouble() < field.min
        || value.toDouble() > field.max)
        return Reply::badRequest(QStringLiteral("field '%1' must be a number from %2 to %3")
                                         .arg(path)
                                         .arg(field.min)
                                         .arg(field.max, 0, 'f', 0));
    return std::nullopt;
}
} // namespace

Reply Engine::listNotifications(qint64 personId, bool unreadOnly, int limit)
{
    if (!person(personId))
        return Reply::notFound(QStringLiteral("person %1 does not exist").arg(personId));
    if (limit < 1 || limit > 500)
        return Reply::badRequest("parameter 'limit' must be between 1 and 500");
    QSqlQuery &q = m_store.prepared(
        unreadOnly ? QStringLiteral("SELECT id, kind, title, body, is_read, created_at FROM notifications "
                                    "WHERE person_id = ? AND is_read = 0 ORDER BY id DESC LIMIT ?")
                   : QStringLiteral("SELECT id, kind, title, body, is_read, created_at FROM notifications "
                                    "WHERE person_id = ? ORDER BY id DESC LIMIT ?"));
    q.bindValue(0, personId);
    q.bindValue(1, limit);
    QJsonArray arr;
    if (q.exec()) {
        while (q.next())
            arr.append(QJsonObject{{"id", q.value(0).toLongLong()},
                                   {"kind", q.value(1).toString()},
                                   {"title", q.value(2).toString()},
                                   {"body", q.value(3).toString()},
                                   {"read", q.value(4).toInt() != 0},
                                   {"createdAt", q.value(5).toString()}});
    }
    q.finish();
    const qint64 unread = m_store.scalar(QStringLiteral("SELECT COUNT(*) FROM notifications WHERE person_id = ? AND is_read = 0"),
                                         {personId})
                              .toLongLong();
    return {200, {{"notifications", arr}, {"unread", unread}}};
}

Reply Engine::markNotificationRead(qint64 id, const Identity &who)
{
    const QVariant owner = m_store.scalar(QStringLiteral("SELECT person_id FROM notifications WHERE id = ?"), {id});
    if (owner.isNull())
        return Reply::notFound(QStringLiteral("notification %1 does not exist").arg(id));
    if (!who.isAdmin() && !who.isPerson(owner.toLongLong()))
        return Reply::forbidden(QStringLiteral("notification %1 belongs to someone else").arg(id));
    write(QStringLiteral("UPDATE notifications SET is_read = 1 WHERE id = ?"), {id});
    return {200, {{"id", id}, {"read", true}}};
}

Reply Engine::createAnnouncement(const QJsonObject &input)
{
    const QString text = input.value("text").toString().trimmed();
    if (!input.value("text").isString() || text.isEmpty() || text.size() > 280)
        return Reply::badRequest("field 'text' must be 1 to 280 characters");
    const QString kind = input.value("kind").toString("ticker");
    if (kind != QLatin1String("ticker") && kind != QLatin1String("flash"))
        return Reply::badRequest("field 'kind' must be ticker or flash");
    if (input.contains("sound") && !input.value("sound").isBool())
        return Reply::badRequest("field 'sound' must be true or false");
    QDateTime expires;
    if (input.contains("durationSeconds")) {
        const double secs = input.value("durationSeconds").toDouble(-1);
        if (secs <= 0 || secs > 30 * 24 * 3600)
            return Reply::badRequest("field 'durationSeconds' must be between 1 and 2592000");
        expires = now().addSecs(qint64(secs));
    }
    const qint64 id = nextId("announcements");
    const QJsonObject json{{"id", id},
                           {"text", text},
                           {"kind", kind},
                           {"sound", input.value("sound").toBool(false)},
                           {"createdAt", nowText(now())},
                           {"expiresAt", expires.isValid() ? QJsonValue(isoTime(expires)) : QJsonValue()}};
    write(QStringLiteral("INSERT INTO announcements (id, text, kind, sound, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)"),
          {id, text, kind, json.value("sound").toBool() ? 1 : 0, nowText(now()),
           expires.isValid() ? QVariant(isoTime(expires)) : QVariant()});
    emitEvent("tv-display", "announcement", json);
    return {201, json};
}

Reply Engine::listAnnouncements()
{
    QSqlQuery &q = m_store.prepared(QStringLiteral(
        "SELECT id, text, kind, sound, created_at, expires_at FROM announcements "
        "WHERE expires_at IS NULL OR expires_at > ? ORDER BY id DESC LIMIT 50"));
    q.bindValue(0, nowText(now()));
    QJsonArray arr;
    if (q.exec()) {
        while (q.next())
            arr.append(QJsonObject{{"id", q.value(0).toLongLong()},
                                   {"text", q.value(1).toString()},
                                   {"kind", q.value(2).toString()},
                                   {"sound", q.value(3).toInt() != 0},
                                   {"createdAt", q.value(4).toString()},
                                   {"expiresAt", q.value(5).isNull() ? QJsonValue() : QJsonValue(q.value(5).toString())}});
    }
    q.finish();
    return {200, {{"announcements", arr}}};
}

Reply Engine::startSession(const QJsonObject &input)
{
    const Person *p = person(input.value("person").toInteger());
    if (!p)
        return Reply::badRequest("field 'person' must be the id of an existing person");
    QString kind;
    QString title;
    if (auto invalid = fields::sessionKind.read(input.value("kind"), &kind))
        return *invalid;
    if (kind.isEmpty())
        kind = QStringLiteral("practice");
    if (auto invalid = fields::sessionTitle.read(input.value("title"), &title))
        return *invalid;
    // Live sessions are held in memory until they end, and a person's own
    // token may start them: bound both what one person and what everyone
    // may keep open.
    if (m_sessions.size() >= kMaxLiveSessions)
        return Reply::conflict(QStringLiteral("%1 sessions are live; end one before starting another").arg(kMaxLiveSessions));
    int ownLive = 0;
    for (const QJsonObject &live : std::as_const(m_sessions))
        ownLive += live.value("person").toInteger() == p->id ? 1 : 0;
    if (ownLive >= kMaxLiveSessionsPerPerson)
        return Reply::conflict(QStringLiteral("person %1 has %2 live sessions; end one before starting another")
                                       .arg(p->id)
                                       .arg(kMaxLiveSessionsPerPerson));
    const qint64 id = nextId("sessions");
    const QJsonObject json {{"sessionId", id},         {"person", p->id},
                            {"userId", p->id},         {"name", p->name},
                            {"userName", p->name},     {"color", p->color},
                            {"initials", p->initials}, {"kind", kind},
                            {"title", title},          {"startedAt", nowText(now())}};
    write(QStringLiteral("INSERT INTO sessions (id, person_id, kind, started_at, ended_at, last) VALUES (?, ?, ?, ?, NULL, ?)"),
          {id, p->id, kind, nowText(now()), compact(json)});
    m_sessions.insert(id, json);
    emitEvent("tv-display", "session:started", json);
    return {201, json};
}

Reply Engine::sessionProgress(qint64 id, const QJsonObject &input, const Identity &who)
{
    if (!m_sessions.contains(id))
        return Reply::notFound(QStringLiteral("session %1 is not live").arg(id));
    QJsonObject json = m_sessions.value(id);
    if (!who.canWrite() && !who.isPerson(json.value("person").toInteger()))
        return Reply::forbidden(QStringLiteral("session %1 belongs to someone else").arg(id));
    for (const SessionField &field : kSessionFields) {
        const QJsonValue v = input.value(QLatin1String(field.name));
        if (v.isUndefined())
            continue;
        if (auto invalid = checkSessionValue(field, v, QLatin1String(field.name)))
            return *invalid;
        json.insert(QLatin1String(field.name), v);
    }
    json.insert("updatedAt", nowText(now()));
    m_sessions.insert(id, json);
    write(QStringLiteral("UPDATE sessions SET last = ? WHERE id = ?"), {compact(json), id});
    const Event e = emitEvent(rooms::session(id), "progress:update", json);
    return {200, {{"sessionId", id}, {"seq", e.seq}}};
}

Reply Engine::endSession(qint64 id, const QJsonObject &input, const Identity &who)
{
    if (!m_sessions.contains(id))
        return Reply::notFound(QStringLiteral("session %1 is not live").arg(id));
    QJsonObject json = m_sessions.value(id);
    if (!who.canWrite() && !who.isPerson(json.value("person").toInteger()))
        return Reply::forbidden(QStringLiteral("session %1 belongs to someone else").arg(id));
    // Final results may be recorded as activities in the same transaction.
    if (input.contains("results") && !input.value("results").isObject())
        return Reply::badRequest("field 'results' must be an object of metric keys and numbers");
    const QJsonObject results = input.value("results").toObject();
    for (auto it = results.begin(); it != results.end(); ++it) {
        const Metric *m = metric(it.key());
        if (!m)
            return Reply::badRequest(QStringLiteral("field 'results': unknown metric '%1'").arg(it.key()));
        const QString path = QStringLiteral("results.%1").arg(it.key());
        if (!it.value().isDouble())
            return Reply::badRequest(QStringLiteral("field '%1' must be a number").arg(path));
        if (who.canWrite())
            continue;
        // A person's own token reports their own practice run, nothing else.
        const SessionField *field = sessionField(it.key());
        if (!field || !field->practice || m->unit == QLatin1String("currency"))
            return Reply::forbidden(QStringLiteral("field '%1': a person's token may record only %2 from a session")
                                            .arg(path, practiceMetricNames()));
        if (auto invalid = checkSessionValue(*field, it.value(), path))
            return *invalid;
    }
    QJsonArray recorded;
    for (auto it = results.begin(); it != results.end(); ++it) {
        const Metric *m = metric(it.key());
        EventList events;
        const Reply r = applyActivity({{"person", json.value("person")},
                                       {"metric", it.key()},
                                       {m->aggregation == Metric::Aggregation::Sum ? "delta" : "value", it.value()},
                                       {"source", QStringLiteral("session:%1").arg(id)}},
                                      &events);
        recorded.append(r.body);
    }
    json.insert("endedAt", nowText(now()));
    json.insert("results", results);
    write(QStringLiteral("UPDATE sessions SET ended_at = ?, last = ? WHERE id = ?"), {nowText(now()), compact(json), id});
    m_sessions.remove(id);
    emitEvent("tv-display", "session:ended", json);
    QJsonObject body = json;
    body.insert("activities", recorded);
    return {200, body};
}

Reply Engine::listSessions() const
{
    QList<qint64> ids = m_sessions.keys();
    std::sort(ids.begin(), ids.end());
    QJsonArray arr;
    for (qint64 id : ids)
        arr.append(m_sessions.value(id));
    return {200, {{"sessions", arr}}};
}

Reply Engine::broadcast(const QString &room, const QString &event, const QJsonObject &data)
{
    if (!validRoomName(room))
        return Reply::badRequest("field 'room' must be 1-128 characters of letters, digits, and _ . : -");
    if (!validEventName(event))
        return Reply::badRequest("field 'event' must be 1-64 characters of letters, digits, and _ . : -");
    const Event e = emitEvent(room, event, data);
    return {202, {{"seq", e.seq}}};
}

} // namespace podium
