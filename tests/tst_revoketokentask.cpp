// RevokeTokenTask against a real server: a revoked token stops working at
// once, and the server's words about a token that does not exist.
#include "admintaskfixture.h"
#include "revoketokentask.h"

using namespace podium;
using namespace podium::testing;

class TestRevokeTokenTask : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_admin = std::make_unique<AdminServer>();
        QVERIFY(m_admin->server.started);
    }
    void cleanup() { m_admin.reset(); }

    void revokedTokensStopWorking()
    {
        const QJsonObject issued
                = m_admin->server.request("POST", "/api/tokens", {{"kind", "display"}, {"label", "lobby"}});
        const QString text = issued.value("token").toString();
        int status = 0;
        m_admin->server.request("GET", "/api/health", {}, &status, text);
        QCOMPARE(status, 200);

        auto task = m_admin->task<RevokeTokenTask>();
        task->setProperty("tokenId", issued.value("id").toInteger());
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(task->revoked(), issued.value("id").toInteger());
        m_admin->server.request("GET", "/api/health", {}, &status, text);
        QCOMPARE(status, 401);
    }

    void aTokenThatDoesNotExist()
    {
        auto task = m_admin->task<RevokeTokenTask>();
        task->setProperty("tokenId", 999);
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        int status = 0;
        const QJsonObject direct = m_admin->server.request("DELETE", "/api/tokens/999", {}, &status);
        QVERIFY(status >= 400);
        QCOMPARE(task->error(), direct.value("error").toObject().value("message").toString());
        QVERIFY(!task->error().isEmpty());
        QCOMPARE(task->revoked(), 0);
    }

private:
    std::unique_ptr<AdminServer> m_admin;
};

QTEST_MAIN(TestRevokeTokenTask)
#include "tst_revoketokentask.moc"
