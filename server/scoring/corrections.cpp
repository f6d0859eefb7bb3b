// Scoring: reading one activity back, and voiding it (every board of the
// periods it counted in is recomputed from what still counts).
#include "engine/engine.h"

#include "rooms.h"

namespace podium {

Reply Engine::getActivity(qint64 id)
{
    const std::optional<StoredActivity> a = scoring().activities().byId(id);
    if (!a)
        return Reply::notFound(QStringLiteral("activity %1 does not exist").arg(id));
    const Metric *m = metric(a->metric);
    const bool sum = !m || m->aggregation == Metric::Aggregation::Sum;
    QJsonObject json {{"id", id},
                      {"person", a->person},
                      {"metric", a->metric},
                      {sum ? "delta" : "value", a->amount},
                      {"at", a->at},
                      {"key", a->key ? QJsonValue(*a->key) : QJsonValue()},
                      {"voided", a->voided},
                      {"source", a->source}};
    return {200, json};
}

Reply Engine::voidActivity(qint64 id)
{
    const Reply found = getActivity(id);
    if (!found.ok())
        return found;
    if (found.body.value("voided").toBool())
        return Reply::conflict(QStringLiteral("activity %1 is already voided").arg(id));
    const Person *p = person(found.body.value("person").toInteger());
    const Metric *m = metric(found.body.value("metric").toString());
    if (!p || !m)
        return Reply::conflict(QStringLiteral("activity %1 refers to a removed person or metric").arg(id));
    scoring().activities().markVoided(id);
    const QDateTime at = QDateTime::fromString(found.body.value("at").toString(), Qt::ISODateWithMs);
    recomputeBoards(*p, *m, at);
    // Contests whose window holds the activity recompute their standings.
    contests().onCorrection(*m, at);
    emitEvent(rooms::leaderboard(m->key), "leaderboard:refresh",
              {{"metric", m->key}, {"reason", "correction"}, {"activity", id}});
    QJsonObject body = found.body;
    body.insert("voided", true);
    return {200, body};
}

void Engine::recomputeBoards(const Person &p, const Metric &m, const QDateTime &at)
{
    // Recompute this person's value in every period holding `at` from the
    // activities that still count. Milestones already fired stay fired.
    QList<RankMove> moves;
    for (Period period : m.periods) {
        const QString key = m_calendar.key(period, at);
        using Fold = ActivityRepository::Fold;
        const Fold fold = m.aggregation == Metric::Aggregation::Sum ? Fold::Sum
                : m.aggregation == Metric::Aggregation::Latest      ? Fold::Latest
                : m.higherIsBetter                                  ? Fold::Highest
                                                                    : Fold::Lowest;
        // The all-time board holds every activity, also one stored before
        // `at` was range-checked: recomputing it has no time bounds.
        const bool allTime = period == Period::AllTime;
        const std::optional<double> value = scoring().activities().countedTotal(
                p.id, m.key, fold, allTime ? QDateTime() : m_calendar.start(period, at),
                allTime ? QDateTime() : m_calendar.end(period, at));
        Board &b = scoring().board(m.key, period, key);
        const std::optional<int> previousRank = b.rank(p.id);
        if (value) {
            b.set(p.id, *value);
            scoring().activities().saveTotal(m.key, period, key, p.id, *value);
        } else {
            b.remove(p.id);
            scoring().activities().deleteTotal(m.key, period, key, p.id);
        }
        const std::optional<int> newRank = b.rank(p.id);
        if (previousRank != newRank)
            moves.append({period, key, previousRank, newRank, value, false});
    }
    emitRankings(p, m, moves, true, now());
}

} // namespace podium
