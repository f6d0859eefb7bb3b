#pragma once

#include "engine/service.h"
#include "scoring/board.h"
#include "scoring/periods.h"

namespace podium {

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
};

} // namespace podium
