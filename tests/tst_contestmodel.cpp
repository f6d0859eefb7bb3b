// ContestModel: live contests first (soonest end first), then scheduled, then
// the latest ended ones (at most two); updates patch in place; the countdown
// moves by itself between updates.
#include "contestmodel.h"
#include "scriptedstream.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace podium;

namespace {

const QDateTime t0(QDate(2026, 11, 18), QTime(15, 0), Qt::UTC);

QJsonObject contest(qint64 id, const QString &state, int endsInSeconds, int startsInSeconds = -60)
{
    return {{"id", id},
            {"name", QStringLiteral("C%1").arg(id)},
            {"metric", "revenue"},
            {"mode", "individuals"},
            {"state", state},
            {"startsAt", isoTime(t0.addSecs(startsInSeconds))},
            {"endsAt", isoTime(t0.addSecs(endsInSeconds))},
            {"remainingSeconds", std::max(0, endsInSeconds)},
            {"standings", QJsonArray{QJsonObject{{"rank", 1}, {"name", "Ann"}, {"formatted", "$5K"}}}}};
}

QList<qint64> ids(const ContestModel &m)
{
    QList<qint64> out;
    for (int i = 0; i < m.rowCount(); ++i)
        out.append(m.row(i).id);
    return out;
}

} // namespace

class TestContestModel : public QObject
{
    Q_OBJECT

private slots:
    void order_data();
    void order();
    void updateInPlace();
    void countdown();
    void snapshotThenEvents();
};

void TestContestModel::order_data()
{
    QTest::addColumn<QList<QJsonObject>>("updates");
    QTest::addColumn<QList<qint64>>("expected");

    QTest::newRow("live before scheduled")
        << QList<QJsonObject>{contest(1, "scheduled", 900, 300), contest(2, "live", 600)} << QList<qint64>{2, 1};
    QTest::newRow("live: soonest end first")
        << QList<QJsonObject>{contest(1, "live", 900), contest(2, "live", 60)} << QList<qint64>{2, 1};
    QTest::newRow("scheduled goes live and moves up")
        << QList<QJsonObject>{contest(1, "live", 900), contest(2, "scheduled", 2000, 100), contest(2, "live", 100)}
        << QList<qint64>{2, 1};
    QTest::newRow("only two ended kept, latest first")
        << QList<QJsonObject>{contest(1, "ended", -300), contest(2, "ended", -200), contest(3, "ended", -100),
                              contest(4, "live", 50)}
        << QList<qint64>{4, 3, 2};
}

void TestContestModel::order()
{
    QFETCH(QList<QJsonObject>, updates);
    QFETCH(QList<qint64>, expected);
    testing::ScriptedStream stream;
    ContestModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStream(&stream);
    for (const QJsonObject &c : updates)
        stream.push(QStringLiteral("contest:%1").arg(c.value("id").toInteger()), "contest:update", c);
    QCOMPARE(ids(model), expected);
    QCOMPARE(model.featured().value("contestId").toLongLong(), expected.first());
}

void TestContestModel::updateInPlace()
{
    testing::ScriptedStream stream;
    ContestModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStream(&stream);
    stream.push("contest:1", "contest:update", contest(1, "live", 600));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QJsonObject next = contest(1, "live", 600);
    next.insert("standings", QJsonArray{QJsonObject{{"rank", 1}, {"name", "Bob"}, {"formatted", "$9K"}}});
    stream.push("contest:1", "contest:update", next);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.row(0).standings.first().toMap().value("name").toString(), QStringLiteral("Bob"));
    QVERIFY(stream.rooms().contains("contest:1"));

    QSignalSpy ended(&model, &ContestModel::contestEnded);
    stream.push("tv-display", "contest:ended", contest(1, "ended", 0));
    QCOMPARE(ended.size(), 1);
    QCOMPARE(model.row(0).state, QStringLiteral("ended"));
}

void TestContestModel::countdown()
{
    ContestModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.apply(contest(1, "live", 90));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.tick(t0.addSecs(30));
    QCOMPARE(model.row(0).remaining, 60);
    QCOMPARE(changed.size(), 1);
    model.tick(t0.addSecs(30));
    QCOMPARE(changed.size(), 1); // no change, no signal
    model.tick(t0.addSecs(500));
    QCOMPARE(model.row(0).remaining, 0); // never negative
}

void TestContestModel::snapshotThenEvents()
{
    testing::ScriptedStream stream;
    stream.bodies.insert("/api/contests",
                         {{"contests", QJsonArray{contest(1, "live", 600), contest(2, "scheduled", 2000, 100)}}});
    ContestModel model;
    model.setRefreshDelay(0);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy refreshed(&model, &StreamModel::refreshed);
    model.setStream(&stream);
    QTRY_COMPARE(refreshed.size(), 1);
    QCOMPARE(ids(model), (QList<qint64>{1, 2}));
    // A later snapshot without contest 2 (deleted) drops it.
    stream.bodies.insert("/api/contests", {{"contests", QJsonArray{contest(1, "live", 500)}}});
    stream.emitReset();
    QTRY_COMPARE(refreshed.size(), 2);
    QCOMPARE(ids(model), (QList<qint64>{1}));
}

QTEST_MAIN(TestContestModel)
#include "tst_contestmodel.moc"
