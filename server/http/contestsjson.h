#pragma once

#include "http/reply.h"

#include <QJsonObject>

namespace podium {

class Engine;

// Contests' REST routes, read from and written as JSON (docs/API.md). Runs
// on the engine thread.
namespace rest {

Reply createContest(Engine &engine, const QJsonObject &input);
Reply listContests(Engine &engine);
// One contest with its top 100.
Reply getContest(Engine &engine, qint64 id);
Reply startContest(Engine &engine, qint64 id);
Reply endContest(Engine &engine, qint64 id);
Reply recordPayout(Engine &engine, qint64 id, const QJsonObject &input);

} // namespace rest
} // namespace podium
