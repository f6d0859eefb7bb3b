// LeaderboardModel: snapshots merge into rows by moving them (never remove
// and re-insert a person who climbs), and a real engine feeding the model
// through LocalEventStream ends in the engine's exact order.
#include "enginefixture.h"
#include "leaderboardmodel.h"
#include "localeventstream.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QTimer>

using namespace podium;

namespace {

// A board body whose entries are the given person ids, in order, with
// descending values so ranks are 1, 2, 3…
QJsonObject board(const QList<int> &ids)
{
    QJsonArray entries;
    int rank = 1;
    for (int id : ids) {
        const double value = 1000.0 * (ids.size() - rank + 1) + id;
        entries.append(QJsonObject{{"rank", rank++},
                                   {"person", id},
                                   {"name", QStringLiteral("P%1").arg(id)},
                                   {"initials", QStringLiteral("P%1").arg(id)},
                                   {"value", value},
                                   {"formatted", QString::number(value)}});
    }
    return {{"metric", "revenue"}, {"label", "Revenue"}, {"unit", "currency"}, {"entries", entries}};
}

QList<int> order(const LeaderboardModel &m)
{
    QList<int> ids;
    for (int i = 0; i < m.rowCount(); ++i)
        ids.append(int(m.row(i).key));
    return ids;
}

} // namespace

class TestLeaderboardModel : public QObject
{
    Q_OBJECT

private slots:
    void mergesByMoving_data();
    void mergesByMoving();
    void ranksAndDeltasFollowChanges();
    void limitCutsRows();
    void followsTheEngine();
};

void TestLeaderboardModel::mergesByMoving_data()
{
    QTest::addColumn<QList<QList<int>>>("snapshots");
    QTest::addColumn<QList<int>>("expected");
    QTest::addColumn<int>("moves");
    QTest::addColumn<int>("inserts");
    QTest::addColumn<int>("removes");

    QTest::newRow("first fill") << QList<QList<int>>{{1, 2, 3}} << QList<int>{1, 2, 3} << 0 << 3 << 0;
    QTest::newRow("same order, no moves") << QList<QList<int>>{{1, 2, 3}, {1, 2, 3}} << QList<int>{1, 2, 3} << 0 << 3 << 0;
    QTest::newRow("last climbs to first") << QList<QList<int>>{{1, 2, 3}, {3, 1, 2}} << QList<int>{3, 1, 2} << 1 << 3 << 0;
    QTest::newRow("swap of two") << QList<QList<int>>{{1, 2, 3, 4}, {1, 3, 2, 4}} << QList<int>{1, 3, 2, 4} << 1 << 4 << 0;
    QTest::newRow("newcomer enters in the middle")
        << QList<QList<int>>{{1, 2, 3}, {1, 9, 2, 3}} << QList<int>{1, 9, 2, 3} << 0 << 4 << 0;
    QTest::newRow("someone leaves the board") << QList<QList<int>>{{1, 2, 3}, {1, 3}} << QList<int>{1, 3} << 1 << 3 << 1;
    QTest::newRow("full reversal") << QList<QList<int>>{{1, 2, 3, 4}, {4, 3, 2, 1}} << QList<int>{4, 3, 2, 1} << 3 << 4 << 0;
    QTest::newRow("three snapshots")
        << QList<QList<int>>{{1, 2, 3}, {2, 1, 3}, {3, 2, 1}} << QList<int>{3, 2, 1} << 2 << 3 << 0;
}

void TestLeaderboardModel::mergesByMoving()
{
    QFETCH(QList<QList<int>>, snapshots);
    QFETCH(QList<int>, expected);
    QFETCH(int, moves);
    QFETCH(int, inserts);
    QFETCH(int, removes);

    LeaderboardModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    for (const QList<int> &ids : snapshots)
        model.applySnapshot(board(ids));

    QCOMPARE(order(model), expected);
    QCOMPARE(moved.size(), moves);
    QCOMPARE(inserted.size(), inserts);
    QCOMPARE(removed.size(), removes);
    QCOMPARE(reset.size(), 0); // never a reset: that would make the wall blink
    QCOMPARE(model.label(), QStringLiteral("Revenue"));
}

