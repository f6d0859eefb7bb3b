// The real-time hub over real sockets: rooms and rights, ordering, resume,
// reset, backpressure, heartbeat, limits, Origin, TLS and shutdown.
#include "hubfixture.h"
#include "rawwebsocket.h"

#include <QMutex>
#include <QNetworkInterface>
#include <QProcess>
#include <QSslKey>
#include <QTimer>

using namespace podium;
using namespace podium::testing;

class TestHub : public QObject
{
    Q_OBJECT

private slots:
    void welcomeOnConnect();
    void joinAndLeave();
    void joinRights_data();
    void joinRights();
    void eventsArriveInOrderOnceInTheirRooms();
    void resumeReplaysExactlyTheMissedEvents();
    void resumeAheadOfTheServerResets();
    void resumePastTheWindowResets();
    void resumeWithRoomsIsOneStep();
    void slowConsumerIsCutLooseAlone();
    void silentPeerTimesOut();
    void oversizeFrameCloses();
    void invalidJsonKeepsTheConnection();
    void floodIsRefusedThenClosed();
    void binaryFloodIsRefusedThenClosed();
    void pingFloodWithoutReadingStaysSmall();
    void protocolViolationsClose_data();
    void protocolViolationsClose();
    void badFrameInTheUpgradePacket();
    void firstMessagesInTheUpgradePacket();
    void manyBadFramesInTheUpgradePacketLeaveNothing();
    void pingsFragmentsAndTheClosingHandshake();
    void foreignOriginIsRefused();
    void originIsCheckedAgainstWherePodiumIsServed_data();
    void originIsCheckedAgainstWherePodiumIsServed();
    void logThrottle();
    void refusedUpgradesLogBoundedly();
    void socketIoWebSocketSlowConsumerIsClosed();
    void socketIoFloodIsRefusedThenClosed();
    void socketIoEchoesOnlyRoomNames();
    void socketIoFramesInTheUpgradePacket();
    void socketIoStalledReaderIsDroppedByTheHub();
    void perAddressCapCountsBothTransports();
    void tooManyRoomsAndConnections();
    void tlsOnTheSamePort();
    void shutdownSaysGoingAway();
    void metricsAndConnections();
};

void TestHub::welcomeOnConnect()
{
    HubServer s;
    QVERIFY(s.started);
    Client c(s.base("ws") + "/ws");
    QVERIFY(c.waitConnected());
    const QJsonObject w = c.ofType("welcome").first();
    QCOMPARE(w.value("server").toString(), QString("podium"));
    QCOMPARE(w.value("identity").toString(), QString("anonymous"));
    QVERIFY(w.value("seq").isDouble());
    QCOMPARE(w.value("heartbeatMs").toInt(), 25000);
    // Token by URL and by hello.
    Client admin(s.base("ws") + "/ws?token=" + kAdminToken);
    QVERIFY(admin.waitConnected());
    QCOMPARE(admin.ofType("welcome").first().value("identity").toString(), QString("admin"));
    const QJsonObject hello = c.exchange({{"type", "hello"}, {"token", kAdminToken}}, {"welcome", "error"});
    QCOMPARE(hello.value("identity").toString(), QString("admin"));
    const QJsonObject bad = c.exchange({{"type", "hello"}, {"token", "nope"}}, {"welcome", "error"});
    QCOMPARE(bad.value("code").toString(), QString("invalid_token"));
}

void TestHub::joinAndLeave()
{
    HubServer s;
    Client c(s.base("ws") + "/ws");
    QVERIFY(c.waitConnected());
    QCOMPARE(c.exchange({{"type", "join"}, {"room", "tv-display"}}).value("type").toString(), QString("joined"));
    QCOMPARE(c.exchange({{"type", "leave"}, {"room", "tv-display"}}).value("type").toString(), QString("left"));
    const QJsonObject again = c.exchange({{"type", "leave"}, {"room", "tv-display"}});
    QCOMPARE(again.value("code").toString(), QString("not_joined"));
    // Left means no more events.
    s.broadcast("tv-display", "after-leave");
    // Barrier: the hub fans the event out before the broadcast's REST reply
    // is written, so it would be queued on this link ahead of the pong.
    QCOMPARE(c.exchange({{"type", "ping"}}).value("type").toString(), QString("pong"));
    QCOMPARE(c.events().size(), 0);
}

void TestHub::joinRights_data()
{
    QTest::addColumn<QString>("kind"); // token kind, or "" for none
    QTest::addColumn<QString>("room");
    QTest::addColumn<QString>("expected"); // "joined" or an error code
    QTest::newRow("anyone: wall") << "" << "tv-display" << "joined";
    QTest::newRow("anyone: feed") << "" << "activity:feed" << "joined";
    QTest::newRow("anyone: leaderboard") << "" << "leaderboard:revenue" << "joined";
    QTest::newRow("anyone: contest") << "" << "contest:3" << "joined";
    QTest::newRow("anyone: session") << "" << "session:9" << "joined";
    QTest::newRow("anonymous: user room") << "" << "user:1" << "forbidden";
    QTest::newRow("anonymous: team room") << "" << "team:1" << "forbidden";
    QTest::newRow("anonymous: admin") << "" << "admin" << "forbidden";
    QTest::newRow("person: own user room") << "person" << "user:1" << "joined";
    QTest::newRow("person: another's room") << "person" << "user:2" << "forbidden";
    QTest::newRow("person: own team") << "person" << "team:1" << "joined";
    QTest::newRow("person: other team") << "person" << "team:2" << "forbidden";
    QTest::newRow("person: admin") << "person" << "admin" << "forbidden";
    QTest::newRow("display: team room") << "display" << "team:2" << "joined";
    QTest::newRow("display: user room") << "display" << "user:1" << "forbidden";
    QTest::newRow("admin: user room") << "admin" << "user:2" << "joined";
    QTest::newRow("admin: admin") << "admin" << "admin" << "joined";
    QTest::newRow("malformed name") << "" << "tv display!" << "invalid_room";
    QTest::newRow("empty name") << "" << "" << "invalid_room";
    QTest::newRow("unknown room") << "" << "lobby" << "unknown_room";
    QTest::newRow("user room without id") << "admin" << "user:abc" << "unknown_room";
}

