#pragma once

#include "engine/outcome.h"
#include "engine/service.h"
#include "scoring/activity.h"
#include "scoring/board.h"
#include "scoring/periods.h"
#include "store/activityrepository.h"
#include "store/scoringrepository.h"

#include <QHash>
#include <QJsonObject>

namespace podium {

struct Person;

// Scoring: activities and corrections, the boards of every period,
// milestones, badges awarded, XP and levels, streaks.
class ScoringService : public Service
{
public:
    explicit ScoringService(Engine &core);

    bool load(QString *error) override;
    void reset() override;

    // What the other services use. Boards held in memory: those of the
    // current periods, plus at most kMaxPastBoards of other periods (least
    // recently used go first; they are rebuilt from the stored totals when
    // asked for again).
    static constexpr int kMaxPastBoards = 64;
    Board &board(const QString &metric, Period period, const QString &key);
    int cachedBoards() const { return int(m_boards.size()); }
    // Drops cached boards (of `metric`, or all): they are rebuilt from the
    // stored totals on next use.
    void forgetBoards(const QString &metric = QString());
    // Records one activity; answers what was recorded as the wire shows it
    // (the body of POST /api/activities).
    Outcome<QJsonObject> record(const ActivityInput &input);
    // A person's streak and badges, as stored (the profile of GET /api/people/{id}).
    std::optional<Streak> storedStreak(qint64 person) { return m_repository.streak(person); }
    QList<BadgeAward> badgeAwards(qint64 person) { return m_repository.badgeAwards(person); }
    ScoringRepository &repository() { return m_repository; }
    ActivityRepository &activities() { return m_activities; }
    // Celebrates `achievement` of `person` on the walls and in their feed.
    void celebrate(const Person &person, QJsonObject achievement);

private:
    struct BoardKey
    {
        QString metric;
        Period period;
        QString periodKey;
        bool operator==(const BoardKey &o) const
        {
            return period == o.period && metric == o.metric && periodKey == o.periodKey;
        }
    };
    friend size_t qHash(const BoardKey &k, size_t seed)
    {
        return qHashMulti(seed, k.metric, int(k.period), k.periodKey);
    }
    struct CachedBoard
    {
        Board board;
        quint64 lastUse = 0;
    };
    // Forgets least recently used boards of past periods down to kMaxPastBoards - 1.
    void trimPastBoards();

    QHash<BoardKey, CachedBoard> m_boards;
    quint64 m_boardUses = 0;
    ScoringRepository m_repository;
    ActivityRepository m_activities;
};

} // namespace podium
