// SaveBadgeTask against a real server: a badge created and then updated by
// its key, and the server's refusal of a rarity it does not know.
#include "admintaskfixture.h"
#include "savebadgetask.h"

using namespace podium;
using namespace podium::testing;

class TestSaveBadgeTask : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_admin = std::make_unique<AdminServer>();
        QVERIFY(m_admin->server.started);
        m_before = badges().size();
    }
    void cleanup() { m_admin.reset(); }

    void createThenUpdate()
    {
        auto task = m_admin->task<SaveBadgeTask>();
        task->setProperty("key", "early-bird");
        task->setProperty("name", "Early Bird");
        task->setProperty("description", "First deal before 9");
        task->setProperty("icon", "★");
        task->setProperty("rarity", "rare");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(task->badge().value("name").toString(), QString("Early Bird"));
        QJsonObject seen = badge("early-bird");
        QCOMPARE(seen.value("description").toString(), QString("First deal before 9"));
        QCOMPARE(seen.value("icon").toString(), QString("★"));
        QCOMPARE(seen.value("rarity").toString(), QString("rare"));

        task->setProperty("rarity", "epic");
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished(2));
        QCOMPARE(rec.states(), aRunThat(true) + aRunThat(true));
        QCOMPARE(badge("early-bird").value("rarity").toString(), QString("epic"));
        QCOMPARE(badges().size(), m_before + 1);
    }

    void anUnknownRarity()
    {
        auto task = m_admin->task<SaveBadgeTask>();
        task->setProperty("key", "early-bird");
        task->setProperty("name", "Early Bird");
        task->setProperty("rarity", "mythic");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), QString("field 'rarity' must be one of common, rare, epic, legendary"));
        QCOMPARE(task->badge(), QVariantMap());
        QCOMPARE(badges().size(), m_before);
    }

private:
    QJsonArray badges() { return m_admin->server.request("GET", "/api/badges").value("badges").toArray(); }
    QJsonObject badge(const QString &key)
    {
        const QJsonArray list = badges();
        for (const QJsonValue &b : list) {
            if (b.toObject().value("key").toString() == key)
                return b.toObject();
        }
        return {};
    }

    std::unique_ptr<AdminServer> m_admin;
    qsizetype m_before = 0;
};

QTEST_MAIN(TestSaveBadgeTask)
#include "tst_savebadgetask.moc"