void TestHub::joinRights()
{
    QFETCH(QString, kind);
    QFETCH(QString, room);
    QFETCH(QString, expected);
    HubServer s;
    // Person 1 in team 1 ("North"), person 2 in team 2 ("South").
    QCOMPARE(s.request("POST", "/api/people", {{"name", "Ada"}, {"team", "North"}}).value("id").toInteger(), 1);
    QCOMPARE(s.request("POST", "/api/people", {{"name", "Ben"}, {"team", "South"}}).value("id").toInteger(), 2);
    QString token;
    if (kind == "admin")
        token = kAdminToken;
    else if (!kind.isEmpty())
        token = s.request("POST", "/api/tokens", kind == "person" ? QJsonObject{{"kind", kind}, {"person", 1}} : QJsonObject{{"kind", kind}})
                    .value("token")
                    .toString();
    Client c(s.base("ws") + "/ws" + (token.isEmpty() ? QString() : "?token=" + token));
    QVERIFY(c.waitConnected());
    const QJsonObject reply = c.exchange({{"type", "join"}, {"room", room}});
    if (expected == "joined") {
        QCOMPARE(reply.value("type").toString(), QString("joined"));
        QCOMPARE(reply.value("room").toString(), room);
    } else {
        QCOMPARE(reply.value("type").toString(), QString("error"));
        QCOMPARE(reply.value("code").toString(), expected);
        QVERIFY(!reply.value("message").toString().isEmpty());
    }
    // The connection stays usable after a refused join.
    QCOMPARE(c.exchange({{"type", "ping"}}).value("type").toString(), QString("pong"));
}

void TestHub::eventsArriveInOrderOnceInTheirRooms()
{
    HubServer s;
    Client wall(s.base("ws") + "/ws");
    Client other(s.base("ws") + "/ws");
    QVERIFY(wall.waitConnected() && other.waitConnected());
    QVERIFY(wall.join("tv-display"));
    QVERIFY(wall.join("activity:feed"));
    QVERIFY(other.join("contest:1"));
    QList<qint64> expected;
    for (int i = 0; i < 60; ++i) {
        const QString room = i % 3 == 0 ? "tv-display" : i % 3 == 1 ? "activity:feed" : "contest:1";
        const qint64 seq = s.broadcast(room, "tick", {{"i", i}, {"nested", QJsonObject{{"ok", true}}}});
        QVERIFY(seq > 0);
        if (i % 3 != 2)
            expected << seq;
    }
    QTRY_COMPARE(wall.events().size(), expected.size());
    QList<qint64> got;
    for (const QJsonObject &e : wall.events()) {
        got << e.value("seq").toInteger();
        QCOMPARE(e.value("event").toString(), QString("tick"));
        QVERIFY(e.value("room").toString() != "contest:1");
        QCOMPARE(e.value("data").toObject().value("nested").toObject().value("ok").toBool(), true); // verbatim
        QVERIFY(!e.value("at").toString().isEmpty());
    }
    QCOMPARE(got, expected);
    QTRY_COMPARE(other.events().size(), 20);
}

void TestHub::resumeReplaysExactlyTheMissedEvents()
{
    HubServer s;
    auto first = std::make_unique<Client>(s.base("ws") + "/ws");
    QVERIFY(first->waitConnected());
    QVERIFY(first->join("tv-display"));
    const qint64 seen = s.broadcast("tv-display", "before");
    QTRY_COMPARE(first->events().size(), 1);
    QCOMPARE(first->events().last().value("seq").toInteger(), seen);
    first.reset(); // the TV drops off the network

    QList<qint64> missed;
    for (int i = 0; i < 100; ++i) {
        missed << s.broadcast("tv-display", "missed", {{"i", i}});
        s.broadcast("activity:feed", "elsewhere"); // not in our rooms: never replayed
    }
    Client back(s.base("ws") + "/ws");
    QVERIFY(back.waitConnected());
    QVERIFY(back.join("tv-display"));
    back.send({{"type", "resume"}, {"since", seen}});
    QTRY_COMPARE(back.ofType("resumed").size(), 1);
    const qint64 live = s.broadcast("tv-display", "live");
    QTRY_COMPARE(back.events().size(), 101);
    QList<qint64> got;
    for (const QJsonObject &e : back.events())
        got << e.value("seq").toInteger();
    QCOMPARE(got.mid(0, 100), missed);
    QCOMPARE(got.last(), live);
    QCOMPARE(back.ofType("resumed").first().value("count").toInt(), 100);
    // Order on the wire: the replay, then "resumed", then live.
    int resumedAt = -1;
    for (int i = 0; i < back.messages.size(); ++i) {
        if (back.messages.at(i).value("type") == "resumed")
            resumedAt = i;
    }
    QCOMPARE(back.messages.at(resumedAt - 1).value("seq").toInteger(), missed.last());
    QCOMPARE(back.messages.at(resumedAt + 1).value("seq").toInteger(), live);
}

void TestHub::resumeAheadOfTheServerResets()
{
    HubServer s;
    Client c(s.base("ws") + "/ws");
    QVERIFY(c.waitConnected());
    QVERIFY(c.join("tv-display"));
    c.send({{"type", "resume"}, {"since", 999999}});
    QTRY_COMPARE(c.ofType("reset").size(), 1);
    QCOMPARE(c.exchange({{"type", "resume"}, {"since", -4}}).value("code").toString(), QString("invalid_request"));
}

void TestHub::resumePastTheWindowResets()
{
    Hub::Config config;
    config.retainedWindowSecs = 1;
    HubServer s(config);
    const qint64 old = s.broadcast("tv-display", "old");
    s.broadcast("tv-display", "older-than-the-window");
    // The window is measured on the server's clock against the stored time of
    // the first event a resume would replay: wait until that time has left it.
    const QJsonArray stored
            = s.request("GET", QStringLiteral("/api/events?since=%1&limit=1").arg(old - 1)).value("events").toArray();
    QCOMPARE(stored.first().toObject().value("seq").toInteger(), old);
    const QDateTime storedAt
            = QDateTime::fromString(stored.first().toObject().value("at").toString(), Qt::ISODateWithMs);
    QVERIFY(storedAt.isValid());
    QVERIFY(QTest::qWaitFor(
            [&] { return QDateTime::currentDateTimeUtc() > storedAt.addSecs(config.retainedWindowSecs); }, 5000));
    // A TV that saw `old - 1` comes back after the window has passed.
    Client c(s.base("ws") + "/ws");
    QVERIFY(c.waitConnected());
    c.send({{"type", "resume"}, {"since", old - 1}, {"rooms", QJsonArray{"tv-display"}}});
    QTRY_COMPARE(c.ofType("reset").size(), 1);
    QCOMPARE(c.ofType("resumed").size(), 0);
    QCOMPARE(c.events().size(), 0);
}

