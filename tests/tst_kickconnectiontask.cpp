// KickConnectionTask against a real server: a connected client is closed
// with code 4003, and the server's words about a connection that is gone.
#include "admintaskfixture.h"
#include "kickconnectiontask.h"

using namespace podium;
using namespace podium::testing;

class TestKickConnectionTask : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_admin = std::make_unique<AdminServer>();
        QVERIFY(m_admin->server.started);
    }
    void cleanup() { m_admin.reset(); }

    void kicksThenTheConnectionIsGone()
    {
        Client tv(m_admin->server.base("ws") + "/ws");
        QVERIFY(tv.waitConnected());
        QVERIFY(tv.join("tv-display"));
        const QJsonArray connections
                = m_admin->server.request("GET", "/api/connections").value("connections").toArray();
        QCOMPARE(connections.size(), 1);
        const qint64 id = connections.first().toObject().value("id").toInteger();

        auto task = m_admin->task<KickConnectionTask>();
        task->setProperty("connectionId", id);
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(task->kicked(), id);
        QTRY_COMPARE_WITH_TIMEOUT(tv.closeCode, 4003, 5000);

        QVERIFY(task->start());
        QVERIFY(rec.waitFinished(2));
        QCOMPARE(rec.states(), aRunThat(true) + aRunThat(false));
        int status = 0;
        const QJsonObject direct
                = m_admin->server.request("POST", QStringLiteral("/api/connections/%1/kick").arg(id), {}, &status);
        QVERIFY(status >= 400);
        QCOMPARE(task->error(), direct.value("error").toObject().value("message").toString());
        QVERIFY(!task->error().isEmpty());
        QCOMPARE(task->kicked(), 0);
    }

private:
    std::unique_ptr<AdminServer> m_admin;
};

QTEST_MAIN(TestKickConnectionTask)
#include "tst_kickconnectiontask.moc"
