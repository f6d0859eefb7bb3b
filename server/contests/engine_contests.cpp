// Engine: contests — scheduled → live → ended, by themselves at their times.
#include "engine/engine.h"

#include "http/fields.h"
#include "logging.h"
#include "rooms.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace podium {

namespace {
constexpr int kMaxPrizes = 100;

QString stateName(ContestState s)
{
    switch (s) {
    case ContestState::Scheduled: return QStringLiteral("scheduled");
    case ContestState::Live: return QStringLiteral("live");
    case ContestState::Ended: return QStringLiteral("ended");
    }
    return {};
}

QString ordinal(int n)
{
    switch (n) {
    case 1: return QStringLiteral("1st");
    case 2: return QStringLiteral("2nd");
    case 3: return QStringLiteral("3rd");
    default: return QStringLiteral("%1th").arg(n);
    }
}

QString contestRoom(qint64 id)
{
    return rooms::contest(id);
}

template<typename T>
QString compact(const T &json)
{
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}
} // namespace

QJsonArray Engine::standingsJson(const Contest &c, int limit) const
{
    QJsonArray arr;
    const Metric *m = metric(c.metric);
    for (const Board::Entry &e : c.standings.entries()) {
        if (arr.size() >= limit)
            break;
        QJsonObject row {{"rank", c.standings.rankOfValue(e.value)},
                         {"value", e.value},
                         {"formatted", m ? m->format(e.value) : formatValue(e.value, QString())}};
        if (c.teams) {
            const Team *t = team(e.person);
            row.insert("team", e.person);
            row.insert("name", t ? t->name : QString());
            row.insert("color", t ? t->color : QString());
        } else {
            const Person *p = person(e.person);
            row.insert("person", e.person);
            row.insert("name", p ? p->name : QString());
            row.insert("initials", p ? p->initials : QString());
            row.insert("color", p ? p->color : QString());
        }
        arr.append(row);
    }
    return arr;
}

QJsonObject Engine::contestJson(const Contest &c) const
{
    return {{"id", c.id},
            {"contestId", c.id},
            {"name", c.name},
            {"metric", c.metric},
            {"startsAt", isoTime(c.startsAt)},
            {"endsAt", isoTime(c.endsAt)},
            {"mode", c.teams ? "teams" : "individuals"},
            {"prizes", c.prizes},
            {"state", stateName(c.state)},
            {"remainingSeconds", c.state == ContestState::Ended ? 0 : std::max<qint64>(0, now().secsTo(c.endsAt))},
            {"standings", standingsJson(c, 10)},
            {"placements", c.placements},
            {"payout", c.payout}};
}

void Engine::saveContest(const Contest &c)
{
    write(QStringLiteral("INSERT INTO contests (id, name, metric, starts_at, ends_at, mode, prizes, state, placements, payout) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                         "starts_at = excluded.starts_at, ends_at = excluded.ends_at, state = excluded.state, "
                         "placements = excluded.placements, payout = excluded.payout"),
          {c.id, c.name, c.metric, isoTime(c.startsAt), isoTime(c.endsAt), c.teams ? "teams" : "individuals",
           compact(c.prizes), stateName(c.state), compact(c.placements),
           c.payout.isObject() ? QVariant(compact(c.payout.toObject())) : QVariant()});
}

void Engine::rebuildContestStandings(Contest &c)
{
    const Metric *m = metric(c.metric);
    c.standings = Board(m ? m->higherIsBetter : true);
    if (!m || c.state == ContestState::Scheduled)
        return;
    const QString agg = m->aggregation == Metric::Aggregation::Sum ? QStringLiteral("SUM(amount)")
                        : m->higherIsBetter                         ? QStringLiteral("MAX(amount)")
                                                                    : QStringLiteral("MIN(amount)");
    QSqlQuery &q = m_store.prepared(QStringLiteral("SELECT person_id, %1 FROM activities WHERE metric = ? AND voided = 0 "
                                                   "AND at >= ? AND at < ? GROUP BY person_id")
                                        .arg(agg));
    q.bindValue(0, c.metric);
    q.bindValue(1, isoTime(c.startsAt));
    q.bindValue(2, isoTime(c.endsAt));
    QHash<qint64, double> values;
    if (q.exec()) {
        while (q.next()) {
            qint64 id = q.value(0).toLongLong();
            if (c.teams) {
                const Person *p = person(id);
                if (!p || !p->teamId)
                    continue;
                id = p->teamId;
            }
            values[id] = values.contains(id) ? fold(*m, values.value(id), q.value(1).toDouble()) : q.value(1).toDouble();
        }
    }
    q.finish();
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        c.standings.set(it.key(), it.value());
}

