// LeaderboardModel: snapshots merge into rows by moving them (never remove
// and re-insert a person who climbs), and between snapshots the rows follow
// activity:new and rankings:update alone: exact totals and ranks, no board
// request until a reset. A real engine feeding the model is tst_inprocessapi's.
#include "format.h"
#include "leaderboardmodel.h"
#include "scriptedstream.h"

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

// One entry of a board body.
QJsonObject entry(int rank, qint64 key, double value, qint64 team = 0)
{
    return {{"rank", rank},
            {"person", key},
            {"team", team ? QJsonValue(team) : QJsonValue()},
            {"teamName", team ? QJsonValue(QStringLiteral("T%1").arg(team)) : QJsonValue()},
            {"teamColor", team ? QJsonValue(QStringLiteral("#%1").arg(team, 6, 10, QLatin1Char('0'))) : QJsonValue()},
            {"name", QStringLiteral("P%1").arg(key)},
            {"initials", QStringLiteral("P%1").arg(key)},
            {"value", value},
            {"formatted", formatValue(value, "currency")}};
}

QJsonObject body(const QJsonArray &entries, const QString &scope = QStringLiteral("people"))
{
    return {{"metric", "revenue"},    {"label", "Revenue"}, {"unit", "currency"}, {"period", "month"},
            {"periodKey", "2026-11"}, {"scope", scope},     {"seq", 0},           {"entries", entries}};
}

// activity:new of person `key` whose month total is now `total`.
QJsonObject sale(qint64 key, double delta, double total, qint64 team = 0)
{
    return {{"person", key},
            {"name", QStringLiteral("P%1").arg(key)},
            {"initials", QStringLiteral("P%1").arg(key)},
            {"color", "#abcdef"},
            {"team", team ? QJsonValue(team) : QJsonValue()},
            {"teamName", team ? QJsonValue(QStringLiteral("T%1").arg(team)) : QJsonValue()},
            {"metric", "revenue"},
            {"delta", delta},
            {"formatted", formatValue(delta, "currency")},
            {"totals", QJsonObject {{"day", delta}, {"week", total}, {"month", total}, {"all", total}}}};
}

// rankings:update of person `key` on the month board; 0: no rank.
QJsonObject move(qint64 key, int previousRank, int newRank, double value, const QString &periodKey = "2026-11")
{
    return {{"person", key},
            {"metric", "revenue"},
            {"period", "month"},
            {"periodKey", periodKey},
            {"previousRank", previousRank ? QJsonValue(previousRank) : QJsonValue()},
            {"newRank", newRank ? QJsonValue(newRank) : QJsonValue()},
            {"value", value}};
}

QList<int> ranks(const LeaderboardModel &m)
{
    QList<int> out;
    for (int i = 0; i < m.rowCount(); ++i)
        out.append(m.row(i).rank);
    return out;
}

QList<double> values(const LeaderboardModel &m)
{
    QList<double> out;
    for (int i = 0; i < m.rowCount(); ++i)
        out.append(m.row(i).value);
    return out;
}

// Lets every zero-delay refresh the events started fire (and fetch).
void settle()
{
    QTimer barrier;
    barrier.setSingleShot(true);
    QSignalSpy passed(&barrier, &QTimer::timeout);
    barrier.start(0);
    QVERIFY(passed.wait());
}

