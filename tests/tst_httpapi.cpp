// The REST API over real sockets: a ServerHost on a free port with a real
// SQLite file, driven by QNetworkAccessManager (and raw sockets where a
// client has to misbehave).
#include "engine/engine.h"
#include "serverhost.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QWebSocket>

using podium::Engine;
using podium::Reply;
using podium::ServerHost;

namespace {
const QString kAdmin = QStringLiteral("test-admin-token");

QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QStringList sortedKeys(const QJsonObject &o)
{
    QStringList keys = o.keys();
    keys.sort();
    return keys;
}
} // namespace

class TestHttpApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void health();
    void createPerson();
    void recordActivity();
    void recordBatch();
    void leaderboard();
    void events();
    void broadcast();
    void idempotentRetry();
    void keyReuseConflicts();
    void badInput_data();
    void badInput();
    void personReadsOwnNotifications();
    void eventsFollowRoomRules();
    void eventsRoomListIsBounded();
    void eventsNeedViewTokenWhenRequired();
    void peopleHideContactData();
    void staticFilesCarrySecurityHeaders();
    void metricsBehindToken();
    void unknownTokensShareTheAddressBucket();
    void authFailuresThrottledPerAddress();
    void adminTokenRotates();
    void shortTokensRefusedAtStart_data();
    void shortTokensRefusedAtStart();
    void tokenLifecycle();
    void clientDisconnectsBeforeReply();
    void stopWithRequestsInFlight();
    void startFailsCleanly_data();
    void startFailsCleanly();
    void binaryPrintsPortAndStopsOnSigterm();

private:
    struct Response
    {
        int status = 0;
        QJsonObject json;
        QByteArray body;
        QByteArray retryAfter;
        QList<QNetworkReply::RawHeaderPair> headers;
        QByteArray header(const QByteArray &name) const
        {
            for (const auto &h : headers) {
                if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                    return h.second;
            }
            return {};
        }
        QString errorCode() const { return json.value("error").toObject().value("code").toString(); }
        QString errorMessage() const { return json.value("error").toObject().value("message").toString(); }
    };
    // A request from the source address `from` over a raw socket: the one way
    // to be another client address on loopback.
    Response rawCall(quint16 port, const QHostAddress &from, const QByteArray &path, const QString &token);
    static bool startHost(ServerHost &host, const QString &dir, const QString &adminToken,
                          const std::function<void(ServerHost::Config &)> &tweak = {});
    Response call(const QByteArray &method, const QString &path, const QByteArray &body = {}, const QString &token = {},
                  quint16 port = 0, const QByteArray &authorization = {});
    Response post(const QString &path, const QJsonObject &body, const QString &token = kAdmin)
    {
        return call("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), token);
    }
    qint64 createPersonId(const QString &name, const QString &team);

    QTemporaryDir m_dir;
    QTemporaryDir m_strictDir;
    ServerHost m_host;
    ServerHost m_strict; // a rate limit of 1 request per second, for floods
    QNetworkAccessManager m_nam;
    QString m_display;
    QString m_integration;
    QString m_personToken;
    qint64 m_person = 0; // owner of m_personToken
    qint64 m_other = 0;
};

TestHttpApi::Response TestHttpApi::call(const QByteArray &method, const QString &path, const QByteArray &body,
                                        const QString &token, quint16 port, const QByteArray &authorization)
{
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port ? port : m_host.port()).arg(path)));
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (!body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!authorization.isEmpty())
        req.setRawHeader("Authorization", authorization);
    else if (!token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    QNetworkReply *reply = m_nam.sendCustomRequest(req, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(15000);
    Response r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.json = parse(r.body);
    r.retryAfter = reply->rawHeader("Retry-After");
    r.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return r;
}

TestHttpApi::Response TestHttpApi::rawCall(quint16 port, const QHostAddress &from, const QByteArray &path,
                                           const QString &token)
{
    Response r;
    QTcpSocket s;
    if (!s.bind(from)) {
        qWarning() << "cannot bind to" << from << s.errorString();
        return r;
    }
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(5000))
        return r;
    QByteArray request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n";
    if (!token.isEmpty())
        request += "Authorization: Bearer " + token.toUtf8() + "\r\n";
    s.write(request + "\r\n");
    QByteArray answer;
    QElapsedTimer timer;
    timer.start();
    // The answer is complete once its Content-Length bytes follow the headers.
    auto complete = [&answer] {
        const qsizetype end = answer.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        static const QRegularExpression length(QStringLiteral("\r\ncontent-length:\\s*(\\d+)"),
                                               QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch m = length.match(QString::fromLatin1(answer.left(end + 2)));
        return m.hasMatch() && answer.size() - end - 4 >= m.captured(1).toLongLong();
    };
    while (!complete() && s.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 10000) {
        if (s.waitForReadyRead(1000))
            answer += s.readAll();
    }
    answer += s.readAll();
    const qsizetype split = answer.indexOf("\r\n\r\n");
    const QList<QByteArray> lines = answer.left(split).split('\n');
    if (lines.isEmpty() || split < 0)
        return r;
    r.status = lines.first().split(' ').value(1).toInt();
    for (const QByteArray &line : lines.mid(1)) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            r.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    r.retryAfter = r.header("Retry-After");
    r.body = answer.mid(split + 4);
    r.json = parse(r.body);
    return r;
}

bool TestHttpApi::startHost(ServerHost &host, const QString &dir, const QString &adminToken,
                            const std::function<void(ServerHost::Config &)> &tweak)
{
    ServerHost::Config config;
    config.dataDir = dir;
    config.address = QHostAddress::LocalHost;
    config.port = 0;
    config.adminToken = adminToken;
    config.timeZone = QStringLiteral("UTC");
    if (tweak)
        tweak(config);
    QString error;
    if (!host.start(config, &error)) {
        qWarning() << "start failed:" << error;
        return false;
    }
    return true;
}

qint64 TestHttpApi::createPersonId(const QString &name, const QString &team)
{
    const Response r = post("/api/people", {{"name", name}, {"team", team}});
    if (r.status != 201)
        qWarning() << "creating" << name << "failed:" << r.body;
    return r.json.value("id").toInteger();
}

void TestHttpApi::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_strictDir.isValid());
    ServerHost::Config config;
    config.dataDir = m_dir.path();
    config.address = QHostAddress::LocalHost;
    config.port = 0;
    config.adminToken = kAdmin;
    config.timeZone = QStringLiteral("UTC");
    QString error;
    QVERIFY2(m_host.start(config, &error), qPrintable(error));
    QVERIFY(m_host.port() != 0);
    QVERIFY(m_host.createdAdminToken().isEmpty()); // preset, not created

    config.dataDir = m_strictDir.path();
    config.rateLimit = 1;
    QVERIFY2(m_strict.start(config, &error), qPrintable(error));

    auto token = [this](const QJsonObject &spec) {
        const Response r = post("/api/tokens", spec);
        return r.status == 201 ? r.json.value("token").toString() : QString();
    };
    const Response metric
            = post("/api/metrics",
                   {{"key", "calls"}, {"label", "Calls"}, {"unit", "count"}, {"periods", QJsonArray {"month", "all"}}});
    QCOMPARE(metric.status, 201);
    m_display = token({{"kind", "display"}, {"label", "lobby tv"}});
    m_integration = token({{"kind", "integration"}, {"label", "crm"}});
    QVERIFY(!m_display.isEmpty());
    QVERIFY(!m_integration.isEmpty());
    m_person = createPersonId("Pia", "Owners");
    m_other = createPersonId("Otto", "Owners");
    QVERIFY(m_person > 0 && m_other > 0);
    m_personToken = token({{"kind", "person"}, {"person", m_person}});
    QVERIFY(!m_personToken.isEmpty());
}

