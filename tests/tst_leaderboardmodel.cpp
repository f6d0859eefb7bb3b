// LeaderboardModel: snapshots merge into rows by moving them (never remove
// and re-insert a person who climbs). A real engine feeding the model is
// tst_inprocessapi's.
#include "leaderboardmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
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

QTEST_MAIN(TestLeaderboardModel)
#include "tst_leaderboardmodel.moc"
