// TeamTrendModel: one row per team; a point whenever a team's total moves;
// history rebuilt backwards from the activity log; bounded points per team.
#include "scriptedstream.h"
#include "teamtrendmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace podium;

namespace {

const QDateTime t0(QDate(2026, 11, 18), QTime(15, 0), Qt::UTC);

QJsonObject teams(double red, double blue)
{
    return {{"seq", 10},
            {"entries", QJsonArray{QJsonObject{{"rank", 1}, {"team", 1}, {"name", "Red"}, {"color", "#EF4444"}, {"value", red}},
                                   QJsonObject{{"rank", 2}, {"team", 2}, {"name", "Blue"}, {"color", "#3B82F6"}, {"value", blue}}}}};
}

QJsonObject sale(qint64 seq, qint64 team, double delta, int minute)
{
    return {{"seq", seq},
            {"event", "activity:new"},
            {"room", "activity:feed"},
            {"at", isoTime(t0.addSecs(60 * minute))},
            {"data", QJsonObject{{"metric", "revenue"}, {"team", team}, {"delta", delta}}}};
}

// A board taken before any event the test pushes (they count from seq 1).
QJsonObject live(QJsonObject board)
{
    board.insert("seq", 0);
    return board;
}

QList<double> ys(const TeamTrendModel &m, int row)
{
    QList<double> out;
    for (const QPointF &p : m.row(row).points)
        out.append(p.y());
    return out;
}

} // namespace

using Boards = QList<QPair<double, double>>;

class TestTeamTrendModel : public QObject
{
    Q_OBJECT

private slots:
    void pointsFollowTotals_data();
    void pointsFollowTotals();
    void historyWalksBackwards();
    void pointsAreBounded();
    void otherMetricsIgnored();
    void followsActivityWithoutFetching();
    void eventsTheBoardHoldsAreSkipped();
};

void TestTeamTrendModel::pointsFollowTotals_data()
{
    QTest::addColumn<Boards>("boards");
    QTest::addColumn<QList<double>>("red");
    QTest::addColumn<QList<double>>("blue");
    QTest::newRow("one board") << Boards{{100, 50}} << QList<double>{100} << QList<double>{50};
    QTest::newRow("unchanged adds nothing")
        << Boards{{100, 50}, {100, 50}} << QList<double>{100} << QList<double>{50};
    QTest::newRow("only the mover gets a point")
        << Boards{{100, 50}, {100, 80}, {130, 80}} << QList<double>{100, 130}
        << QList<double>{50, 80};
}

void TestTeamTrendModel::pointsFollowTotals()
{
    QFETCH(Boards, boards);
    QFETCH(QList<double>, red);
    QFETCH(QList<double>, blue);
    TeamTrendModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    int minute = 0;
    for (const auto &b : boards)
        model.applyBoard(teams(b.first, b.second), t0.addSecs(60 * minute++));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(ys(model, 0), red);
    QCOMPARE(ys(model, 1), blue);
    QCOMPARE(model.maxValue(), std::max(red.last(), blue.last()));
}

void TestTeamTrendModel::historyWalksBackwards()
{
    TeamTrendModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.applyBoard(teams(100, 50), t0.addSecs(600));
    // Red sold 30 then 70 (total 100); Blue sold 50; another metric is ignored.
    QJsonArray events{sale(1, 1, 30, 1), sale(2, 2, 50, 2), sale(3, 1, 70, 3)};
    QJsonObject other = sale(4, 1, 999, 4);
    QJsonObject data = other.value("data").toObject();
    data.insert("metric", "signups");
    other.insert("data", data);
    events.append(other);
    QSignalSpy changed(&model, &TeamTrendModel::pointsChanged);
    model.applyHistory({{"events", events}});
    QCOMPARE(changed.size(), 1);
    // Steps: 0 → 30 at minute 1, 30 → 100 at minute 3, then "now" (100).
    QCOMPARE(ys(model, 0), (QList<double>{0, 30, 30, 100, 100}));
    QCOMPARE(ys(model, 1), (QList<double>{0, 50, 50}));
    QCOMPARE(model.minTime(), double(t0.addSecs(60).toMSecsSinceEpoch() - 1));
    QCOMPARE(model.maxTime(), double(t0.addSecs(600).toMSecsSinceEpoch()));
}

void TestTeamTrendModel::pointsAreBounded()
{
    TeamTrendModel model;
    for (int i = 0; i < 1000; ++i)
        model.applyBoard(teams(100 + i, 50), t0.addSecs(i));
    QCOMPARE(model.row(0).points.size(), TeamTrendModel::kMaxPoints);
    QCOMPARE(model.row(0).points.last().y(), 1099.0);
}

