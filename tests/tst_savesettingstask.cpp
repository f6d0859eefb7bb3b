// SaveSettingsTask against a real server: the level curve and tiers saved
// and read back, a tier not written as Name:level refused before any
// request, and the server's refusal of a bad step verbatim.
#include "admintaskfixture.h"
#include "savesettingstask.h"

using namespace podium;
using namespace podium::testing;

class TestSaveSettingsTask : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_admin = std::make_unique<AdminServer>();
        QVERIFY(m_admin->server.started);
        m_before = m_admin->server.request("GET", "/api/settings");
    }
    void cleanup() { m_admin.reset(); }

    void savesAndReadsBack()
    {
        auto task = m_admin->task<SaveSettingsTask>();
        task->setProperty("xpMetric", " xp ");
        task->setProperty("levelStep", "250");
        task->setProperty("significantRankMove", "3");
        task->setProperty("tiers", "Bronze:1, Silver : 5,, Gold:10 ");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(rec.finishes(), QList<bool> {true});

        const QJsonObject now = m_admin->server.request("GET", "/api/settings");
        QCOMPARE(now.value("xpMetric").toString(), QString("xp"));
        QCOMPARE(now.value("levelStep").toDouble(), 250.0);
        QCOMPARE(now.value("significantRankMove").toInt(), 3);
        const QJsonArray expected {QJsonObject {{"key", "bronze"}, {"name", "Bronze"}, {"minLevel", 1}},
                                   QJsonObject {{"key", "silver"}, {"name", "Silver"}, {"minLevel", 5}},
                                   QJsonObject {{"key", "gold"}, {"name", "Gold"}, {"minLevel", 10}}};
        QCOMPARE(now.value("tiers").toArray(), expected);
        // What the task read back is what the server has.
        QCOMPARE(QJsonObject::fromVariantMap(task->settings()), now);
    }

    void aTierNotWrittenNameColonLevel_data()
    {
        QTest::addColumn<QString>("tiers");
        QTest::addColumn<QString>("error");
        QTest::newRow("no level") << "Bronze:1, Silver"
                                  << "tiers: write 'Name:level', got 'Silver'";
        QTest::newRow("a word") << "Bronze:one"
                                << "tiers: write 'Name:level', got 'Bronze:one'";
        QTest::newRow("two colons") << "Gold:1:2"
                                    << "tiers: write 'Name:level', got 'Gold:1:2'";
    }

    void aTierNotWrittenNameColonLevel()
    {
        QFETCH(QString, tiers);
        QFETCH(QString, error);
        const qint64 seq = m_admin->server.request("GET", "/api/health").value("seq").toInteger();
        auto task = m_admin->task<SaveSettingsTask>();
        task->setProperty("xpMetric", "xp");
        task->setProperty("levelStep", "250");
        task->setProperty("significantRankMove", "3");
        task->setProperty("tiers", tiers);
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), error);
        QCOMPARE(m_admin->api.pending(), 0);
        QCOMPARE(m_admin->server.request("GET", "/api/settings"), m_before);
        QCOMPARE(m_admin->server.request("GET", "/api/health").value("seq").toInteger(), seq);
    }

    void theServerRefusesABadStep_data()
    {
        QTest::addColumn<QString>("levelStep");
        QTest::newRow("zero") << "0";
        QTest::newRow("not a number") << "lots";
    }

    void theServerRefusesABadStep()
    {
        QFETCH(QString, levelStep);
        auto task = m_admin->task<SaveSettingsTask>();
        task->setProperty("xpMetric", "xp");
        task->setProperty("levelStep", levelStep);
        task->setProperty("significantRankMove", "3");
        task->setProperty("tiers", "Bronze:1");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), QString("field 'levelStep' must be a number from 1 to 1000000"));
        QCOMPARE(task->settings(), QVariantMap());
        QCOMPARE(m_admin->server.request("GET", "/api/settings"), m_before);
    }

private:
    std::unique_ptr<AdminServer> m_admin;
    QJsonObject m_before;
};

QTEST_MAIN(TestSaveSettingsTask)
#include "tst_savesettingstask.moc"