void TestHub::resumeWithRoomsIsOneStep()
{
    // Traffic flows the whole time; joining inside the resume keeps the seam
    // exact: the replay, "resumed", then live, in seq order, once each.
    HubServer s;
    QList<qint64> before;
    for (int i = 0; i < 20; ++i)
        before << s.broadcast("tv-display", "before", {{"i", i}});
    Client c(s.base("ws") + "/ws");
    QVERIFY(c.waitConnected());
    QTimer pump;
    QList<qint64> during;
    QObject::connect(&pump, &QTimer::timeout, &pump, [&] {
        if (during.size() < 15)
            during << s.broadcast("tv-display", "during");
    });
    pump.start(5);
    c.send({{"type", "resume"}, {"since", before.at(4)}, {"rooms", QJsonArray{"tv-display", "user:1"}}});
    QTRY_COMPARE_WITH_TIMEOUT(during.size(), 15, 10000);
    pump.stop();
    QTRY_COMPARE(c.ofType("resumed").size(), 1);
    QTRY_VERIFY(!c.events().isEmpty() && c.events().last().value("seq").toInteger() == during.last());
    QList<qint64> got;
    for (const QJsonObject &e : c.events())
        got << e.value("seq").toInteger();
    QList<qint64> expected = before.mid(5) + during;
    QCOMPARE(got, expected);
    QCOMPARE(c.ofType("joined").size(), 1);
    QCOMPARE(c.ofType("error").first().value("code").toString(), QString("forbidden")); // user:1, no token
    QCOMPARE(c.exchange({{"type", "resume"}, {"since", 1e300}}).value("code").toString(), QString("invalid_request"));
}

void TestHub::slowConsumerIsCutLooseAlone()
{
    HubServer s;
    RawWebSocket slow;
    QVERIFY(slow.connect(s.host.port(), 4096));
    slow.sendText(R"({"type":"join","room":"tv-display"})");
    Client fast(s.base("ws") + "/ws");
    QVERIFY(fast.waitConnected());
    QVERIFY(fast.join("tv-display"));
    // The slow peer is in the room once its own "joined" arrives.
    QByteArray reply;
    QVERIFY(QTest::qWaitFor(
            [&] {
                return slow.nextFrame(50, &reply) == 0x1
                        && QJsonDocument::fromJson(reply).object().value("type") == "joined";
            },
            5000));
    // 12 MiB of events: far past the 1 MiB cap plus what the kernel buffers.
    const QString blob(60000, QChar('x'));
    for (int i = 0; i < 200; ++i)
        s.broadcast("tv-display", "big", {{"blob", blob}, {"i", i}});
    QTRY_COMPARE_WITH_TIMEOUT(fast.events().size(), 200, 30000);
    const QString metrics = s.request("GET", "/metrics").value("raw").toString();
    QVERIFY2(metrics.contains("podium_slow_consumer_closes_total 1\n"), qPrintable(metrics));
    // The slow peer is gone from the server (within the abort grace period).
    QTRY_COMPARE_WITH_TIMEOUT(s.request("GET", "/api/connections").value("connections").toArray().size(), 1, 5000);
}

void TestHub::silentPeerTimesOut()
{
    Hub::Config config;
    config.heartbeatIntervalMs = 150;
    config.heartbeatTimeoutMs = 400;
    HubServer s(config);
    RawWebSocket silent; // never answers pings
    QVERIFY(silent.connect(s.host.port()));
    Client polite(s.base("ws") + "/ws"); // QWebSocket answers pings itself
    QVERIFY(polite.waitConnected());
    int code = 0;
    QVERIFY(QTest::qWaitFor([&] { return (code = silent.pollCloseCode(50)) != 0; }, 3000));
    QCOMPARE(code, int(Hub::HeartbeatTimeout));
    // Barrier: a second silent peer, connected after the first was cut, times
    // out a whole timeout later; polite, connected before it, would have been
    // cut first if it did not answer.
    RawWebSocket later;
    QVERIFY(later.connect(s.host.port()));
    QVERIFY(QTest::qWaitFor([&] { return (code = later.pollCloseCode(50)) != 0; }, 3000));
    QCOMPARE(code, int(Hub::HeartbeatTimeout));
    QCOMPARE(polite.ws.state(), QAbstractSocket::ConnectedState);
}

void TestHub::oversizeFrameCloses()
{
    HubServer s;
    Client c(s.base("ws") + "/ws");
    QVERIFY(c.waitConnected());
    c.ws.sendTextMessage(QString(70 * 1024, QChar('a')));
    QTRY_VERIFY_WITH_TIMEOUT(c.closeCode != -1, 5000);
    QCOMPARE(c.closeCode, int(QWebSocketProtocol::CloseCodeTooMuchData));
}

void TestHub::invalidJsonKeepsTheConnection()
{
    HubServer s;
    Client c(s.base("ws") + "/ws");
    QVERIFY(c.waitConnected());
    const QList<QPair<QString, QString>> bad{{"{nope", "invalid_json"},
                                             {"[1,2]", "invalid_json"},
                                             {R"({"type":"dance"})", "unknown_type"},
                                             {R"({"type":"join","room":7})", "invalid_room"},
                                             {R"({"type":"resume","since":"x"})", "invalid_request"}};
    for (const auto &b : bad) {
        const int before = int(c.ofType("error").size());
        c.ws.sendTextMessage(b.first);
        QTRY_COMPARE(c.ofType("error").size(), before + 1);
        QCOMPARE(c.ofType("error").last().value("code").toString(), b.second);
    }
    QCOMPARE(c.exchange({{"type", "ping"}}).value("type").toString(), QString("pong"));
}

