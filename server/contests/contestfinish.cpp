// The end of a contest: its placements, and the top three celebrated.
#include "contests/contestservice.h"

#include "engine/engine.h"
#include "logging.h"
#include "rooms.h"
#include "scoring/scoringservice.h"
#include "social/socialservice.h"

namespace podium {

namespace {
QString ordinal(int n)
{
    switch (n) {
    case 1:
        return QStringLiteral("1st");
    case 2:
        return QStringLiteral("2nd");
    case 3:
        return QStringLiteral("3rd");
    default:
        return QStringLiteral("%1th").arg(n);
    }
}
} // namespace

void ContestService::finish(Contest &c)
{
    Engine &e = core();
    rebuildStandings(c);
    c.state = ContestState::Ended;
    c.placements = QJsonArray();
    const Metric *m = e.metric(c.metric);
    for (const Board::Entry &entry : c.standings.entries()) {
        const int place = c.standings.rankOfValue(entry.value);
        if (place > 3)
            break;
        QJsonObject placement {{"place", place},
                               {"value", entry.value},
                               {"formatted", m ? m->format(entry.value) : formatValue(entry.value, QString())},
                               {"prize", c.prizes.at(place - 1)}};
        if (c.teams) {
            placement.insert("team", entry.person);
            placement.insert("name", e.team(entry.person) ? e.team(entry.person)->name : QString());
        } else {
            placement.insert("person", entry.person);
            placement.insert("name", e.person(entry.person) ? e.person(entry.person)->name : QString());
        }
        c.placements.append(placement);
    }
    m_repository.save(c);
    const QJsonObject ended = json(c);
    e.emitEvent(rooms::contest(c.id), "contest:ended", ended);
    e.emitEvent(rooms::tvDisplay(), "contest:ended", ended);
    celebratePlacements(c);
    qCInfo(lcEngine) << "contest" << c.id << c.name << "ended with" << c.placements.size() << "placements";
}

void ContestService::celebratePlacements(const Contest &c)
{
    Engine &e = core();
    for (const QJsonValue &v : std::as_const(c.placements)) {
        const QJsonObject pl = v.toObject();
        const int place = pl.value("place").toInt();
        const QString prize = pl.value("prize").isString() ? pl.value("prize").toString() : QString();
        const QString title = QStringLiteral("%1 Place — %2").arg(ordinal(place), c.name);
        const QString name = pl.value("name").toString();
        const QJsonObject achievement {
                {"achievementType", "contest"},
                {"title", title},
                {"description",
                 prize.isEmpty()
                         ? QStringLiteral("%1 finished %2 in %3").arg(name, ordinal(place), c.name)
                         : QStringLiteral("%1 finished %2 in %3 and wins %4").arg(name, ordinal(place), c.name, prize)},
                {"icon",
                 place == 1           ? "🥇"
                         : place == 2 ? "🥈"
                                      : "🥉"},
                {"rarity", place == 1 ? "epic" : "rare"},
                {"contestId", c.id},
                {"contestName", c.name},
                {"placement", place},
                {"prize", pl.value("prize")},
                {"timestamp", e.nowText(e.now())}};
        if (!c.teams) {
            if (const Person *p = e.person(pl.value("person").toInteger()))
                e.scoring().celebrate(*p, achievement);
            continue;
        }
        QJsonObject teamAchievement = achievement;
        teamAchievement.insert("team", pl.value("team"));
        teamAchievement.insert("teamName", pl.value("name"));
        teamAchievement.insert("name", pl.value("name"));
        e.emitEvent(rooms::tvDisplay(), "achievement:celebration", teamAchievement);
        for (const auto &p : e.directory().people()) {
            if (p->teamId == pl.value("team").toInteger() && p->active)
                e.social().notify(p->id, "contest", title, achievement.value("description").toString());
        }
    }
}

} // namespace podium
