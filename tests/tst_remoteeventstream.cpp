// RemoteEventStream against a real Podium (ServerHost on a free port): it
// goes Live, feeds models from events and REST snapshots, shows Offline when
// the server goes away, reconnects by itself, and resumes from its last seq
// so an event committed while it was away still arrives, once.
#include "engine/engine.h"
#include "feedmodel.h"
#include "http/directoryjson.h"
#include "http/socialjson.h"
#include "leaderboardmodel.h"
#include "remoteeventstream.h"
#include "restcalls.h"
#include "serverhost.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace podium;
using namespace std::chrono_literals;

namespace {

// Sales in the feed (milestones and badges land there too).
QStringList sales(const FeedModel &feed)
{
    QStringList out;
    for (int i = 0; i < feed.rowCount(); ++i) {
        if (feed.row(i).kind == QLatin1String("activity"))
            out.append(feed.row(i).title + QLatin1Char(' ') + feed.row(i).detail);
    }
    return out;
}

} // namespace

class TestRemoteEventStream : public QObject
{
    Q_OBJECT

private slots:
    void urls_data();
    void urls();
    void liveOfflineAndResume();
    void offlineWhenNobodyListens();

private:
    // Runs `job` on the engine and waits until it has committed.
    Reply runOnEngine(ServerHost &host, Engine::Job job)
    {
        Reply out;
        bool done = false;
        host.engine()->run(std::move(job), this, [&](const Reply &r) {
            out = r;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 10000))
            qWarning("engine job timed out");
        return out;
    }
    bool startHost(ServerHost &host, const QString &dir, quint16 port)
    {
        ServerHost::Config c;
        c.dataDir = dir;
        c.address = QHostAddress::LocalHost;
        c.port = port;
        c.adminToken = QStringLiteral("remote-admin-token");
        QString error;
        const bool ok = host.start(c, &error);
        if (!ok)
            qWarning("%s", qPrintable(error));
        return ok;
    }
};

void TestRemoteEventStream::urls_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("socket");
    QTest::addColumn<QString>("http");
    QTest::newRow("bare") << "ws://tv.local:5000" << "ws://tv.local:5000/ws" << "http://tv.local:5000";
    QTest::newRow("with /ws") << "ws://10.0.0.2:5000/ws" << "ws://10.0.0.2:5000/ws" << "http://10.0.0.2:5000";
    QTest::newRow("tls") << "wss://podium.example/" << "wss://podium.example/ws" << "https://podium.example";
}

void TestRemoteEventStream::urls()
{
    QFETCH(QString, given);
    QFETCH(QString, socket);
    QFETCH(QString, http);
    RemoteEventStream stream{QUrl(given), QString()};
    QCOMPARE(stream.socketUrl().toString(), socket);
    QCOMPARE(stream.httpBase().toString(), http);
    QCOMPARE(stream.state(), EventStream::Offline);
}

