// What the REST API lets each token write: a person's own session results
// and progress within range, text fields within their limits on create and
// update alike, activity times within range, settings within range, and one
// bad write among many failing alone. A ServerHost on a free loopback port
// with a real SQLite file, driven by QNetworkAccessManager.
#include "serverhost.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using podium::ServerHost;

namespace {
const QString kAdmin = QStringLiteral("test-admin-token");
} // namespace

class TestHttpWrites : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void personSessionResultsStayPractice();
    void integrationSessionResultsKeepFullPower();
    void sessionProgressIsBounded_data();
    void sessionProgressIsBounded();
    void liveSessionsAreBounded();
    void textLimitsOnCreateAndUpdate_data();
    void textLimitsOnCreateAndUpdate();
    void settingsOutOfRange();
    void activityTimeOutOfRange();
    void conflictingRenamesFailAlone();

private:
    struct Response
    {
        int status = 0;
        QJsonObject json;
        QString errorCode() const { return json.value("error").toObject().value("code").toString(); }
        QString errorMessage() const { return json.value("error").toObject().value("message").toString(); }
    };
    QNetworkReply *send(const QByteArray &method, const QString &path, const QJsonObject &body, const QString &token);
    static Response read(QNetworkReply *reply);
    Response call(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                  const QString &token = kAdmin)
    {
        QNetworkReply *reply = send(method, path, body, token);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(15000);
        return read(reply);
    }
    double total(qint64 person, const QString &metric);
    qint64 startSession(const QString &token, qint64 person);

    QTemporaryDir m_dir;
    ServerHost m_host;
    QNetworkAccessManager m_nam;
    QString m_integration;
    QString m_personToken;
    qint64 m_person = 0; // owner of m_personToken
};

QNetworkReply *TestHttpWrites::send(const QByteArray &method, const QString &path, const QJsonObject &body,
                                    const QString &token)
{
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_host.port()).arg(path)));
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    const QByteArray bytes = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    if (!bytes.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    return m_nam.sendCustomRequest(req, method, bytes);
}

TestHttpWrites::Response TestHttpWrites::read(QNetworkReply *reply)
{
    Response r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.json = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return r;
}

double TestHttpWrites::total(qint64 person, const QString &metric)
{
    const Response r = call("GET", QStringLiteral("/api/people/%1").arg(person));
    return r.json.value("totals").toObject().value(metric).toDouble(0);
}

qint64 TestHttpWrites::startSession(const QString &token, qint64 person)
{
    const Response r = call("POST", "/api/sessions", {{"person", person}, {"kind", "typing"}}, token);
    if (r.status != 201)
        qWarning() << "starting a session failed:" << r.status << r.json;
    return r.json.value("sessionId").toInteger();
}

void TestHttpWrites::initTestCase()
{
    QVERIFY(m_dir.isValid());
    ServerHost::Config config;
    config.dataDir = m_dir.path();
    config.address = QHostAddress::LocalHost;
    config.port = 0;
    config.adminToken = kAdmin;
    config.timeZone = QStringLiteral("UTC");
    config.rateLimit = 0;
    QString error;
    QVERIFY2(m_host.start(config, &error), qPrintable(error));

    // The typing suite's speed metric, beside the seeded score and accuracy.
    QCOMPARE(
            call("POST", "/api/metrics", {{"key", "wpm"}, {"label", "WPM"}, {"unit", "count"}, {"aggregation", "best"}})
                    .status,
            201);
    const Response person = call("POST", "/api/people", {{"name", "Pia"}, {"team", "Owners"}});
    QCOMPARE(person.status, 201);
    m_person = person.json.value("id").toInteger();
    auto token = [this](const QJsonObject &spec) {
        return call("POST", "/api/tokens", spec).json.value("token").toString();
    };
    m_integration = token({{"kind", "integration"}, {"label", "lms"}});
    m_personToken = token({{"kind", "person"}, {"person", m_person}});
    QVERIFY(!m_integration.isEmpty());
    QVERIFY(!m_personToken.isEmpty());
    QCOMPARE(call("POST", "/api/activities", {{"person", m_person}, {"metric", "revenue"}, {"delta", 500}}).status,
             201);
}

void TestHttpWrites::cleanupTestCase()
{
    m_host.stop();
}

