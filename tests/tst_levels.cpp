// LevelCurve and tiers: exact level boundaries (a level-up must fire at the
// very XP the curve promises, not one point later because of rounding) and the
// tier a level falls in.

#include "scoring/levels.h"

#include <QTest>
#include <QThread>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <memory>

using podium::LevelCurve;
using podium::Tier;

class TestLevels : public QObject
{
    Q_OBJECT

private slots:
    void xpForLevel_data();
    void xpForLevel();
    void levelFor_data();
    void levelFor();
    void everyBoundaryIsExact_data();
    void everyBoundaryIsExact();
    void monotonic();
    void anyStepStaysBounded_data();
    void anyStepStaysBounded();
    void defaultTiers();
    void tierFor_data();
    void tierFor();
    void tierForCustomLists();
    void tierForUnorderedList();
};

void TestLevels::xpForLevel_data()
{
    QTest::addColumn<double>("step");
    QTest::addColumn<int>("level");
    QTest::addColumn<double>("xp");

    QTest::newRow("50: level 1 is free") << 50.0 << 1 << 0.0;
    QTest::newRow("50: level 2") << 50.0 << 2 << 100.0;
    QTest::newRow("50: level 3") << 50.0 << 3 << 300.0;
    QTest::newRow("50: level 4") << 50.0 << 4 << 600.0;
    QTest::newRow("50: level 5") << 50.0 << 5 << 1000.0;
    QTest::newRow("50: level 10") << 50.0 << 10 << 4500.0;
    QTest::newRow("50: level 11") << 50.0 << 11 << 5500.0;
    QTest::newRow("50: level 20") << 50.0 << 20 << 19000.0;
    QTest::newRow("50: level 100") << 50.0 << 100 << 495000.0;
    QTest::newRow("100: level 2") << 100.0 << 2 << 200.0;
    QTest::newRow("100: level 10") << 100.0 << 10 << 9000.0;
    QTest::newRow("75: level 7") << 75.0 << 7 << 3150.0;
}

void TestLevels::xpForLevel()
{
    QFETCH(double, step);
    QFETCH(int, level);
    QFETCH(double, xp);
    LevelCurve curve;
    curve.step = step;
    QCOMPARE(curve.xpForLevel(level), xp);
}

void TestLevels::levelFor_data()
{
    QTest::addColumn<double>("step");
    QTest::addColumn<double>("xp");
    QTest::addColumn<int>("level");

    QTest::newRow("no XP") << 50.0 << 0.0 << 1;
    QTest::newRow("negative XP after a correction") << 50.0 << -250.0 << 1;
    QTest::newRow("one short of level 2") << 50.0 << 99.0 << 1;
    QTest::newRow("a fraction short of level 2") << 50.0 << 99.999 << 1;
    QTest::newRow("exactly level 2") << 50.0 << 100.0 << 2;
    QTest::newRow("just past level 2") << 50.0 << 100.5 << 2;
    QTest::newRow("one short of level 3") << 50.0 << 299.0 << 2;
    QTest::newRow("exactly level 3") << 50.0 << 300.0 << 3;
    QTest::newRow("one short of level 10") << 50.0 << 4499.0 << 9;
    QTest::newRow("exactly level 10") << 50.0 << 4500.0 << 10;
    QTest::newRow("the seed's 5,000 XP is level 10") << 50.0 << 5000.0 << 10;
    QTest::newRow("one short of level 11") << 50.0 << 5499.0 << 10;
    QTest::newRow("exactly level 11") << 50.0 << 5500.0 << 11;
    QTest::newRow("exactly level 100") << 50.0 << 495000.0 << 100;
    QTest::newRow("one short of level 100") << 50.0 << 494999.0 << 99;
    QTest::newRow("step 100: exactly level 10") << 100.0 << 9000.0 << 10;
    QTest::newRow("step 100: one short of level 10") << 100.0 << 8999.0 << 9;
    QTest::newRow("no curve (step 0) stays at 1") << 0.0 << 1e9 << 1;
    QTest::newRow("the last level") << 50.0 << 50.0 * 999999.0 * 1000000.0 << 1000000;
    QTest::newRow("levels stop at the last") << 50.0 << 1e15 << 1000000;
    QTest::newRow("a tiny step stops at the last level") << 1e-300 << 100.0 << 1000000;
    QTest::newRow("a small step and a large total") << 1e-6 << 1e13 << 1000000;
}

void TestLevels::levelFor()
{
    QFETCH(double, step);
    QFETCH(double, xp);
    QFETCH(int, level);
    LevelCurve curve;
    curve.step = step;
    QCOMPARE(curve.levelFor(xp), level);
}

void TestLevels::everyBoundaryIsExact_data()
{
    QTest::addColumn<double>("step");
    QTest::newRow("50") << 50.0;
    QTest::newRow("100") << 100.0;
    QTest::newRow("75") << 75.0;
    QTest::newRow("33.3") << 33.3;
    QTest::newRow("0.1") << 0.1;
    QTest::newRow("1e6") << 1e6;
}

// For the first thousand levels: the curve's own threshold is that level, and
// the largest double below it is the level before.
void TestLevels::everyBoundaryIsExact()
{
    QFETCH(double, step);
    LevelCurve curve;
    curve.step = step;
    QCOMPARE(curve.levelFor(curve.xpForLevel(1)), 1);
    for (int level = 2; level <= 1000; ++level) {
        const double at = curve.xpForLevel(level);
        const double below = std::nextafter(at, -std::numeric_limits<double>::infinity());
        QVERIFY2(curve.levelFor(at) == level,
                 qPrintable(QStringLiteral("step %1: %2 XP gave level %3, expected %4")
                                .arg(step).arg(at, 0, 'g', 17).arg(curve.levelFor(at)).arg(level)));
        QVERIFY2(curve.levelFor(below) == level - 1,
                 qPrintable(QStringLiteral("step %1: %2 XP gave level %3, expected %4")
                                .arg(step).arg(below, 0, 'g', 17).arg(curve.levelFor(below)).arg(level - 1)));
    }
}

