// Scoring: loading and resetting its state.
#include "scoring/scoringservice.h"

#include "engine/engine.h"

namespace podium {

ScoringService::ScoringService(Engine &core)
    : Service(core)
    , m_repository(core)
    , m_activities(core)
{ }

bool ScoringService::load(QString *)
{
    return true; // boards and streaks load on first use
}

void ScoringService::reset()
{
    m_boards.clear();
    m_streaks.clear();
}

} // namespace podium