void TestHttpApi::cleanupTestCase()
{
    m_host.stop();
    m_strict.stop();
    QVERIFY(!m_host.isRunning());
}

void TestHttpApi::health()
{
    const Response r = call("GET", "/api/health");
    QCOMPARE(r.status, 200);
    QCOMPARE(sortedKeys(r.json), (QStringList {"seq", "status"}));
    QCOMPARE(r.json.value("status").toString(), QStringLiteral("ok"));
    QVERIFY(r.json.value("seq").isDouble());
    // seq is the last committed event: the event log agrees.
    const Response log = call("GET", "/api/events?since=0&limit=1000");
    QCOMPARE(log.json.value("lastSeq").toInteger(), r.json.value("seq").toInteger());
}

void TestHttpApi::createPerson()
{
    const Response r = post("/api/people", {{"name", "Ann"}, {"team", "Red"}}, m_integration);
    QCOMPARE(r.status, 201);
    QVERIFY(r.json.value("id").toInteger() > 0);
    QCOMPARE(r.json.value("name").toString(), QStringLiteral("Ann"));
    QCOMPARE(r.json.value("teamName").toString(), QStringLiteral("Red"));

    const Response again = call("GET", QStringLiteral("/api/people/%1").arg(r.json.value("id").toInteger()));
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value("name").toString(), QStringLiteral("Ann"));
}

void TestHttpApi::recordActivity()
{
    const qint64 ann = createPersonId("Ada", "Red");
    const qint64 before = call("GET", "/api/health").json.value("seq").toInteger();
    const Response r
            = post("/api/activities", {{"person", ann}, {"metric", "revenue"}, {"delta", 26000}, {"key", "idem-1"}},
                   m_integration);
    QCOMPARE(r.status, 201);
    QVERIFY(r.json.value("seq").isDouble());
    const QJsonArray events = r.json.value("events").toArray();
    QVERIFY(!events.isEmpty());
    qint64 expectSeq = before + 1;
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        QCOMPARE(sortedKeys(e), (QStringList {"at", "data", "event", "room", "seq"}));
        QCOMPARE(e.value("seq").toInteger(), expectSeq++);
    }
    const QJsonObject first = events.first().toObject();
    QCOMPARE(first.value("event").toString(), QStringLiteral("activity:new"));
    QCOMPARE(first.value("room").toString(), QStringLiteral("activity:feed"));
    QCOMPARE(first.value("data").toObject().value("person").toInteger(), ann);
    QCOMPARE(first.value("data").toObject().value("delta").toDouble(), 26000.0);
}

void TestHttpApi::recordBatch()
{
    const qint64 p = createPersonId("Bea", "Red");
    const QJsonArray items {QJsonObject {{"person", p}, {"metric", "revenue"}, {"delta", 100}, {"key", "batch-1"}},
                            QJsonObject {{"person", p}, {"metric", "revenue"}, {"delta", 200}, {"key", "batch-2"}}};
    const Response r = post("/api/activities", {{"activities", items}}, m_integration);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value("created").toInt(), 2);
    QCOMPARE(r.json.value("failed").toInt(), 0);
    const QJsonArray results = r.json.value("results").toArray();
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0).toObject().value("status").toInt(), 201);
    QCOMPARE(results.at(1).toObject().value("status").toInt(), 201);
}

void TestHttpApi::leaderboard()
{
    // A metric of this test's own, so no other test's activity is on its board.
    QCOMPARE(post("/api/metrics", {{"key", "meetings"}, {"label", "Meetings"}}).status, 201);
    const qint64 lea = createPersonId("Lea", "Blue");
    const qint64 max = createPersonId("Max", "Blue");
    const qint64 zoe = createPersonId("Zoe", "Blue");
    for (const auto &[person, delta] : {std::pair {lea, 5}, {max, 7}, {zoe, 5}}) {
        const Response r = post("/api/activities", {{"person", person}, {"metric", "meetings"}, {"delta", delta}});
        QCOMPARE(r.status, 201);
    }
    const Response r = call("GET", "/api/leaderboards/meetings?period=month");
    QCOMPARE(r.status, 200);
    const QJsonArray entries = r.json.value("entries").toArray();
    QCOMPARE(entries.size(), 3);
    struct Row
    {
        int rank;
        qint64 person;
        QString name;
        double value;
    };
    const QList<Row> expected {{1, max, "Max", 7}, {2, lea, "Lea", 5}, {2, zoe, "Zoe", 5}};
    for (int i = 0; i < expected.size(); ++i) {
        const QJsonObject e = entries.at(i).toObject();
        QCOMPARE(e.value("rank").toInt(), expected[i].rank);
        QCOMPARE(e.value("person").toInteger(), expected[i].person);
        QCOMPARE(e.value("name").toString(), expected[i].name);
        QCOMPARE(e.value("value").toDouble(), expected[i].value);
    }
}