void TestHub::floodIsRefusedThenClosed()
{
    HubServer s;
    Client c(s.base("ws") + "/ws");
    QVERIFY(c.waitConnected());
    for (int i = 0; i < 400; ++i)
        c.ws.sendTextMessage(R"({"type":"ping"})");
    QTRY_VERIFY_WITH_TIMEOUT(c.closeCode != -1, 5000);
    QCOMPARE(c.closeCode, int(QWebSocketProtocol::CloseCodePolicyViolated));
    bool sawRateLimited = false;
    for (const QJsonObject &e : c.ofType("error"))
        sawRateLimited |= e.value("code").toString() == "rate_limited";
    QVERIFY(sawRateLimited);
    QVERIFY(c.ofType("pong").size() >= 40); // the burst allowance was served
}

void TestHub::binaryFloodIsRefusedThenClosed()
{
    // Each binary frame costs a reply, so binary spends the text budget.
    HubServer s;
    Client c(s.base("ws") + "/ws");
    QVERIFY(c.waitConnected());
    for (int i = 0; i < 400; ++i)
        c.ws.sendBinaryMessage(QByteArray("\x01\x02"));
    QTRY_VERIFY_WITH_TIMEOUT(c.closeCode != -1, 5000);
    QCOMPARE(c.closeCode, int(QWebSocketProtocol::CloseCodePolicyViolated));
    int notSupported = 0;
    bool sawRateLimited = false;
    for (const QJsonObject &e : c.ofType("error")) {
        notSupported += e.value("code").toString() == "binary_not_supported";
        sawRateLimited |= e.value("code").toString() == "rate_limited";
    }
    QVERIFY(sawRateLimited);
    QVERIFY2(notSupported >= 40 && notSupported < 400, qPrintable(QString::number(notSupported)));
}

void TestHub::pingFloodWithoutReadingStaysSmall()
{
    if (qgetenv("PODIUM_TEST_HUB_LINKS") == "qt")
        QSKIP("QWebSocket answers every ping; the hub's own links answer the latest one once the client reads");
    HubServer s;
    RawWebSocket flooder;
    QVERIFY(flooder.connect(s.host.port(), 4096));
    // 9 MB of pings, twice what the kernel's send buffer can grow to in
    // pongs, from a client that never reads.
    const QByteArray payload(125, 'p');
    for (int i = 0; i < 70000; ++i)
        flooder.sendFrame(0x89, payload);
    QTRY_COMPARE_WITH_TIMEOUT(flooder.socket.bytesToWrite(), qint64(0), 10000);
    // Barrier: the link reads its stream in order, so once the hub has counted
    // this text message every ping before it has been handled.
    flooder.sendText(R"({"type":"ping"})");
    QJsonArray connections;
    QTRY_VERIFY_WITH_TIMEOUT((connections = s.request("GET", "/api/connections").value("connections").toArray()).size()
                                             == 1
                                     && connections.first().toObject().value("received").toInteger() == 1,
                             10000);
    const qint64 queued = connections.first().toObject().value("queuedBytes").toInteger();
    QVERIFY2(queued < 4096, qPrintable(QString::number(queued)));
}

void TestHub::protocolViolationsClose_data()
{
    QTest::addColumn<int>("head"); // FIN, reserved bits, opcode
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("masked");
    QTest::addColumn<int>("code");
    QTest::newRow("unmasked frame") << 0x81 << QByteArray(R"({"type":"ping"})") << false << 1002;
    QTest::newRow("reserved bit") << 0xC1 << QByteArray("{}") << true << 1002;
    QTest::newRow("unknown opcode") << 0x83 << QByteArray("x") << true << 1002;
    QTest::newRow("continuation first") << 0x80 << QByteArray("x") << true << 1002;
    QTest::newRow("fragmented ping") << 0x09 << QByteArray("x") << true << 1002;
    QTest::newRow("ping over 125 bytes") << 0x89 << QByteArray(126, 'p') << true << 1002;
    QTest::newRow("text not UTF-8") << 0x81 << QByteArray("{\"a\":\"\xff\xfe\"}") << true << 1007;
}

void TestHub::protocolViolationsClose()
{
    QFETCH(int, head);
    QFETCH(QByteArray, payload);
    QFETCH(bool, masked);
    QFETCH(int, code);
    if (!masked && qgetenv("PODIUM_TEST_HUB_LINKS") == "qt")
        QSKIP("QWebSocket (Qt 6.4) accepts unmasked client frames; only the hub's own links refuse them");
    HubServer s;
    RawWebSocket c;
    QVERIFY(c.connect(s.host.port()));
    c.sendFrame(quint8(head), payload, masked);
    int got = 0;
    QVERIFY(QTest::qWaitFor([&] { return (got = c.pollCloseCode(50)) != 0; }, 5000));
    QCOMPARE(got, code);
    // The server lets go of the connection too.
    QTRY_COMPARE_WITH_TIMEOUT(s.request("GET", "/api/connections").value("connections").toArray().size(), 0, 5000);
}

void TestHub::badFrameInTheUpgradePacket()
{
    // The frame arrives in the same TCP segment as the upgrade request, so
    // it already waits behind the handshake when the connection is adopted.
    Hub::Config config;
    config.maxConnectionsPerAddress = 1;
    HubServer s(config);
    RawWebSocket c;
    QVERIFY(c.upgrade(s.host.port(), "/ws", RawWebSocket::frame(0x83, "x")).startsWith("HTTP/1.1 101"));
    int got = 0;
    QVERIFY(QTest::qWaitFor([&] { return (got = c.pollCloseCode(50)) != 0; }, 5000));
    QCOMPARE(got, 1002);
    QCOMPARE(c.maskedFrames, 0);
    // Once it is gone, nothing of it is left and its place under the
    // per-address cap is free.
    c.socket.abort();
    QTRY_COMPARE_WITH_TIMEOUT(s.connections(), 0, 5000);
    Client next(s.base("ws") + "/ws");
    QVERIFY(next.waitConnected());
}

