// Scoring: reading one activity back, and voiding it (every board of the
// periods it counted in is recomputed from what still counts).
#include "scoring/scoringservice.h"

#include "configuration/metric.h"
#include "engine/engine.h"
#include "rooms.h"

namespace podium {

Outcome<StoredActivity> ScoringService::activity(qint64 id)
{
    std::optional<StoredActivity> a = m_activities.byId(id);
    if (!a)
        return DomainError::notFound(QStringLiteral("activity %1 does not exist").arg(id));
    return std::move(*a);
}

Outcome<StoredActivity> ScoringService::voidActivity(qint64 id)
{
    Outcome<StoredActivity> found = activity(id);
    if (!found)
        return found;
    StoredActivity &a = found.value();
    if (a.voided)
        return DomainError::conflict(QStringLiteral("activity %1 is already voided").arg(id));
    const Person *p = core().person(a.person);
    const Metric *m = core().metric(a.metric);
    if (!p || !m)
        return DomainError::conflict(QStringLiteral("activity %1 refers to a removed person or metric").arg(id));
    m_activities.markVoided(id);
    const QDateTime at = QDateTime::fromString(a.at, Qt::ISODateWithMs);
    recomputeBoards(*p, *m, at);
    // Contests whose window holds the activity recompute their standings.
    core().contests().onCorrection(*m, at);
    core().emitEvent(rooms::leaderboard(m->key), "leaderboard:refresh",
                     {{"metric", m->key}, {"reason", "correction"}, {"activity", id}});
    a.voided = true;
    return found;
}

void ScoringService::recomputeBoards(const Person &p, const Metric &m, const QDateTime &at)
{
    // Recompute this person's value in every period holding `at` from the
    // activities that still count. Milestones already fired stay fired.
    const PeriodCalendar &calendar = core().calendar();
    QList<RankMove> moves;
    for (Period period : m.periods) {
        const QString key = calendar.key(period, at);
        using Fold = ActivityRepository::Fold;
        const Fold fold = m.aggregation == Metric::Aggregation::Sum ? Fold::Sum
                : m.aggregation == Metric::Aggregation::Latest      ? Fold::Latest
                : m.higherIsBetter                                  ? Fold::Highest
                                                                    : Fold::Lowest;
        // The all-time board holds every activity, also one stored before
        // `at` was range-checked: recomputing it has no time bounds.
        const bool allTime = period == Period::AllTime;
        const std::optional<double> value
                = m_activities.countedTotal(p.id, m.key, fold, allTime ? QDateTime() : calendar.start(period, at),
                                            allTime ? QDateTime() : calendar.end(period, at));
        Board &b = board(m.key, period, key);
        const std::optional<int> previousRank = b.rank(p.id);
        if (value) {
            b.set(p.id, *value);
            m_activities.saveTotal(m.key, period, key, p.id, *value);
        } else {
            b.remove(p.id);
            m_activities.deleteTotal(m.key, period, key, p.id);
        }
        const std::optional<int> newRank = b.rank(p.id);
        if (previousRank != newRank)
            moves.append({period, key, previousRank, newRank, value, false});
    }
    emitRankings(p, m, moves, true, core().now());
}

} // namespace podium