void TestHttpWrites::personSessionResultsStayPractice()
{
    const qint64 session = startSession(m_personToken, m_person);
    QVERIFY(session > 0);
    const QString end = QStringLiteral("/api/sessions/%1/end").arg(session);

    Response r = call("POST", end, {{"results", QJsonObject {{"revenue", 1e12}}}}, m_personToken);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorCode(), QString("forbidden"));
    QCOMPARE(r.errorMessage(),
             QString("field 'results.revenue': a person's token may record only wpm, accuracy, score from a session"));
    QCOMPARE(total(m_person, "revenue"), 500.0);

    r = call("POST", end, {{"results", QJsonObject {{"wpm", 301}}}}, m_personToken);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QString("invalid_request"));
    QCOMPARE(r.errorMessage(), QString("field 'results.wpm' must be a number from 0 to 300"));
    r = call("POST", end, {{"results", QJsonObject {{"wpm", 80}, {"accuracy", 100.5}}}}, m_personToken);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorMessage(), QString("field 'results.accuracy' must be a number from 0 to 100"));
    r = call("POST", end, {{"results", QJsonObject {{"score", 2e6}}}}, m_personToken);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorMessage(), QString("field 'results.score' must be a number from 0 to 1000000"));
    r = call("POST", end, {{"results", QJsonObject {{"xp", 10}}}}, m_personToken);
    QCOMPARE(r.status, 403);
    QCOMPARE(total(m_person, "wpm"), 0.0);
    QCOMPARE(total(m_person, "xp"), 0.0);

    // Still live after every refusal; in range, it ends and counts.
    r = call("POST", end, {{"results", QJsonObject {{"wpm", 82}, {"accuracy", 97.5}}}}, m_personToken);
    QCOMPARE(r.status, 200);
    const QJsonArray recorded = r.json.value("activities").toArray();
    QCOMPARE(recorded.size(), 2);
    // Each as POST /api/activities answers it, in the order of the results' keys.
    QCOMPARE(recorded.at(0).toObject().value("metric").toString(), QString("accuracy"));
    QCOMPARE(recorded.at(0).toObject().value("value").toDouble(), 97.5);
    QCOMPARE(recorded.at(1).toObject().value("metric").toString(), QString("wpm"));
    QCOMPARE(recorded.at(1).toObject().value("person").toInteger(), m_person);
    QVERIFY(recorded.at(1).toObject().value("seq").toInteger() > recorded.at(0).toObject().value("seq").toInteger());
    QCOMPARE(recorded.at(1).toObject().value("events").toArray().first().toObject().value("event").toString(),
             QString("activity:new"));
    QCOMPARE(total(m_person, "wpm"), 82.0);
    QCOMPARE(total(m_person, "accuracy"), 97.5);
    QCOMPARE(total(m_person, "revenue"), 500.0);
}

void TestHttpWrites::integrationSessionResultsKeepFullPower()
{
    const qint64 session = startSession(m_integration, m_person);
    QVERIFY(session > 0);
    const Response r = call("POST", QStringLiteral("/api/sessions/%1/end").arg(session),
                            {{"results", QJsonObject {{"revenue", 250}, {"wpm", 400}}}}, m_integration);
    QCOMPARE(r.status, 200);
    QCOMPARE(total(m_person, "revenue"), 750.0);
    QCOMPARE(total(m_person, "wpm"), 400.0);
}

void TestHttpWrites::sessionProgressIsBounded_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::newRow("wpm 82") << QJsonObject {{"wpm", 82}, {"accuracy", 97.5}, {"elapsed", 42}, {"progress", 0.5}} << 200
                            << QString();
    QTest::newRow("wpm 1e9") << QJsonObject {{"wpm", 1e9}} << 400 << "field 'wpm' must be a number from 0 to 300";
    QTest::newRow("accuracy -1") << QJsonObject {{"accuracy", -1}} << 400
                                 << "field 'accuracy' must be a number from 0 to 100";
    QTest::newRow("score 1e300") << QJsonObject {{"score", 1e300}} << 400
                                 << "field 'score' must be a number from 0 to 1000000";
    QTest::newRow("elapsed two days") << QJsonObject {{"elapsed", 172800}} << 400
                                      << "field 'elapsed' must be a number from 0 to 86400";
    QTest::newRow("progress 101") << QJsonObject {{"progress", 101}} << 400
                                  << "field 'progress' must be a number from 0 to 100";
    QTest::newRow("wpm as text") << QJsonObject {{"wpm", "fast"}} << 400
                                 << "field 'wpm' must be a number from 0 to 300";
}

