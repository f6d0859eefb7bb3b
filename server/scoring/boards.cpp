// Scoring: the boards held in memory, loaded from the stored totals.
#include "scoring/scoringservice.h"

#include "engine/engine.h"

namespace podium {

Board &ScoringService::board(const QString &metricKey, Period period, const QString &key)
{
    const BoardKey bk {metricKey, period, key};
    auto it = m_boards.find(bk);
    if (it != m_boards.end()) {
        it->lastUse = ++m_boardUses;
        return it->board;
    }
    const Metric *m = core().metric(metricKey);
    Board b(m ? m->higherIsBetter : true);
    for (const auto &[personId, total] : m_activities.boardTotals(metricKey, period, key)) {
        // Deactivated people keep their totals but leave the boards, so the
        // ranks of everyone else close up.
        const Person *p = core().person(personId);
        if (p && p->active)
            b.set(p->id, total);
    }
    // Any past date can be asked for (GET /api/leaderboards/…?at=), and
    // today's boards are past tomorrow: those are a bounded cache. A board
    // forgotten here loses nothing, its totals are stored (also those of the
    // open transaction).
    trimPastBoards();
    return m_boards.insert(bk, CachedBoard {b, ++m_boardUses})->board;
}

void ScoringService::trimPastBoards()
{
    QHash<int, QString> current;
    for (Period p : allPeriods())
        current.insert(int(p), core().calendar().key(p, core().now()));
    for (;;) {
        int past = 0;
        auto oldest = m_boards.end();
        for (auto it = m_boards.begin(); it != m_boards.end(); ++it) {
            if (it.key().periodKey == current.value(int(it.key().period)))
                continue;
            ++past;
            if (oldest == m_boards.end() || it->lastUse < oldest->lastUse)
                oldest = it;
        }
        if (past < kMaxPastBoards)
            return;
        m_boards.erase(oldest);
    }
}

void ScoringService::forgetBoards(const QString &metric)
{
    for (auto it = m_boards.begin(); it != m_boards.end();)
        it = metric.isEmpty() || it.key().metric == metric ? m_boards.erase(it) : std::next(it);
}

} // namespace podium