void TestLeaderboardModel::ranksAndDeltasFollowChanges()
{
    LeaderboardModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.applySnapshot(board({1, 2, 3}));
    // The first board is the baseline: nobody is "new", nobody moved.
    QCOMPARE(model.row(2).previousRank, 3);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.applySnapshot(board({3, 1, 2}));
    QCOMPARE(model.row(0).key, 3);
    QCOMPARE(model.row(0).rank, 1);
    QCOMPARE(model.row(0).previousRank, 3);
    QCOMPARE(model.row(1).previousRank, 1);
    QCOMPARE(model.row(2).previousRank, 2);
    QVERIFY(changed.size() >= 3);
    // P3 went from 1003 (third of three) to 3003 (first of three).
    QCOMPARE(model.row(0).delta, 2000.0);

    // An unchanged snapshot keeps the last change visible and signals nothing.
    changed.clear();
    model.applySnapshot(board({3, 1, 2}));
    QCOMPARE(changed.size(), 0);
    QCOMPARE(model.row(0).previousRank, 3);
    QCOMPARE(model.data(model.index(0), LeaderboardModel::NameRole).toString(), QStringLiteral("P3"));
    QCOMPARE(model.get(0).value("rank").toInt(), 1);

    // Someone who enters later is new: no previous rank.
    model.applySnapshot(board({3, 9, 1, 2}));
    QCOMPARE(model.row(1).key, 9);
    QCOMPARE(model.row(1).previousRank, 0);
}

void TestLeaderboardModel::limitCutsRows()
{
    LeaderboardModel model;
    model.setLimit(2);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.applySnapshot(board({5, 6, 7, 8}));
    QCOMPARE(order(model), (QList<int>{5, 6}));
}

void TestLeaderboardModel::followsTheEngine()
{
    testing::EngineFixture f;
    const qint64 ann = f.addPerson("Ann Lee", "Red");
    const qint64 bob = f.addPerson("Bob Stone", "Blue");
    const qint64 cat = f.addPerson("Cat Moss", "Red");
    f.record(ann, "revenue", 3000);
    f.record(bob, "revenue", 2000);
    f.record(cat, "revenue", 1000);

    LocalEventStream stream(f.engine.get());
    LeaderboardModel model;
    model.setRefreshDelay(0);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy refreshed(&model, &StreamModel::refreshed);
    model.setStream(&stream);
    QTRY_COMPARE(refreshed.size(), 1);
    QCOMPARE(order(model), (QList<int>{int(ann), int(bob), int(cat)}));
    QCOMPARE(model.row(0).formatted, QStringLiteral("$3K"));
    QCOMPARE(model.row(0).teamName, QStringLiteral("Red"));
    QCOMPARE(model.row(0).initials, QStringLiteral("AL"));

    // Cat overtakes both: one activity, one move, to the top.
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    f.record(cat, "revenue", 5000);
    QTRY_COMPARE(refreshed.size(), 2);
    QCOMPARE(order(model), (QList<int>{int(cat), int(ann), int(bob)}));
    QCOMPARE(moved.size(), 1);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(model.row(0).previousRank, 3);
    QCOMPARE(model.row(0).rank, 1);
    QCOMPARE(model.row(0).value, 6000.0);
    QCOMPARE(model.row(0).delta, 5000.0);

    // Another metric's activity asks for nothing.
    bool signupsHandled = false;
    connect(&stream, &EventStream::event, this,
            [&](const Event &e) { signupsHandled |= e.data().value("metric").toString() == QLatin1String("signups"); });
    f.record(bob, "signups", 3);
    QTRY_VERIFY(signupsHandled); // the model, connected first, has seen it too
    // Barrier, each step ordered after the one before: a refresh the event
    // started (delay 0) fires before a zero timer started later, and the
    // engine answers its fetch before a job queued after it.
    QTimer barrier;
    barrier.setSingleShot(true);
    QSignalSpy passed(&barrier, &QTimer::timeout);
    barrier.start(0);
    QVERIFY(passed.wait());
    bool answered = false;
    f.engine->run([](Engine &) { return Reply {}; }, this, [&](const Reply &) { answered = true; });
    QTRY_VERIFY(answered);
    QCOMPARE(refreshed.size(), 2);
}

QTEST_MAIN(TestLeaderboardModel)
#include "tst_leaderboardmodel.moc"
