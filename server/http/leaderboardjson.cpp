#include "http/leaderboardjson.h"

#include "engine/engine.h"

#include <QJsonArray>

namespace podium::rest {

Reply leaderboard(Engine &engine, const QString &metricKey, const QUrlQuery &query)
{
    const Metric *m = engine.metric(metricKey);
    if (!m)
        return Reply::error(404, "unknown_metric", QStringLiteral("metric '%1' does not exist").arg(metricKey));
    Period period = Period::Month;
    if (query.hasQueryItem("period") && !parsePeriod(query.queryItemValue("period"), &period))
        return Reply::badRequest("parameter 'period' must be one of day, week, month, all");
    if (!m->periods.contains(period))
        return Reply::badRequest(
                QStringLiteral("parameter 'period': metric '%1' keeps no %2 board").arg(m->key, periodName(period)));
    QDateTime at = engine.clock()->now();
    if (query.hasQueryItem("at")) {
        at = QDateTime::fromString(query.queryItemValue("at", QUrl::FullyDecoded), Qt::ISODateWithMs);
        if (!at.isValid())
            return Reply::badRequest("parameter 'at' must be an ISO 8601 date-time");
    }
    int limit = 50;
    if (query.hasQueryItem("limit")) {
        bool ok = false;
        limit = query.queryItemValue("limit").toInt(&ok);
        if (!ok || limit < 1 || limit > 1000)
            return Reply::badRequest("parameter 'limit' must be between 1 and 1000");
    }
    const QString scope
            = query.queryItemValue("scope").isEmpty() ? QStringLiteral("people") : query.queryItemValue("scope");
    if (scope != QLatin1String("people") && scope != QLatin1String("teams"))
        return Reply::badRequest("parameter 'scope' must be people or teams");
    const QString key = engine.calendar().key(period, at);
    const Board &b = engine.scoring().board(m->key, period, key);
    QJsonArray entries;
    if (scope == QLatin1String("people")) {
        for (const Board::Entry &e : b.entries()) {
            if (entries.size() >= limit)
                break;
            const Person *p = engine.person(e.person);
            if (!p || !p->active)
                continue;
            const Team *t = engine.team(p->teamId);
            entries.append(QJsonObject {{"rank", b.rankOfValue(e.value)},
                                        {"person", p->id},
                                        {"name", p->name},
                                        {"initials", p->initials},
                                        {"color", p->color},
                                        {"team", t ? QJsonValue(t->id) : QJsonValue()},
                                        {"teamName", t ? QJsonValue(t->name) : QJsonValue()},
                                        {"teamColor", t ? QJsonValue(t->color) : QJsonValue()},
                                        {"value", e.value},
                                        {"formatted", m->format(e.value)}});
        }
    } else {
        // Team standing: sum of members for summed metrics, mean otherwise.
        QHash<qint64, QPair<double, int>> sums;
        for (const Board::Entry &e : b.entries()) {
            const Person *p = engine.person(e.person);
            if (!p || !p->active || !p->teamId)
                continue;
            auto &s = sums[p->teamId];
            s.first += e.value;
            s.second += 1;
        }
        Board teams(m->higherIsBetter);
        for (auto it = sums.cbegin(); it != sums.cend(); ++it)
            teams.set(it.key(), m->aggregation == Metric::Aggregation::Sum ? it->first : it->first / it->second);
        for (const Board::Entry &e : teams.entries()) {
            if (entries.size() >= limit)
                break;
            const Team *t = engine.team(e.person);
            entries.append(QJsonObject {{"rank", teams.rankOfValue(e.value)},
                                        {"team", e.person},
                                        {"name", t ? t->name : QString()},
                                        {"color", t ? t->color : QString()},
                                        {"members", sums.value(e.person).second},
                                        {"value", e.value},
                                        {"formatted", m->format(e.value)}});
        }
    }
    return {200,
            {{"metric", m->key},
             {"label", m->label},
             {"unit", m->unit},
             {"period", periodName(period)},
             {"periodKey", key},
             {"scope", scope},
             {"seq",
              engine.lastSeq()}, // the board holds every event up to here; the reply leaves once they are committed
             {"entries", entries}}};
}

} // namespace podium::rest