void TestHttpWrites::sessionProgressIsBounded()
{
    QFETCH(QJsonObject, body);
    QFETCH(int, status);
    QFETCH(QString, message);
    const qint64 session = startSession(m_personToken, m_person);
    QVERIFY(session > 0);
    const QString progress = QStringLiteral("/api/sessions/%1/progress").arg(session);
    for (const QString &token : {m_personToken, m_integration}) {
        const Response r = call("POST", progress, body, token);
        QCOMPARE(r.status, status);
        if (status == 400) {
            QCOMPARE(r.errorCode(), QString("invalid_request"));
            QCOMPARE(r.errorMessage(), message);
        }
    }
    QCOMPARE(call("POST", QStringLiteral("/api/sessions/%1/end").arg(session), {}, m_personToken).status, 200);
}

void TestHttpWrites::liveSessionsAreBounded()
{
    // A person's token may open sessions without ending them; each is held
    // until it ends, so a fourth is refused until one ends.
    QList<qint64> open;
    for (int i = 0; i < 3; ++i)
        open << startSession(m_personToken, m_person);
    QVERIFY(!open.contains(0));
    const QJsonObject start {{"person", m_person}, {"kind", "typing"}};
    Response r = call("POST", "/api/sessions", start, m_personToken);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QString("conflict"));
    QCOMPARE(r.errorMessage(),
             QStringLiteral("person %1 has 3 live sessions; end one before starting another").arg(m_person));
    QCOMPARE(call("POST", "/api/sessions", start, m_integration).status, 409);
    QCOMPARE(call("POST", QStringLiteral("/api/sessions/%1/end").arg(open.takeFirst()), {}, m_personToken).status, 200);
    r = call("POST", "/api/sessions", start, m_personToken);
    QCOMPARE(r.status, 201);
    open << r.json.value("sessionId").toInteger();
    for (const qint64 id : std::as_const(open))
        QCOMPARE(call("POST", QStringLiteral("/api/sessions/%1/end").arg(id), {}, m_personToken).status, 200);
}

void TestHttpWrites::textLimitsOnCreateAndUpdate_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("message");
    const QString name121(121, QLatin1Char('n'));
    QTest::newRow("PATCH person name") << QByteArray("PATCH") << "/api/people/1" << QJsonObject {{"name", name121}}
                                       << "field 'name' must be a non-empty string of at most 120 characters";
    QTest::newRow("POST person name") << QByteArray("POST") << "/api/people" << QJsonObject {{"name", name121}}
                                      << "field 'name' must be a non-empty string of at most 120 characters";
    QTest::newRow("PATCH person email") << QByteArray("PATCH") << "/api/people/1"
                                        << QJsonObject {{"email", QString(300, 'e') + "@example.com"}}
                                        << "field 'email' must be a string of at most 254 characters";
    QTest::newRow("PATCH team name") << QByteArray("PATCH") << "/api/teams/1"
                                     << QJsonObject {{"name", QString(81, 't')}}
                                     << "field 'name' must be a non-empty string of at most 80 characters";
    QTest::newRow("PATCH rule title") << QByteArray("PATCH") << "/api/rules/1" << QJsonObject {{"title", name121}}
                                      << "field 'title' must be a string of at most 120 characters";
    QTest::newRow("POST session title") << QByteArray("POST") << "/api/sessions"
                                        << QJsonObject {{"person", 1}, {"title", name121}}
                                        << "field 'title' must be a string of at most 120 characters";
    QTest::newRow("POST activity source") << QByteArray("POST") << "/api/activities"
                                          << QJsonObject {{"person", 1}, {"metric", "revenue"}, {"delta", 1},
                                                          {"source", name121}}
                                          << "field 'source' must be a string of at most 120 characters";
    QTest::newRow("POST activity source a number") << QByteArray("POST") << "/api/activities"
                                                   << QJsonObject {{"person", 1}, {"metric", "revenue"}, {"delta", 1},
                                                                   {"source", 7}}
                                                   << "field 'source' must be a string";
    QTest::newRow("POST token label") << QByteArray("POST") << "/api/tokens"
                                      << QJsonObject {{"kind", "display"}, {"label", name121}}
                                      << "field 'label' must be a string of at most 120 characters";
    QTest::newRow("POST badge reason") << QByteArray("POST") << "/api/people/1/badges"
                                       << QJsonObject {{"badge", "first-10k"}, {"reason", QString(281, 'r')}}
                                       << "field 'reason' must be a string of at most 280 characters";
}

