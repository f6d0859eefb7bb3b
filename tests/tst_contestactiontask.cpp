// ContestActionTask against a real server: a scheduled contest started now,
// a live one ended now, and what the server refuses for the contest's state.
#include "admintaskfixture.h"
#include "contestactiontask.h"

using namespace podium;
using namespace podium::testing;

class TestContestActionTask : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_admin = std::make_unique<AdminServer>();
        QVERIFY(m_admin->server.started);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        m_id = m_admin->server
                       .request("POST", "/api/contests",
                                {{"name", "Blitz"},
                                 {"metric", "revenue"},
                                 {"startsAt", now.addDays(1).toString(Qt::ISODate)},
                                 {"endsAt", now.addDays(2).toString(Qt::ISODate)}})
                       .value("id")
                       .toInteger();
        QVERIFY(m_id > 0);
    }
    void cleanup() { m_admin.reset(); }

    void startThenEnd()
    {
        auto task = m_admin->task<ContestActionTask>();
        task->setProperty("contestId", m_id);
        task->setProperty("action", "start");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(task->contest().value("state").toString(), QString("live"));
        QCOMPARE(state(), QString("live"));

        task->setProperty("action", "end");
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished(2));
        QCOMPARE(rec.states(), aRunThat(true) + aRunThat(true));
        QCOMPARE(rec.finishes(), (QList<bool> {true, true}));
        QCOMPARE(task->contest().value("state").toString(), QString("ended"));
        QCOMPARE(state(), QString("ended"));
    }

    void refusedForTheContestsState_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("error");
        QTest::newRow("end a scheduled one") << "end"
                                             << "contest %1 has not started; delete or start it instead";
        QTest::newRow("not an action") << "pause"
                                       << "a contest can be started or ended, not 'pause'";
    }

    void refusedForTheContestsState()
    {
        QFETCH(QString, action);
        QFETCH(QString, error);
        auto task = m_admin->task<ContestActionTask>();
        task->setProperty("contestId", m_id);
        task->setProperty("action", action);
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), error.contains("%1") ? error.arg(m_id) : error);
        QCOMPARE(task->contest(), QVariantMap());
        QCOMPARE(state(), QString("scheduled"));
    }

    void anUnknownContest()
    {
        auto task = m_admin->task<ContestActionTask>();
        task->setProperty("contestId", 77);
        task->setProperty("action", "start");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), QString("contest 77 does not exist"));
    }

private:
    QString state()
    {
        return m_admin->server.request("GET", QStringLiteral("/api/contests/%1").arg(m_id)).value("state").toString();
    }

    std::unique_ptr<AdminServer> m_admin;
    qint64 m_id = 0;
};

QTEST_MAIN(TestContestActionTask)
#include "tst_contestactiontask.moc"
