#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QTimeZone>

namespace podium {

// Leaderboard periods. Boundaries are computed in the configured time zone:
// a sale at 23:30 local time on the 31st belongs to that month even when UTC
// has already moved on.
enum class Period { Day, Week, Month, AllTime };

QString periodName(Period p);
bool parsePeriod(const QString &name, Period *out);
const QList<Period> &allPeriods();

class PeriodCalendar
{
public:
    explicit PeriodCalendar(QTimeZone zone = QTimeZone::systemTimeZone());

    const QTimeZone &zone() const { return m_zone; }
    QDate localDate(const QDateTime &when) const;
    // Key naming the period containing `when`: "2026-11-21", "2026-W47",
    // "2026-11", "all".
    QString key(Period p, const QDateTime &when) const;
    // Half-open [start, end) of the period containing `when`, as UTC instants.
    QDateTime start(Period p, const QDateTime &when) const;
    QDateTime end(Period p, const QDateTime &when) const;

private:
    QDate firstDay(Period p, QDate d) const;
    QDateTime startOfDay(QDate d) const;
    QTimeZone m_zone;
};

} // namespace podium
