// SaveMetricTask against a real server: a metric created and then updated by
// its key, and the server's refusal of a key it does not accept.
#include "admintaskfixture.h"
#include "savemetrictask.h"

using namespace podium;
using namespace podium::testing;

class TestSaveMetricTask : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_admin = std::make_unique<AdminServer>();
        QVERIFY(m_admin->server.started);
        m_before = metrics().size();
    }
    void cleanup() { m_admin.reset(); }

    void createThenUpdate()
    {
        auto task = m_admin->task<SaveMetricTask>();
        task->setProperty("key", "demos");
        task->setProperty("label", "Demos");
        task->setProperty("unit", "count");
        task->setProperty("aggregation", "sum");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(task->metric().value("key").toString(), QString("demos"));
        QCOMPARE(metric("demos").value("label").toString(), QString("Demos"));
        QCOMPARE(metric("demos").value("aggregation").toString(), QString("sum"));

        task->setProperty("label", "Demos given");
        task->setProperty("unit", "points");
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished(2));
        QCOMPARE(rec.states(), aRunThat(true) + aRunThat(true));
        QCOMPARE(metric("demos").value("label").toString(), QString("Demos given"));
        QCOMPARE(metric("demos").value("unit").toString(), QString("points"));
        QCOMPARE(metrics().size(), m_before + 1);
    }

    void aKeyTheServerRefuses()
    {
        auto task = m_admin->task<SaveMetricTask>();
        task->setProperty("key", "Big Deals");
        task->setProperty("label", "Big deals");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), QString("field 'key' must be lowercase letters, digits or _ (e.g. revenue)"));
        QCOMPARE(task->metric(), QVariantMap());
        QCOMPARE(metrics().size(), m_before);
    }

private:
    QJsonArray metrics() { return m_admin->server.request("GET", "/api/metrics").value("metrics").toArray(); }
    QJsonObject metric(const QString &key)
    {
        const QJsonArray list = metrics();
        for (const QJsonValue &m : list) {
            if (m.toObject().value("key").toString() == key)
                return m.toObject();
        }
        return {};
    }

    std::unique_ptr<AdminServer> m_admin;
    qsizetype m_before = 0;
};

QTEST_MAIN(TestSaveMetricTask)
#include "tst_savemetrictask.moc"
