#pragma once

#include "engine/outcome.h"
#include "engine/service.h"
#include "scoring/activity.h"
#include "scoring/board.h"
#include "scoring/periods.h"
#include "store/activityrepository.h"
#include "store/scoringrepository.h"

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

    // What the other services use.
    Board &board(const QString &metric, Period period, const QString &key);
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
    ScoringRepository m_repository;
    ActivityRepository m_activities;
};

} // namespace podium