// A model on `stream` with its first snapshot applied.
void start(LeaderboardModel &model, testing::ScriptedStream &stream, const QJsonObject &first)
{
    stream.bodies.insert("/api/leaderboards/revenue", first);
    model.setRefreshDelay(0);
    QSignalSpy refreshed(&model, &StreamModel::refreshed);
    model.setStream(&stream);
    QTRY_COMPARE(refreshed.size(), 1);
    QCOMPARE(stream.fetches, 1);
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
    void followsEventsWithoutFetching();
    void tiesShareARank();
    void newcomersEnterACutBoard();
    void fallingOffACutBoardRefetches();
    void teamsFollowDeltas();
    void eventsDuringAFetchAreKept();
    void eventsTheSnapshotHoldsAreSkipped();
    void refetchesOnlyWhenTold();
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

void TestLeaderboardModel::followsEventsWithoutFetching()
{
    testing::ScriptedStream stream;
    LeaderboardModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    start(model, stream, body({entry(1, 1, 3000, 1), entry(2, 2, 2000, 2), entry(3, 3, 1000, 1)}));
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy refreshed(&model, &StreamModel::refreshed);

    // P3 overtakes both; the day board's move is another board's.
    stream.push("activity:feed", "activity:new", sale(3, 5000, 6000, 1));
    QCOMPARE(values(model), (QList<double> {3000, 2000, 6000}));
    QCOMPARE(model.row(2).formatted, QStringLiteral("$6K"));
    QJsonObject day = move(3, 3, 1, 5000, "2026-11-18");
    day.insert("period", "day");
    stream.push("leaderboard:revenue", "rankings:update", day);
    stream.push("leaderboard:revenue", "rankings:update", move(3, 3, 1, 6000));
    QCOMPARE(order(model), (QList<int> {3, 1, 2}));
    QCOMPARE(ranks(model), (QList<int> {1, 2, 3}));
    QCOMPARE(values(model), (QList<double> {6000, 3000, 2000}));
    QCOMPARE(model.row(0).formatted, QStringLiteral("$6K"));
    QCOMPARE(model.row(0).previousRank, 3);
    QCOMPARE(model.row(1).previousRank, 1);
    QCOMPARE(model.row(2).previousRank, 2);
    QCOMPARE(model.row(0).delta, 5000.0);
    QCOMPARE(model.row(1).delta, 0.0);
    QCOMPARE(moved.size(), 1);
    QCOMPARE(removed.size(), 0);

    // A sale that moves nobody: only the total.
    stream.push("activity:feed", "activity:new", sale(2, 500, 2500, 2));
    QCOMPARE(values(model), (QList<double> {6000, 3000, 2500}));
    QCOMPARE(model.row(2).formatted, QStringLiteral("$2.5K"));
    QCOMPARE(ranks(model), (QList<int> {1, 2, 3}));

    settle();
    QCOMPARE(stream.fetches, 1);
    QCOMPARE(refreshed.size(), 0);
}

void TestLeaderboardModel::tiesShareARank()
{
    testing::ScriptedStream stream;
    LeaderboardModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    start(model, stream, body({entry(1, 1, 3000), entry(2, 2, 2000), entry(2, 3, 2000), entry(4, 4, 1000)}));

    // P4 draws level with P2 and P3: 1, 2, 2, 2, ties by id.
    stream.push("activity:feed", "activity:new", sale(4, 1000, 2000));
    stream.push("leaderboard:revenue", "rankings:update", move(4, 4, 2, 2000));
    QCOMPARE(order(model), (QList<int> {1, 2, 3, 4}));
    QCOMPARE(ranks(model), (QList<int> {1, 2, 2, 2}));

    // P3 breaks the tie and passes P1: 1, 2, 3, 3.
    stream.push("activity:feed", "activity:new", sale(3, 1500, 3500));
    stream.push("leaderboard:revenue", "rankings:update", move(3, 2, 1, 3500));
    QCOMPARE(order(model), (QList<int> {3, 1, 2, 4}));
    QCOMPARE(ranks(model), (QList<int> {1, 2, 3, 3}));
    QCOMPARE(values(model), (QList<double> {3500, 3000, 2000, 2000}));

    // P2 ties P1 for second: 1, 2, 2, 4.
    stream.push("activity:feed", "activity:new", sale(2, 1000, 3000));
    stream.push("leaderboard:revenue", "rankings:update", move(2, 3, 2, 3000));
    QCOMPARE(order(model), (QList<int> {3, 1, 2, 4}));
    QCOMPARE(ranks(model), (QList<int> {1, 2, 2, 4}));
    settle();
    QCOMPARE(stream.fetches, 1);
}

void TestLeaderboardModel::newcomersEnterACutBoard()
{
    testing::ScriptedStream stream;
    LeaderboardModel model;
    model.setLimit(3);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    start(model, stream, body({entry(1, 1, 3000, 1), entry(2, 2, 2000, 2), entry(3, 3, 1000, 1)}));

    // P5 of team 2 enters second: P3 drops off the three rows.
    stream.push("activity:feed", "activity:new", sale(5, 2500, 2500, 2));
    stream.push("leaderboard:revenue", "rankings:update", move(5, 0, 2, 2500));
    QCOMPARE(order(model), (QList<int> {1, 5, 2}));
    QCOMPARE(ranks(model), (QList<int> {1, 2, 3}));
    QCOMPARE(model.row(1).previousRank, 0); // new on the board
    QCOMPARE(model.row(1).name, QStringLiteral("P5"));
    QCOMPARE(model.row(1).teamName, QStringLiteral("T2"));
    QCOMPARE(model.row(1).teamColor, model.row(2).teamColor);
    QCOMPARE(model.row(1).formatted, QStringLiteral("$2.5K"));

    // P6 enters fifth, below the rows: nothing on them changes.
    stream.push("activity:feed", "activity:new", sale(6, 500, 500, 7));
    stream.push("leaderboard:revenue", "rankings:update", move(6, 0, 5, 500));
    QCOMPARE(order(model), (QList<int> {1, 5, 2}));
    QCOMPARE(ranks(model), (QList<int> {1, 2, 3}));
    settle();
    QCOMPARE(stream.fetches, 1);

    // A newcomer of a team no row shows: its colour needs the board.
    stream.push("activity:feed", "activity:new", sale(8, 9000, 9000, 9));
    stream.push("leaderboard:revenue", "rankings:update", move(8, 0, 1, 9000));
    settle();
    QCOMPARE(stream.fetches, 2);
}

void TestLeaderboardModel::fallingOffACutBoardRefetches()
{
    testing::ScriptedStream stream;
    LeaderboardModel model;
    model.setLimit(2);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    start(model, stream, body({entry(1, 1, 3000), entry(2, 2, 2000)}));
    // P1 falls below P2 at the end of a full board: who is third is hidden.
    stream.push("activity:feed", "activity:new", sale(1, -1500, 1500));
    stream.push("leaderboard:revenue", "rankings:update", move(1, 1, 3, 1500));
    settle();
    QCOMPARE(stream.fetches, 2);
}

void TestLeaderboardModel::teamsFollowDeltas()
{
    testing::ScriptedStream stream;
    LeaderboardModel model;
    model.setScope("teams");
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QJsonObject red = entry(1, 0, 4000), blue = entry(2, 0, 2000);
    red.insert("team", 1);
    blue.insert("team", 2);
    start(model, stream, body({red, blue}, "teams"));

    stream.push("activity:feed", "activity:new", sale(7, 3000, 3000, 2));
    QCOMPARE(order(model), (QList<int> {2, 1}));
    QCOMPARE(ranks(model), (QList<int> {1, 2}));
    QCOMPARE(values(model), (QList<double> {5000, 4000}));
    QCOMPARE(model.row(0).formatted, QStringLiteral("$5K"));
    QCOMPARE(model.row(0).previousRank, 2);
    // Level: both first.
    stream.push("activity:feed", "activity:new", sale(8, 1000, 1000, 1));
    QCOMPARE(ranks(model), (QList<int> {1, 1}));
    QCOMPARE(order(model), (QList<int> {1, 2}));
    // Without a team: on no team's total.
    stream.push("activity:feed", "activity:new", sale(9, 100, 100));
    settle();
    QCOMPARE(stream.fetches, 1);
    // A team new to the board: its name and colour need the board.
    stream.push("activity:feed", "activity:new", sale(9, 100, 100, 3));
    settle();
    QCOMPARE(stream.fetches, 2);
}

void TestLeaderboardModel::eventsDuringAFetchAreKept()
{
    // A stream that answers fetches only when told.
    class HeldStream : public testing::ScriptedStream
    {
    public:
        void fetch(const QString &, const QUrlQuery &, QObject *, SnapshotCallback callback) override
        {
            ++fetches;
            held.append(callback);
        }
        void answer(const QJsonObject &body) { held.takeFirst()(200, body); }
        QList<SnapshotCallback> held;
    };
    HeldStream stream;
    LeaderboardModel model;
    model.setRefreshDelay(0);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStream(&stream);
    QTRY_COMPARE(stream.held.size(), 1);

    // The first board is taken at seq 3; events after it arrive before the
    // answer and count on top of it, those up to it are in it already.
    stream.push("activity:feed", "activity:new", sale(3, 1000, 1000)); // seq 1
    stream.push("leaderboard:revenue", "rankings:update", move(3, 0, 3, 1000));
    stream.push("activity:feed", "activity:new", sale(7, 0, 0));
    stream.push("activity:feed", "activity:new", sale(3, 4000, 5000)); // seq 4
    stream.push("leaderboard:revenue", "rankings:update", move(3, 3, 1, 5000));
    QCOMPARE(model.rowCount(), 0);
    QJsonObject first = body({entry(1, 1, 3000), entry(2, 2, 2000), entry(3, 3, 1000)});
    first.insert("seq", 3);
    stream.answer(first);
    QCOMPARE(order(model), (QList<int> {3, 1, 2}));
    QCOMPARE(values(model), (QList<double> {5000, 3000, 2000}));
    QCOMPARE(ranks(model), (QList<int> {1, 2, 3}));

    // The same once the rows are live: a reset's board taken at seq 5 must
    // not undo what seq 6 did meanwhile.
    stream.emitReset();
    QTRY_COMPARE(stream.held.size(), 1);
    stream.push("activity:feed", "activity:new", sale(1, 1000, 4000)); // seq 6
    QCOMPARE(values(model), (QList<double> {5000, 4000, 2000}));
    QJsonObject second = body({entry(1, 3, 5000), entry(2, 1, 3000), entry(3, 2, 2000)});
    second.insert("seq", 5);
    stream.answer(second);
    QCOMPARE(values(model), (QList<double> {5000, 4000, 2000}));
    QCOMPARE(model.row(1).formatted, QStringLiteral("$4K"));
    QCOMPARE(stream.fetches, 2);
}

void TestLeaderboardModel::eventsTheSnapshotHoldsAreSkipped()
{
    // Over a network the board (taken at seq 2) may arrive before the
    // events it already holds: P3's entry must not count twice.
    testing::ScriptedStream stream;
    LeaderboardModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QJsonObject first = body({entry(1, 3, 3000), entry(2, 1, 2000)});
    first.insert("seq", 2);
    start(model, stream, first);
    stream.push("activity:feed", "activity:new", sale(3, 3000, 3000)); // seq 1
    stream.push("leaderboard:revenue", "rankings:update", move(3, 0, 1, 3000)); // seq 2
    QCOMPARE(order(model), (QList<int> {3, 1}));
    QCOMPARE(ranks(model), (QList<int> {1, 2}));
    stream.push("activity:feed", "activity:new", sale(1, 500, 2500)); // seq 3
    QCOMPARE(values(model), (QList<double> {3000, 2500}));
    QCOMPARE(ranks(model), (QList<int> {1, 2}));
    settle();
    QCOMPARE(stream.fetches, 1);
}

void TestLeaderboardModel::refetchesOnlyWhenTold()
{
    testing::ScriptedStream stream;
    LeaderboardModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    start(model, stream, body({entry(1, 1, 3000), entry(2, 2, 2000)}));
    QSignalSpy refreshed(&model, &StreamModel::refreshed);

    stream.emitReset();
    QTRY_COMPARE(refreshed.size(), 1);
    settle();
    QCOMPARE(stream.fetches, 2); // exactly one after a reset

    stream.push("leaderboard:revenue", "leaderboard:refresh", {{"metric", "revenue"}, {"reason", "correction"}});
    QTRY_COMPARE(refreshed.size(), 2);
    settle();
    QCOMPARE(stream.fetches, 3);

    // A new month: its board starts empty.
    stream.push("activity:feed", "activity:new", sale(2, 10, 10));
    stream.push("leaderboard:revenue", "rankings:update", move(2, 0, 1, 10, "2026-12"));
    QTRY_COMPARE(refreshed.size(), 3);
    settle();
    QCOMPARE(stream.fetches, 4);
}

QTEST_MAIN(TestLeaderboardModel)
#include "tst_leaderboardmodel.moc"
