#pragma once

#include "contests/contest.h"
#include "engine/outcome.h"
#include "engine/service.h"
#include "store/contestrepository.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <memory>

class QTimer;

namespace podium {

struct Metric;
struct Person;

// A new contest. Without a start it starts now.
struct ContestDraft
{
    QString name;
    QString metric;
    QDateTime startsAt;
    QDateTime endsAt;
    bool teams = false;
    QJsonArray prizes; // first place first
};

// Contests: their lifecycle (scheduled, live, ended) on their own timer,
// standings, placements and payouts.
class ContestService : public Service
{
public:
    explicit ContestService(Engine &core);
    ~ContestService() override;

    bool load(QString *error) override;
    void reset() override;

    const Contest *contest(qint64 id) const;
    // Every contest, by id.
    QList<const Contest *> contestsById() const;
    Outcome<const Contest *> create(ContestDraft draft);
    // Starts a scheduled contest now, or ends a live one now.
    Outcome<const Contest *> start(qint64 id);
    Outcome<const Contest *> end(qint64 id);
    // Records what was paid out, after the end.
    Outcome<const Contest *> recordPayout(qint64 id, QJsonObject payout);
    // Why a payout for contest `id` would be refused now: no such contest,
    // or it has not ended.
    std::optional<DomainError> payoutRefusal(qint64 id) const;
    // Moves contests whose start or end time has passed; runs by itself on
    // a timer, and tests call it after moving a ManualClock.
    void tick();

    // A contest as the wire shows it, in events and over REST, with its top
    // `standingsLimit` rows.
    QJsonObject json(const Contest &contest, int standingsLimit = 10) const;

    // What the other services call.
    // An activity of `amount` by `person` counted at `at`.
    void onActivity(const Person &person, const Metric &metric, double amount, const QDateTime &at);
    // An activity of `metric` at `at` was voided: contests whose window
    // holds it recompute their standings.
    void onCorrection(const Metric &metric, const QDateTime &at);
    // Who is on the boards changed (a person left or came back).
    void rebuildAllStandings();
    // The engine is closing: no more timed transitions.
    void stopTimer();

    static DomainError noSuchContest(qint64 id);
    static DomainError unknownMetric(const QString &key);
    static DomainError endsBeforeStart();

private:
    QJsonArray standingsJson(const Contest &contest, int limit) const;
    void rebuildStandings(Contest &contest);
    void finish(Contest &contest);
    void celebratePlacements(const Contest &contest);
    void armTimer();

    ContestRepository m_repository;
    QList<std::shared_ptr<Contest>> inIdOrder() const;
    QHash<qint64, std::shared_ptr<Contest>> m_contests;
    // A child of the engine, so that moving the engine to its thread takes it along.
    QTimer *m_timer;
};

} // namespace podium
