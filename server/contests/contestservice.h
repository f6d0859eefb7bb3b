#pragma once

#include "engine/service.h"

#include <QDateTime>

namespace podium {

struct Metric;
struct Person;

// Contests: their lifecycle (scheduled, live, ended), standings, placements
// and payouts.
class ContestService : public Service
{
public:
    explicit ContestService(Engine &core);

    bool load(QString *error) override;
    void reset() override;

    // What the other services call.
    // An activity of `amount` by `person` counted at `at`.
    void onActivity(const Person &person, const Metric &metric, double amount, const QDateTime &at);
    // An activity of `metric` at `at` was voided: contests whose window
    // holds it recompute their standings.
    void onCorrection(const Metric &metric, const QDateTime &at);
    // Who is on the boards changed (a person left or came back).
    void rebuildAllStandings();
};

} // namespace podium