void TestRemoteEventStream::liveOfflineAndResume()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto host = std::make_unique<ServerHost>();
    QVERIFY(startHost(*host, dir.path(), 0));
    const quint16 port = host->port();
    const Reply ann = runOnEngine(*host, [](Engine &e) {
        return rest::createPerson(e, {{"name", "Ann Lee"}, {"team", "Red"}});
    });
    const Reply bob = runOnEngine(*host, [](Engine &e) {
        return rest::createPerson(e, {{"name", "Bob Stone"}, {"team", "Blue"}});
    });
    const qint64 annId = ann.body.value("id").toInteger(), bobId = bob.body.value("id").toInteger();

    RemoteEventStream stream(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(port)), QString());
    // Slow first retry: the test commits an event while the wall is away.
    stream.setTimings(1500ms, 3s, 500ms);
    LeaderboardModel board;
    board.setRefreshDelay(0);
    QAbstractItemModelTester tester(&board, QAbstractItemModelTester::FailureReportingMode::QtTest);
    FeedModel feed;
    board.setStream(&stream);
    feed.setStream(&stream);
    QVERIFY(stream.rooms().contains("leaderboard:revenue"));
    QVERIFY(stream.rooms().contains("activity:feed"));
    QSignalSpy resets(&stream, &EventStream::reset);
    QSignalSpy resumed(&stream, &RemoteEventStream::resumed);

    stream.start();
    QCOMPARE(stream.state(), EventStream::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(stream.state(), EventStream::Live, 5000);
    QTRY_COMPARE(resets.size(), 1); // first contact: take snapshots

    // Events flow; the board refetches over REST and orders.
    runOnEngine(*host, [=](Engine &e) {
        return testing::recordActivity(e, {{"person", annId}, {"metric", "revenue"}, {"delta", 500}});
    });
    runOnEngine(*host, [=](Engine &e) {
        return testing::recordActivity(e, {{"person", bobId}, {"metric", "revenue"}, {"delta", 900}});
    });
    QTRY_COMPARE_WITH_TIMEOUT(board.rowCount(), 2, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(board.row(0).name, QStringLiteral("Bob Stone"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(sales(feed).size(), 2, 5000);
    const qint64 seqBefore = stream.lastSeq();
    QVERIFY(seqBefore > 0);

    // The server goes away: the wall says so, and keeps trying.
    host->stop();
    QTRY_COMPARE_WITH_TIMEOUT(stream.state(), EventStream::Offline, 5000);

    // It comes back on the same port and commits something at once, before
    // the wall's retry: the resume must bring it.
    host = std::make_unique<ServerHost>();
    QVERIFY(startHost(*host, dir.path(), port));
    runOnEngine(*host, [=](Engine &e) {
        return testing::recordActivity(e, {{"person", annId}, {"metric", "revenue"}, {"delta", 1000}});
    });
    QTRY_COMPARE_WITH_TIMEOUT(stream.state(), EventStream::Live, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(resumed.size(), 1, 5000);
    QVERIFY(resumed.first().first().toInt() >= 1);
    QTRY_VERIFY2_WITH_TIMEOUT(sales(feed).size() >= 3, qPrintable(sales(feed).join(" / ")), 5000);
    // Barrier: events reach the stream in seq order on one socket, so once a
    // marker committed now has arrived, a replayed duplicate would have too.
    const qint64 marker
            = runOnEngine(*host, [](Engine &e) { return rest::broadcast(e, "activity:feed", "marker", {}); })
                      .body.value("seq")
                      .toInteger();
    QVERIFY(marker > 0);
    QTRY_VERIFY_WITH_TIMEOUT(stream.lastSeq() >= marker, 5000);
    QCOMPARE(sales(feed).join(" / "),
             (QStringList{"Ann Lee +$1K revenue", "Bob Stone +$900 revenue", "Ann Lee +$500 revenue"}).join(" / "));
    QTRY_COMPARE_WITH_TIMEOUT(board.row(0).name, QStringLiteral("Ann Lee"), 5000);
    QCOMPARE(board.row(0).previousRank, 2);
    QVERIFY(stream.lastSeq() > seqBefore);
    QCOMPARE(resets.size(), 1); // resumed, not reset
    host->stop();
}

void TestRemoteEventStream::offlineWhenNobodyListens()
{
    // A port nobody listens on: Connecting, then Offline, then trying again.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    RemoteEventStream stream(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(port)), QString());
    stream.setTimings(100ms, 400ms, 500ms);
    QSignalSpy states(&stream, &EventStream::stateChanged);
    stream.start();
    QTRY_COMPARE_WITH_TIMEOUT(stream.state(), EventStream::Offline, 5000);
    // Several attempts within a second: Connecting and Offline alternate.
    QTRY_VERIFY_WITH_TIMEOUT(states.size() >= 6, 5000);
}

QTEST_MAIN(TestRemoteEventStream)
#include "tst_remoteeventstream.moc"
