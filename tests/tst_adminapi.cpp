// AdminApi and the console's models against a real in-process Podium server:
// calls reach the engine, error bodies come back verbatim, the log pages and
// filters, CSV imports post nothing until committed.
#include "activitylogmodel.h"
#include "adminconnect.h"
#include "adminapi.h"
#include "csvimport.h"
#include "hubfixture.h"
#include "jsonlistmodel.h"

#include <QJSEngine>
#include <QQmlEngine>
#include <QTest>

using namespace podium;
using namespace podium::testing;

namespace {

struct Answer
{
    int status = -1;
    QJsonObject body;
};

// One AdminApi call, waited for.
Answer call(AdminApi &api, const QByteArray &method, const QString &path, const QJsonValue &body = QJsonValue())
{
    Answer a;
    bool done = false;
    api.send(method, path, body, [&](int status, const QJsonObject &reply) {
        a = {status, reply};
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        qWarning() << "no answer to" << method << path;
    return a;
}

} // namespace

class TestAdminApi : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_server = std::make_unique<HubServer>();
        QVERIFY(m_server->started);
        m_api = std::make_unique<AdminApi>();
        m_api->setBaseUrl(QUrl(m_server->base()));
        m_api->setToken(kAdminToken);
    }
    void cleanup()
    {
        m_api.reset();
        m_server.reset();
    }

    void writesReachTheEngine()
    {
        const Answer team = call(*m_api, "POST", "/api/teams", QJsonObject{{"name", "Red"}, {"color", "#FF0000"}});
        QCOMPARE(team.status, 201);
        const Answer person = call(*m_api, "POST", "/api/people", QJsonObject{{"name", "Ann Lee"}, {"team", "Red"}});
        QCOMPARE(person.status, 201);
        const qint64 id = person.body.value("id").toInteger();
        QCOMPARE(call(*m_api, "PATCH", QStringLiteral("/api/people/%1").arg(id), QJsonObject{{"active", false}}).status, 200);

        const QJsonObject seen = m_server->request("GET", QStringLiteral("/api/people/%1").arg(id));
        QCOMPARE(seen.value("name").toString(), QString("Ann Lee"));
        QCOMPARE(seen.value("teamName").toString(), QString("Red"));
        QCOMPARE(seen.value("active").toBool(), false);
        QCOMPARE(m_api->pending(), 0);

        // Tokens: issue, list, revoke — the revoked one stops working at once.
        const Answer token = call(*m_api, "POST", "/api/tokens", QJsonObject{{"kind", "display"}, {"label", "lobby"}});
        QCOMPARE(token.status, 201);
        const QString text = token.body.value("token").toString();
        QVERIFY(!text.isEmpty());
        int status = 0;
        m_server->request("GET", "/api/health", {}, &status, text);
        QCOMPARE(status, 200);
        QCOMPARE(call(*m_api, "DELETE", QStringLiteral("/api/tokens/%1").arg(token.body.value("id").toInteger())).status, 200);
        m_server->request("GET", "/api/health", {}, &status, text);
        QCOMPARE(status, 401);
    }

    void errorBodiesComeBackVerbatim_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");