void TestHttpApi::events()
{
    const qint64 since = call("GET", "/api/health").json.value("seq").toInteger();
    const qint64 p = createPersonId("Eve", "Green");
    QCOMPARE(post("/api/activities", {{"person", p}, {"metric", "revenue"}, {"delta", 10}}).status, 201);

    // As admin: the log holds the person's private rooms too, and paging
    // is gap-free only for a reader of every room.
    Response r = call("GET", QStringLiteral("/api/events?since=%1&limit=2").arg(since), {}, kAdmin);
    QCOMPARE(r.status, 200);
    QJsonArray events = r.json.value("events").toArray();
    QCOMPARE(events.size(), 2);
    for (int i = 0; i < events.size(); ++i) {
        const QJsonObject e = events.at(i).toObject();
        QCOMPARE(sortedKeys(e), (QStringList {"at", "data", "event", "room", "seq"}));
        QCOMPARE(e.value("seq").toInteger(), since + 1 + i);
    }
    // Paging on from the last one seen continues without a gap.
    r = call("GET", QStringLiteral("/api/events?since=%1&limit=1").arg(since + 2), {}, kAdmin);
    QCOMPARE(r.json.value("events").toArray().first().toObject().value("seq").toInteger(), since + 3);
    QCOMPARE(call("GET", "/api/events?since=0&limit=5").json.value("events").toArray().size(), 5);
}

void TestHttpApi::broadcast()
{
    const QJsonObject data {{"squad", QJsonArray {1, 2, 3}},
                            {"wallet", QJsonObject {{"left", 12.5}, {"owner", "Équipe ☃"}}},
                            {"empty", QJsonValue::Null}};
    const Response r = post("/api/broadcast", {{"room", "team:1"}, {"event", "squad_update"}, {"data", data}});
    QCOMPARE(r.status, 202);
    QCOMPARE(sortedKeys(r.json), QStringList {"seq"});
    const qint64 seq = r.json.value("seq").toInteger();
    QVERIFY(seq > 0);

    const Response log = call("GET", QStringLiteral("/api/events?since=%1&limit=1").arg(seq - 1), {}, kAdmin);
    const QJsonObject e = log.json.value("events").toArray().first().toObject();
    QCOMPARE(e.value("seq").toInteger(), seq);
    QCOMPARE(e.value("event").toString(), QStringLiteral("squad_update"));
    QCOMPARE(e.value("room").toString(), QStringLiteral("team:1"));
    QCOMPARE(e.value("data").toObject(), data);
}

void TestHttpApi::idempotentRetry()
{
    const qint64 p = createPersonId("Ida", "Violet");
    const QJsonObject activity {{"person", p}, {"metric", "calls"}, {"delta", 3}, {"key", "retry-1"}};
    const Response first = post("/api/activities", activity, m_integration);
    QCOMPARE(first.status, 201);
    const Response retry = post("/api/activities", activity, m_integration);
    QCOMPARE(retry.status, 200);
    QCOMPARE(retry.json.value("replayed").toBool(), true);
    QJsonObject replayed = retry.json;
    replayed.remove("replayed");
    QCOMPARE(replayed, first.json);

    // Counted once.
    const Response board = call("GET", "/api/leaderboards/calls?period=all");
    double value = -1;
    for (const QJsonValue &v : board.json.value("entries").toArray()) {
        if (v.toObject().value("person").toInteger() == p)
            value = v.toObject().value("value").toDouble();
    }
    QCOMPARE(value, 3.0);
}