void TestHub::firstMessagesInTheUpgradePacket()
{
    Hub::Config config;
    config.maxConnectionsPerAddress = 1;
    HubServer s(config);
    RawWebSocket c;
    const QByteArray first = RawWebSocket::frame(0x81, R"({"type":"hello","token":")" + kAdminToken.toUtf8() + "\"}")
            + RawWebSocket::frame(0x81, R"({"type":"join","room":"admin"})");
    QVERIFY(c.upgrade(s.host.port(), "/ws", first).startsWith("HTTP/1.1 101"));
    QStringList types;
    QByteArray payload;
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(c.nextFrame(5000, &payload), 0x1);
        types << QJsonDocument::fromJson(payload).object().value("type").toString();
    }
    // welcome (anonymous), welcome (admin) after the hello, then the join
    // an anonymous client could not have made.
    QCOMPARE(types, QStringList({"welcome", "welcome", "joined"}));
    QCOMPARE(c.maskedFrames, 0);
    // It holds its address's one place.
    Client second(s.base("ws") + "/ws");
    QTRY_VERIFY_WITH_TIMEOUT(second.closeCode != -1, 5000);
    QCOMPARE(second.closeCode, int(QWebSocketProtocol::CloseCodePolicyViolated));
}

void TestHub::manyBadFramesInTheUpgradePacketLeaveNothing()
{
    HubServer s;
    constexpr int kClients = 500;
    int closed = 0;
    for (int i = 0; i < kClients; ++i) {
        RawWebSocket c;
        const QByteArray head = c.upgrade(s.host.port(), "/ws", RawWebSocket::frame(0x83, "x"));
        if (!head.startsWith("HTTP/1.1 101"))
            continue;
        int got = 0;
        QVERIFY(QTest::qWaitFor([&] { return (got = c.pollCloseCode(20)) != 0; }, 5000));
        closed += got == 1002 ? 1 : 0;
        QCOMPARE(c.maskedFrames, 0);
    }
    QCOMPARE(closed, kClients);
    QTRY_COMPARE_WITH_TIMEOUT(s.connections(), 0, 10000);
}

void TestHub::pingsFragmentsAndTheClosingHandshake()
{
    HubServer s;
    RawWebSocket c;
    QVERIFY(c.connect(s.host.port()));
    QByteArray payload;
    QCOMPARE(c.nextFrame(5000, &payload), 0x1);
    QCOMPARE(QJsonDocument::fromJson(payload).object().value("type").toString(), QString("welcome"));
    // A client's ping is answered with its own payload.
    c.sendFrame(0x89, "are you there");
    QCOMPARE(c.nextFrame(5000, &payload), 0xA);
    QCOMPARE(payload, QByteArray("are you there"));
    // A message in three fragments, a ping between them: the ping is
    // answered at once, the message once it is whole.
    c.sendFrame(0x01, R"({"type")");
    c.sendFrame(0x89, "between");
    c.sendFrame(0x00, R"(:"pi)");
    c.sendFrame(0x80, R"(ng"})");
    QCOMPARE(c.nextFrame(5000, &payload), 0xA);
    QCOMPARE(payload, QByteArray("between"));
    QCOMPARE(c.nextFrame(5000, &payload), 0x1);
    QCOMPARE(QJsonDocument::fromJson(payload).object().value("type").toString(), QString("pong"));
    // The client closes: the server answers with the same code, then the
    // TCP connection ends and the server forgets the client.
    c.sendFrame(0x88,
                QByteArray("\x03\xe8"
                           "bye",
                           5));
    QCOMPARE(c.nextFrame(5000, &payload), 0x8);
    QCOMPARE(payload.left(2), QByteArray("\x03\xe8", 2));
    QVERIFY(c.socket.state() == QAbstractSocket::UnconnectedState || c.socket.waitForDisconnected(5000));
    QTRY_COMPARE_WITH_TIMEOUT(s.request("GET", "/api/connections").value("connections").toArray().size(), 0, 5000);
}

void TestHub::foreignOriginIsRefused()
{
    HubServer s;
    QNetworkRequest evil;
    evil.setRawHeader("Origin", "http://evil.example");
    Client c(s.base("ws") + "/ws", evil);
    QSignalSpy refused(&c.ws, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
    QVERIFY(refused.wait(5000));
    QVERIFY(c.ofType("welcome").isEmpty());
    QVERIFY(c.ws.state() != QAbstractSocket::ConnectedState);
    QNetworkRequest same;
    same.setRawHeader("Origin", s.base().toUtf8());
    Client ok(s.base("ws") + "/ws", same);
    QVERIFY(ok.waitConnected());
}

void TestHub::originIsCheckedAgainstWherePodiumIsServed_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("host"); // the Host header sent
    QTest::addColumn<QByteArray>("origin"); // "PORT" stands for the server's port
    QTest::addColumn<bool>("allowed");
    for (const QByteArray &path : {QByteArray("/ws"), QByteArray("/socket.io/?EIO=4&transport=websocket")}) {
        const auto row = [&](const char *name) -> QTestData & {
            return QTest::newRow((path.left(3) + " " + name).constData());
        };
        // DNS rebinding: a hostile page's name resolving to Podium.
        row("Host alone does not trust") << path << QByteArray("evil.example") << QByteArray("http://evil.example")
                                         << false;
        row("Host with port") << path << QByteArray("evil.example:PORT") << QByteArray("http://evil.example:PORT")
                              << false;
        row("own address") << path << QByteArray("evil.example") << QByteArray("http://127.0.0.1:PORT") << true;
        row("localhost") << path << QByteArray("localhost:PORT") << QByteArray("http://LOCALHOST:PORT") << true;
        row("own address, other port") << path << QByteArray("127.0.0.1:PORT") << QByteArray("http://127.0.0.1:1")
                                       << false;
        row("public name") << path << QByteArray("podium.example") << QByteArray("https://podium.example") << true;
        row("public name with port") << path << QByteArray("x") << QByteArray("http://wall.example:8080") << true;
        row("public name, other port") << path << QByteArray("x") << QByteArray("http://wall.example:8081") << false;
        row("allow-list") << path << QByteArray("x") << QByteArray("http://partner.example") << true;
        row("not http") << path << QByteArray("x") << QByteArray("file://127.0.0.1:PORT") << false;
        for (const QHostAddress &a : QNetworkInterface::allAddresses()) {
            if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback()) {
                // The machine's own address on its network (the server
                // listens on loopback only, but the check is by address).
                row("interface address") << path << QByteArray("x") << "http://" + a.toString().toLatin1() + ":PORT"
                                         << true;
                break;
            }
        }
    }
}

