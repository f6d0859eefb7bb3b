// Contests: scheduled → live → ended, by themselves at their times.
#include "contests/contestservice.h"

#include "engine/engine.h"
#include "logging.h"
#include "rooms.h"

#include <QTimer>

namespace podium {

QString contestStateName(ContestState s)
{
    switch (s) {
    case ContestState::Scheduled:
        return QStringLiteral("scheduled");
    case ContestState::Live:
        return QStringLiteral("live");
    case ContestState::Ended:
        return QStringLiteral("ended");
    }
    return {};
}

ContestService::ContestService(Engine &core)
    : Service(core)
    , m_repository(core)
    , m_timer(new QTimer(&core))
{
    m_timer->setSingleShot(true);
    QObject::connect(m_timer, &QTimer::timeout, &core, [this] {
        tick();
        this->core().flush();
    });
}

ContestService::~ContestService() = default;

bool ContestService::load(QString *error)
{
    m_repository.load(&m_contests, error);
    for (auto &c : m_contests)
        rebuildStandings(*c);
    armTimer();
    return true;
}

void ContestService::reset()
{
    m_contests.clear();
    m_timer->stop();
}

DomainError ContestService::noSuchContest(qint64 id)
{
    return DomainError::notFound(QStringLiteral("contest %1 does not exist").arg(id));
}

DomainError ContestService::unknownMetric(const QString &key)
{
    return DomainError::invalid(QStringLiteral("field 'metric': unknown metric '%1'").arg(key));
}

DomainError ContestService::endsBeforeStart()
{
    return DomainError::invalid(QStringLiteral("field 'endsAt' must be after 'startsAt'"));
}

const Contest *ContestService::contest(qint64 id) const
{
    return m_contests.value(id).get();
}

QList<std::shared_ptr<Contest>> ContestService::inIdOrder() const
{
    QList<std::shared_ptr<Contest>> out = m_contests.values();
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a->id < b->id; });
    return out;
}

QList<const Contest *> ContestService::contestsById() const
{
    QList<const Contest *> out;
    for (const std::shared_ptr<Contest> &c : inIdOrder())
        out.append(c.get());
    return out;
}

QJsonArray ContestService::standingsJson(const Contest &c, int limit) const
{
    const Engine &e = core();
    QJsonArray arr;
    const Metric *m = e.metric(c.metric);
    for (const Board::Entry &entry : c.standings.entries()) {
        if (arr.size() >= limit)
            break;
        QJsonObject row {{"rank", c.standings.rankOfValue(entry.value)},
                         {"value", entry.value},
                         {"formatted", m ? m->format(entry.value) : formatValue(entry.value, QString())}};
        if (c.teams) {
            const Team *t = e.team(entry.person);
            row.insert("team", entry.person);
            row.insert("name", t ? t->name : QString());
            row.insert("color", t ? t->color : QString());
        } else {
            const Person *p = e.person(entry.person);
            row.insert("person", entry.person);
            row.insert("name", p ? p->name : QString());
            row.insert("initials", p ? p->initials : QString());
            row.insert("color", p ? p->color : QString());
        }
        arr.append(row);
    }
    return arr;
}

QJsonObject ContestService::json(const Contest &c, int standingsLimit) const
{
    return {{"id", c.id},
            {"contestId", c.id},
            {"name", c.name},
            {"metric", c.metric},
            {"startsAt", isoTime(c.startsAt)},
            {"endsAt", isoTime(c.endsAt)},
            {"mode", c.teams ? "teams" : "individuals"},
            {"prizes", c.prizes},
            {"state", contestStateName(c.state)},
            {"remainingSeconds",
             c.state == ContestState::Ended ? 0 : std::max<qint64>(0, core().now().secsTo(c.endsAt))},
            {"standings", standingsJson(c, standingsLimit)},
            {"placements", c.placements},
            {"payout", c.payout}};
}

void ContestService::rebuildStandings(Contest &c)
{
    Engine &e = core();
    const Metric *m = e.metric(c.metric);
    c.standings = Board(m ? m->higherIsBetter : true);
    if (!m || c.state == ContestState::Scheduled)
        return;
    QHash<qint64, double> values;
    for (const auto &[personId, total] : m_repository.activityTotals(
                 c.metric, m->aggregation == Metric::Aggregation::Sum, m->higherIsBetter, c.startsAt, c.endsAt)) {
        qint64 id = personId;
        if (c.teams) {
            const Person *p = e.person(id);
            if (!p || !p->teamId)
                continue;
            id = p->teamId;
        }
        values[id] = values.contains(id) ? m->fold(values.value(id), total) : total;
    }
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        c.standings.set(it.key(), it.value());
}

