// podium::PeriodCalendar — which day, week, month a moment belongs to, in the
// configured time zone, and the exact [start, end) of that period as UTC
// instants. Expected values below were worked out from the IANA rules for
// 2026 (transitions listed next to each zone), not from Qt.

#include "scoring/periods.h"

#include <QTest>

using podium::Period;
using podium::PeriodCalendar;

namespace {

QDateTime utc(const char *iso)
{
    QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    Q_ASSERT(t.isValid());
    return t.toUTC();
}

QTimeZone zone(const QByteArray &id)
{
    return id == "UTC" ? QTimeZone::utc() : QTimeZone(id);
}

// Local noon always exists, so it names a date unambiguously in any zone.
QDateTime noon(const QDate &d, const QTimeZone &z)
{
    return QDateTime(d, QTime(12, 0), z);
}

Period period(const QString &name)
{
    Period p = Period::AllTime;
    const bool ok = podium::parsePeriod(name, &p);
    Q_ASSERT(ok);
    Q_UNUSED(ok);
    return p;
}

const QByteArrayList &zonesUnderTest()
{
    static const QByteArrayList zones{"UTC",           "America/New_York", "Europe/Berlin",
                                      "Asia/Tokyo",    "Asia/Kolkata",     "Australia/Sydney",
                                      "America/Havana", "America/Santiago"};
    return zones;
}

} // namespace

class TestPeriods : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void names_data();
    void names();
    void boundaries_data();
    void boundaries();
    void dayLength_data();
    void dayLength();
    void allTime();
    void sameInstantAnySpec();
    void invalidZoneFallsBackToUtc();
    void daysTileTheYear_data();
    void daysTileTheYear();
    void weeksAndMonthsTileTheYear_data();
    void weeksAndMonthsTileTheYear();
};

void TestPeriods::initTestCase()
{
    for (const QByteArray &id : zonesUnderTest())
        QVERIFY2(zone(id).isValid(), id.constData());
}

void TestPeriods::names_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("day") << "day" << true << "day";
    QTest::newRow("week") << "week" << true << "week";
    QTest::newRow("month") << "month" << true << "month";
    QTest::newRow("all") << "all" << true << "all";
    QTest::newRow("all-time alias") << "all-time" << true << "all";
    QTest::newRow("alltime alias") << "alltime" << true << "all";
    QTest::newRow("year is not a period") << "year" << false << "";
    QTest::newRow("case matters") << "Day" << false << "";
    QTest::newRow("empty") << "" << false << "";
}

void TestPeriods::names()
{
    QFETCH(QString, name);
    QFETCH(bool, ok);
    QFETCH(QString, canonical);
    Period p = Period::Week;
    QCOMPARE(podium::parsePeriod(name, &p), ok);
    if (ok)
        QCOMPARE(podium::periodName(p), canonical);
    QCOMPARE(podium::allPeriods(), (QList<Period>{Period::Day, Period::Week, Period::Month, Period::AllTime}));
}

