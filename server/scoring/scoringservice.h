#pragma once

#include "engine/outcome.h"
#include "engine/service.h"
#include "scoring/activity.h"
#include "scoring/board.h"
#include "scoring/periods.h"
#include "scoring/streak.h"
#include "store/activityrepository.h"
#include "store/scoringrepository.h"

#include <QHash>
#include <QJsonObject>
#include <optional>

namespace podium {

struct Metric;
struct MilestoneRule;
struct Person;

// A badge given by hand, as it was granted.
struct AwardedBadge
{
    qint64 person = 0;
    QJsonObject badge; // the badge's definition (key, name, icon, rarity, …)
};

// Scoring: activities and corrections, the boards of every period,
// milestones, badges awarded, XP and levels, streaks.
class ScoringService : public Service
{
public:
    explicit ScoringService(Engine &core);

    bool load(QString *error) override;
    void reset() override;

    // --- Activities (ingest.cpp) ---
    // Records one activity: totals and ranks of every period board, the
    // idempotency key, milestones, XP, streak and contests, and the events
    // that tell the walls. A key seen before is replayed, not counted.
    Outcome<RecordedActivity> record(const ActivityInput &input);
    // The checks record() makes, one by one, for callers that must report
    // them in a given order among their own.
    std::optional<DomainError> checkPerson(qint64 person) const;
    Outcome<const Metric *> checkMetric(const QString &key) const;
    std::optional<DomainError> checkTime(const QDateTime &at) const;
    static std::optional<DomainError> checkAmount(const Metric &metric, double amount);

    // --- Corrections (corrections.cpp) ---
    Outcome<StoredActivity> activity(qint64 id);
    // Voids an activity: every board of the periods it counted in is
    // recomputed from what still counts. Answers the activity as it is now.
    Outcome<StoredActivity> voidActivity(qint64 id);

    // --- What activities earn (milestones.cpp) ---
    // A badge given by hand (milestones award the others).
    Outcome<AwardedBadge> awardBadge(qint64 person, const QString &badge, const QString &reason);
    static DomainError unknownBadge(const QString &badge);
    // Celebrates `achievement` of `person` on the walls and in their feed.
    void celebrate(const Person &person, QJsonObject achievement);

    // --- Boards (boards.cpp) ---
    // Boards held in memory: those of the current periods, plus at most
    // kMaxPastBoards of other periods (least recently used go first; they
    // are rebuilt from the stored totals when asked for again).
    static constexpr int kMaxPastBoards = 64;
    Board &board(const QString &metric, Period period, const QString &key);
    int cachedBoards() const { return int(m_boards.size()); }
    // Drops cached boards (of `metric`, or all): they are rebuilt from the
    // stored totals on next use.
    void forgetBoards(const QString &metric = QString());

    // A person's streak and badges, as stored (the profile of GET /api/people/{id}).
    std::optional<Streak> storedStreak(qint64 person) { return m_repository.streak(person); }
    QList<BadgeAward> badgeAwards(qint64 person) { return m_repository.badgeAwards(person); }
    ScoringRepository &repository() { return m_repository; }
    ActivityRepository &activities() { return m_activities; }

private:
    // The effect of one activity on one period board.
    struct Change
    {
        Period period;
        QString key;
        std::optional<double> before;
        double after = 0;
        std::optional<int> previousRank;
        int newRank = 0;
    };
    struct RankMove
    {
        Period period;
        QString key;
        std::optional<int> previous;
        std::optional<int> now;
        std::optional<double> value;
        bool significant = false;
    };
    // The first answer for `input.key`, or the refusal when the key was
    // used for a different activity; nothing when the key is new.
    std::optional<RecordedActivity> replay(const ActivityInput &input, std::optional<DomainError> *refusal);
    // activity:new, which carries what the reply says; sets `a.seq`.
    void emitActivity(RecordedActivity &a, const Person &p, const Metric &m, const QString &source);
    void emitRankings(const Person &p, const Metric &m, const QList<RankMove> &moves, bool correction,
                      const QDateTime &at);
    void recomputeBoards(const Person &p, const Metric &m, const QDateTime &at);
    void evaluateValueRules(const Person &p, const Metric &m, const Change &change, double amount, const QDateTime &at);
    void updateStreak(const Person &p, const QDateTime &at);
    void updateXp(const Person &p, double before, double after, const QString &source);
    bool fireMilestone(const MilestoneRule &rule, const Person &p, const QString &periodKey, double value,
                       QJsonObject achievement);
    bool grantBadge(const Person &p, const QString &badgeKey, const QString &reason, QJsonObject *badgeInfo);

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
    QHash<qint64, Streak> m_streaks; // loaded per person on first use
    ScoringRepository m_repository;
    ActivityRepository m_activities;
};

} // namespace podium
