#pragma once

#include "http/reply.h"

#include <QJsonObject>

namespace podium {

class Engine;

// Configuration's REST shapes: metrics, milestone rules, badges and
// settings read from and written as JSON (docs/API.md). Runs on the engine
// thread.
namespace rest {

Reply listMetrics(Engine &engine);
Reply upsertMetric(Engine &engine, const QJsonObject &input);
Reply listRules(Engine &engine);
Reply createRule(Engine &engine, const QJsonObject &input);
// Fields not given keep their value; `values` and `step` replace each other.
Reply updateRule(Engine &engine, qint64 id, const QJsonObject &input);
Reply deleteRule(Engine &engine, qint64 id);
Reply listBadges(Engine &engine);
Reply upsertBadge(Engine &engine, const QJsonObject &input);
Reply getSettings(Engine &engine);
Reply updateSettings(Engine &engine, const QJsonObject &input);

} // namespace rest
} // namespace podium