// Transitions in 2026 (local wall clock):
//  America/New_York  Mar 8 02:00 EST→03:00 EDT; Nov 1 02:00 EDT→01:00 EST
//  Europe/Berlin     Mar 29 02:00 CET→03:00 CEST; Oct 25 03:00 CEST→02:00 CET
//  Australia/Sydney  Apr 5 03:00 AEDT→02:00 AEST; Oct 4 02:00 AEST→03:00 AEDT
//  America/Havana    Mar 8 00:00 CST→01:00 CDT (no midnight); Nov 1 01:00 CDT→00:00 CST
//  America/Santiago  Apr 5 00:00 -03→Apr 4 23:00 -04; Sep 6 00:00 -04→01:00 -03 (no midnight)
void TestPeriods::boundaries_data()
{
    QTest::addColumn<QByteArray>("zoneId");
    QTest::addColumn<QDateTime>("when");
    QTest::addColumn<QString>("period");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QDateTime>("start");
    QTest::addColumn<QDateTime>("end");

    auto row = [](const char *zoneId, const char *when, const char *period, const char *key, const char *start,
                  const char *end, const char *label) {
        const QByteArray name = QByteArray(zoneId) + ' ' + when + ' ' + period + " (" + label + ')';
        QTest::newRow(name.constData()) << QByteArray(zoneId) << utc(when) << QString::fromLatin1(period)
                                        << QString::fromLatin1(key) << utc(start) << utc(end);
    };
    row("UTC", "2026-11-21T15:00:00Z", "day", "2026-11-21", "2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z", "plain Saturday"); // 24 h
    row("UTC", "2026-11-21T15:00:00Z", "week", "2026-W47", "2026-11-16T00:00:00Z", "2026-11-23T00:00:00Z", "plain Saturday"); // 168 h
    row("UTC", "2026-11-21T15:00:00Z", "month", "2026-11", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", "plain Saturday"); // 720 h
    row("UTC", "2025-12-30T12:00:00Z", "week", "2026-W01", "2025-12-29T00:00:00Z", "2026-01-05T00:00:00Z", "ISO week 1 starts in the previous year"); // 168 h
    row("UTC", "2026-12-31T12:00:00Z", "day", "2026-12-31", "2026-12-31T00:00:00Z", "2027-01-01T00:00:00Z", "last day of 2026 is in W53"); // 24 h
    row("UTC", "2026-12-31T12:00:00Z", "week", "2026-W53", "2026-12-28T00:00:00Z", "2027-01-04T00:00:00Z", "last day of 2026 is in W53"); // 168 h
    row("UTC", "2026-12-31T12:00:00Z", "month", "2026-12", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z", "last day of 2026 is in W53"); // 744 h
    row("UTC", "2027-01-01T00:00:00Z", "day", "2027-01-01", "2027-01-01T00:00:00Z", "2027-01-02T00:00:00Z", "2027-01-01 is still 2026-W53"); // 24 h
    row("UTC", "2027-01-01T00:00:00Z", "week", "2026-W53", "2026-12-28T00:00:00Z", "2027-01-04T00:00:00Z", "2027-01-01 is still 2026-W53"); // 168 h
    row("UTC", "2027-01-01T00:00:00Z", "month", "2027-01", "2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z", "2027-01-01 is still 2026-W53"); // 744 h
    row("UTC", "2027-01-03T23:59:59Z", "week", "2026-W53", "2026-12-28T00:00:00Z", "2027-01-04T00:00:00Z", "last second of 2026-W53"); // 168 h
    row("UTC", "2027-01-04T00:00:00Z", "week", "2027-W01", "2027-01-04T00:00:00Z", "2027-01-11T00:00:00Z", "first second of 2027-W01"); // 168 h
    row("UTC", "2028-02-29T12:00:00Z", "day", "2028-02-29", "2028-02-29T00:00:00Z", "2028-03-01T00:00:00Z", "leap day"); // 24 h
    row("UTC", "2028-02-29T12:00:00Z", "month", "2028-02", "2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z", "leap day"); // 696 h
    row("America/New_York", "2026-11-21T03:30:00Z", "day", "2026-11-20", "2026-11-20T05:00:00Z", "2026-11-21T05:00:00Z", "evening local, next day in UTC"); // 24 h
    row("America/New_York", "2026-11-21T03:30:00Z", "week", "2026-W47", "2026-11-16T05:00:00Z", "2026-11-23T05:00:00Z", "evening local, next day in UTC"); // 168 h
    row("America/New_York", "2026-11-21T03:30:00Z", "month", "2026-11", "2026-11-01T04:00:00Z", "2026-12-01T05:00:00Z", "evening local, next day in UTC"); // 721 h
    row("America/New_York", "2026-12-01T02:00:00Z", "month", "2026-11", "2026-11-01T04:00:00Z", "2026-12-01T05:00:00Z", "November locally, December in UTC; month spans DST end"); // 721 h
    row("America/New_York", "2027-01-01T03:00:00Z", "day", "2026-12-31", "2026-12-31T05:00:00Z", "2027-01-01T05:00:00Z", "New Year's Eve locally, 2027 in UTC"); // 24 h
    row("America/New_York", "2027-01-01T03:00:00Z", "week", "2026-W53", "2026-12-28T05:00:00Z", "2027-01-04T05:00:00Z", "New Year's Eve locally, 2027 in UTC"); // 168 h
    row("America/New_York", "2027-01-01T03:00:00Z", "month", "2026-12", "2026-12-01T05:00:00Z", "2027-01-01T05:00:00Z", "New Year's Eve locally, 2027 in UTC"); // 744 h
    row("America/New_York", "2026-03-08T12:00:00Z", "day", "2026-03-08", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", "spring forward: 23 h day"); // 23 h
    row("America/New_York", "2026-03-08T12:00:00Z", "week", "2026-W10", "2026-03-02T05:00:00Z", "2026-03-09T04:00:00Z", "spring forward: 23 h day"); // 167 h
    row("America/New_York", "2026-03-08T12:00:00Z", "month", "2026-03", "2026-03-01T05:00:00Z", "2026-04-01T04:00:00Z", "spring forward: 23 h day"); // 743 h
    row("America/New_York", "2026-03-08T06:59:59Z", "day", "2026-03-08", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", "last second of EST"); // 23 h
    row("America/New_York", "2026-03-08T07:00:00Z", "day", "2026-03-08", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", "first second of EDT"); // 23 h
    row("America/New_York", "2026-03-09T03:59:59Z", "day", "2026-03-08", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", "last second of the short day"); // 23 h
    row("America/New_York", "2026-03-09T04:00:00Z", "day", "2026-03-09", "2026-03-09T04:00:00Z", "2026-03-10T04:00:00Z", "first second after the short day"); // 24 h
    row("America/New_York", "2026-11-01T12:00:00Z", "day", "2026-11-01", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", "fall back: 25 h day"); // 25 h
    row("America/New_York", "2026-11-01T12:00:00Z", "week", "2026-W44", "2026-10-26T04:00:00Z", "2026-11-02T05:00:00Z", "fall back: 25 h day"); // 169 h
    row("America/New_York", "2026-11-01T05:30:00Z", "day", "2026-11-01", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", "01:30 EDT, first pass"); // 25 h
    row("America/New_York", "2026-11-01T06:30:00Z", "day", "2026-11-01", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", "01:30 EST, second pass"); // 25 h
    row("Europe/Berlin", "2026-03-29T12:00:00Z", "day", "2026-03-29", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", "spring forward: 23 h day"); // 23 h
    row("Europe/Berlin", "2026-03-29T12:00:00Z", "week", "2026-W13", "2026-03-22T23:00:00Z", "2026-03-29T22:00:00Z", "spring forward: 23 h day"); // 167 h
    row("Europe/Berlin", "2026-03-28T23:30:00Z", "day", "2026-03-29", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", "already the 29th locally"); // 23 h
    row("Europe/Berlin", "2026-10-25T12:00:00Z", "day", "2026-10-25", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", "fall back: 25 h day"); // 25 h
    row("Europe/Berlin", "2026-10-25T12:00:00Z", "week", "2026-W43", "2026-10-18T22:00:00Z", "2026-10-25T23:00:00Z", "fall back: 25 h day"); // 169 h
    row("Europe/Berlin", "2026-10-25T12:00:00Z", "month", "2026-10", "2026-09-30T22:00:00Z", "2026-10-31T23:00:00Z", "fall back: 25 h day"); // 745 h
    row("Europe/Berlin", "2026-10-25T00:30:00Z", "day", "2026-10-25", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", "02:30 CEST, first pass"); // 25 h
    row("Europe/Berlin", "2026-10-25T01:30:00Z", "day", "2026-10-25", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", "02:30 CET, second pass"); // 25 h
    row("Europe/Berlin", "2026-10-31T23:30:00Z", "day", "2026-11-01", "2026-10-31T23:00:00Z", "2026-11-01T23:00:00Z", "November locally, October in UTC"); // 24 h
    row("Europe/Berlin", "2026-10-31T23:30:00Z", "month", "2026-11", "2026-10-31T23:00:00Z", "2026-11-30T23:00:00Z", "November locally, October in UTC"); // 720 h
    row("Europe/Berlin", "2026-12-31T23:30:00Z", "day", "2027-01-01", "2026-12-31T23:00:00Z", "2027-01-01T23:00:00Z", "2027 locally, 2026 in UTC; still W53"); // 24 h
    row("Europe/Berlin", "2026-12-31T23:30:00Z", "week", "2026-W53", "2026-12-27T23:00:00Z", "2027-01-03T23:00:00Z", "2027 locally, 2026 in UTC; still W53"); // 168 h
    row("Europe/Berlin", "2026-12-31T23:30:00Z", "month", "2027-01", "2026-12-31T23:00:00Z", "2027-01-31T23:00:00Z", "2027 locally, 2026 in UTC; still W53"); // 744 h
    row("Asia/Tokyo", "2026-06-30T15:30:00Z", "day", "2026-07-01", "2026-06-30T15:00:00Z", "2026-07-01T15:00:00Z", "July locally, June in UTC"); // 24 h
    row("Asia/Tokyo", "2026-06-30T15:30:00Z", "week", "2026-W27", "2026-06-28T15:00:00Z", "2026-07-05T15:00:00Z", "July locally, June in UTC"); // 168 h
    row("Asia/Tokyo", "2026-06-30T15:30:00Z", "month", "2026-07", "2026-06-30T15:00:00Z", "2026-07-31T15:00:00Z", "July locally, June in UTC"); // 744 h
    row("Asia/Kolkata", "2026-02-28T18:45:00Z", "day", "2026-03-01", "2026-02-28T18:30:00Z", "2026-03-01T18:30:00Z", "half-hour offset crosses into March"); // 24 h
    row("Asia/Kolkata", "2026-02-28T18:45:00Z", "month", "2026-03", "2026-02-28T18:30:00Z", "2026-03-31T18:30:00Z", "half-hour offset crosses into March"); // 744 h
    row("Australia/Sydney", "2026-04-05T06:00:00Z", "day", "2026-04-05", "2026-04-04T13:00:00Z", "2026-04-05T14:00:00Z", "southern fall back: 25 h day"); // 25 h
    row("Australia/Sydney", "2026-10-04T06:00:00Z", "day", "2026-10-04", "2026-10-03T14:00:00Z", "2026-10-04T13:00:00Z", "southern spring forward: 23 h day"); // 23 h
    row("Australia/Sydney", "2026-12-31T14:00:00Z", "day", "2027-01-01", "2026-12-31T13:00:00Z", "2027-01-01T13:00:00Z", "2027 locally at 01:00 AEDT"); // 24 h
    row("Australia/Sydney", "2026-12-31T14:00:00Z", "week", "2026-W53", "2026-12-27T13:00:00Z", "2027-01-03T13:00:00Z", "2027 locally at 01:00 AEDT"); // 168 h
    row("Australia/Sydney", "2026-12-31T14:00:00Z", "month", "2027-01", "2026-12-31T13:00:00Z", "2027-01-31T13:00:00Z", "2027 locally at 01:00 AEDT"); // 744 h
    row("America/Havana", "2026-03-08T12:00:00Z", "day", "2026-03-08", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", "midnight does not exist: day starts 01:00"); // 23 h
    row("America/Havana", "2026-03-08T12:00:00Z", "week", "2026-W10", "2026-03-02T05:00:00Z", "2026-03-09T04:00:00Z", "midnight does not exist: day starts 01:00"); // 167 h
    row("America/Havana", "2026-03-08T12:00:00Z", "month", "2026-03", "2026-03-01T05:00:00Z", "2026-04-01T04:00:00Z", "midnight does not exist: day starts 01:00"); // 743 h
    row("America/Havana", "2026-03-08T04:59:59Z", "day", "2026-03-07", "2026-03-07T05:00:00Z", "2026-03-08T05:00:00Z", "last second before the jump"); // 24 h
    row("America/Havana", "2026-03-08T05:00:00Z", "day", "2026-03-08", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", "the jump lands on 01:00"); // 23 h
    row("America/Havana", "2026-11-01T04:30:00Z", "day", "2026-11-01", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", "00:30 CDT, first pass of a repeated midnight hour"); // 25 h
    row("America/Havana", "2026-11-01T04:30:00Z", "month", "2026-11", "2026-11-01T04:00:00Z", "2026-12-01T05:00:00Z", "00:30 CDT, first pass of a repeated midnight hour"); // 721 h
    row("America/Havana", "2026-11-01T05:30:00Z", "day", "2026-11-01", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", "00:30 CST, second pass"); // 25 h
    row("America/Havana", "2026-11-01T03:59:59Z", "day", "2026-10-31", "2026-10-31T04:00:00Z", "2026-11-01T04:00:00Z", "still October locally"); // 24 h
    row("America/Havana", "2026-11-01T03:59:59Z", "month", "2026-10", "2026-10-01T04:00:00Z", "2026-11-01T04:00:00Z", "still October locally"); // 744 h
    row("America/Santiago", "2026-09-06T12:00:00Z", "day", "2026-09-06", "2026-09-06T04:00:00Z", "2026-09-07T03:00:00Z", "midnight does not exist: day starts 01:00"); // 23 h
    row("America/Santiago", "2026-09-06T12:00:00Z", "week", "2026-W36", "2026-08-31T04:00:00Z", "2026-09-07T03:00:00Z", "midnight does not exist: day starts 01:00"); // 167 h
    row("America/Santiago", "2026-04-04T12:00:00Z", "day", "2026-04-04", "2026-04-04T03:00:00Z", "2026-04-05T04:00:00Z", "23:00 repeats: 25 h day"); // 25 h
    row("America/Santiago", "2026-04-05T03:30:00Z", "day", "2026-04-04", "2026-04-04T03:00:00Z", "2026-04-05T04:00:00Z", "23:30 on the 4th, second pass"); // 25 h
    row("America/Santiago", "2026-04-05T12:00:00Z", "day", "2026-04-05", "2026-04-05T04:00:00Z", "2026-04-06T04:00:00Z", "normal day after the repeat"); // 24 h
}

void TestPeriods::boundaries()
{
    QFETCH(QByteArray, zoneId);
    QFETCH(QDateTime, when);
    QFETCH(QString, period);
    QFETCH(QString, key);
    QFETCH(QDateTime, start);
    QFETCH(QDateTime, end);

    const PeriodCalendar calendar(zone(zoneId));
    const Period p = ::period(period);
    QCOMPARE(calendar.key(p, when), key);
    const QDateTime gotStart = calendar.start(p, when);
    const QDateTime gotEnd = calendar.end(p, when);
    QCOMPARE(gotStart, start);
    QCOMPARE(gotEnd, end);
    QCOMPARE(gotStart.timeSpec(), Qt::UTC);
    QCOMPARE(gotEnd.timeSpec(), Qt::UTC);
    // Half-open: the instant is inside, the first instant belongs to the
    // period and the end belongs to the next one.
    QVERIFY(gotStart <= when && when < gotEnd);
    QCOMPARE(calendar.key(p, gotStart), key);
    QCOMPARE(calendar.key(p, gotEnd.addMSecs(-1)), key);
    QVERIFY(calendar.key(p, gotEnd) != key);
    QVERIFY(calendar.key(p, gotStart.addMSecs(-1)) != key);
}

void TestPeriods::dayLength_data()
{
    QTest::addColumn<QByteArray>("zoneId");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<int>("hours");

    QTest::newRow("UTC ordinary") << QByteArray("UTC") << QDate(2026, 3, 8) << 24;
    QTest::newRow("New York spring forward") << QByteArray("America/New_York") << QDate(2026, 3, 8) << 23;
    QTest::newRow("New York day after") << QByteArray("America/New_York") << QDate(2026, 3, 9) << 24;
    QTest::newRow("New York fall back") << QByteArray("America/New_York") << QDate(2026, 11, 1) << 25;
    QTest::newRow("New York summer") << QByteArray("America/New_York") << QDate(2026, 7, 1) << 24;
    QTest::newRow("Berlin spring forward") << QByteArray("Europe/Berlin") << QDate(2026, 3, 29) << 23;
    QTest::newRow("Berlin fall back") << QByteArray("Europe/Berlin") << QDate(2026, 10, 25) << 25;
    QTest::newRow("Berlin not the US date") << QByteArray("Europe/Berlin") << QDate(2026, 3, 8) << 24;
    QTest::newRow("Sydney fall back") << QByteArray("Australia/Sydney") << QDate(2026, 4, 5) << 25;
    QTest::newRow("Sydney spring forward") << QByteArray("Australia/Sydney") << QDate(2026, 10, 4) << 23;
    QTest::newRow("Havana no midnight") << QByteArray("America/Havana") << QDate(2026, 3, 8) << 23;
    QTest::newRow("Havana day before the jump") << QByteArray("America/Havana") << QDate(2026, 3, 7) << 24;
    QTest::newRow("Havana repeated midnight hour") << QByteArray("America/Havana") << QDate(2026, 11, 1) << 25;
    QTest::newRow("Havana day before the repeat") << QByteArray("America/Havana") << QDate(2026, 10, 31) << 24;
    QTest::newRow("Santiago no midnight") << QByteArray("America/Santiago") << QDate(2026, 9, 6) << 23;
    QTest::newRow("Santiago repeated 23:00") << QByteArray("America/Santiago") << QDate(2026, 4, 4) << 25;
    QTest::newRow("Santiago day after the repeat") << QByteArray("America/Santiago") << QDate(2026, 4, 5) << 24;
    QTest::newRow("Tokyo never shifts") << QByteArray("Asia/Tokyo") << QDate(2026, 3, 29) << 24;
}

void TestPeriods::dayLength()
{
    QFETCH(QByteArray, zoneId);
    QFETCH(QDate, date);
    QFETCH(int, hours);
    const QTimeZone z = zone(zoneId);
    const PeriodCalendar calendar(z);
    const QDateTime at = noon(date, z);
    QCOMPARE(calendar.key(Period::Day, at), date.toString(Qt::ISODate));
    QCOMPARE(calendar.start(Period::Day, at).secsTo(calendar.end(Period::Day, at)), qint64(hours) * 3600);
}

void TestPeriods::allTime()
{
    for (const QByteArray &id : zonesUnderTest()) {
        const PeriodCalendar calendar(zone(id));
        for (const char *when : {"1999-06-01T12:00:00Z", "2026-11-21T03:30:00Z", "2099-12-31T23:59:59Z"}) {
            const QDateTime t = utc(when);
            QCOMPARE(calendar.key(Period::AllTime, t), QStringLiteral("all"));
            // One period for every instant: the same bounds wherever you stand.
            QCOMPARE(calendar.start(Period::AllTime, t), calendar.start(Period::AllTime, utc("2026-01-01T00:00:00Z")));
            QCOMPARE(calendar.end(Period::AllTime, t), utc("9999-12-31T00:00:00Z"));
            QVERIFY(calendar.start(Period::AllTime, t) <= t);
        }
    }
    // It begins at local midnight of 1970-01-01.
    QCOMPARE(PeriodCalendar(QTimeZone::utc()).start(Period::AllTime, utc("2026-05-05T00:00:00Z")),
             utc("1970-01-01T00:00:00Z"));
    QCOMPARE(PeriodCalendar(QTimeZone("America/New_York")).start(Period::AllTime, utc("2026-05-05T00:00:00Z")),
             utc("1970-01-01T05:00:00Z"));
}

void TestPeriods::sameInstantAnySpec()
{
    // One instant written three ways: the calendar sees one moment.
    const PeriodCalendar calendar(QTimeZone("Europe/Berlin"));
    const QDateTime asUtc = utc("2026-10-31T23:30:00Z");
    const QDateTime asOffset = asUtc.toOffsetFromUtc(-5 * 3600);
    const QDateTime asZone = asUtc.toTimeZone(QTimeZone("Asia/Tokyo"));
    QCOMPARE(asOffset.date(), QDate(2026, 10, 31));
    QCOMPARE(asZone.date(), QDate(2026, 11, 1));
    for (Period p : podium::allPeriods()) {
        QCOMPARE(calendar.key(p, asOffset), calendar.key(p, asUtc));
        QCOMPARE(calendar.key(p, asZone), calendar.key(p, asUtc));
        QCOMPARE(calendar.start(p, asOffset), calendar.start(p, asUtc));
        QCOMPARE(calendar.end(p, asZone), calendar.end(p, asUtc));
    }
    QCOMPARE(calendar.localDate(asOffset), QDate(2026, 11, 1));
}

void TestPeriods::invalidZoneFallsBackToUtc()
{
    const PeriodCalendar calendar(QTimeZone("Not/A_Zone"));
    QVERIFY(calendar.zone().isValid());
    QCOMPARE(calendar.zone(), QTimeZone::utc());
    const QDateTime t = utc("2026-11-21T23:30:00Z");
    QCOMPARE(calendar.key(Period::Day, t), QStringLiteral("2026-11-21"));
    QCOMPARE(calendar.start(Period::Day, t), utc("2026-11-21T00:00:00Z"));
    QCOMPARE(calendar.end(Period::Day, t), utc("2026-11-22T00:00:00Z"));
}

void TestPeriods::daysTileTheYear_data()
{
    QTest::addColumn<QByteArray>("zoneId");
    for (const QByteArray &id : zonesUnderTest())
        QTest::newRow(id.constData()) << id;
}

// Every day of 2026 ends exactly where the next begins: no instant belongs to
// two days or to none, whatever the zone does with its clocks.
void TestPeriods::daysTileTheYear()
{
    QFETCH(QByteArray, zoneId);
    const QTimeZone z = zone(zoneId);
    const PeriodCalendar calendar(z);
    int shortDays = 0;
    int longDays = 0;
    for (QDate d(2026, 1, 1); d <= QDate(2027, 1, 1); d = d.addDays(1)) {
        const QDateTime at = noon(d, z);
        const QDateTime start = calendar.start(Period::Day, at);
        const QDateTime end = calendar.end(Period::Day, at);
        const QString key = d.toString(Qt::ISODate);
        QCOMPARE(calendar.key(Period::Day, at), key);
        QCOMPARE(end, calendar.start(Period::Day, noon(d.addDays(1), z)));
        QCOMPARE(calendar.key(Period::Day, start), key);
        QCOMPARE(calendar.key(Period::Day, start.addSecs(-1)), d.addDays(-1).toString(Qt::ISODate));
        QCOMPARE(calendar.key(Period::Day, end.addSecs(-1)), key);
        const qint64 secs = start.secsTo(end);
        QVERIFY2(secs == 23 * 3600 || secs == 24 * 3600 || secs == 25 * 3600,
                 qPrintable(QStringLiteral("%1 lasts %2 s").arg(key).arg(secs)));
        shortDays += secs == 23 * 3600;
        longDays += secs == 25 * 3600;
    }
    const bool hasDst = zoneId != "UTC" && zoneId != "Asia/Tokyo" && zoneId != "Asia/Kolkata";
    QCOMPARE(shortDays, hasDst ? 1 : 0);
    QCOMPARE(longDays, hasDst ? 1 : 0);
}

void TestPeriods::weeksAndMonthsTileTheYear_data()
{
    daysTileTheYear_data();
}

void TestPeriods::weeksAndMonthsTileTheYear()
{
    QFETCH(QByteArray, zoneId);
    const QTimeZone z = zone(zoneId);
    const PeriodCalendar calendar(z);

    // Weeks: Monday to Monday, from 2025-12-29 (2026-W01) to 2027-01-04.
    int weeks = 0;
    for (QDate monday(2025, 12, 29); monday < QDate(2027, 1, 4); monday = monday.addDays(7)) {
        ++weeks;
        const QString key = QStringLiteral("2026-W%1").arg(weeks, 2, 10, QLatin1Char('0'));
        for (int day = 0; day < 7; ++day)
            QCOMPARE(calendar.key(Period::Week, noon(monday.addDays(day), z)), key);
        const QDateTime at = noon(monday.addDays(3), z);
        QCOMPARE(calendar.start(Period::Week, at), calendar.start(Period::Day, noon(monday, z)));
        QCOMPARE(calendar.end(Period::Week, at), calendar.start(Period::Day, noon(monday.addDays(7), z)));
    }
    QCOMPARE(weeks, 53);

    for (int month = 1; month <= 12; ++month) {
        const QDate first(2026, month, 1);
        const QDateTime at = noon(first.addDays(14), z);
        QCOMPARE(calendar.key(Period::Month, at), first.toString(QStringLiteral("yyyy-MM")));
        QCOMPARE(calendar.start(Period::Month, at), calendar.start(Period::Day, noon(first, z)));
        QCOMPARE(calendar.end(Period::Month, at), calendar.start(Period::Day, noon(first.addMonths(1), z)));
        QCOMPARE(calendar.key(Period::Month, calendar.end(Period::Month, at).addSecs(-1)),
                 first.toString(QStringLiteral("yyyy-MM")));
    }
}

QTEST_MAIN(TestPeriods)
#include "tst_periods.moc"
