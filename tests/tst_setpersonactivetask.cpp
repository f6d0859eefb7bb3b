// SetPersonActiveTask against a real server: a person deactivated and made
// active again, and the server's words about a person who does not exist.
#include "admintaskfixture.h"
#include "setpersonactivetask.h"

using namespace podium;
using namespace podium::testing;

class TestSetPersonActiveTask : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_admin = std::make_unique<AdminServer>();
        QVERIFY(m_admin->server.started);
        m_ann = m_admin->addPerson("Ann");
    }
    void cleanup() { m_admin.reset(); }

    void deactivateThenReactivate()
    {
        auto task = m_admin->task<SetPersonActiveTask>();
        task->setProperty("personId", m_ann);
        task->setProperty("active", false);
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(task->person().value("active").toBool(), false);
        QCOMPARE(task->person().value("name").toString(), QString("Ann"));
        QCOMPARE(active(), false);

        task->setProperty("active", true);
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished(2));
        QCOMPARE(rec.states(), aRunThat(true) + aRunThat(true));
        QCOMPARE(active(), true);
    }

    void aPersonWhoDoesNotExist()
    {
        auto task = m_admin->task<SetPersonActiveTask>();
        task->setProperty("personId", 99);
        task->setProperty("active", false);
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        int status = 0;
        const QJsonObject direct = m_admin->server.request("PATCH", "/api/people/99", {{"active", false}}, &status);
        QCOMPARE(status, 404);
        QCOMPARE(task->error(), direct.value("error").toObject().value("message").toString());
        QVERIFY(!task->error().isEmpty());
        QCOMPARE(task->person(), QVariantMap());
        QCOMPARE(active(), true);
    }

private:
    bool active()
    {
        return m_admin->server.request("GET", QStringLiteral("/api/people/%1").arg(m_ann)).value("active").toBool();
    }

    std::unique_ptr<AdminServer> m_admin;
    qint64 m_ann = 0;
};

QTEST_MAIN(TestSetPersonActiveTask)
#include "tst_setpersonactivetask.moc"
