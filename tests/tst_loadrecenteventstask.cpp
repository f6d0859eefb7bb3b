// LoadRecentEventsTask against a real server: the last events of the log
// within a window of seqs, from chosen rooms and of one name, oldest first.
#include "admintaskfixture.h"
#include "loadrecenteventstask.h"

using namespace podium;
using namespace podium::testing;

class TestLoadRecentEventsTask : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_admin = std::make_unique<AdminServer>();
        QVERIFY(m_admin->server.started);
        m_ann = m_admin->addPerson("Ann");
        for (int i = 0; i < 5; ++i) {
            const QJsonObject a = m_admin->server.request("POST", "/api/activities",
                                                          {{"person", m_ann}, {"metric", "signups"}, {"delta", 1}});
            m_activities.append(a.value("id").toInteger());
        }
    }
    void cleanup()
    {
        m_admin.reset();
        m_activities.clear();
    }

    void theLatestActivities()
    {
        auto task = m_admin->task<LoadRecentEventsTask>();
        task->setProperty("rooms", "activity:feed");
        task->setProperty("event", "activity:new");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(rec.finishes(), QList<bool> {true});
        QCOMPARE(activityIds(task->events()), m_activities);
        for (const QVariant &e : task->events())
            QCOMPARE(e.toMap().value("room").toString(), QString("activity:feed"));
    }

    // A window of seqs: only events after (current seq − window).
    void aWindowOfSeqs()
    {
        const qint64 seq = m_admin->server.request("GET", "/api/health").value("seq").toInteger();
        auto task = m_admin->task<LoadRecentEventsTask>();
        task->setProperty("window", 3);
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QList<qint64> seqs;
        for (const QVariant &e : task->events())
            seqs.append(e.toMap().value("seq").toLongLong());
        QCOMPARE(seqs, (QList<qint64> {seq - 2, seq - 1, seq}));

        // And the limit, oldest first.
        task->setProperty("window", 1000);
        task->setProperty("limit", 2);
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished(2));
        QCOMPARE(task->events().size(), 2);
        QCOMPARE(task->events().first().toMap().value("seq").toLongLong(), 1);
    }

    void theServersRefusalVerbatim()
    {
        auto task = m_admin->task<LoadRecentEventsTask>();
        task->setProperty("rooms", "lobby");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        int status = 0;
        const QJsonObject direct
                = m_admin->server.request("GET", "/api/events?rooms=lobby&limit=1000&since=0", {}, &status);
        QCOMPARE(status, 400);
        QCOMPARE(task->error(), direct.value("error").toObject().value("message").toString());
        QVERIFY(task->error().contains("lobby"));
        QCOMPARE(task->events(), QVariantList());
    }

private:
    static QList<qint64> activityIds(const QVariantList &events)
    {
        QList<qint64> ids;
        for (const QVariant &e : events)
            ids.append(e.toMap().value("data").toMap().value("id").toLongLong());
        return ids;
    }

    std::unique_ptr<AdminServer> m_admin;
    qint64 m_ann = 0;
    QList<qint64> m_activities;
};

QTEST_MAIN(TestLoadRecentEventsTask)
#include "tst_loadrecenteventstask.moc"