void TestHub::originIsCheckedAgainstWherePodiumIsServed()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, host);
    QFETCH(QByteArray, origin);
    QFETCH(bool, allowed);
    Hub::Config config;
    config.publicNames = QStringList {"podium.example", "wall.example:8080"};
    config.allowedOrigins = QStringList {"http://partner.example"};
    HubServer s(config);
    const QByteArray port = QByteArray::number(s.host.port());
    RawWebSocket c;
    const QByteArray head
            = c.upgrade(s.host.port(), path, {},
                        "Host: " + host.replace("PORT", port) + "\r\nOrigin: " + origin.replace("PORT", port) + "\r\n");
    QCOMPARE(head.left(12), allowed ? QByteArray("HTTP/1.1 101") : QByteArray("HTTP/1.1 403"));
    if (!allowed) {
        // Refused for good: the connection ends after the answer, and no
        // handshake answer follows it.
        QVERIFY(c.socket.state() == QAbstractSocket::UnconnectedState || c.socket.waitForDisconnected(5000));
        QVERIFY(!c.socket.readAll().contains("HTTP/1.1 101"));
    }
}

void TestHub::logThrottle()
{
    static QMutex mutex;
    static QStringList lines;
    const QtMessageHandler previous
            = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &m) {
                  QMutexLocker lock(&mutex);
                  lines << m;
              });
    qint64 now = 0;
    LogThrottle throttle(lcHub(), 3, 1000, [&now] { return now; });
    QList<bool> allowed;
    for (int i = 0; i < 10; ++i)
        allowed << throttle.allow("refusals");
    allowed << throttle.allow("closes"); // another kind, its own count
    now = 999;
    allowed << throttle.allow("refusals");
    throttle.flush(); // the interval is not over: nothing yet
    const QStringList beforeEnd = lines;
    now = 1000;
    allowed << throttle.allow("refusals"); // a new interval, after the summary
    now = 1100;
    allowed << throttle.allow("refusals") << throttle.allow("refusals") << throttle.allow("refusals");
    now = 2100;
    throttle.flush();
    throttle.flush(); // once only
    qInstallMessageHandler(previous);
    QCOMPARE(allowed,
             (QList<bool> {true, true, true, false, false, false, false, false, false, false, true, false, true, true,
                           true, false}));
    QCOMPARE(beforeEnd, QStringList());
    QCOMPARE(lines, (QStringList {"… 8 more refusals suppressed", "… 1 more refusals suppressed"}));
}

void TestHub::refusedUpgradesLogBoundedly()
{
    static QAtomicInt refusals;
    static QAtomicInt summaries;
    refusals = 0;
    summaries = 0;
    HubServer s;
    const QtMessageHandler previous
            = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &m) {
                  if (m.contains(QLatin1String("refused a WebSocket from origin")))
                      refusals.fetchAndAddRelaxed(1);
                  else if (m.contains(QLatin1String("more refused WebSocket upgrades suppressed")))
                      summaries.fetchAndAddRelaxed(1);
              });
    QElapsedTimer took;
    took.start();
    constexpr int kRefused = 2000;
    int forbidden = 0;
    for (int i = 0; i < kRefused; ++i) {
        RawWebSocket c;
        forbidden += c.upgrade(s.host.port(), "/ws", {}, "Origin: http://evil.example\r\n").startsWith("HTTP/1.1 403");
    }
    // The last refusal's line (if any) is written before its reply.
    const qint64 windows = 1 + took.elapsed() / 10000;
    qInstallMessageHandler(previous);
    QCOMPARE(forbidden, kRefused);
    // Five lines per 10 s, and a summary when a window with more is over.
    QVERIFY2(refusals.loadRelaxed() >= 5 && refusals.loadRelaxed() <= 5 * windows,
             qPrintable(QString::number(refusals.loadRelaxed())));
    QVERIFY(summaries.loadRelaxed() <= windows);
}

namespace {
// A Socket.IO client over a raw WebSocket: Engine.IO's open packet first,
// then a connect to namespace "/" (answered 40{"sid":…}).
bool openSocketIo(RawWebSocket &c, quint16 port, int receiveBuffer = 0)
{
    if (!c.connect(port, receiveBuffer, "/socket.io/?EIO=4&transport=websocket"))
        return false;
    QByteArray payload;
    if (c.nextFrame(5000, &payload) != 0x1 || !payload.startsWith("0{"))
        return false;
    c.sendText("40");
    return c.nextFrame(5000, &payload) == 0x1 && payload.startsWith("40{");
}
} // namespace

void TestHub::socketIoWebSocketSlowConsumerIsClosed()
{
    HubServer s;
    RawWebSocket slow;
    QVERIFY(openSocketIo(slow, s.host.port(), 4096));
    slow.sendText(R"(420["join:tv-display"])");
    QByteArray payload;
    QCOMPARE(slow.nextFrame(5000, &payload), 0x1);
    QCOMPARE(payload, QByteArray(R"(430[{"ok":true,"room":"tv-display"}])"));
    Client fast(s.base("ws") + "/ws");
    QVERIFY(fast.waitConnected());
    QVERIFY(fast.join("tv-display"));
    // 12 MiB of events, never read: far past the 1 MiB cap plus what the
    // kernel buffers.
    const QString blob(60000, QChar('x'));
    for (int i = 0; i < 200; ++i)
        s.broadcast("tv-display", "big", {{"blob", blob}, {"i", i}});
    QTRY_COMPARE_WITH_TIMEOUT(fast.events().size(), 200, 30000);
    QString metrics;
    QTRY_VERIFY_WITH_TIMEOUT((metrics = s.request("GET", "/metrics").value("raw").toString())
                                     .contains("podium_socketio_websocket_sessions 0\n"),
                             5000);
    QVERIFY2(metrics.contains("podium_socketio_slow_consumer_closes_total 1\n"), qPrintable(metrics));
    QVERIFY2(metrics.contains("podium_socketio_queued_bytes 0\n"), qPrintable(metrics));
    QCOMPARE(fast.ws.state(), QAbstractSocket::ConnectedState);
}