void TestHttpWrites::textLimitsOnCreateAndUpdate()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QJsonObject, body);
    QFETCH(QString, message);
    const Response r = call(method, path, body);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QString("invalid_request"));
    QCOMPARE(r.errorMessage(), message);
    QCOMPARE(call("GET", "/api/people/1").json.value("name").toString(), QString("Pia"));
}

void TestHttpWrites::settingsOutOfRange()
{
    const Response r = call("PATCH", "/api/settings", {{"levelStep", 1e-300}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QString("invalid_request"));
    QCOMPARE(r.errorMessage(), QString("field 'levelStep' must be a number from 1 to 1000000"));
    QCOMPARE(call("GET", "/api/settings").json.value("levelStep").toDouble(), 50.0);
    // The engine still answers an XP activity at once.
    QCOMPARE(call("POST", "/api/activities", {{"person", m_person}, {"metric", "xp"}, {"delta", 100}}).status, 201);
}

void TestHttpWrites::activityTimeOutOfRange()
{
    const double before = total(m_person, "revenue");
    const Response r
            = call("POST", "/api/activities",
                   {{"person", m_person}, {"metric", "revenue"}, {"delta", 1e6}, {"at", "1900-01-01T00:00:00Z"}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QString("invalid_request"));
    QCOMPARE(r.errorMessage(), QString("field 'at' must not be before 2000-01-01T00:00:00Z"));
    QCOMPARE(total(m_person, "revenue"), before);
}

// Renames onto a taken name, in flight together with unrelated writes that
// join the same group commits: each rename is refused alone.
void TestHttpWrites::conflictingRenamesFailAlone()
{
    const qint64 red = call("POST", "/api/teams", {{"name", "Red"}}).json.value("id").toInteger();
    const qint64 blue = call("POST", "/api/teams", {{"name", "Blue"}}).json.value("id").toInteger();
    QVERIFY(red > 0 && blue > 0);
    const double revenueBefore = total(m_person, "revenue");
    const qint64 seqBefore = call("GET", "/api/health").json.value("seq").toInteger();

    QList<QNetworkReply *> renames;
    QList<QNetworkReply *> unrelated;
    for (int i = 0; i < 250; ++i) {
        if (i % 5 == 2)
            renames << send("PATCH", QStringLiteral("/api/teams/%1").arg(blue), {{"name", "Red"}}, m_integration);
        else
            unrelated << send("POST", "/api/activities", {{"person", m_person}, {"metric", "revenue"}, {"delta", 1}},
                              m_integration);
    }
    auto finished = [](const QList<QNetworkReply *> &replies) {
        return std::all_of(replies.begin(), replies.end(), [](QNetworkReply *r) { return r->isFinished(); });
    };
    QTRY_VERIFY_WITH_TIMEOUT(finished(renames) && finished(unrelated), 60000);
    QList<int> unrelatedStatuses;
    for (QNetworkReply *reply : std::as_const(unrelated))
        unrelatedStatuses << read(reply).status;
    QCOMPARE(unrelatedStatuses, QList<int>(200, 201));
    for (QNetworkReply *reply : std::as_const(renames)) {
        const Response r = read(reply);
        QCOMPARE(r.status, 409);
        QCOMPARE(r.errorCode(), QString("conflict"));
        QCOMPARE(r.errorMessage(), QStringLiteral("field 'name': a team called 'Red' exists (id %1)").arg(red));
    }
    QCOMPARE(total(m_person, "revenue"), revenueBefore + 200);
    const QJsonArray teams = call("GET", "/api/teams").json.value("teams").toArray();
    QStringList names;
    for (const QJsonValue &t : teams)
        names << t.toObject().value("name").toString();
    QVERIFY(names.contains("Blue"));

    // The log has every seq once, in order.
    const qint64 seqAfter = call("GET", "/api/health").json.value("seq").toInteger();
    QVERIFY(seqAfter > seqBefore);
    qint64 expected = seqBefore + 1;
    while (expected <= seqAfter) {
        const Response page = call("GET", QStringLiteral("/api/events?since=%1&limit=1000").arg(expected - 1));
        const QJsonArray events = page.json.value("events").toArray();
        QVERIFY(!events.isEmpty());
        for (const QJsonValue &e : events)
            QCOMPARE(e.toObject().value("seq").toInteger(), expected++);
    }
    QCOMPARE(expected, seqAfter + 1);
}

QTEST_GUILESS_MAIN(TestHttpWrites)
#include "tst_httpwrites.moc"
