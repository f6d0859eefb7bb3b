#pragma once

#include "scoring/board.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonValue>
#include <QString>

namespace podium {

// A contest's lifecycle: scheduled → live → ended. It moves by itself at its
// start and end times, also when Podium was down at that moment.
enum class ContestState { Scheduled, Live, Ended };

QString contestStateName(ContestState state);

struct Contest
{
    qint64 id = 0;
    QString name;
    QString metric;
    QDateTime startsAt;
    QDateTime endsAt;
    bool teams = false;
    QJsonArray prizes;
    ContestState state = ContestState::Scheduled;
    QJsonArray placements;
    QJsonValue payout;
    Board standings; // by person, or by team for a team contest
};

} // namespace podium
