// RecordActivityTask against a real server: an amount added to a metric
// that sums, a value for one that keeps the best, a key that makes a retry
// count once, and the refusals — an amount that is not a number before any
// request, the server's words verbatim.
#include "admintaskfixture.h"
#include "recordactivitytask.h"

using namespace podium;
using namespace podium::testing;

class TestRecordActivityTask : public QObject
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

    void anAmountAndACorrection()
    {
        auto task = record("revenue", "sum", " 2500 ");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QVERIFY(task->activity().value("id").toLongLong() > 0);
        QVERIFY(!task->activity().value("events").toList().isEmpty());
        QCOMPARE(total("revenue"), 2500.0);

        task->setProperty("amount", "-500");
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished(2));
        QCOMPARE(rec.states(), aRunThat(true) + aRunThat(true));
        QCOMPARE(total("revenue"), 2000.0);
        // Recorded by hand.
        const QJsonArray events
                = m_admin->server.request("GET", "/api/events?rooms=activity:feed&limit=10").value("events").toArray();
        QCOMPARE(events.last().toObject().value("data").toObject().value("source").toString(), QString("admin"));
    }

    void aValueForAMetricThatKeepsTheBest()
    {
        QString aggregation;
        const QJsonArray metrics = m_admin->server.request("GET", "/api/metrics").value("metrics").toArray();
        for (const QJsonValue &m : metrics) {
            if (m.toObject().value("key").toString() == "score")
                aggregation = m.toObject().value("aggregation").toString();
        }
        QCOMPARE(aggregation, QString("best"));
        auto task = record("score", aggregation, "80");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        task->setProperty("amount", "60");
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished(2));
        QCOMPARE(rec.states(), aRunThat(true) + aRunThat(true));
        QCOMPARE(total("score"), 80.0);
    }

    void aKeyCountsOnce()
    {
        auto task = record("revenue", "sum", "100");
        task->setProperty("key", "crm-1");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished(2));
        QCOMPARE(rec.states(), aRunThat(true) + aRunThat(true));
        QCOMPARE(task->activity().value("replayed").toBool(), true);
        QCOMPARE(total("revenue"), 100.0);
    }

    void anAmountThatIsNotANumber_data()
    {
        QTest::addColumn<QString>("amount");
        QTest::newRow("empty") << "";
        QTest::newRow("blank") << "  ";
        QTest::newRow("a word") << "lots";
        QTest::newRow("12x") << "12x";
    }

    void anAmountThatIsNotANumber()
    {
        QFETCH(QString, amount);
        auto task = record("revenue", "sum", amount);
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), QString("the amount must be a number"));
        QCOMPARE(m_admin->api.pending(), 0);
        QCOMPARE(total("revenue"), 0.0);
    }

    void theServerRefusesADeactivatedPerson()
    {
        m_admin->server.request("PATCH", QStringLiteral("/api/people/%1").arg(m_ann), {{"active", false}});
        auto task = record("revenue", "sum", "100");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), QStringLiteral("field 'person': person %1 is deactivated").arg(m_ann));
        QCOMPARE(task->activity(), QVariantMap());
    }

private:
    std::unique_ptr<RecordActivityTask> record(const QString &metric, const QString &aggregation, const QString &amount)
    {
        auto task = m_admin->task<RecordActivityTask>();
        task->setProperty("personId", m_ann);
        task->setProperty("metric", metric);
        task->setProperty("aggregation", aggregation);
        task->setProperty("amount", amount);
        return task;
    }
    double total(const QString &metric)
    {
        const QJsonArray entries
                = m_admin->server.request("GET", QStringLiteral("/api/leaderboards/%1?period=all").arg(metric))
                          .value("entries")
                          .toArray();
        return entries.isEmpty() ? 0.0 : entries.first().toObject().value("value").toDouble();
    }

    std::unique_ptr<AdminServer> m_admin;
    qint64 m_ann = 0;
};

QTEST_MAIN(TestRecordActivityTask)
#include "tst_recordactivitytask.moc"