void TestHttpApi::keyReuseConflicts()
{
    const qint64 p = createPersonId("Kai", "Violet");
    QCOMPARE(post("/api/activities", {{"person", p}, {"metric", "calls"}, {"delta", 1}, {"key", "reuse-1"}}).status,
             201);
    const Response r = post("/api/activities", {{"person", p}, {"metric", "calls"}, {"delta", 2}, {"key", "reuse-1"}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.json.value("error").toObject().value("code").toString(), QStringLiteral("conflict"));
    QVERIFY(r.json.value("error").toObject().value("message").toString().contains("'key'"));
}

void TestHttpApi::badInput_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    // admin, integration, display, person, none, bad, basic (a non-Bearer header)
    QTest::addColumn<QString>("who");
    QTest::addColumn<bool>("strict"); // against the server limited to 1 request/s
    QTest::addColumn<int>("repeat");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("names"); // what the message must mention

    const QByteArray ann = R"({"person":1,"metric":"revenue","delta":5})";
    auto row = [](const char *name, const QByteArray &method, const QString &path, const QByteArray &body,
                  const QString &who, int status, const QString &code, const QString &names) {
        QTest::newRow(name) << method << path << body << who << false << 1 << status << code << names;
    };
    row("malformed JSON", "POST", "/api/people", R"({"name": "Ann", )", "admin", 400, "invalid_json", "JSON");
    row("body is an array", "POST", "/api/people", "[1,2]", "admin", 400, "invalid_request", "body");
    row("body is a string", "POST", "/api/activities", R"("hello")", "admin", 400, "invalid_request", "body");
    row("empty body", "POST", "/api/people", "", "admin", 400, "invalid_request", "body");
    row("name of wrong type", "POST", "/api/people", R"({"name":5,"team":"Red"})", "admin", 400, "invalid_request",
        "'name'");
    row("person of wrong type", "POST", "/api/activities", R"({"person":"one","metric":"revenue","delta":5})", "admin",
        400, "invalid_request", "'person'");
    row("delta of wrong type", "POST", "/api/activities", R"({"person":1,"metric":"revenue","delta":"lots"})", "admin",
        400, "invalid_request", "'delta'");
    row("unknown metric", "POST", "/api/activities", R"({"person":1,"metric":"karma","delta":5})", "admin", 404,
        "unknown_metric", "'metric'");
    row("unknown person", "POST", "/api/activities", R"({"person":99999,"metric":"revenue","delta":5})", "admin", 404,
        "unknown_person", "'person'");
    row("batch not an array", "POST", "/api/activities", R"({"activities":{"person":1}})", "admin", 400,
        "invalid_request", "'activities'");
    row("leaderboard of unknown metric", "GET", "/api/leaderboards/karma", "", "none", 404, "unknown_metric", "karma");
    row("leaderboard of unknown period", "GET", "/api/leaderboards/revenue?period=decade", "", "none", 400,
        "invalid_request", "'period'");
    row("events since not a number", "GET", "/api/events?since=abc", "", "none", 400, "invalid_request", "'since'");
    row("events limit out of range", "GET", "/api/events?limit=0", "", "none", 400, "invalid_request", "'limit'");
    row("id not a number", "GET", "/api/people/abc", "", "none", 400, "invalid_request", "'id'");
    row("missing token", "POST", "/api/activities", ann, "none", 401, "unauthorized", "'Authorization'");
    row("bad token", "POST", "/api/activities", ann, "bad", 401, "unauthorized", "'Authorization'");
    row("bad token on a public read", "GET", "/api/people", "", "bad", 401, "unauthorized", "'Authorization'");
    row("not a bearer header", "POST", "/api/activities", ann, "basic", 401, "unauthorized", "'Authorization'");
    row("display token writing", "POST", "/api/activities", ann, "display", 403, "forbidden", "integration");
    row("person token writing", "POST", "/api/people", R"({"name":"X","team":"Red"})", "person", 403, "forbidden",
        "integration");
    row("integration broadcasting", "POST", "/api/broadcast", R"({"room":"tv-display","event":"x","data":{}})",
        "integration", 403, "forbidden", "admin");
    row("integration listing tokens", "GET", "/api/tokens", "", "integration", 403, "forbidden", "admin");
    row("anonymous settings change", "PATCH", "/api/settings", "{}", "none", 401, "unauthorized", "'Authorization'");
    row("broadcast without room", "POST", "/api/broadcast", R"({"event":"x"})", "admin", 400, "invalid_request",
        "'room'");
    row("broadcast data not an object", "POST", "/api/broadcast", R"({"room":"tv-display","event":"x","data":[1]})",
        "admin", 400, "invalid_request", "'data'");
    row("broadcast bad room name", "POST", "/api/broadcast", R"({"room":"a b","event":"x"})", "admin", 400,
        "invalid_request", "'room'");
    row("badge award without badge", "POST", "/api/people/1/badges", R"({"reason":"why"})", "admin", 400,
        "invalid_request", "'badge'");
    row("oversize body", "POST", "/api/activities",
        QByteArray(R"({"person":1,"metric":"revenue","delta":5,"note":")") + QByteArray(1 << 20, 'x') + "\"}", "admin",
        413, "payload_too_large", "bytes");
    row("unknown route", "GET", "/api/nope", "", "none", 404, "not_found", "/api/nope");
    row("unknown method on a route", "DELETE", "/api/people", "", "admin", 404, "not_found", "DELETE /api/people");
    QTest::newRow("flood by address") << QByteArray("GET") << QString("/api/health") << QByteArray() << "none" << true
                                      << 3 << 429 << "rate_limited"
                                      << "per second";
    QTest::newRow("flood by token") << QByteArray("GET") << QString("/api/health") << QByteArray() << "bad" << true << 3
                                    << 429 << "rate_limited"
                                    << "per second";
}

void TestHttpApi::badInput()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, who);
    QFETCH(bool, strict);
    QFETCH(int, repeat);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, names);

    const QHash<QString, QString> tokens {
            {"admin", kAdmin},      {"integration", m_integration},
            {"display", m_display}, {"person", m_personToken},
            {"none", QString()},    {"bad", QStringLiteral("no-such-token-%1").arg(QTest::currentDataTag())}};
    const QByteArray authorization
            = who == QLatin1String("basic") ? QByteArray("Basic YWRtaW46YWRtaW4=") : QByteArray();
    Response r;
    for (int i = 0; i < repeat; ++i)
        r = call(method, path, body, tokens.value(who), strict ? m_strict.port() : 0, authorization);

    QCOMPARE(r.status, status);
    const QJsonObject error = r.json.value("error").toObject();
    QCOMPARE(sortedKeys(error), (QStringList {"code", "message"}));
    QCOMPARE(error.value("code").toString(), code);
    QVERIFY2(error.value("message").toString().contains(names), qPrintable(error.value("message").toString()));
    if (status == 429)
        QCOMPARE(r.retryAfter, QByteArray("1"));
}

void TestHttpApi::personReadsOwnNotifications()
{
    const QString own = QStringLiteral("/api/people/%1/notifications?unread=1").arg(m_person);
    const QString others = QStringLiteral("/api/people/%1/notifications").arg(m_other);
    QCOMPARE(call("GET", own, {}, m_personToken).status, 200);
    QCOMPARE(call("GET", own, {}, kAdmin).status, 200);
    QCOMPARE(call("GET", own).status, 401);
    const Response r = call("GET", others, {}, m_personToken);
    QCOMPARE(r.status, 403);
    QCOMPARE(call("GET", own, {}, m_display).status, 403);
}