Reply Engine::createContest(const QJsonObject &input)
{
    auto c = std::make_shared<Contest>();
    if (auto invalid = fields::contestName.read(input.value("name"), &c->name))
        return *invalid;
    c->metric = input.value("metric").toString();
    if (!metric(c->metric))
        return Reply::badRequest(QStringLiteral("field 'metric': unknown metric '%1'").arg(c->metric));
    c->startsAt = input.contains("startsAt") ? QDateTime::fromString(input.value("startsAt").toString(), Qt::ISODateWithMs)
                                             : now();
    if (!c->startsAt.isValid())
        return Reply::badRequest("field 'startsAt' must be an ISO 8601 date-time");
    c->endsAt = QDateTime::fromString(input.value("endsAt").toString(), Qt::ISODateWithMs);
    if (!c->endsAt.isValid())
        return Reply::badRequest("field 'endsAt' must be an ISO 8601 date-time");
    c->startsAt = c->startsAt.toUTC();
    c->endsAt = c->endsAt.toUTC();
    if (c->endsAt <= c->startsAt)
        return Reply::badRequest("field 'endsAt' must be after 'startsAt'");
    const QString mode = input.value("mode").toString("individuals");
    if (mode != QLatin1String("individuals") && mode != QLatin1String("teams"))
        return Reply::badRequest("field 'mode' must be individuals or teams");
    c->teams = mode == QLatin1String("teams");
    if (input.contains("prizes") && !input.value("prizes").isArray())
        return Reply::badRequest("field 'prizes' must be an array, first place first");
    c->prizes = input.value("prizes").toArray();
    if (c->prizes.size() > kMaxPrizes)
        return Reply::badRequest(QStringLiteral("field 'prizes' may list at most %1 places").arg(kMaxPrizes));
    for (const QJsonValue &prize : std::as_const(c->prizes)) {
        QString text;
        if (prize.isString() && fields::prize.read(prize, &text))
            return Reply::badRequest(QStringLiteral("field 'prizes' must hold prizes of at most %1 characters")
                                             .arg(fields::prize.maxLength));
    }
    c->id = nextId("contests");
    c->state = ContestState::Scheduled;
    saveContest(*c);
    m_contests.insert(c->id, c);
    emitEvent(contestRoom(c->id), "contest:update", contestJson(*c));
    // Walls learn of new contests on their own room (they join contest rooms
    // only for contests they know).
    emitEvent("tv-display", "contest:update", contestJson(*c));
    tick(); // a contest starting now goes live at once
    return {201, contestJson(*c)};
}

Reply Engine::listContests() const
{
    QList<qint64> ids = m_contests.keys();
    std::sort(ids.begin(), ids.end());
    QJsonArray arr;
    for (qint64 id : ids)
        arr.append(contestJson(*m_contests.value(id)));
    return {200, {{"contests", arr}}};
}

Reply Engine::getContest(qint64 id) const
{
    const auto c = m_contests.value(id);
    if (!c)
        return Reply::notFound(QStringLiteral("contest %1 does not exist").arg(id));
    QJsonObject json = contestJson(*c);
    json.insert("standings", standingsJson(*c, 100));
    return {200, json};
}

Reply Engine::startContest(qint64 id)
{
    const auto c = m_contests.value(id);
    if (!c)
        return Reply::notFound(QStringLiteral("contest %1 does not exist").arg(id));
    if (c->state != ContestState::Scheduled)
        return Reply::conflict(QStringLiteral("contest %1 is %2, not scheduled").arg(id).arg(stateName(c->state)));
    c->startsAt = now();
    saveContest(*c);
    tick();
    return {200, contestJson(*c)};
}

Reply Engine::endContest(qint64 id)
{
    const auto c = m_contests.value(id);
    if (!c)
        return Reply::notFound(QStringLiteral("contest %1 does not exist").arg(id));
    if (c->state == ContestState::Ended)
        return Reply::conflict(QStringLiteral("contest %1 has already ended").arg(id));
    if (c->state == ContestState::Scheduled)
        return Reply::conflict(QStringLiteral("contest %1 has not started; delete or start it instead").arg(id));
    c->endsAt = now();
    finishContest(*c);
    armContestTimer();
    return {200, contestJson(*c)};
}

Reply Engine::recordPayout(qint64 id, const QJsonObject &input)
{
    const auto c = m_contests.value(id);
    if (!c)
        return Reply::notFound(QStringLiteral("contest %1 does not exist").arg(id));
    if (c->state != ContestState::Ended)
        return Reply::conflict(QStringLiteral("contest %1 has not ended; payout comes after the end").arg(id));
    if (!input.value("payouts").isArray())
        return Reply::badRequest("field 'payouts' must be an array of {\"place\",\"amount\",\"note\"}");
    QJsonObject payout = input;
    payout.insert("recordedAt", nowText(now()));
    c->payout = payout;
    saveContest(*c);
    emitEvent(contestRoom(id), "contest:update", contestJson(*c));
    return {200, contestJson(*c)};
}

