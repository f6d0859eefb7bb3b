// AwardXpTask against a real server: XP added on the XP metric, and the
// refusals — XP that is not a number before any request, the server's words
// verbatim.
#include "admintaskfixture.h"
#include "awardxptask.h"

using namespace podium;
using namespace podium::testing;

class TestAwardXpTask : public QObject
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

    void awardsXp()
    {
        auto task = award("250");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(task->awarded(), 250.0);
        QCOMPARE(xp(), 250.0);
    }

    void xpThatIsNotANumber()
    {
        auto task = award("a lot");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), QString("XP must be a number"));
        QCOMPARE(m_admin->api.pending(), 0);
        QCOMPARE(xp(), 0.0);
    }

    void anUnknownPerson()
    {
        auto task = award("10");
        task->setProperty("personId", 99);
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        int status = 0;
        const QJsonObject direct = m_admin->server.request(
                "POST", "/api/activities", {{"person", 99}, {"metric", "xp"}, {"delta", 10}, {"source", "admin"}},
                &status);
        QCOMPARE(status, 404);
        QCOMPARE(task->error(), direct.value("error").toObject().value("message").toString());
        QVERIFY(!task->error().isEmpty());
        QCOMPARE(task->awarded(), 0.0);
    }

private:
    std::unique_ptr<AwardXpTask> award(const QString &amount)
    {
        auto task = m_admin->task<AwardXpTask>();
        task->setProperty("personId", m_ann);
        task->setProperty("xpMetric", "xp");
        task->setProperty("xpAmount", amount);
        return task;
    }
    double xp()
    {
        const QJsonArray entries
                = m_admin->server.request("GET", "/api/leaderboards/xp?period=all").value("entries").toArray();
        return entries.isEmpty() ? 0.0 : entries.first().toObject().value("value").toDouble();
    }

    std::unique_ptr<AdminServer> m_admin;
    qint64 m_ann = 0;
};

QTEST_MAIN(TestAwardXpTask)
#include "tst_awardxptask.moc"