void TestLevels::monotonic()
{
    const LevelCurve curve; // default step 50
    QCOMPARE(curve.step, 50.0);
    int last = 1;
    for (double xp = 0; xp <= 200000; xp += 37.5) {
        const int level = curve.levelFor(xp);
        QVERIFY(level == last || level == last + 1);
        QVERIFY(curve.xpForLevel(level) <= xp);
        QVERIFY(curve.xpForLevel(level + 1) > xp);
        last = level;
    }
    QCOMPARE(last, curve.levelFor(200000));
}

void TestLevels::anyStepStaysBounded_data()
{
    QTest::addColumn<double>("step");
    QTest::addColumn<double>("xp");
    QTest::addColumn<int>("level");
    QTest::newRow("step 1e-300") << 1e-300 << 100.0 << LevelCurve::kMaxLevel;
    QTest::newRow("smallest step") << std::numeric_limits<double>::denorm_min() << 1.0 << LevelCurve::kMaxLevel;
    QTest::newRow("no end of XP") << 50.0 << 1e300 << LevelCurve::kMaxLevel;
    QTest::newRow("infinite XP") << 50.0 << std::numeric_limits<double>::infinity() << LevelCurve::kMaxLevel;
    QTest::newRow("not a number") << 50.0 << std::nan("") << 1;
    QTest::newRow("infinite step") << std::numeric_limits<double>::infinity() << 100.0 << 1;
    QTest::newRow("the top level exactly")
            << 50.0 << 50.0 * (LevelCurve::kMaxLevel - 1.0) * LevelCurve::kMaxLevel << LevelCurve::kMaxLevel;
}

// No step, however a database came to hold it, makes levelFor() count for
// long: on a thread of its own, so a spinning loop fails instead of hanging.
void TestLevels::anyStepStaysBounded()
{
    QFETCH(double, step);
    QFETCH(double, xp);
    QFETCH(int, level);
    LevelCurve curve;
    curve.step = step;
    std::atomic<int> got {0};
    std::unique_ptr<QThread> thread(QThread::create([&] { got = curve.levelFor(xp); }));
    thread->start();
    if (!thread->wait(5000)) {
        qCritical("levelFor(%g) with step %g is still counting after 5 s", xp, step);
        std::abort(); // a spinning thread cannot be stopped
    }
    QCOMPARE(got.load(), level);
}

void TestLevels::defaultTiers()
{
    const QList<Tier> tiers = podium::defaultTiers();
    QCOMPARE(tiers.size(), 5);
    const QStringList keys{"bronze", "silver", "gold", "platinum", "diamond"};
    const QStringList names{"Bronze", "Silver", "Gold", "Platinum", "Diamond"};
    const QList<int> starts{1, 10, 20, 30, 40};
    for (int i = 0; i < tiers.size(); ++i) {
        QCOMPARE(tiers.at(i).key, keys.at(i));
        QCOMPARE(tiers.at(i).name, names.at(i));
        QCOMPARE(tiers.at(i).minLevel, starts.at(i));
    }
}

void TestLevels::tierFor_data()
{
    QTest::addColumn<int>("level");
    QTest::addColumn<QString>("tier");

    QTest::newRow("level 1") << 1 << "bronze";
    QTest::newRow("below level 1") << 0 << "bronze";
    QTest::newRow("level 9") << 9 << "bronze";
    QTest::newRow("level 10") << 10 << "silver";
    QTest::newRow("level 19") << 19 << "silver";
    QTest::newRow("level 20") << 20 << "gold";
    QTest::newRow("level 29") << 29 << "gold";
    QTest::newRow("level 30") << 30 << "platinum";
    QTest::newRow("level 39") << 39 << "platinum";
    QTest::newRow("level 40") << 40 << "diamond";
    QTest::newRow("level 400") << 400 << "diamond";
}

void TestLevels::tierFor()
{
    QFETCH(int, level);
    QFETCH(QString, tier);
    QCOMPARE(podium::tierFor(level, podium::defaultTiers()).key, tier);
}

void TestLevels::tierForCustomLists()
{
    // An empty list yields an empty tier rather than crashing.
    const Tier none = podium::tierFor(12, {});
    QVERIFY(none.key.isEmpty());

    // Tiers may start above level 1; below the first start you are in the lowest.
    const QList<Tier> late{{"rookie", "Rookie", 1}, {"pro", "Pro", 5}};
    QCOMPARE(podium::tierFor(4, late).key, QStringLiteral("rookie"));
    QCOMPARE(podium::tierFor(5, late).key, QStringLiteral("pro"));
}

void TestLevels::tierForUnorderedList()
{
    // An admin's list need not arrive sorted: the tier is the one with the
    // highest start at or below the level, wherever it sits in the list.
    const QList<Tier> unordered{{"gold", "Gold", 20}, {"bronze", "Bronze", 1}, {"silver", "Silver", 10}};
    QCOMPARE(podium::tierFor(1, unordered).key, QStringLiteral("bronze"));
    QCOMPARE(podium::tierFor(15, unordered).key, QStringLiteral("silver"));
    QCOMPARE(podium::tierFor(25, unordered).key, QStringLiteral("gold"));
}

QTEST_MAIN(TestLevels)
#include "tst_levels.moc"