// GET /api/events reads rooms by the rules of a WebSocket join.
void TestHttpApi::eventsFollowRoomRules()
{
    const qint64 team = call("GET", QStringLiteral("/api/people/%1").arg(m_person)).json.value("team").toInteger();
    QVERIFY(team > 0);
    const QString ownTeam = QStringLiteral("team:%1").arg(team);
    const QString otherTeam = QStringLiteral("team:%1").arg(team + 1000);
    const QString ownUser = QStringLiteral("user:%1").arg(m_person);
    const QString otherUser = QStringLiteral("user:%1").arg(m_other);
    const qint64 since = call("GET", "/api/health").json.value("seq").toInteger();
    const QStringList rooms {"admin", ownTeam, otherTeam, ownUser, otherUser, "tv-display"};
    for (const QString &room : rooms) {
        const Response r
                = post("/api/broadcast", {{"room", room}, {"event", "probe"}, {"data", QJsonObject {{"room", room}}}});
        QCOMPARE(r.status, 202);
    }
    // The rooms each caller finds in the log after `since`, without `rooms`.
    auto seen = [&](const QString &token) {
        const Response r = call("GET", QStringLiteral("/api/events?since=%1&limit=1000").arg(since), {}, token);
        QStringList out;
        if (r.status != 200)
            return QStringList {QStringLiteral("status %1").arg(r.status)};
        for (const QJsonValue &v : r.json.value("events").toArray())
            out << v.toObject().value("room").toString();
        return out;
    };
    QCOMPARE(seen({}), QStringList {"tv-display"});
    QCOMPARE(seen(m_personToken), (QStringList {ownTeam, ownUser, "tv-display"}));
    QCOMPARE(seen(m_display), (QStringList {ownTeam, otherTeam, "tv-display"}));
    QCOMPARE(seen(m_integration), QStringList {"tv-display"});
    QCOMPARE(seen(kAdmin), rooms);

    // Asked for by name: refused, naming the room, unless the caller may read it.
    struct Case
    {
        QString token;
        QString room;
        int status;
    };
    const QList<Case> cases {
            {{}, "admin", 403},
            {{}, "team:1", 403},
            {{}, "user:1", 403},
            {{}, ownUser, 403},
            {m_personToken, ownUser, 200},
            {m_personToken, otherUser, 403},
            {m_personToken, ownTeam, 200},
            {m_personToken, otherTeam, 403},
            {m_personToken, "admin", 403},
            {m_display, otherTeam, 200},
            {m_display, ownUser, 403},
            {m_integration, "admin", 403},
            {kAdmin, "admin", 200},
            {kAdmin, otherUser, 200},
            {{}, "tv-display", 200},
    };
    for (const Case &c : cases) {
        const Response r
                = call("GET", QStringLiteral("/api/events?since=%1&rooms=%2").arg(since).arg(c.room), {}, c.token);
        QVERIFY2(r.status == c.status, qPrintable(QStringLiteral("%1 → %2 %3").arg(c.room).arg(r.status).arg(r.body)));
        if (c.status == 200) {
            const QJsonArray events = r.json.value("events").toArray();
            QCOMPARE(events.size(), 1);
            QCOMPARE(events.first().toObject().value("room").toString(), c.room);
        } else {
            QCOMPARE(r.errorCode(), QStringLiteral("forbidden"));
            QVERIFY2(r.errorMessage().contains(QStringLiteral("'%1'").arg(c.room)), qPrintable(r.errorMessage()));
            QVERIFY2(r.errorMessage().contains("'rooms'"), qPrintable(r.errorMessage()));
        }
    }
    // One forbidden room refuses the whole list.
    const Response mixed = call("GET", QStringLiteral("/api/events?since=%1&rooms=tv-display,admin").arg(since));
    QCOMPARE(mixed.status, 403);
    QCOMPARE(mixed.errorCode(), QStringLiteral("forbidden"));
    // Names that are no room at all.
    for (const QString &bad : {QStringLiteral("lobby"), QStringLiteral("user:abc"), QStringLiteral("a%20b")}) {
        const Response r = call("GET", QStringLiteral("/api/events?since=%1&rooms=%2").arg(since).arg(bad), {}, kAdmin);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_request"));
        QVERIFY2(r.errorMessage().contains("'rooms'"), qPrintable(r.errorMessage()));
    }
}

void TestHttpApi::eventsRoomListIsBounded()
{
    QStringList rooms;
    for (int i = 1; i <= 33; ++i)
        rooms << QStringLiteral("contest:%1").arg(i);
    Response r = call("GET", QStringLiteral("/api/events?rooms=%1").arg(rooms.join(',')));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QStringLiteral("invalid_request"));
    QVERIFY2(r.errorMessage().contains("'rooms'") && r.errorMessage().contains("32"), qPrintable(r.errorMessage()));
    rooms.removeLast();
    r = call("GET", QStringLiteral("/api/events?rooms=%1").arg(rooms.join(',')));
    QCOMPARE(r.status, 200);
}

void TestHttpApi::eventsNeedViewTokenWhenRequired()
{
    QTemporaryDir dir;
    ServerHost host;
    QVERIFY(startHost(host, dir.path(), kAdmin, [](ServerHost::Config &c) { c.hub.requireViewToken = true; }));
    const quint16 port = host.port();
    QCOMPARE(call("POST", "/api/broadcast", R"({"room":"tv-display","event":"probe"})", kAdmin, port).status, 202);
    for (const QString &path :
         {QStringLiteral("/api/events?since=0"), QStringLiteral("/api/events?rooms=tv-display")}) {
        const Response r = call("GET", path, {}, {}, port);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("unauthorized"));
        QVERIFY2(r.errorMessage().contains("'Authorization'"), qPrintable(r.errorMessage()));
    }
    const QString display
            = call("POST", "/api/tokens", R"({"kind":"display"})", kAdmin, port).json.value("token").toString();
    QVERIFY(!display.isEmpty());
    const Response r = call("GET", "/api/events?rooms=tv-display", {}, display, port);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value("events").toArray().size(), 1);

    // Every read of the boards and what is on them follows the same rule;
    // the health check and the web wall's files stay open (the wall page
    // brings its token in the URL).
    const QString person = call("POST", "/api/people", R"({"name":"Viewed"})", kAdmin, port).json.value("id").toVariant().toString();
    const QStringList viewRoutes {"/api/teams",        "/api/people",       "/api/people/" + person,
                                  "/api/leaderboards/revenue?period=all", "/api/metrics", "/api/rules",
                                  "/api/badges",       "/api/settings",     "/api/contests",
                                  "/api/announcements", "/api/sessions"};
    for (const QString &path : viewRoutes) {
        const Response anonymous = call("GET", path, {}, {}, port);
        QCOMPARE(anonymous.status, 401);
        QCOMPARE(anonymous.errorCode(), QStringLiteral("unauthorized"));
        QVERIFY2(anonymous.errorMessage().contains("'Authorization'"), qPrintable(path));
        QCOMPARE(call("GET", path, {}, display, port).status, 200);
    }
    QCOMPARE(call("GET", "/api/health", {}, {}, port).status, 200);
    QCOMPARE(call("GET", "/", {}, {}, port).status, 200);
}

