#pragma once

#include "scoring/streak.h"

#include <QList>
#include <QString>
#include <optional>

namespace podium {

class BatchWriter;

struct BadgeAward
{
    QString badge;
    QString at;
};

// Scoring's rows beside the totals: streaks and badges awarded.
class ScoringRepository
{
public:
    explicit ScoringRepository(BatchWriter &writer)
        : m_writer(writer)
    { }

    std::optional<Streak> streak(qint64 person);
    void saveStreak(qint64 person, const Streak &streak);
    // False when `person` holds `badge` already (a badge is awarded once).
    bool insertBadgeAward(const QString &badge, qint64 person, const QString &at, const QString &reason);
    // A person's badges, oldest first.
    QList<BadgeAward> badgeAwards(qint64 person);

private:
    BatchWriter &m_writer;
};

} // namespace podium
