#pragma once

// Scoring's REST operations called on the engine thread the way HTTP calls
// them, with the reply's body parsed for the test to read.
#include "engine/engine.h"
#include "http/scoringjson.h"

namespace podium::testing {

inline Reply recordActivity(Engine &engine, const QJsonObject &input)
{
    return rest::recordActivities(engine, input).materialise();
}

inline Reply voidActivity(Engine &engine, qint64 id)
{
    return rest::voidActivity(engine, id);
}

inline Reply awardBadge(Engine &engine, qint64 person, const QString &badge, const QString &reason)
{
    return rest::awardBadge(engine, person, badge, reason);
}

} // namespace podium::testing