void TestTeamTrendModel::otherMetricsIgnored()
{
    testing::ScriptedStream stream;
    stream.bodies.insert("/api/leaderboards/revenue", live(teams(10, 5)));
    TeamTrendModel model;
    model.setRefreshDelay(0);
    QSignalSpy refreshed(&model, &StreamModel::refreshed);
    model.setStream(&stream);
    QTRY_COMPARE(refreshed.size(), 1);
    const int fetches = stream.fetches;
    stream.push("activity:feed", "activity:new", {{"metric", "signups"}, {"team", 1}, {"delta", 1}});
    // Barrier: push() hands the event over at once, and a zero timer started
    // now fires after any refresh timer (delay 0) the event started.
    QTimer barrier;
    barrier.setSingleShot(true);
    QSignalSpy passed(&barrier, &QTimer::timeout);
    barrier.start(0);
    QVERIFY(passed.wait());
    QCOMPARE(stream.fetches, fetches);
    QCOMPARE(model.row(0).value, 10.0);
    // Its own metric moves the team, from the event.
    stream.push("activity:feed", "activity:new", {{"metric", "revenue"}, {"team", 1}, {"delta", 1}});
    QCOMPARE(model.row(0).value, 11.0);
}

void TestTeamTrendModel::followsActivityWithoutFetching()
{
    testing::ScriptedStream stream;
    stream.bodies.insert("/api/leaderboards/revenue", live(teams(10, 5)));
    stream.bodies.insert("/api/events", {{"events", QJsonArray()}});
    TeamTrendModel model;
    model.setRefreshDelay(0);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy refreshed(&model, &StreamModel::refreshed);
    model.setStream(&stream);
    QTRY_COMPARE(refreshed.size(), 1);
    QTRY_COMPARE(stream.fetches, 2); // the board, then the history
    QSignalSpy changed(&model, &TeamTrendModel::pointsChanged);
    stream.push("activity:feed", "activity:new", {{"metric", "revenue"}, {"team", 1}, {"delta", 2.5}});
    stream.push("activity:feed", "activity:new", {{"metric", "revenue"}, {"team", 2}, {"delta", 7}});
    QCOMPARE(changed.size(), 2);
    QCOMPARE(model.row(0).value, 12.5);
    QCOMPARE(model.row(0).points.last().y(), 12.5);
    QCOMPARE(model.row(1).value, 12.0);
    QCOMPARE(ys(model, 1).last(), 12.0);
    // A barrier: a refresh the events started (delay 0) would fire first.
    QTimer barrier;
    barrier.setSingleShot(true);
    QSignalSpy passed(&barrier, &QTimer::timeout);
    barrier.start(0);
    QVERIFY(passed.wait());
    QCOMPARE(stream.fetches, 2);
    QCOMPARE(refreshed.size(), 1);

    // A reset: exactly one board again.
    stream.emitReset();
    QTRY_COMPARE(refreshed.size(), 2);
    barrier.start(0);
    QVERIFY(passed.wait());
    QCOMPARE(stream.fetches, 3);

    // A team new to the chart needs its name and colour: one board.
    stream.push("activity:feed", "activity:new", {{"metric", "revenue"}, {"team", 3}, {"delta", 1}});
    QTRY_COMPARE(refreshed.size(), 3);
    QCOMPARE(stream.fetches, 4);
}

void TestTeamTrendModel::eventsTheBoardHoldsAreSkipped()
{
    testing::ScriptedStream stream;
    QJsonObject board = teams(10, 5);
    board.insert("seq", 1);
    stream.bodies.insert("/api/leaderboards/revenue", board);
    TeamTrendModel model;
    model.setRefreshDelay(0);
    QSignalSpy refreshed(&model, &StreamModel::refreshed);
    model.setStream(&stream);
    QTRY_COMPARE(refreshed.size(), 1);
    // Seq 1 is in the board already (it overtook the event); seq 2 is not.
    stream.push("activity:feed", "activity:new", {{"metric", "revenue"}, {"team", 1}, {"delta", 4}});
    QCOMPARE(model.row(0).value, 10.0);
    stream.push("activity:feed", "activity:new", {{"metric", "revenue"}, {"team", 1}, {"delta", 4}});
    QCOMPARE(model.row(0).value, 14.0);
}

QTEST_MAIN(TestTeamTrendModel)
#include "tst_teamtrendmodel.moc"
