#include "store/scoringrepository.h"

#include "store/batchwriter.h"
#include "store/store.h"

#include <QSqlQuery>

namespace podium {

std::optional<Streak> ScoringRepository::streak(qint64 person)
{
    QSqlQuery &q = m_writer.store().prepared(
            QStringLiteral("SELECT current_days, best_days, last_day, started_day FROM streaks WHERE person_id = ?"));
    q.bindValue(0, person);
    std::optional<Streak> found;
    if (q.exec() && q.next())
        found = Streak {q.value(0).toInt(), q.value(1).toInt(), QDate::fromString(q.value(2).toString(), Qt::ISODate),
                        QDate::fromString(q.value(3).toString(), Qt::ISODate)};
    q.finish();
    return found;
}

void ScoringRepository::saveStreak(qint64 person, const Streak &s)
{
    m_writer.write(QStringLiteral("INSERT INTO streaks (person_id, current_days, best_days, last_day, started_day) "
                                  "VALUES (?, ?, ?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET "
                                  "current_days = excluded.current_days, best_days = excluded.best_days, "
                                  "last_day = excluded.last_day, started_day = excluded.started_day"),
                   {person, s.current, s.best, s.last.toString(Qt::ISODate), s.started.toString(Qt::ISODate)});
}

bool ScoringRepository::insertBadgeAward(const QString &badge, qint64 person, const QString &at, const QString &reason)
{
    return m_writer.writeAffected(QStringLiteral("INSERT INTO badge_awards (badge, person_id, at, reason) "
                                                 "VALUES (?, ?, ?, ?) ON CONFLICT (badge, person_id) DO NOTHING"),
                                  {badge, person, at, reason})
            > 0;
}

QList<BadgeAward> ScoringRepository::badgeAwards(qint64 person)
{
    QSqlQuery &q = m_writer.store().prepared(
            QStringLiteral("SELECT badge, at FROM badge_awards WHERE person_id = ? ORDER BY at"));
    q.bindValue(0, person);
    QList<BadgeAward> awards;
    if (q.exec()) {
        while (q.next())
            awards.append({q.value(0).toString(), q.value(1).toString()});
    }
    q.finish();
    return awards;
}

} // namespace podium
