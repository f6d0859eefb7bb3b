// SaveRuleTask against a real server: a new rule from the form's texts, an
// edit of one, and the refusals — a value or step that is not a number
// before any request, the server's own words verbatim.
#include "admintaskfixture.h"
#include "saveruletask.h"

using namespace podium;
using namespace podium::testing;

class TestSaveRuleTask : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_admin = std::make_unique<AdminServer>();
        QVERIFY(m_admin->server.started);
        m_rulesBefore = rules().size();
    }
    void cleanup() { m_admin.reset(); }

    void addsAThresholdRule()
    {
        auto task = m_admin->task<SaveRuleTask>();
        task->setProperty("metric", " revenue ");
        task->setProperty("kind", "threshold");
        task->setProperty("period", "month");
        task->setProperty("values", "10000, 25000,,50000 ");
        task->setProperty("title", "  Big month ");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(rec.finishes(), QList<bool> {true});

        const qint64 id = task->rule().value("id").toLongLong();
        QVERIFY(id > 0);
        const QJsonObject rule = ruleWithId(id);
        QCOMPARE(rule.value("metric").toString(), QString("revenue"));
        QCOMPARE(rule.value("kind").toString(), QString("threshold"));
        QCOMPARE(rule.value("period").toString(), QString("month"));
        QCOMPARE(rule.value("values").toArray(), (QJsonArray {10000, 25000, 50000}));
        QCOMPARE(rule.value("title").toString(), QString("Big month"));
        QCOMPARE(rules().size(), m_rulesBefore + 1);
    }

    void savesAnEveryRuleInPlace()
    {
        const qint64 id
                = m_admin->server.request("POST", "/api/rules", {{"metric", "xp"}, {"kind", "every"}, {"step", 1000}})
                          .value("id")
                          .toInteger();
        QVERIFY(id > 0);
        auto task = m_admin->task<SaveRuleTask>();
        task->setProperty("ruleId", id);
        task->setProperty("metric", "xp");
        task->setProperty("kind", "every");
        task->setProperty("step", " 2500 ");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(task->rule().value("id").toLongLong(), id);
        QCOMPARE(ruleWithId(id).value("step").toDouble(), 2500.0);
        QCOMPARE(rules().size(), m_rulesBefore + 1);
    }

    // Numbers as the form always read them (JavaScript's Number()).
    void numbersAsTyped()
    {
        auto task = m_admin->task<SaveRuleTask>();
        task->setProperty("metric", "score");
        task->setProperty("values", "1e3, 0x10, .5, 7 ");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(ruleWithId(task->rule().value("id").toLongLong()).value("values").toArray(),
                 (QJsonArray {0.5, 7, 16, 1000})); // the server keeps them in order
    }

    void refusedBeforeAnyRequest_data()
    {
        QTest::addColumn<QString>("values");
        QTest::addColumn<QString>("step");
        QTest::addColumn<QString>("error");
        QTest::newRow("a value") << "10, 2x5, 50"
                                 << ""
                                 << "values: '2x5' is not a number";
        QTest::newRow("the step") << ""
                                  << "every 5"
                                  << "step: 'every 5' is not a number";
    }

    void refusedBeforeAnyRequest()
    {
        QFETCH(QString, values);
        QFETCH(QString, step);
        QFETCH(QString, error);
        auto task = m_admin->task<SaveRuleTask>();
        task->setProperty("metric", "revenue");
        task->setProperty("values", values);
        task->setProperty("step", step);
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), error);
        QCOMPARE(m_admin->api.pending(), 0);
        QCOMPARE(rules().size(), m_rulesBefore);
    }

    void theServersRefusalVerbatim()
    {
        auto task = m_admin->task<SaveRuleTask>();
        task->setProperty("metric", "revenue");
        task->setProperty("kind", "sometimes");
        task->setProperty("values", "10");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        int status = 0;
        const QJsonObject direct = m_admin->server.request(
                "POST", "/api/rules", {{"metric", "revenue"}, {"kind", "sometimes"}, {"values", QJsonArray {10}}},
                &status);
        QCOMPARE(status, 400);
        QCOMPARE(task->error(), direct.value("error").toObject().value("message").toString());
        QVERIFY(task->error().contains("kind"));
        QCOMPARE(task->rule(), QVariantMap());
        QCOMPARE(rules().size(), m_rulesBefore);
    }

private:
    QJsonArray rules() { return m_admin->server.request("GET", "/api/rules").value("rules").toArray(); }
    QJsonObject ruleWithId(qint64 id)
    {
        const QJsonArray list = rules();
        for (const QJsonValue &r : list) {
            if (r.toObject().value("id").toInteger() == id)
                return r.toObject();
        }
        return {};
    }

    std::unique_ptr<AdminServer> m_admin;
    qsizetype m_rulesBefore = 0;
};

QTEST_MAIN(TestSaveRuleTask)
#include "tst_saveruletask.moc"
