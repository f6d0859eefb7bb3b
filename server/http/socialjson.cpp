#include "http/socialjson.h"

#include "engine/engine.h"
#include "http/domainreply.h"
#include "http/fields.h"
#include "http/scoringjson.h"

#include <QJsonArray>

namespace podium::rest {

namespace {
constexpr int kMaxAnnouncementLength = 280;
constexpr double kMaxAnnouncementSeconds = 30 * 24 * 3600;

QJsonObject notificationJson(const Notification &n)
{
    return {{"id", n.id},     {"kind", n.kind}, {"title", n.title},
            {"body", n.body}, {"read", n.read}, {"createdAt", n.createdAt}};
}
} // namespace

Reply listNotifications(Engine &engine, qint64 person, bool unreadOnly, int limit)
{
    // The person is named before the limit is read.
    if (!engine.person(person))
        return replyFor(DirectoryService::noSuchPerson(person));
    if (limit < 1 || limit > 500)
        return Reply::badRequest("parameter 'limit' must be between 1 and 500");
    return replyFor(engine.social().notifications(person, unreadOnly, limit), [](const NotificationPage &page) {
        QJsonArray arr;
        for (const Notification &n : page.notifications)
            arr.append(notificationJson(n));
        return QJsonObject {{"notifications", arr}, {"unread", page.unread}};
    });
}

Reply markNotificationRead(Engine &engine, qint64 id, const Identity &who)
{
    return replyFor(engine.social().markNotificationRead(id, who), [id](const Done &) {
        return QJsonObject {{"id", id}, {"read", true}};
    });
}

Reply createAnnouncement(Engine &engine, const QJsonObject &input)
{
    AnnouncementDraft draft;
    draft.text = input.value("text").toString().trimmed();
    if (!input.value("text").isString() || draft.text.isEmpty() || draft.text.size() > kMaxAnnouncementLength)
        return Reply::badRequest("field 'text' must be 1 to 280 characters");
    // A kind that is not a string is a ticker, as it always was.
    draft.kind = input.value("kind").toString("ticker");
    if (draft.kind != QLatin1String("ticker") && draft.kind != QLatin1String("flash"))
        return Reply::badRequest("field 'kind' must be ticker or flash");
    if (input.contains("sound") && !input.value("sound").isBool())
        return Reply::badRequest("field 'sound' must be true or false");
    draft.sound = input.value("sound").toBool(false);
    if (input.contains("durationSeconds")) {
        const double secs = input.value("durationSeconds").toDouble(-1);
        if (secs <= 0 || secs > kMaxAnnouncementSeconds)
            return Reply::badRequest("field 'durationSeconds' must be between 1 and 2592000");
        draft.durationSeconds = qint64(secs);
    }
    return replyFor(engine.social().announce(draft), &SocialService::json, 201);
}

Reply listAnnouncements(Engine &engine)
{
    QJsonArray arr;
    for (const Announcement &a : engine.social().announcements())
        arr.append(SocialService::json(a));
    return {200, {{"announcements", arr}}};
}

Reply startSession(Engine &engine, const QJsonObject &input)
{
    SessionDraft draft;
    draft.person = input.value("person").toInteger();
    // The person is named before the kind and the title are read.
    if (!engine.person(draft.person))
        return replyFor(SocialService::unknownSessionPerson());
    if (auto invalid = fields::sessionKind.read(input.value("kind"), &draft.kind))
        return *invalid;
    if (draft.kind.isEmpty())
        draft.kind = QStringLiteral("practice");
    if (auto invalid = fields::sessionTitle.read(input.value("title"), &draft.title))
        return *invalid;
    const Outcome<QJsonObject> started = engine.social().startSession(draft);
    if (!started)
        return replyFor(started.error());
    return {201, *started};
}

Reply sessionProgress(Engine &engine, qint64 id, const QJsonObject &input, const Identity &who)
{
    // The service checks each session field's number and range, in order.
    return replyFor(engine.social().reportProgress(id, input, who), [id](qint64 seq) {
        return QJsonObject {{"sessionId", id}, {"seq", seq}};
    });
}

Reply endSession(Engine &engine, qint64 id, const QJsonObject &input, const Identity &who)
{
    // Whether the session is live and theirs comes before the body is read.
    if (auto refused = engine.social().steeringError(id, who))
        return replyFor(*refused);
    if (input.contains("results") && !input.value("results").isObject())
        return Reply::badRequest("field 'results' must be an object of metric keys and numbers");
    return replyFor(engine.social().endSession(id, input.value("results").toObject(), who),
                    [](const EndedSession &ended) {
                        QJsonObject body = ended.session;
                        QJsonArray activities;
                        for (const RecordedActivity &a : ended.activities)
                            activities.append(QJsonDocument::fromJson(activityJson(a)).object());
                        body.insert("activities", activities);
                        return body;
                    });
}

Reply listSessions(Engine &engine)
{
    QJsonArray arr;
    for (const QJsonObject &session : engine.social().liveSessions())
        arr.append(session);
    return {200, {{"sessions", arr}}};
}

Reply broadcast(Engine &engine, const QString &room, const QString &event, const QJsonObject &data)
{
    const auto seqJson = [](qint64 seq) { return QJsonObject {{"seq", seq}}; };
    return replyFor(engine.social().broadcast(room, event, data), seqJson, 202);
}

} // namespace podium::rest
