// Backoff: delays double from the start value up to the cap, each drawn in
// [ceiling/2, ceiling] (equal jitter), and start over after reset().
#include "backoff.h"

#include <QTest>

using namespace podium;
using namespace std::chrono;

class TestBackoff : public QObject
{
    Q_OBJECT

private slots:
    void ceilings_data();
    void ceilings();
    void jitterStaysInRangeAndVaries();
    void resetStartsOver();
};

void TestBackoff::ceilings_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<int>("ceilingMs");
    QTest::newRow("first") << 0 << 500;
    QTest::newRow("second") << 1 << 1000;
    QTest::newRow("third") << 2 << 2000;
    QTest::newRow("sixth") << 5 << 16000;
    QTest::newRow("capped") << 6 << 30000;
    QTest::newRow("far past the cap") << 60 << 30000;
}

void TestBackoff::ceilings()
{
    QFETCH(int, attempt);
    QFETCH(int, ceilingMs);
    Backoff b(milliseconds(500), seconds(30), 42);
    for (int i = 0; i < attempt; ++i)
        b.next();
    QCOMPARE(b.ceiling().count(), ceilingMs);
    const auto d = b.next().count();
    QVERIFY2(d >= ceilingMs / 2 && d <= ceilingMs, qPrintable(QString::number(d)));
}

void TestBackoff::jitterStaysInRangeAndVaries()
{
    QSet<qint64> seen;
    for (quint32 seed = 1; seed <= 50; ++seed) {
        Backoff b(milliseconds(500), seconds(30), seed);
        for (int i = 0; i < 6; ++i)
            b.next();
        seen.insert(b.next().count()); // ceiling 30 s here
    }
    // Fifty TVs that lost the server together do not come back together.
    QVERIFY(seen.size() > 40);
    for (qint64 d : seen)
        QVERIFY(d >= 15000 && d <= 30000);
}

void TestBackoff::resetStartsOver()
{
    Backoff b(milliseconds(500), seconds(30), 7);
    for (int i = 0; i < 10; ++i)
        b.next();
    b.reset();
    QCOMPARE(b.attempt(), 0);
    QVERIFY(b.next().count() <= 500);
}

QTEST_MAIN(TestBackoff)
#include "tst_backoff.moc"
