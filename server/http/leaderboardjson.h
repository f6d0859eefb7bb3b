#pragma once

#include "http/reply.h"

#include <QUrlQuery>

namespace podium {

class Engine;

namespace rest {

// GET /api/leaderboards/{metric}: a board of people or teams for a period
// (the current one, or the one holding `at`). Runs on the engine thread.
Reply leaderboard(Engine &engine, const QString &metric, const QUrlQuery &query);

} // namespace rest
} // namespace podium