void TestHub::socketIoFloodIsRefusedThenClosed()
{
    HubServer s;
    RawWebSocket c;
    QVERIFY(openSocketIo(c, s.host.port()));
    QByteArray flood;
    for (int i = 0; i < 400; ++i)
        flood += RawWebSocket::frame(0x81, "42" + QByteArray::number(i) + R"(["join:tv-display"])");
    c.socket.write(flood);
    int served = 0;
    int rateLimited = 0;
    int closeCode = 0;
    QByteArray payload;
    for (int frames = 0; frames < 1000; ++frames) {
        const int opcode = c.nextFrame(5000, &payload);
        if (opcode == 0x8) {
            closeCode = (quint8(payload.at(0)) << 8) | quint8(payload.at(1));
            break;
        }
        if (opcode != 0x1)
            break;
        served += payload.endsWith(R"([{"ok":true,"room":"tv-display"}])");
        rateLimited += payload.endsWith(R"([{"error":"rate_limited","ok":false}])");
    }
    QCOMPARE(closeCode, int(QWebSocketProtocol::CloseCodeGoingAway));
    // The burst allowance (40 packets, the connect among them) was served,
    // then 100 refusals, then the close.
    QVERIFY2(served >= 39 && served < 60, qPrintable(QString::number(served)));
    QCOMPARE(rateLimited, 100);
    QCOMPARE(c.maskedFrames, 0);
    const QString metrics = s.request("GET", "/metrics").value("raw").toString();
    QVERIFY2(metrics.contains("podium_socketio_flood_closes_total 1\n"), qPrintable(metrics));
}

void TestHub::socketIoEchoesOnlyRoomNames()
{
    HubServer s;
    RawWebSocket c;
    QVERIFY(openSocketIo(c, s.host.port()));
    QByteArray payload;
    const QByteArray longName(60000, 'r');
    c.sendText(R"(421["join",")" + longName + R"("])");
    QCOMPARE(c.nextFrame(5000, &payload), 0x1);
    QCOMPARE(payload, QByteArray(R"(431[{"error":"invalid_room","ok":false}])"));
    c.sendText(R"(422[")" + longName + R"("])");
    QCOMPARE(c.nextFrame(5000, &payload), 0x1);
    QCOMPARE(payload, QByteArray(R"(432[{"error":"unknown_event","ok":false}])"));
    c.sendText(R"(423["join","no-such-room"])");
    QCOMPARE(c.nextFrame(5000, &payload), 0x1);
    QCOMPARE(payload, QByteArray(R"(433[{"error":"unknown_room","ok":false,"room":"no-such-room"}])"));
}

void TestHub::socketIoFramesInTheUpgradePacket()
{
    HubServer s;
    const QByteArray path = "/socket.io/?EIO=4&transport=websocket";
    // A connect right behind the upgrade request: answered after the open
    // packet.
    RawWebSocket c;
    QVERIFY(c.upgrade(s.host.port(), path, RawWebSocket::frame(0x81, "40")).startsWith("HTTP/1.1 101"));
    QByteArray payload;
    QCOMPARE(c.nextFrame(5000, &payload), 0x1);
    QVERIFY2(payload.startsWith("0{"), payload.constData());
    QCOMPARE(c.nextFrame(5000, &payload), 0x1);
    QVERIFY2(payload.startsWith("40{\"sid\":"), payload.constData());
    QCOMPARE(c.maskedFrames, 0);
    // A bad frame there: the RFC's close code, unmasked, and no session left.
    RawWebSocket bad;
    QVERIFY(bad.upgrade(s.host.port(), path, RawWebSocket::frame(0x83, "x")).startsWith("HTTP/1.1 101"));
    int got = 0;
    QVERIFY(QTest::qWaitFor([&] { return (got = bad.pollCloseCode(50)) != 0; }, 5000));
    QCOMPARE(got, 1002);
    QCOMPARE(bad.maskedFrames, 0);
    QTRY_VERIFY_WITH_TIMEOUT(
            s.request("GET", "/metrics").value("raw").toString().contains("podium_socketio_sessions 1\n"), 5000);
}