void TestHttpApi::peopleHideContactData()
{
    const Response created
            = post("/api/people",
                   {{"name", "Cora"}, {"team", "Owners"}, {"email", "cora@example.org"}, {"externalId", "crm-77"}});
    QCOMPARE(created.status, 201);
    const qint64 id = created.json.value("id").toInteger();
    auto find = [id](const Response &list) {
        for (const QJsonValue &v : list.json.value("people").toArray()) {
            if (v.toObject().value("id").toInteger() == id)
                return v.toObject();
        }
        return QJsonObject {};
    };
    const QString one = QStringLiteral("/api/people/%1").arg(id);
    for (const QString &token : {QString(), m_display, m_personToken}) {
        const QJsonObject listed = find(call("GET", "/api/people", {}, token));
        QCOMPARE(listed.value("name").toString(), QStringLiteral("Cora"));
        QVERIFY2(!listed.contains("email") && !listed.contains("externalId"),
                 qPrintable(QJsonDocument(listed).toJson()));
        const Response single = call("GET", one, {}, token);
        QCOMPARE(single.status, 200);
        QVERIFY(!single.json.contains("email") && !single.json.contains("externalId"));
    }
    for (const QString &token : {kAdmin, m_integration}) {
        const QJsonObject listed = find(call("GET", "/api/people", {}, token));
        QCOMPARE(listed.value("email").toString(), QStringLiteral("cora@example.org"));
        QCOMPARE(listed.value("externalId").toString(), QStringLiteral("crm-77"));
        const Response single = call("GET", one, {}, token);
        QCOMPARE(single.json.value("email").toString(), QStringLiteral("cora@example.org"));
        QCOMPARE(single.json.value("externalId").toString(), QStringLiteral("crm-77"));
    }
}

void TestHttpApi::staticFilesCarrySecurityHeaders()
{
    const QByteArray csp = "default-src 'self'; base-uri 'none'; object-src 'none'; form-action 'none'; "
                           "frame-ancestors 'none'";
    auto check = [&](const Response &r) {
        QCOMPARE(r.header("Content-Security-Policy"), csp);
        QCOMPARE(r.header("X-Frame-Options"), QByteArray("DENY"));
        QCOMPARE(r.header("X-Content-Type-Options"), QByteArray("nosniff"));
    };
    for (const QString &path : {QStringLiteral("/"), QStringLiteral("/web/app.js"), QStringLiteral("/web/style.css")}) {
        const Response r = call("GET", path);
        QCOMPARE(r.status, 200);
        check(r);
    }
    const Response missing = call("GET", "/web/nothing.js");
    QCOMPARE(missing.status, 404);
    check(missing);
    // A revalidation (304) carries them too.
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_host.port())));
    req.setRawHeader("If-None-Match", call("GET", "/").header("ETag"));
    QNetworkReply *reply = m_nam.get(req);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(15000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 304);
    QCOMPARE(reply->rawHeader("Content-Security-Policy"), csp);
    QCOMPARE(reply->rawHeader("X-Frame-Options"), QByteArray("DENY"));
    reply->deleteLater();
}

void TestHttpApi::metricsBehindToken()
{
    // Without the option /metrics stays public.
    QCOMPARE(call("GET", "/metrics").status, 200);

    const QString metricsToken = QStringLiteral("metrics-scraper-0123456789");
    QTemporaryDir dir;
    ServerHost host;
    QVERIFY(startHost(host, dir.path(), kAdmin, [&](ServerHost::Config &c) { c.metricsToken = metricsToken; }));
    const quint16 port = host.port();
    const QString display
            = call("POST", "/api/tokens", R"({"kind":"display"})", kAdmin, port).json.value("token").toString();
    struct Case
    {
        QString token;
        int status;
        QString code;
    };
    const QList<Case> cases {{{}, 401, "unauthorized"},
                             {QStringLiteral("not-the-metrics-token"), 401, "unauthorized"},
                             {display, 403, "forbidden"},
                             {metricsToken, 200, {}},
                             {kAdmin, 200, {}}};
    for (const Case &c : cases) {
        const Response r = call("GET", "/metrics", {}, c.token, port);
        QCOMPARE(r.status, c.status);
        if (c.status == 200) {
            QVERIFY(r.body.contains("podium_connections "));
        } else {
            QCOMPARE(r.errorCode(), c.code);
            QVERIFY2(r.errorMessage().contains(c.token.isEmpty() ? "metrics token" : "token"),
                     qPrintable(r.errorMessage()));
        }
    }
}

// An unknown token is no key of its own for the rate limit: a guesser
// changing tokens stays in its address's bucket.
void TestHttpApi::unknownTokensShareTheAddressBucket()
{
    Response r;
    for (int i = 0; i < 3; ++i)
        r = call("GET", "/api/health", {},
                 QStringLiteral("guess-%1-%2").arg(i).arg(QDateTime::currentMSecsSinceEpoch()), m_strict.port());
    QCOMPARE(r.status, 429);
    QCOMPARE(r.errorCode(), QStringLiteral("rate_limited"));
    QCOMPARE(r.retryAfter, QByteArray("1"));
}

// 20 failed authentications from one address, over REST and /ws together:
// then every token that address sends is refused unread for the rest of the
// minute — the right one too, or the refusal would confirm a guess — while
// requests without a token and other addresses go on as before.
void TestHttpApi::authFailuresThrottledPerAddress()
{
    QTemporaryDir dir;
    ServerHost host;
    QVERIFY(startHost(host, dir.path(), kAdmin));
    const quint16 port = host.port();
    const QHostAddress other(QStringLiteral("127.0.0.2"));
    {
        QTcpSocket probe;
        if (!probe.bind(other))
            QSKIP("127.0.0.2 is not a usable loopback address here");
    }

    for (int i = 0; i < 12; ++i) {
        const Response r = call("GET", "/api/people", {}, QStringLiteral("wrong-%1").arg(i), port);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("unauthorized"));
    }
    QWebSocket ws;
    QStringList errors;
    connect(&ws, &QWebSocket::textMessageReceived, this, [&errors](const QString &text) {
        const QJsonObject msg = parse(text.toUtf8());
        if (msg.value("type").toString() == QLatin1String("error"))
            errors << msg.value("code").toString();
    });
    ws.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port)));
    QTRY_COMPARE_WITH_TIMEOUT(ws.state(), QAbstractSocket::ConnectedState, 10000);
    for (int i = 0; i < 8; ++i)
        ws.sendTextMessage(QStringLiteral(R"({"type":"hello","token":"ws-wrong-%1"})").arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 8, 10000);
    QCOMPARE(errors, QStringList(8, QStringLiteral("invalid_token")));

    for (const QString &token : {QStringLiteral("wrong-next"), kAdmin}) {
        const Response r = call("GET", "/api/people", {}, token, port);
        QCOMPARE(r.status, 429);
        QCOMPARE(r.errorCode(), QStringLiteral("too_many_auth_failures"));
        QVERIFY(r.retryAfter.toInt() >= 1 && r.retryAfter.toInt() <= 60);
    }
    ws.sendTextMessage(QStringLiteral(R"({"type":"hello","token":"%1"})").arg(kAdmin));
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 9, 10000);
    QCOMPARE(errors.last(), QStringLiteral("too_many_auth_failures"));
    ws.close();

    // No token: served.
    QCOMPARE(call("GET", "/api/health", {}, {}, port).status, 200);
    // Another address: its own count.
    QCOMPARE(rawCall(port, other, "/api/tokens", kAdmin).status, 200);
    const Response wrong = rawCall(port, other, "/api/tokens", QStringLiteral("wrong-elsewhere"));
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.errorCode(), QStringLiteral("unauthorized"));
    // And the first address is still refused, whatever it sends.
    const Response still = rawCall(port, QHostAddress::LocalHost, "/api/tokens", kAdmin);
    QCOMPARE(still.status, 429);
    QCOMPARE(still.errorCode(), QStringLiteral("too_many_auth_failures"));
    QVERIFY(!still.retryAfter.isEmpty());
}

