#pragma once

#include "directory/identity.h"

#include <QString>

namespace podium {

// Who may join which room (DESIGN.md, "Rooms and who may join"):
//   tv-display, activity:feed, leaderboard:{metric}, contest:{id}, session:{id}
//       anyone allowed to view (public unless a display token is required)
//   team:{id}   members of that team, display tokens, admins
//   user:{id}   that person's token, admins
//   admin       admin tokens
// Returns an empty string when allowed, else the error code for the client.
QString roomAccessError(const QString &room, const Identity &who, bool requireViewToken);

} // namespace podium
