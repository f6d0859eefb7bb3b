// Contests as the other services see them: what an activity or a
// correction does to their standings.
#include "contests/contestservice.h"

#include "engine/engine.h"
#include "rooms.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace podium {

ContestService::ContestService(Engine &core) : Service(core) { }

bool ContestService::load(QString *error)
{
    Engine &e = core();
    QSqlQuery q = e.m_store.select(error, QStringLiteral(
        "SELECT id, name, metric, starts_at, ends_at, mode, prizes, state, placements, payout FROM contests"));
    while (q.next()) {
        auto c = std::make_shared<Contest>();
        c->id = q.value(0).toLongLong();
        c->name = q.value(1).toString();
        c->metric = q.value(2).toString();
        c->startsAt = QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs);
        c->endsAt = QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs);
        c->teams = q.value(5).toString() == QLatin1String("teams");
        c->prizes = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).array();
        const QString state = q.value(7).toString();
        c->state = state == QLatin1String("live")    ? ContestState::Live
                   : state == QLatin1String("ended") ? ContestState::Ended
                                                     : ContestState::Scheduled;
        c->placements = QJsonDocument::fromJson(q.value(8).toString().toUtf8()).array();
        c->payout = QJsonDocument::fromJson(q.value(9).toString().toUtf8()).object();
        if (q.value(9).isNull())
            c->payout = QJsonValue();
        e.m_contests.insert(c->id, c);
    }
    for (auto &c : e.m_contests)
        e.rebuildContestStandings(*c);
    e.armContestTimer();
    return true;
}

void ContestService::reset()
{
    core().m_contests.clear();
}

void ContestService::onActivity(const Person &person, const Metric &metric, double amount, const QDateTime &at)
{
    core().updateContests(person, metric, amount, at);
}

void ContestService::onCorrection(const Metric &metric, const QDateTime &at)
{
    Engine &e = core();
    for (auto &c : e.m_contests) {
        if (c->metric == metric.key && at >= c->startsAt && at < c->endsAt) {
            e.rebuildContestStandings(*c);
            e.emitEvent(rooms::contest(c->id), "contest:update", e.contestJson(*c));
        }
    }
}

void ContestService::rebuildAllStandings()
{
    Engine &e = core();
    for (auto &contest : e.m_contests)
        e.rebuildContestStandings(*contest);
}

} // namespace podium
