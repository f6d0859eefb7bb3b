#include "scoring/periods.h"

namespace podium {

QString periodName(Period p)
{
    switch (p) {
    case Period::Day: return QStringLiteral("day");
    case Period::Week: return QStringLiteral("week");
    case Period::Month: return QStringLiteral("month");
    case Period::AllTime: return QStringLiteral("all");
    }
    return {};
}

bool parsePeriod(const QString &name, Period *out)
{
    for (Period p : allPeriods()) {
        if (periodName(p) == name) {
            *out = p;
            return true;
        }
    }
    if (name == QLatin1String("all-time") || name == QLatin1String("alltime")) {
        *out = Period::AllTime;
        return true;
    }
    return false;
}

const QList<Period> &allPeriods()
{
    static const QList<Period> periods{Period::Day, Period::Week, Period::Month, Period::AllTime};
    return periods;
}

PeriodCalendar::PeriodCalendar(QTimeZone zone) : m_zone(zone.isValid() ? zone : QTimeZone::utc()) {}

QDate PeriodCalendar::localDate(const QDateTime &when) const
{
    return when.toTimeZone(m_zone).date();
}

QString PeriodCalendar::key(Period p, const QDateTime &when) const
{
    const QDate d = localDate(when);
    switch (p) {
    case Period::Day: return d.toString(Qt::ISODate);
    case Period::Week: {
        int isoYear = 0;
        const int week = d.weekNumber(&isoYear);
        return QStringLiteral("%1-W%2").arg(isoYear).arg(week, 2, 10, QLatin1Char('0'));
    }
    case Period::Month: return d.toString(QStringLiteral("yyyy-MM"));
    case Period::AllTime: return QStringLiteral("all");
    }
    return {};
}

QDate PeriodCalendar::firstDay(Period p, QDate d) const
{
    switch (p) {
    case Period::Day: return d;
    case Period::Week: return d.addDays(1 - d.dayOfWeek());
    case Period::Month: return QDate(d.year(), d.month(), 1);
    case Period::AllTime: return QDate(1970, 1, 1);
    }
    return d;
}

QDateTime PeriodCalendar::startOfDay(QDate d) const
{
    // QDate::startOfDay handles zones whose midnight does not exist (DST jumps
    // at 00:00) by taking the first valid instant of that day. Where midnight
    // happens twice (clocks fall back at 01:00 to 00:00), Qt 6.4 picks the
    // later one; the day starts at the earlier, so try the offset in force
    // just before and keep it if that instant still falls on `d`.
    const QDateTime qtStart = d.startOfDay(m_zone).toUTC();
    const int offsetBefore = m_zone.offsetFromUtc(qtStart.addSecs(-6 * 3600));
    const QDateTime earlier = QDateTime(d, QTime(0, 0), Qt::OffsetFromUTC, offsetBefore).toUTC();
    if (earlier < qtStart && earlier.toTimeZone(m_zone).date() == d)
        return earlier;
    return qtStart;
}

QDateTime PeriodCalendar::start(Period p, const QDateTime &when) const
{
    return startOfDay(firstDay(p, localDate(when)));
}

QDateTime PeriodCalendar::end(Period p, const QDateTime &when) const
{
    const QDate first = firstDay(p, localDate(when));
    switch (p) {
    case Period::Day: return startOfDay(first.addDays(1));
    case Period::Week: return startOfDay(first.addDays(7));
    case Period::Month: return startOfDay(first.addMonths(1));
    case Period::AllTime: return QDateTime(QDate(9999, 12, 31), QTime(0, 0), Qt::UTC);
    }
    return {};
}

} // namespace podium
