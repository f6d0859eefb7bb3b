// Scoring as the other services see it: the boards.
#include "scoring/scoringservice.h"

#include "engine/engine.h"

namespace podium {

ScoringService::ScoringService(Engine &core) : Service(core) { }

bool ScoringService::load(QString *)
{
    return true; // boards and streaks load on first use
}

void ScoringService::reset()
{
    core().m_boards.clear();
    core().m_streaks.clear();
}

Board &ScoringService::board(const QString &metric, Period period, const QString &key)
{
    return core().board(metric, period, key);
}

void ScoringService::forgetBoards(const QString &metric)
{
    auto &boards = core().m_boards;
    for (auto it = boards.begin(); it != boards.end();)
        it = metric.isEmpty() || it.key().metric == metric ? boards.erase(it) : std::next(it);
}

} // namespace podium
