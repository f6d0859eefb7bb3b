// RecordPayoutTask against a real server: a payout recorded for an ended
// contest and read back, and the server's refusal before the end.
#include "admintaskfixture.h"
#include "recordpayouttask.h"

using namespace podium;
using namespace podium::testing;

class TestRecordPayoutTask : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_admin = std::make_unique<AdminServer>();
        QVERIFY(m_admin->server.started);
        m_id = m_admin->addLiveContest("Blitz");
        QVERIFY(m_id > 0);
    }
    void cleanup() { m_admin.reset(); }

    void recordsThePayoutOfAnEndedContest()
    {
        m_admin->server.request("POST", QStringLiteral("/api/contests/%1/end").arg(m_id));
        auto task = m_admin->task<RecordPayoutTask>();
        task->setProperty("contestId", m_id);
        task->setProperty("place", 2);
        task->setProperty("amount", " 500 ");
        task->setProperty("note", "gift card");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(rec.finishes(), QList<bool> {true});

        const QJsonObject contest = m_admin->server.request("GET", QStringLiteral("/api/contests/%1").arg(m_id));
        const QJsonArray payouts = contest.value("payout").toObject().value("payouts").toArray();
        QCOMPARE(payouts.size(), 1);
        QCOMPARE(payouts.first().toObject(), (QJsonObject {{"place", 2}, {"amount", 500}, {"note", "gift card"}}));
        QCOMPARE(task->contest().value("id").toLongLong(), m_id);
    }

    void notBeforeTheEnd()
    {
        auto task = m_admin->task<RecordPayoutTask>();
        task->setProperty("contestId", m_id);
        task->setProperty("amount", "500");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), QStringLiteral("contest %1 has not ended; payout comes after the end").arg(m_id));
        QCOMPARE(m_admin->server.request("GET", QStringLiteral("/api/contests/%1").arg(m_id)).value("payout"),
                 QJsonValue());
    }

private:
    std::unique_ptr<AdminServer> m_admin;
    qint64 m_id = 0;
};

QTEST_MAIN(TestRecordPayoutTask)
#include "tst_recordpayouttask.moc"
