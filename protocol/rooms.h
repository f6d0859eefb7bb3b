#pragma once

#include <QString>

// The names of the rooms events go to (docs/PROTOCOL.md, "Rooms"). The engine
// names the room of each event it writes and the wall's models name the rooms
// they join with the same functions, so the two cannot drift apart. Who may
// join a room is the hub's business (server/hub/roomaccess.h), not this one's.
namespace podium::rooms {

// Rooms with a fixed name: "tv-display" (what every wall shows),
// "activity:feed" (every activity) and "admin".
QString tvDisplay();
QString activityFeed();
QString admin();
// "user:{id}", "team:{id}", "contest:{id}", "session:{id}".
QString user(qint64 person);
QString team(qint64 team);
QString contest(qint64 contest);
QString session(qint64 session);
// "leaderboard:{metric}".
QString leaderboard(const QString &metric);

} // namespace podium::rooms
