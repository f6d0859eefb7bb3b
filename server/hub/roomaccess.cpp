#include "roomaccess.h"

#include "engine/engine.h"

#include <QRegularExpression>

namespace podium {

namespace {
bool idRoom(const QString &room, QLatin1String prefix, qint64 *id)
{
    if (!room.startsWith(prefix))
        return false;
    bool ok = false;
    *id = QStringView(room).mid(prefix.size()).toLongLong(&ok);
    return ok && *id > 0;
}
} // namespace

QString roomAccessError(const QString &room, const Identity &who, bool requireViewToken)
{
    if (!Engine::validRoomName(room))
        return QStringLiteral("invalid_room");
    const bool canView = !requireViewToken || who.canView();
    qint64 id = 0;
    if (room == QLatin1String("tv-display") || room == QLatin1String("activity:feed")
        || room.startsWith(QLatin1String("leaderboard:")) || idRoom(room, QLatin1String("contest:"), &id)
        || idRoom(room, QLatin1String("session:"), &id))
        return canView ? QString() : QStringLiteral("forbidden");
    if (idRoom(room, QLatin1String("team:"), &id)) {
        const bool member = (who.kind == Identity::Kind::Person && who.teamId == id);
        return (who.isAdmin() || who.kind == Identity::Kind::Display || member) ? QString() : QStringLiteral("forbidden");
    }
    if (idRoom(room, QLatin1String("user:"), &id))
        return (who.isAdmin() || who.isPerson(id)) ? QString() : QStringLiteral("forbidden");
    if (room == QLatin1String("admin"))
        return who.isAdmin() ? QString() : QStringLiteral("forbidden");
    return QStringLiteral("unknown_room");
}

} // namespace podium