Outcome<const Contest *> ContestService::create(ContestDraft draft)
{
    Engine &e = core();
    if (!e.metric(draft.metric))
        return unknownMetric(draft.metric);
    auto c = std::make_shared<Contest>();
    c->name = draft.name;
    c->metric = draft.metric;
    c->startsAt = (draft.startsAt.isValid() ? draft.startsAt : e.now()).toUTC();
    c->endsAt = draft.endsAt.toUTC();
    if (c->endsAt <= c->startsAt)
        return endsBeforeStart();
    c->teams = draft.teams;
    c->prizes = draft.prizes;
    c->id = m_repository.nextId();
    c->state = ContestState::Scheduled;
    m_repository.save(*c);
    m_contests.insert(c->id, c);
    e.emitEvent(rooms::contest(c->id), "contest:update", json(*c));
    // Walls learn of new contests on their own room (they join contest rooms
    // only for contests they know).
    e.emitEvent(rooms::tvDisplay(), "contest:update", json(*c));
    tick(); // a contest starting now goes live at once
    return c.get();
}

Outcome<const Contest *> ContestService::start(qint64 id)
{
    const auto c = m_contests.value(id);
    if (!c)
        return noSuchContest(id);
    if (c->state != ContestState::Scheduled)
        return DomainError::conflict(
                QStringLiteral("contest %1 is %2, not scheduled").arg(id).arg(contestStateName(c->state)));
    c->startsAt = core().now();
    m_repository.save(*c);
    tick();
    return c.get();
}

Outcome<const Contest *> ContestService::end(qint64 id)
{
    const auto c = m_contests.value(id);
    if (!c)
        return noSuchContest(id);
    if (c->state == ContestState::Ended)
        return DomainError::conflict(QStringLiteral("contest %1 has already ended").arg(id));
    if (c->state == ContestState::Scheduled)
        return DomainError::conflict(QStringLiteral("contest %1 has not started; delete or start it instead").arg(id));
    c->endsAt = core().now();
    finish(*c);
    armTimer();
    return c.get();
}

std::optional<DomainError> ContestService::payoutRefusal(qint64 id) const
{
    const auto c = m_contests.value(id);
    if (!c)
        return noSuchContest(id);
    if (c->state != ContestState::Ended)
        return DomainError::conflict(QStringLiteral("contest %1 has not ended; payout comes after the end").arg(id));
    return std::nullopt;
}

Outcome<const Contest *> ContestService::recordPayout(qint64 id, QJsonObject payout)
{
    if (std::optional<DomainError> refused = payoutRefusal(id))
        return *refused;
    const auto c = m_contests.value(id);
    payout.insert("recordedAt", core().nowText(core().now()));
    c->payout = payout;
    m_repository.save(*c);
    core().emitEvent(rooms::contest(id), "contest:update", json(*c));
    return c.get();
}

void ContestService::tick()
{
    Engine &e = core();
    const QDateTime t = e.now();
    for (const std::shared_ptr<Contest> &contest : inIdOrder()) {
        Contest &c = *contest;
        if (c.state == ContestState::Scheduled && t >= c.startsAt) {
            c.state = ContestState::Live;
            rebuildStandings(c);
            m_repository.save(c);
            e.emitEvent(rooms::contest(c.id), "contest:update", json(c));
            e.emitEvent(rooms::tvDisplay(), "contest:update", json(c));
        }
        if (c.state == ContestState::Live && t >= c.endsAt)
            finish(c);
    }
    armTimer();
}

void ContestService::armTimer()
{
    QDateTime next;
    for (const auto &c : std::as_const(m_contests)) {
        const QDateTime t = c->state == ContestState::Scheduled ? c->startsAt
                : c->state == ContestState::Live                ? c->endsAt
                                                                : QDateTime();
        if (t.isValid() && (!next.isValid() || t < next))
            next = t;
    }
    if (!next.isValid()) {
        m_timer->stop();
        return;
    }
    const qint64 ms = std::clamp<qint64>(core().now().msecsTo(next) + 5, 0, 3600 * 1000);
    m_timer->start(std::chrono::milliseconds(ms));
}

void ContestService::onActivity(const Person &p, const Metric &m, double amount, const QDateTime &at)
{
    Engine &e = core();
    for (auto &cp : m_contests) {
        Contest &c = *cp;
        if (c.state != ContestState::Live || c.metric != m.key || at < c.startsAt || at >= c.endsAt)
            continue;
        const qint64 id = c.teams ? p.teamId : p.id;
        if (!id)
            continue;
        const std::optional<double> before = c.standings.value(id);
        c.standings.set(id, m.fold(before, amount));
        if (!before) {
            e.emitEvent(rooms::contest(c.id), "contest:entry",
                        {{"contestId", c.id},
                         {c.teams ? "team" : "person", id},
                         {"name", c.teams ? (e.team(id) ? e.team(id)->name : QString()) : p.name},
                         {"userId", p.id},
                         {"userName", p.name}});
        }
        e.emitEvent(rooms::contest(c.id), "contest:update", json(c));
    }
}

void ContestService::onCorrection(const Metric &metric, const QDateTime &at)
{
    for (auto &c : m_contests) {
        if (c->metric == metric.key && at >= c->startsAt && at < c->endsAt) {
            rebuildStandings(*c);
            core().emitEvent(rooms::contest(c->id), "contest:update", json(*c));
        }
    }
}

void ContestService::stopTimer()
{
    m_timer->stop();
}

void ContestService::rebuildAllStandings()
{
    for (auto &contest : m_contests)
        rebuildStandings(*contest);
}

} // namespace podium