// PODIUM_ADMIN_TOKEN is the one admin token it provides: a new value
// retires the previous one; tokens made otherwise are kept.
void TestHttpApi::adminTokenRotates()
{
    QTemporaryDir dir;
    const QString first = QStringLiteral("first-admin-token-aaaaaaaa");
    const QString second = QStringLiteral("second-admin-token-bbbbbbb");
    QString made;
    {
        ServerHost host;
        QVERIFY(startHost(host, dir.path(), first));
        made = call("POST", "/api/tokens", R"({"kind":"admin","label":"ops"})", first, host.port())
                       .json.value("token")
                       .toString();
        QVERIFY(!made.isEmpty());
    }
    ServerHost host;
    QVERIFY(startHost(host, dir.path(), second));
    const Response old = call("GET", "/api/tokens", {}, first, host.port());
    QCOMPARE(old.status, 401);
    QCOMPARE(old.errorCode(), QStringLiteral("unauthorized"));
    QCOMPARE(call("GET", "/api/tokens", {}, second, host.port()).status, 200);
    QCOMPARE(call("GET", "/api/tokens", {}, made, host.port()).status, 200);
    host.stop();
    // Starting again with the same value keeps it.
    QVERIFY(startHost(host, dir.path(), second));
    QCOMPARE(call("GET", "/api/tokens", {}, second, host.port()).status, 200);
}

void TestHttpApi::shortTokensRefusedAtStart_data()
{
    QTest::addColumn<QString>("adminToken");
    QTest::addColumn<QString>("metricsToken");
    QTest::addColumn<QString>("names");
    QTest::newRow("one-character admin token")
            << "x" << QString() << "PODIUM_ADMIN_TOKEN must be at least 16 characters";
    QTest::newRow("15-character admin token") << "abcdefghijklmno" << QString() << "PODIUM_ADMIN_TOKEN";
    QTest::newRow("short metrics token") << QString() << "metrics"
                                         << "--metrics-token must be at least 16 characters";
}

void TestHttpApi::shortTokensRefusedAtStart()
{
    QFETCH(QString, adminToken);
    QFETCH(QString, metricsToken);
    QFETCH(QString, names);
    QTemporaryDir dir;
    ServerHost host;
    ServerHost::Config config;
    config.dataDir = dir.path();
    config.address = QHostAddress::LocalHost;
    config.port = 0;
    config.adminToken = adminToken;
    config.metricsToken = metricsToken;
    QString error;
    QVERIFY(!host.start(config, &error));
    QVERIFY2(error.contains(names), qPrintable(error));
    QVERIFY(!host.isRunning());
}

void TestHttpApi::tokenLifecycle()
{
    Response r = post("/api/tokens", {{"kind", "integration"}, {"label", "temp"}});
    QCOMPARE(r.status, 201);
    const QString token = r.json.value("token").toString();
    const qint64 id = r.json.value("id").toInteger();
    QCOMPARE(post("/api/people", {{"name", "Tia"}, {"team", "Red"}}, token).status, 201);
    QCOMPARE(call("DELETE", QStringLiteral("/api/tokens/%1").arg(id), {}, kAdmin).status, 200);
    r = post("/api/people", {{"name", "Tom"}, {"team", "Red"}}, token);
    QCOMPARE(r.status, 401);
}

// A client that hangs up while its request waits for the engine: the reply
// must be dropped (Qt 6.4's responder would write through a deleted socket),
// the write itself still commits, and the server carries on.
void TestHttpApi::clientDisconnectsBeforeReply()
{
    const qint64 p = createPersonId("Gus", "Grey");
    constexpr int kClients = 20;

    // Hold the engine thread so every request below is still queued when its
    // client goes away. A fixed hold: nothing outside the server shows when
    // the network thread has read a request and queued it for the engine.
    Engine *engine = m_host.engine();
    engine->run(
            [](Engine &) {
                QThread::msleep(600);
                return Reply {};
            },
            nullptr, {});

    QList<QTcpSocket *> sockets;
    for (int i = 0; i < kClients; ++i) {
        const QByteArray body = QJsonDocument(QJsonObject {{"person", p},
                                                           {"metric", "calls"},
                                                           {"delta", 1},
                                                           {"key", QStringLiteral("gone-%1").arg(i)}})
                                        .toJson(QJsonDocument::Compact);
        auto *s = new QTcpSocket(this);
        s->connectToHost(QHostAddress::LocalHost, m_host.port());
        QVERIFY(s->waitForConnected(5000));
        s->write("POST /api/activities HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + kAdmin.toUtf8()
                 + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
                 + "\r\n\r\n" + body);
        QVERIFY(s->waitForBytesWritten(5000));
        sockets.append(s);
    }
    // Half of them close politely, half reset the connection.
    for (int i = 0; i < sockets.size(); ++i) {
        if (i % 2)
            sockets[i]->abort();
        else
            sockets[i]->disconnectFromHost();
    }
    qDeleteAll(sockets);
    // The engine wakes up and answers into the void: a job queued behind the
    // 20 writes is answered once they are (jobs run and reply in order).
    bool answered = false;
    engine->run([](Engine &) { return Reply {}; }, this, [&answered](const Reply &) { answered = true; });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 10000);

    QCOMPARE(call("GET", "/api/health").status, 200);
    // The writes were committed although nobody heard back: a retry replays.
    for (int i = 0; i < kClients; ++i) {
        const Response r
                = post("/api/activities",
                       {{"person", p}, {"metric", "calls"}, {"delta", 1}, {"key", QStringLiteral("gone-%1").arg(i)}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value("replayed").toBool(), true);
    }
}