void TestHub::socketIoStalledReaderIsDroppedByTheHub()
{
    HubServer s;
    RawWebSocket slow;
    QVERIFY(openSocketIo(slow, s.host.port(), 4096));
    slow.sendText(R"(420["join:tv-display"])");
    QByteArray payload;
    QCOMPARE(slow.nextFrame(5000, &payload), 0x1);
    QCOMPARE(payload, QByteArray(R"(430[{"ok":true,"room":"tv-display"}])"));
    // Events it does not read, until the hub's outbound cap cuts it loose.
    const QString blob(60000, QChar('x'));
    QString metrics;
    for (int i = 0; i < 200; ++i) {
        s.broadcast("tv-display", "big", {{"blob", blob}, {"i", i}});
        metrics = s.request("GET", "/metrics").value("raw").toString();
        if (metrics.contains("podium_slow_consumer_closes_total 1\n"))
            break;
    }
    // The hub's series count it, and Socket.IO's own.
    QVERIFY2(metrics.contains("podium_slow_consumer_closes_total 1\n"), qPrintable(metrics));
    QVERIFY2(metrics.contains("podium_socketio_slow_consumer_closes_total 1\n"), qPrintable(metrics));
    // Reading again at once, it gets what was queued before the cap, then
    // the hub's close frame: 4008, as on /ws.
    int events = 0;
    int closeCode = 0;
    for (int frames = 0; frames < 1000; ++frames) {
        const int opcode = slow.nextFrame(5000, &payload);
        if (opcode == 0x8) {
            closeCode = (quint8(payload.at(0)) << 8) | quint8(payload.at(1));
            break;
        }
        if (opcode != 0x1)
            break;
        QVERIFY2(payload.startsWith(R"(42["big",{"blob":")"), payload.left(40).constData());
        ++events;
    }
    QCOMPARE(closeCode, int(Hub::SlowConsumer));
    QVERIFY2(events > 0, qPrintable(QString::number(events)));
    QCOMPARE(slow.maskedFrames, 0);
    QTRY_VERIFY_WITH_TIMEOUT(
            s.request("GET", "/metrics").value("raw").toString().contains("podium_socketio_sessions 0\n"), 5000);
}

void TestHub::perAddressCapCountsBothTransports()
{
    Hub::Config config;
    config.maxConnectionsPerAddress = 2;
    HubServer s(config);
    Client native(s.base("ws") + "/ws");
    QVERIFY(native.waitConnected());
    RawWebSocket sio;
    QVERIFY(openSocketIo(sio, s.host.port()));
    // The address is at its cap of two: a third connection of either kind
    // is refused.
    Client third(s.base("ws") + "/ws");
    QTRY_VERIFY_WITH_TIMEOUT(third.closeCode != -1, 5000);
    QCOMPARE(third.closeCode, int(QWebSocketProtocol::CloseCodePolicyViolated));
    RawWebSocket refused;
    QVERIFY(refused.connect(s.host.port(), 0, "/socket.io/?EIO=4&transport=websocket"));
    int got = 0;
    QVERIFY(QTest::qWaitFor([&] { return (got = refused.pollCloseCode(50)) != 0; }, 5000));
    QCOMPARE(got, int(QWebSocketProtocol::CloseCodePolicyViolated));
    int status = 0;
    s.request("GET", "/socket.io/?EIO=4&transport=polling", {}, &status);
    QCOMPARE(status, 429);
    // Both are listed, each with its transport.
    const QJsonArray listed = s.request("GET", "/api/connections").value("connections").toArray();
    QStringList transports;
    for (const QJsonValue &c : listed)
        transports << c.toObject().value("transport").toString();
    QCOMPARE(transports, (QStringList {"websocket", "socket.io"}));
    // A place the native connection frees is a Socket.IO session's.
    native.ws.close();
    QTRY_COMPARE_WITH_TIMEOUT(s.connections(), 0, 5000);
    RawWebSocket next;
    QVERIFY(openSocketIo(next, s.host.port()));
}

void TestHub::tooManyRoomsAndConnections()
{
    Hub::Config config;
    config.maxRoomsPerConnection = 3;
    config.maxConnectionsPerAddress = 2;
    HubServer s(config);
    Client c(s.base("ws") + "/ws");
    QVERIFY(c.waitConnected());
    QVERIFY(c.join("contest:1"));
    QVERIFY(c.join("contest:2"));
    QVERIFY(c.join("contest:3"));
    QCOMPARE(c.exchange({{"type", "join"}, {"room", "contest:4"}}).value("code").toString(), QString("too_many_rooms"));
    QVERIFY(c.join("contest:3")); // already a member: fine
    Client second(s.base("ws") + "/ws");
    QVERIFY(second.waitConnected());
    Client third(s.base("ws") + "/ws");
    QTRY_VERIFY_WITH_TIMEOUT(third.closeCode != -1, 5000);
    QCOMPARE(third.closeCode, int(QWebSocketProtocol::CloseCodePolicyViolated));
}

void TestHub::tlsOnTheSamePort()
{
    QTemporaryDir certDir;
    const QString cert = certDir.filePath("cert.pem");
    const QString key = certDir.filePath("key.pem");
    const int rc = QProcess::execute("openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                                                 "-days", "2", "-subj", "/CN=127.0.0.1"});
    if (rc != 0)
        QSKIP("openssl is not installed");
    HubServer s({}, cert, key);
    QVERIFY(s.started);
    // Plain HTTPS on the port...
    QNetworkRequest req(QUrl(s.base("https") + "/api/health"));
    QNetworkReply *reply = s.nam.get(req);
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [reply] { reply->ignoreSslErrors(); });
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
    // ...and WSS on the same one.
    QWebSocket ws;
    QObject::connect(&ws, &QWebSocket::sslErrors, &ws, [&ws](const QList<QSslError> &) { ws.ignoreSslErrors(); });
    QStringList got;
    QObject::connect(&ws, &QWebSocket::textMessageReceived, &ws, [&got](const QString &m) { got << m; });
    QObject::connect(&ws, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), &ws, [&ws](QAbstractSocket::SocketError) { qWarning() << ws.errorString(); });
    ws.open(QUrl(s.base("wss") + "/ws"));
    QTRY_COMPARE_WITH_TIMEOUT(got.size(), 1, 5000);
    QVERIFY(got.first().contains("\"type\":\"welcome\""));
}

void TestHub::shutdownSaysGoingAway()
{
    HubServer s;
    Client c(s.base("ws") + "/ws");
    QVERIFY(c.waitConnected());
    QVERIFY(c.join("tv-display"));
    s.host.stop();
    QTRY_VERIFY_WITH_TIMEOUT(c.closeCode != -1, 5000);
    QCOMPARE(c.closeCode, int(QWebSocketProtocol::CloseCodeGoingAway));
}

void TestHub::metricsAndConnections()
{
    HubServer s;
    Client c(s.base("ws") + "/ws");
    QVERIFY(c.waitConnected());
    QVERIFY(c.join("tv-display"));
    s.broadcast("tv-display", "x");
    QTRY_COMPARE(c.events().size(), 1);
    const QString metrics = s.request("GET", "/metrics").value("raw").toString();
    for (const char *series : {"podium_connections 1\n", "podium_rooms 1\n", "podium_joins_total 1\n",
                               "podium_deliveries_total 1\n", "podium_fanout_duration_seconds_count 1\n",
                               "podium_slow_consumer_closes_total 0\n", "podium_ingest_activities_total 0\n"})
        QVERIFY2(metrics.contains(QLatin1String(series)), series);
    const QJsonArray connections = s.request("GET", "/api/connections").value("connections").toArray();
    QCOMPARE(connections.size(), 1);
    const QJsonObject conn = connections.at(0).toObject();
    QCOMPARE(conn.value("rooms").toArray(), QJsonArray{"tv-display"});
    QCOMPARE(conn.value("transport").toString(), QString("websocket"));
    QCOMPARE(conn.value("sent").toInteger(), 1);
    int status = 0;
    s.request("GET", "/api/connections", {}, &status, QString());
    QCOMPARE(status, 401);
    s.request("POST", QString("/api/connections/%1/kick").arg(conn.value("id").toInteger()), {}, &status);
    QCOMPARE(status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(c.closeCode != -1, 5000);
    QCOMPARE(c.closeCode, int(Hub::Kicked));
}

QTEST_GUILESS_MAIN(TestHub)
#include "tst_hub.moc"
