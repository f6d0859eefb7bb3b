// SwitchRuleTask against a real server: a rule switched off and on again,
// deleted, and the server's words about a rule that is gone.
#include "admintaskfixture.h"
#include "switchruletask.h"

using namespace podium;
using namespace podium::testing;

class TestSwitchRuleTask : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_admin = std::make_unique<AdminServer>();
        QVERIFY(m_admin->server.started);
        m_id = m_admin->server
                       .request("POST", "/api/rules",
                                {{"metric", "revenue"}, {"kind", "threshold"}, {"values", QJsonArray {777}}})
                       .value("id")
                       .toInteger();
        QVERIFY(m_id > 0);
    }
    void cleanup() { m_admin.reset(); }

    void offOnThenDeleted()
    {
        auto task = m_admin->task<SwitchRuleTask>();
        task->setProperty("ruleId", m_id);
        task->setProperty("enabled", false);
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(task->rule().value("enabled").toBool(), false);
        QCOMPARE(rule().value("enabled").toBool(), false);

        task->setProperty("enabled", true);
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished(2));
        QCOMPARE(rule().value("enabled").toBool(), true);

        task->setProperty("remove", true);
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished(3));
        QCOMPARE(rec.states(), aRunThat(true) + aRunThat(true) + aRunThat(true));
        QCOMPARE(task->rule().value("deleted").toLongLong(), m_id);
        QVERIFY(rule().isEmpty());

        // Gone: the server's words.
        task->setProperty("remove", false);
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished(4));
        QCOMPARE(rec.states().last(), State::Failed);
        int status = 0;
        const QJsonObject direct = m_admin->server.request("PATCH", QStringLiteral("/api/rules/%1").arg(m_id),
                                                           {{"enabled", true}}, &status);
        QCOMPARE(status, 404);
        QCOMPARE(task->error(), direct.value("error").toObject().value("message").toString());
        QVERIFY(!task->error().isEmpty());
    }

private:
    QJsonObject rule()
    {
        const QJsonArray rules = m_admin->server.request("GET", "/api/rules").value("rules").toArray();
        for (const QJsonValue &r : rules) {
            if (r.toObject().value("id").toInteger() == m_id)
                return r.toObject();
        }
        return {};
    }

    std::unique_ptr<AdminServer> m_admin;
    qint64 m_id = 0;
};

QTEST_MAIN(TestSwitchRuleTask)
#include "tst_switchruletask.moc"