        QTest::newRow("missing name") << QByteArray("POST") << "/api/people" << QJsonObject{{"team", "Red"}} << 400 << "invalid_request";
        QTest::newRow("unknown person") << QByteArray("POST") << "/api/activities"
                                        << QJsonObject{{"person", 999}, {"metric", "revenue"}, {"delta", 5}} << 404 << "unknown_person";
        QTest::newRow("bad rule") << QByteArray("POST") << "/api/rules" << QJsonObject{{"metric", "revenue"}, {"kind", "sometimes"}} << 400
                                  << "invalid_request";
        QTest::newRow("bad tiers") << QByteArray("PATCH") << "/api/settings" << QJsonObject{{"tiers", QJsonArray{QJsonObject{{"name", "x"}}}}}
                                   << 400 << "invalid_request";
        QTest::newRow("end a contest that is not live") << QByteArray("POST") << "/api/contests/77/end" << QJsonObject() << 404 << "not_found";
    }

    void errorBodiesComeBackVerbatim()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QJsonObject, body);
        QFETCH(int, status);
        QFETCH(QString, code);

        int directStatus = 0;
        const QJsonObject direct = m_server->request(method, path, body, &directStatus);
        QSignalSpy lastError(m_api.get(), &AdminApi::lastErrorChanged);
        const Answer a = call(*m_api, method, path, body);
        QCOMPARE(a.status, status);
        QCOMPARE(directStatus, status);
        QCOMPARE(a.body, direct); // the whole body, as the server wrote it
        QCOMPARE(a.body.value("error").toObject().value("code").toString(), code);
        QCOMPARE(lastError.count(), 1);
        QCOMPARE(m_api->lastError(), direct.value("error").toObject().value("message").toString());
        QVERIFY(!m_api->lastError().isEmpty());
    }

    void wrongTokenAndNoServer()
    {
        m_api->setToken("not-a-token");
        const Answer a = call(*m_api, "GET", "/api/tokens");
        QCOMPARE(a.status, 401);
        QCOMPARE(a.body.value("error").toObject().value("code").toString(), QString("unauthorized"));

        AdminApi nowhere;
        nowhere.setBaseUrl(QUrl("http://127.0.0.1:1"));
        const Answer n = call(nowhere, "GET", "/api/health");
        QCOMPARE(n.status, 0);
        QCOMPARE(n.body.value("error").toObject().value("code").toString(), QString("network"));
    }

    // The QML path: a JS object body and a JS callback.
    void callbacksFromJavaScript()
    {
        QQmlEngine js;
        QQmlEngine::setObjectOwnership(m_api.get(), QQmlEngine::CppOwnership);
        js.globalObject().setProperty("api", js.newQObject(m_api.get()));
        const QJSValue r = js.evaluate(QStringLiteral(
            "var answers = [];\n"
            "api.post('/api/teams', { name: 'Owls', color: '#3DA9FF' }, function(status, body) { answers.push([status, body.name, body.color]) });\n"
            "api.post('/api/teams', { color: '#3DA9FF' }, function(status, body) { answers.push([status, body.error.code, body.error.message]) });\n"));
        QVERIFY2(!r.isError(), qPrintable(r.toString()));
        QTRY_COMPARE(js.evaluate("answers.length").toInt(), 2);
        QCOMPARE(js.evaluate("JSON.stringify(answers[0])").toString(), QString("[201,\"Owls\",\"#3DA9FF\"]"));
        const QJsonObject direct = m_server->request("POST", "/api/teams", {{"color", "#3DA9FF"}});
        QCOMPARE(js.evaluate("answers[1][1]").toString(), QString("invalid_request"));
        QCOMPARE(js.evaluate("answers[1][2]").toString(), direct.value("error").toObject().value("message").toString());
    }

    void listModelFollowsTheServer()
    {
        JsonListModel model;
        model.setApi(m_api.get());
        model.setProperty("path", "/api/people");
        model.setProperty("listKey", "people");
        model.setRoles({"id", "name", "teamName"});
        QSignalSpy refreshed(&model, &JsonListModel::refreshed);
        model.refresh();
        QVERIFY(refreshed.wait());
        QCOMPARE(model.count(), 0);
        m_server->request("POST", "/api/people", {{"name", "Ann"}, {"team", "Red"}});
        m_server->request("POST", "/api/people", {{"name", "Bo"}, {"team", "Blue"}});
        model.refresh();
        QVERIFY(refreshed.wait());
        QCOMPARE(model.count(), 2);
        const QHash<int, QByteArray> roles = model.roleNames();
        QCOMPARE(model.data(model.index(1), roles.key("name")).toString(), QString("Bo"));
        QCOMPARE(model.data(model.index(1), roles.key("teamName")).toString(), QString("Blue"));
        QCOMPARE(model.get(0).value("name").toString(), QString("Ann"));
        QCOMPARE(model.indexOf(model.get(1).value("id")), 1);

        // A refresh with the same rows changes values in place (no reset).
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        m_server->request("PATCH", QStringLiteral("/api/people/%1").arg(model.get(1).value("id").toInt()), {{"name", "Bob"}});
        model.refresh();
        QVERIFY(refreshed.wait());
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.get(1).value("name").toString(), QString("Bob"));
    }

    void logPagesAndFilters()
    {
        const qint64 ann = m_server->request("POST", "/api/people", {{"name", "Ann"}, {"team", "Red"}}).value("id").toInteger();
        const qint64 bo = m_server->request("POST", "/api/people", {{"name", "Bo"}, {"team", "Red"}}).value("id").toInteger();
        QList<qint64> annActivities;
        for (int i = 0; i < 7; ++i) {
            const QJsonObject a = m_server->request("POST", "/api/activities", {{"person", ann}, {"metric", "signups"}, {"delta", 1}});
            annActivities.append(a.value("id").toInteger());
            m_server->request("POST", "/api/activities", {{"person", bo}, {"metric", "revenue"}, {"delta", 100}});
        }

        ActivityLogModel log;
        log.setProperty("api", QVariant::fromValue(m_api.get()));
        log.setProperty("pageSize", 3);
        log.setProperty("person", ann);
        log.setProperty("event", "activity:new");
        QSignalSpy page(&log, &ActivityLogModel::pageChanged);
        auto activitiesShown = [&] {
            QList<qint64> ids;
            for (int i = 0; i < log.rowCount(); ++i)
                ids.append(log.data(log.index(i), ActivityLogModel::ActivityRole).toLongLong());
            return ids;
        };

        log.reload();
        QVERIFY(page.wait());
        QCOMPARE(log.page(), 1);
        QCOMPARE(activitiesShown(), annActivities.mid(0, 3));
        QVERIFY(log.hasNext());
        QVERIFY(!log.hasPrevious());
        QCOMPARE(log.data(log.index(0), ActivityLogModel::PersonRole).toString(), QString("Ann"));
        QCOMPARE(log.data(log.index(0), ActivityLogModel::MetricRole).toString(), QString("signups"));

        log.next();
        QVERIFY(page.wait());
        QCOMPARE(log.page(), 2);
        QCOMPARE(activitiesShown(), annActivities.mid(3, 3));
        log.next();
        QVERIFY(page.wait());
        QCOMPARE(activitiesShown(), annActivities.mid(6, 1));
        QVERIFY(!log.hasNext());
        log.previous();
        QVERIFY(page.wait());
        QCOMPARE(log.page(), 2);
        QCOMPARE(activitiesShown(), annActivities.mid(3, 3));

        // Metric filter: Bo's revenue only.
        log.setProperty("person", 0);
        log.setProperty("metric", "revenue");
        log.setProperty("pageSize", 50);
        log.reload();
        QVERIFY(page.wait());
        QCOMPARE(log.rowCount(), 7);
        for (int i = 0; i < log.rowCount(); ++i)
            QCOMPARE(log.data(log.index(i), ActivityLogModel::PersonRole).toString(), QString("Bo"));

        // Time filter in the future: nothing.
        log.setProperty("from", QDateTime::currentDateTimeUtc().addDays(1));
        log.reload();
        QVERIFY(page.wait());
        QCOMPARE(log.rowCount(), 0);
        QVERIFY(!log.hasNext());
    }

    void csvImportPostsNothingUntilCommitted()
    {
        const qint64 ann = m_server->request("POST", "/api/people", {{"name", "Ann Lee"}, {"team", "Red"}, {"externalId", "E-1"}})
                               .value("id").toInteger();
        const qint64 gone = m_server->request("POST", "/api/people", {{"name", "Gone Guy"}, {"team", "Red"}}).value("id").toInteger();
        const qint64 seqBefore = m_server->request("GET", "/api/health").value("seq").toInteger();

        CsvImport import;
        import.setProperty("api", QVariant::fromValue(m_api.get()));
        import.setKind("activities");
        QSignalSpy parsed(&import, &CsvImport::parsed);
        import.load("person,metric,amount,key\n"
                    "E-1,revenue,2500,k1\n"
                    "Nobody,revenue,10,k2\n"
                    "Ann Lee,revenue,12x,k3\n"
                    "Ann Lee,signups,3,k1\n"
                    "Gone Guy,revenue,100,k5\n"
                    "1,revenue,1,\n");
        QVERIFY(parsed.wait());
        QCOMPARE(import.validCount(), 3);
        QStringList errors;
        for (const QVariant &e : import.errors())
            errors.append(e.toMap().value("text").toString());
        QCOMPARE(errors, (QStringList{"line 3: unknown person 'Nobody'", "line 4: 'amount' is not a number: '12x'",
                                      "line 5: duplicate key 'k1' (first on line 2)"}));
        // Checked, previewed — and nothing written: every request the import
        // sent through the console's client has been answered by now.
        QTRY_COMPARE_WITH_TIMEOUT(m_api->pending(), 0, 10000);
        QCOMPARE(m_server->request("GET", "/api/health").value("seq").toInteger(), seqBefore);

        // The server refuses one line at commit time: the person was deactivated meanwhile.
        m_server->request("PATCH", QStringLiteral("/api/people/%1").arg(gone), {{"active", false}});
        QSignalSpy committed(&import, &CsvImport::committed);
        import.commit();
        QVERIFY(committed.wait());
        QCOMPARE(committed.first().at(0).toInt(), 2);
        QCOMPARE(committed.first().at(1).toInt(), 1);
        QCOMPARE(import.report(), QString("2 imported, 1 refused by the server"));
        QCOMPARE(import.commitErrors().size(), 1);
        QCOMPARE(import.commitErrors().first().toMap().value("text").toString(),
                 QStringLiteral("line 6: field 'person': person %1 is deactivated").arg(gone));

        const QJsonObject board = m_server->request("GET", "/api/leaderboards/revenue?period=all");
        const QJsonArray entries = board.value("entries").toArray();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().toObject().value("person").toInteger(), ann);
        QCOMPARE(entries.first().toObject().value("value").toDouble(), 2501.0);

        // The same file again: the keyed line counts once.
        import.load("person,metric,amount,key\nE-1,revenue,2500,k1\n");
        QVERIFY(parsed.wait());
        import.commit();
        QVERIFY(committed.wait());
        QCOMPARE(import.report(), QString("0 imported, 1 already imported before (same key)"));
        QCOMPARE(m_server->request("GET", "/api/leaderboards/revenue?period=all")
                     .value("entries").toArray().first().toObject().value("value").toDouble(),
                 2501.0);
    }

    void csvImportOfPeople()
    {
        m_server->request("POST", "/api/people", {{"name", "Ann Lee"}, {"team", "Red"}});
        CsvImport import;
        import.setProperty("api", QVariant::fromValue(m_api.get()));
        import.setKind("people");
        QSignalSpy parsed(&import, &CsvImport::parsed);
        import.load("name,team,color,externalId\nMia Park,Blue,#FF5C7A,C-1\nAnn Lee,Red,,\nLeo Grant,Blue,,C-1\nSam,Green,,C-3\n");
        QVERIFY(parsed.wait());
        QCOMPARE(import.validCount(), 2);
        QCOMPARE(import.errorCount(), 2);
        QCOMPARE(import.errors().at(0).toMap().value("text").toString(), QString("line 3: name 'Ann Lee' already belongs to Ann Lee (id 1)"));
        QCOMPARE(import.errors().at(1).toMap().value("text").toString(), QString("line 4: duplicate externalId 'C-1' (first on line 2)"));
        QCOMPARE(m_server->request("GET", "/api/people").value("people").toArray().size(), 1);

        QSignalSpy committed(&import, &CsvImport::committed);
        import.commit();
        QVERIFY(committed.wait());
        QCOMPARE(import.report(), QString("2 imported"));
        const QJsonArray people = m_server->request("GET", "/api/people").value("people").toArray();
        QCOMPARE(people.size(), 3);
        QCOMPARE(people.at(1).toObject().value("name").toString(), QString("Mia Park"));
        QCOMPARE(people.at(1).toObject().value("teamName").toString(), QString("Blue"));
        QCOMPARE(people.at(1).toObject().value("externalId").toString(), QString("C-1"));
        QCOMPARE(people.at(2).toObject().value("teamName").toString(), QString("Green"));
    }

    void whereTheConsoleConnects()
    {
        QCOMPARE(localAdminBase(QHostAddress::Any, 5000), QUrl("http://127.0.0.1:5000"));
        QCOMPARE(localAdminBase(QHostAddress("10.0.0.7"), 5001), QUrl("http://10.0.0.7:5001"));
        QCOMPARE(remoteAdminBase(QUrl("ws://tv.local:5000/ws")), QUrl("http://tv.local:5000"));
        QCOMPARE(remoteAdminBase(QUrl("wss://podium.example.com/ws")), QUrl("https://podium.example.com"));
        QVERIFY(!remoteAdminBase(QUrl("ftp://x")).isValid());

        QTemporaryDir dir;
        QCOMPARE(localAdminToken("env", "created", dir.path()), QString("env"));
        QCOMPARE(localAdminToken("", "created", dir.path()), QString("created"));
        QCOMPARE(localAdminToken("", "", dir.path()), QString());
        QFile file(dir.filePath("admin-token"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("saved-token\n");
        file.close();
        QCOMPARE(localAdminToken("", "", dir.path()), QString("saved-token"));
    }

private:
    std::unique_ptr<HubServer> m_server;
    std::unique_ptr<AdminApi> m_api;
};

QTEST_MAIN(TestAdminApi)
#include "tst_adminapi.moc"