void Engine::tick()
{
    const QDateTime t = now();
    QList<qint64> ids = m_contests.keys();
    std::sort(ids.begin(), ids.end());
    for (qint64 id : ids) {
        Contest &c = *m_contests.value(id);
        if (c.state == ContestState::Scheduled && t >= c.startsAt) {
            c.state = ContestState::Live;
            rebuildContestStandings(c);
            saveContest(c);
            emitEvent(contestRoom(id), "contest:update", contestJson(c));
            emitEvent("tv-display", "contest:update", contestJson(c));
        }
        if (c.state == ContestState::Live && t >= c.endsAt)
            finishContest(c);
    }
    armContestTimer();
}

void Engine::finishContest(Contest &c)
{
    rebuildContestStandings(c);
    c.state = ContestState::Ended;
    c.placements = QJsonArray();
    const Metric *m = metric(c.metric);
    for (const Board::Entry &e : c.standings.entries()) {
        const int place = c.standings.rankOfValue(e.value);
        if (place > 3)
            break;
        QJsonObject placement {{"place", place},
                               {"value", e.value},
                               {"formatted", m ? m->format(e.value) : formatValue(e.value, QString())},
                               {"prize", c.prizes.at(place - 1)}};
        if (c.teams) {
            placement.insert("team", e.person);
            placement.insert("name", team(e.person) ? team(e.person)->name : QString());
        } else {
            placement.insert("person", e.person);
            placement.insert("name", person(e.person) ? person(e.person)->name : QString());
        }
        c.placements.append(placement);
    }
    saveContest(c);
    const QJsonObject json = contestJson(c);
    emitEvent(contestRoom(c.id), "contest:ended", json);
    emitEvent("tv-display", "contest:ended", json);
    // Top-3 placements become achievements.
    for (const QJsonValue &v : std::as_const(c.placements)) {
        const QJsonObject pl = v.toObject();
        const int place = pl.value("place").toInt();
        const QString prize = pl.value("prize").isString() ? pl.value("prize").toString() : QString();
        const QString title = QStringLiteral("%1 Place — %2").arg(ordinal(place), c.name);
        const QJsonObject achievement{
            {"achievementType", "contest"},
            {"title", title},
            {"description", prize.isEmpty() ? QStringLiteral("%1 finished %2 in %3").arg(pl.value("name").toString(), ordinal(place), c.name)
                                            : QStringLiteral("%1 finished %2 in %3 and wins %4")
                                                  .arg(pl.value("name").toString(), ordinal(place), c.name, prize)},
            {"icon", place == 1 ? "🥇" : place == 2 ? "🥈" : "🥉"},
            {"rarity", place == 1 ? "epic" : "rare"},
            {"contestId", c.id},
            {"contestName", c.name},
            {"placement", place},
            {"prize", pl.value("prize")},
            {"timestamp", nowText(now())}};
        if (!c.teams) {
            if (const Person *p = person(pl.value("person").toInteger()))
                celebrate(*p, achievement);
            continue;
        }
        QJsonObject teamAchievement = achievement;
        teamAchievement.insert("team", pl.value("team"));
        teamAchievement.insert("teamName", pl.value("name"));
        teamAchievement.insert("name", pl.value("name"));
        emitEvent("tv-display", "achievement:celebration", teamAchievement);
        for (const auto &p : directory().people()) {
            if (p->teamId == pl.value("team").toInteger() && p->active)
                social().notify(p->id, "contest", title, achievement.value("description").toString());
        }
    }
    qCInfo(lcEngine) << "contest" << c.id << c.name << "ended with" << c.placements.size() << "placements";
}

void Engine::updateContests(const Person &p, const Metric &m, double amount, const QDateTime &at)
{
    for (auto &cp : m_contests) {
        Contest &c = *cp;
        if (c.state != ContestState::Live || c.metric != m.key || at < c.startsAt || at >= c.endsAt)
            continue;
        const qint64 id = c.teams ? p.teamId : p.id;
        if (!id)
            continue;
        const std::optional<double> before = c.standings.value(id);
        c.standings.set(id, fold(m, before, amount));
        if (!before) {
            emitEvent(contestRoom(c.id), "contest:entry",
                      {{"contestId", c.id},
                       {c.teams ? "team" : "person", id},
                       {"name", c.teams ? (team(id) ? team(id)->name : QString()) : p.name},
                       {"userId", p.id},
                       {"userName", p.name}});
        }
        emitEvent(contestRoom(c.id), "contest:update", contestJson(c));
    }
}

void Engine::armContestTimer()
{
    QDateTime next;
    for (const auto &c : std::as_const(m_contests)) {
        const QDateTime t = c->state == ContestState::Scheduled ? c->startsAt
                            : c->state == ContestState::Live    ? c->endsAt
                                                                : QDateTime();
        if (t.isValid() && (!next.isValid() || t < next))
            next = t;
    }
    if (!next.isValid()) {
        m_contestTimer.stop();
        return;
    }
    const qint64 ms = std::clamp<qint64>(now().msecsTo(next) + 5, 0, 3600 * 1000);
    m_contestTimer.start(std::chrono::milliseconds(ms));
}

} // namespace podium