// Stopping the host while requests wait for the engine must neither hang nor
// crash; the client just loses the connection.
void TestHttpApi::stopWithRequestsInFlight()
{
    QTemporaryDir dir;
    ServerHost host;
    ServerHost::Config config;
    config.dataDir = dir.path();
    config.address = QHostAddress::LocalHost;
    config.port = 0;
    config.adminToken = kAdmin;
    QString error;
    QVERIFY2(host.start(config, &error), qPrintable(error));
    host.engine()->run(
            [](Engine &) {
                QThread::msleep(300);
                return Reply {};
            },
            nullptr, {});

    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, host.port());
    QVERIFY(s.waitForConnected(5000));
    s.write("GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
    QVERIFY(s.waitForBytesWritten(5000));
    // A fixed pause inside the engine's hold, for the server to read the
    // request and queue it: nothing outside the server shows when it has.
    QTest::qWait(50);
    host.stop();
    QVERIFY(!host.isRunning());
    QVERIFY(s.state() == QAbstractSocket::UnconnectedState || s.waitForDisconnected(5000));
    QCOMPARE(s.readAll(), QByteArray());
}

void TestHttpApi::startFailsCleanly_data()
{
    QTest::addColumn<bool>("takenPort");
    QTest::addColumn<QString>("timeZone");
    QTest::addColumn<QString>("names");
    QTest::newRow("port in use") << true << QString() << QStringLiteral("port %1");
    QTest::newRow("unknown time zone") << false << QStringLiteral("Mars/Olympus") << QStringLiteral("Mars/Olympus");
}

void TestHttpApi::startFailsCleanly()
{
    QFETCH(bool, takenPort);
    QFETCH(QString, timeZone);
    QFETCH(QString, names);
    QTemporaryDir dir;
    ServerHost host;
    ServerHost::Config config;
    config.dataDir = dir.path();
    config.address = QHostAddress::LocalHost;
    config.port = takenPort ? m_host.port() : 0;
    config.timeZone = timeZone;
    QString error;
    QVERIFY(!host.start(config, &error));
    const QString expected = names.contains(QLatin1String("%1")) ? names.arg(m_host.port()) : names;
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(!host.isRunning());
    QCOMPARE(host.port(), quint16(0));
    // The host can be started again once the cause is gone.
    config.port = 0;
    config.timeZone.clear();
    QVERIFY2(host.start(config, &error), qPrintable(error));
    QCOMPARE(call("GET", "/api/health", {}, {}, host.port()).status, 200);
}

// The shipped binary: a first run creates, stores and prints an admin token,
// prints the listening line, serves, and exits 0 on SIGTERM.
void TestHttpApi::binaryPrintsPortAndStopsOnSigterm()
{
    QTemporaryDir dir;
    auto run = [&](QProcess &proc) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("PODIUM_ADMIN_TOKEN");
        proc.setProcessEnvironment(env);
        proc.start(QStringLiteral(PODIUM_BINARY),
                   {"--headless", "--port", "0", "--address", "127.0.0.1", "--data-dir", dir.path()});
    };
    static const QRegularExpression listening(
            QStringLiteral("^Podium listening on http://127\\.0\\.0\\.1:(\\d+) \\(port (\\d+)\\)$"));

    QProcess proc;
    run(proc);
    QVERIFY(proc.waitForStarted());
    QStringList lines;
    QRegularExpressionMatch m;
    QElapsedTimer timer;
    timer.start();
    while (!m.hasMatch() && timer.elapsed() < 15000) {
        if (!proc.canReadLine() && !proc.waitForReadyRead(1000))
            continue;
        while (proc.canReadLine()) {
            lines << QString::fromUtf8(proc.readLine()).trimmed();
            m = listening.match(lines.last());
        }
    }
    QVERIFY2(m.hasMatch(), qPrintable(lines.join('\n') + proc.readAllStandardError()));
    QCOMPARE(m.captured(1), m.captured(2));
    const quint16 port = quint16(m.captured(1).toUInt());

    // The token line came first; the file holds the same token, owner-only.
    QCOMPARE(lines.size(), 2);
    QFile file(dir.filePath("admin-token"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString token = QString::fromUtf8(file.readAll()).trimmed();
    QVERIFY(!token.isEmpty());
    QVERIFY(lines.first().endsWith(token));
    QCOMPARE(file.permissions()
                     & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                        | QFileDevice::WriteOther),
             QFileDevice::Permissions());
    QCOMPARE(call("GET", "/api/health", {}, {}, port).status, 200);
    QCOMPARE(call("POST", "/api/people", R"({"name":"Cli","team":"Red"})", token, port).status, 201);

    proc.terminate(); // SIGTERM
    QVERIFY(proc.waitForFinished(15000));
    QCOMPARE(proc.exitStatus(), QProcess::NormalExit);
    QCOMPARE(proc.exitCode(), 0);

    // A second run finds the token in the database and prints none.
    QProcess again;
    run(again);
    QVERIFY(again.waitForStarted());
    QVERIFY(again.waitForReadyRead(15000));
    while (!again.canReadLine() && again.waitForReadyRead(1000)) { }
    const QString line = QString::fromUtf8(again.readLine()).trimmed();
    QVERIFY2(listening.match(line).hasMatch(), qPrintable(line));
    again.terminate();
    QVERIFY(again.waitForFinished(15000));
    QCOMPARE(again.exitCode(), 0);
}

QTEST_MAIN(TestHttpApi)
#include "tst_httpapi.moc"
