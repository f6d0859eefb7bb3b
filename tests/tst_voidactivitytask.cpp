// VoidActivityTask against a real server: an activity taken back out of the
// board, and the refusals — an id that is not a number before any request,
// the server's words about one voided twice.
#include "admintaskfixture.h"
#include "voidactivitytask.h"

using namespace podium;
using namespace podium::testing;

class TestVoidActivityTask : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_admin = std::make_unique<AdminServer>();
        QVERIFY(m_admin->server.started);
        const qint64 ann = m_admin->addPerson("Ann");
        m_activity
                = m_admin->server
                          .request("POST", "/api/activities", {{"person", ann}, {"metric", "revenue"}, {"delta", 900}})
                          .value("id")
                          .toInteger();
        QVERIFY(m_activity > 0);
    }
    void cleanup() { m_admin.reset(); }

    void voidsOnce()
    {
        auto task = m_admin->task<VoidActivityTask>();
        task->setProperty("activityId", QString::number(m_activity));
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(task->activity().value("metric").toString(), QString("revenue"));
        const QJsonArray entries
                = m_admin->server.request("GET", "/api/leaderboards/revenue?period=all").value("entries").toArray();
        QVERIFY(entries.isEmpty() || entries.first().toObject().value("value").toDouble() == 0.0);

        QVERIFY(task->start());
        QVERIFY(rec.waitFinished(2));
        QCOMPARE(rec.states(), aRunThat(true) + aRunThat(false));
        QCOMPARE(task->error(), QStringLiteral("activity %1 is already voided").arg(m_activity));
    }

    void anIdThatIsNotANumber_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("empty") << "";
        QTest::newRow("a word") << "last";
        QTest::newRow("negative") << "-1";
        QTest::newRow("spaces") << " 1";
    }

    void anIdThatIsNotANumber()
    {
        QFETCH(QString, id);
        auto task = m_admin->task<VoidActivityTask>();
        task->setProperty("activityId", id);
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), QString("type the activity's id (a number)"));
        QCOMPARE(m_admin->api.pending(), 0);
    }

    void anActivityThatDoesNotExist()
    {
        auto task = m_admin->task<VoidActivityTask>();
        task->setProperty("activityId", "999");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), QString("activity 999 does not exist"));
    }

private:
    std::unique_ptr<AdminServer> m_admin;
    qint64 m_activity = 0;
};

QTEST_MAIN(TestVoidActivityTask)
#include "tst_voidactivitytask.moc"
