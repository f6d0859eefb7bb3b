// CelebrationQueue: a burst of achievements plays one at a time, in arrival
// order, none lost, none overlapping; replays of old seqs do not play twice.
#include "celebrationqueue.h"
#include "scriptedstream.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace podium;

namespace {

QJsonObject achievement(const QString &title, const QString &rarity = "common")
{
    return {{"title", title},       {"description", title + " description"},
            {"icon", "*"},          {"rarity", rarity},
            {"userName", "Ann Lee"}, {"initials", "AL"},
            {"color", "#E91E63"},   {"teamName", "Red"},
            {"achievementType", "milestone"}};
}

} // namespace

class TestCelebrationQueue : public QObject
{
    Q_OBJECT

private slots:
    void playsInOrderWithoutOverlap_data();
    void playsInOrderWithoutOverlap();
    void ignoresOtherEventsAndReplays();
    void finishWhenIdleIsHarmless();
    void rollCallRetiresShownOnes();
};

void TestCelebrationQueue::playsInOrderWithoutOverlap_data()
{
    QTest::addColumn<int>("burst");
    QTest::newRow("one") << 1;
    QTest::newRow("two") << 2;
    QTest::newRow("burst of 25") << 25;
    QTest::newRow("burst of 500") << 500;
}

void TestCelebrationQueue::playsInOrderWithoutOverlap()
{
    QFETCH(int, burst);
    testing::ScriptedStream stream;
    CelebrationQueue queue;
    QAbstractItemModelTester tester(&queue, QAbstractItemModelTester::FailureReportingMode::QtTest);
    queue.setStream(&stream);
    QSignalSpy started(&queue, &CelebrationQueue::started);

    for (int i = 0; i < burst; ++i)
        stream.push("tv-display", "achievement:celebration", achievement(QStringLiteral("T%1").arg(i)));

    // Only the first plays; the rest wait in order.
    QCOMPARE(started.size(), 1);
    QVERIFY(queue.active());
    QCOMPARE(queue.current().value("title").toString(), QStringLiteral("T0"));
    QCOMPARE(queue.pending(), burst - 1);
    QCOMPARE(queue.rowCount(), burst - 1);
    if (burst > 1)
        QCOMPARE(queue.data(queue.index(0), CelebrationQueue::TitleRole).toString(), QStringLiteral("T1"));

    QStringList played{queue.current().value("title").toString()};
    for (int i = 1; i < burst; ++i) {
        queue.finishCurrent();
        played.append(queue.current().value("title").toString());
    }
    queue.finishCurrent();
    QVERIFY(!queue.active());
    QCOMPARE(queue.pending(), 0);
    QCOMPARE(started.size(), burst);
    QCOMPARE(queue.played(), burst);
    QStringList expected;
    for (int i = 0; i < burst; ++i)
        expected.append(QStringLiteral("T%1").arg(i));
    QCOMPARE(played, expected);
}

void TestCelebrationQueue::ignoresOtherEventsAndReplays()
{
    testing::ScriptedStream stream;
    CelebrationQueue queue;
    queue.setStream(&stream);
    stream.push("activity:feed", "milestone:reached", achievement("not for the overlay"));
    stream.push("user:1", "achievement:earned", achievement("to the person only"));
    QVERIFY(!queue.active());

    stream.push("tv-display", "achievement:celebration", achievement("Legend", "legendary"));
    QCOMPARE(queue.current().value("rarity").toString(), QStringLiteral("legendary"));
    QCOMPARE(queue.current().value("name").toString(), QStringLiteral("Ann Lee"));
    QCOMPARE(queue.current().value("teamName").toString(), QStringLiteral("Red"));

    // A resume that replays an already-seen seq must not play it twice.
    Event old;
    old.seq = 3;
    old.name = "achievement:celebration";
    old.setData(achievement("Legend", "legendary"));
    stream.replay(old);
    QCOMPARE(queue.pending(), 0);
}

void TestCelebrationQueue::finishWhenIdleIsHarmless()
{
    CelebrationQueue queue;
    QSignalSpy changed(&queue, &CelebrationQueue::currentChanged);
    queue.finishCurrent();
    QCOMPARE(changed.size(), 0);
    QVERIFY(queue.current().isEmpty());
}

void TestCelebrationQueue::rollCallRetiresShownOnes()
{
    testing::ScriptedStream stream;
    CelebrationQueue queue;
    QAbstractItemModelTester tester(&queue, QAbstractItemModelTester::FailureReportingMode::QtTest);
    queue.setStream(&stream);
    for (int i = 0; i < 10; ++i)
        stream.push("tv-display", "achievement:celebration", achievement(QStringLiteral("T%1").arg(i)));
    const QVariantList next = queue.upcoming(3);
    QCOMPARE(next.size(), 3);
    QCOMPARE(next.at(0).toMap().value("title").toString(), QStringLiteral("T1"));
    QCOMPARE(next.at(2).toMap().value("title").toString(), QStringLiteral("T3"));
    // T0 plays with T1..T3 beside it; all four are done, T4 starts.
    queue.finishCurrent(3);
    QCOMPARE(queue.current().value("title").toString(), QStringLiteral("T4"));
    QCOMPARE(queue.pending(), 5);
    QCOMPARE(queue.played(), 5);
    // Asking for more than waits retires what there is.
    queue.finishCurrent(50);
    QVERIFY(!queue.active());
    QCOMPARE(queue.played(), 10);
    QCOMPARE(queue.upcoming(3).size(), 0);
}

QTEST_MAIN(TestCelebrationQueue)
#include "tst_celebrationqueue.moc"
