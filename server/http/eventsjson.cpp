#include "http/eventsjson.h"

#include "engine/engine.h"
#include "hub/roomaccess.h"

#include <QJsonArray>

namespace podium::rest {

namespace {
std::optional<Reply> invalidPage(qint64 since, int limit)
{
    if (since < 0)
        return Reply::badRequest("parameter 'since' must be a sequence number of 0 or more");
    if (limit < 1 || limit > 1000)
        return Reply::badRequest("parameter 'limit' must be between 1 and 1000");
    return std::nullopt;
}

Reply page(const EventList &list, qint64 lastSeq)
{
    QJsonArray arr;
    for (const Event &e : list)
        arr.append(e.toJson());
    return {200, {{"events", arr}, {"lastSeq", lastSeq}}};
}
} // namespace

Reply events(Engine &engine, qint64 since, int limit, const QStringList &rooms)
{
    if (auto invalid = invalidPage(since, limit))
        return *invalid;
    return page(engine.eventsSince(since, limit, rooms), engine.committedSeq());
}

Reply events(Engine &engine, qint64 since, int limit, const QStringList &rooms, const EventReader &reader)
{
    if (reader.requireViewToken && !reader.who.canView())
        return Reply::unauthorized("reading events needs a bearer token in header 'Authorization' "
                                   "(this server requires a view token)");
    if (auto invalid = invalidPage(since, limit))
        return *invalid;
    if (rooms.size() > kMaxEventRooms)
        return Reply::badRequest(QStringLiteral("parameter 'rooms' names %1 rooms; at most %2 are allowed")
                                         .arg(rooms.size())
                                         .arg(kMaxEventRooms));
    for (const QString &room : rooms) {
        const QString denied = roomAccessError(room, reader.who, reader.requireViewToken);
        if (denied == QLatin1String("forbidden"))
            return Reply::forbidden(
                    QStringLiteral("parameter 'rooms': room '%1' is not readable with %2")
                            .arg(room,
                                 reader.who.canView() ? QStringLiteral("this token") : QStringLiteral("no token")));
        if (denied == QLatin1String("invalid_room"))
            return Reply::badRequest(
                    QStringLiteral("parameter 'rooms': '%1' is not a room name (1-128 of A-Z a-z 0-9 _ . : -)")
                            .arg(room));
        if (!denied.isEmpty())
            return Reply::badRequest(QStringLiteral("parameter 'rooms': there is no room '%1'").arg(room));
    }
    // Only committed events: the open batch is not acknowledged yet.
    const qint64 upTo = engine.committedSeq();
    const EventList list = rooms.isEmpty()
            ? engine.readableEvents(since, upTo, limit, reader.who, reader.requireViewToken)
            : engine.readEvents(since, upTo, limit, rooms);
    return page(list, upTo);
}

} // namespace podium::rest
