// TickerModel: ticker lines newest first, capped and expiring; a flash is a
// signal, never a line.
#include "scriptedstream.h"
#include "tickermodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace podium;

class TestTickerModel : public QObject
{
    Q_OBJECT

private slots:
    void linesAndFlashes_data();
    void linesAndFlashes();
    void capAndExpiry();
    void snapshot();
};

void TestTickerModel::linesAndFlashes_data()
{
    QTest::addColumn<QList<QJsonObject>>("announcements");
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QStringList>("flashes");

    QTest::newRow("one ticker") << QList<QJsonObject>{{{"id", 1}, {"text", "Pizza at 5"}, {"kind", "ticker"}}}
                                << QStringList{"Pizza at 5"} << QStringList{};
    QTest::newRow("newest first")
        << QList<QJsonObject>{{{"id", 1}, {"text", "A"}, {"kind", "ticker"}}, {{"id", 2}, {"text", "B"}, {"kind", "ticker"}}}
        << QStringList{"B", "A"} << QStringList{};
    QTest::newRow("flash is a signal")
        << QList<QJsonObject>{{{"id", 1}, {"text", "A"}, {"kind", "ticker"}}, {{"id", 2}, {"text", "Big news"}, {"kind", "flash"}}}
        << QStringList{"A"} << QStringList{"Big news"};
    QTest::newRow("same id twice is one line")
        << QList<QJsonObject>{{{"id", 1}, {"text", "A"}, {"kind", "ticker"}}, {{"id", 1}, {"text", "A"}, {"kind", "ticker"}}}
        << QStringList{"A"} << QStringList{};
}

void TestTickerModel::linesAndFlashes()
{
    QFETCH(QList<QJsonObject>, announcements);
    QFETCH(QStringList, lines);
    QFETCH(QStringList, flashes);
    testing::ScriptedStream stream;
    TickerModel ticker;
    QAbstractItemModelTester tester(&ticker, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ticker.setStream(&stream);
    QSignalSpy flashSpy(&ticker, &TickerModel::flash);
    QSignalSpy textSpy(&ticker, &TickerModel::textChanged);
    for (const QJsonObject &a : announcements)
        stream.push("tv-display", "announcement", a);
    QStringList got;
    for (int i = 0; i < ticker.rowCount(); ++i)
        got.append(ticker.row(i).text);
    QCOMPARE(got, lines);
    QStringList gotFlashes;
    for (const auto &args : flashSpy)
        gotFlashes.append(args.at(0).toString());
    QCOMPARE(gotFlashes, flashes);
    QCOMPARE(textSpy.size(), lines.size());
    QCOMPARE(ticker.text(), lines.join(QStringLiteral("     \u2022     ")));
}

void TestTickerModel::capAndExpiry()
{
    TickerModel ticker;
    QAbstractItemModelTester tester(&ticker, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QDateTime now(QDate(2026, 11, 18), QTime(15, 0), Qt::UTC);
    for (int i = 1; i <= 30; ++i)
        ticker.apply({{"id", i}, {"text", QString::number(i)}, {"expiresAt", i % 2 ? isoTime(now.addSecs(i)) : QString()}});
    QCOMPARE(ticker.rowCount(), TickerModel::kCapacity);
    QCOMPARE(ticker.row(0).text, QStringLiteral("30"));
    ticker.expire(now.addSecs(100)); // every odd one has expired
    QCOMPARE(ticker.rowCount(), 10);
    for (int i = 0; i < ticker.rowCount(); ++i)
        QVERIFY(ticker.row(i).id % 2 == 0);
}

void TestTickerModel::snapshot()
{
    testing::ScriptedStream stream;
    stream.bodies.insert("/api/announcements",
                         {{"announcements", QJsonArray{QJsonObject{{"id", 3}, {"text", "C"}, {"kind", "ticker"}},
                                                       QJsonObject{{"id", 2}, {"text", "flash"}, {"kind", "flash"}},
                                                       QJsonObject{{"id", 1}, {"text", "A"}, {"kind", "ticker"}}}}});
    TickerModel ticker;
    ticker.setRefreshDelay(0);
    QSignalSpy refreshed(&ticker, &StreamModel::refreshed);
    ticker.setStream(&stream);
    QTRY_COMPARE(refreshed.size(), 1);
    QCOMPARE(ticker.text(), QStringLiteral("C     \u2022     A"));
}

QTEST_MAIN(TestTickerModel)
#include "tst_tickermodel.moc"
