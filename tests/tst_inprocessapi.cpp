// InProcessApi: the local wall's reads answered by HttpApi's route table and
// its events straight from the engine, so a model on a LocalEventStream reads
// the bodies the REST API serves and, from the events alone, ends in the
// engine's exact order, ranks and totals.
#include "enginefixture.h"
#include "http/contestsjson.h"
#include "http/leaderboardjson.h"
#include "http/socialjson.h"
#include "inprocessapi.h"
#include "leaderboardmodel.h"
#include "localeventstream.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace podium;

class TestInProcessApi : public QObject
{
    Q_OBJECT

private slots:
    void readsThroughTheRouteTable();
    void refusesWhatHttpRefuses();
    void leaderboardFollowsTheEngine();
};

namespace {

// Reads `path` through `api` and waits for the answer.
QPair<int, QJsonObject> readNow(InProcessApi &api, const QString &path, const QUrlQuery &query = {})
{
    QPair<int, QJsonObject> got {0, {}};
    QObject context;
    api.read(path, query, &context, [&got](int status, const QJsonObject &body) { got = {status, body}; });
    [&] { QTRY_VERIFY(got.first != 0); }();
    return got;
}

QList<int> order(const LeaderboardModel &m)
{
    QList<int> ids;
    for (int i = 0; i < m.rowCount(); ++i)
        ids.append(int(m.row(i).key));
    return ids;
}

} // namespace

void TestInProcessApi::readsThroughTheRouteTable()
{
    testing::EngineFixture f;
    const qint64 ann = f.addPerson("Ann Lee", "Red");
    f.record(ann, "revenue", 1200);
    rest::broadcast(*f.engine, QStringLiteral("user:%1").arg(ann), "note", {{"text", "hi"}});
    f.engine->flush();
    InProcessApi api(f.engine.get());

    const auto health = readNow(api, "/api/health");
    QCOMPARE(health.first, 200);
    QCOMPARE(health.second.value("seq").toInteger(), f.engine->lastSeq());

    QUrlQuery month;
    month.addQueryItem("period", "month");
    const auto board = readNow(api, "/api/leaderboards/revenue", month);
    QCOMPARE(board.first, 200);
    QCOMPARE(board.second, rest::leaderboard(*f.engine, "revenue", month).materialise().body);

    const auto contests = readNow(api, "/api/contests");
    QCOMPARE(contests.first, 200);
    QCOMPARE(contests.second, rest::listContests(*f.engine).body);

    // Every room, as the wall of this process always read them.
    QUrlQuery events;
    events.addQueryItem("rooms", QStringLiteral("user:%1").arg(ann));
    const auto own = readNow(api, "/api/events", events);
    QCOMPARE(own.first, 200);
    const QJsonArray list = own.second.value("events").toArray();
    QVERIFY(!list.isEmpty());
    for (const QJsonValue &e : list)
        QCOMPARE(e.toObject().value("room").toString(), QStringLiteral("user:%1").arg(ann));
    QCOMPARE(list.last().toObject().value("event").toString(), QStringLiteral("note"));
}

void TestInProcessApi::refusesWhatHttpRefuses()
{
    testing::EngineFixture f;
    InProcessApi api(f.engine.get());
    const auto missing = readNow(api, "/api/nothing");
    QCOMPARE(missing.first, 404);
    QCOMPARE(missing.second.value("error").toObject().value("message").toString(),
             QStringLiteral("no route for GET /api/nothing"));
    const auto badId = readNow(api, "/api/contests/x");
    QCOMPARE(badId.first, 400);
    QCOMPARE(badId.second.value("error").toObject().value("message").toString(),
             QStringLiteral("path parameter 'id' must be a positive integer, not 'x'"));
    // A write route is not a read.
    QCOMPARE(readNow(api, "/api/broadcast").first, 404);
}

void TestInProcessApi::leaderboardFollowsTheEngine()
{
    testing::EngineFixture f;
    const qint64 ann = f.addPerson("Ann Lee", "Red");
    const qint64 bob = f.addPerson("Bob Stone", "Blue");
    const qint64 cat = f.addPerson("Cat Moss", "Red");
    f.record(ann, "revenue", 3000);
    f.record(bob, "revenue", 2000);
    f.record(cat, "revenue", 1000);

    LocalEventStream stream(new InProcessApi(f.engine.get()));
    LeaderboardModel model;
    model.setRefreshDelay(0);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy refreshed(&model, &StreamModel::refreshed);
    model.setStream(&stream);
    QTRY_COMPARE(refreshed.size(), 1);
    QCOMPARE(order(model), (QList<int> {int(ann), int(bob), int(cat)}));
    QCOMPARE(model.row(0).formatted, QStringLiteral("$3K"));
    QCOMPARE(model.row(0).teamName, QStringLiteral("Red"));
    QCOMPARE(model.row(0).initials, QStringLiteral("AL"));

    // Cat overtakes both: one activity, one move, to the top.
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    f.record(cat, "revenue", 5000);
    QTRY_COMPARE(order(model), (QList<int> {int(cat), int(ann), int(bob)}));
    QCOMPARE(refreshed.size(), 1); // from the events alone, no snapshot
    QCOMPARE(moved.size(), 1);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(model.row(0).previousRank, 3);
    QCOMPARE(model.row(0).rank, 1);
    QCOMPARE(model.row(0).value, 6000.0);
    QCOMPARE(model.row(0).delta, 5000.0);
    // Row for row what the engine's board says.
    QUrlQuery month;
    month.addQueryItem("period", "month");
    const QJsonArray entries
            = rest::leaderboard(*f.engine, "revenue", month).materialise().body.value("entries").toArray();
    QCOMPARE(entries.size(), model.rowCount());
    for (int i = 0; i < model.rowCount(); ++i) {
        const QJsonObject o = entries.at(i).toObject();
        QCOMPARE(model.row(i).key, o.value("person").toInteger());
        QCOMPARE(model.row(i).rank, o.value("rank").toInt());
        QCOMPARE(model.row(i).value, o.value("value").toDouble());
        QCOMPARE(model.row(i).formatted, o.value("formatted").toString());
    }

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
    QCOMPARE(refreshed.size(), 1);
}

QTEST_MAIN(TestInProcessApi)
#include "tst_inprocessapi.moc"
