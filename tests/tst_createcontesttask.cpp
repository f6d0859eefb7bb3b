// CreateContestTask against a real server: a contest that starts now is
// live, one that starts later is scheduled, prizes come from the form's
// lines, and a refused contest fails with the server's message.
#include "admintaskfixture.h"
#include "createcontesttask.h"

using namespace podium;
using namespace podium::testing;

namespace {
QString isoIn(int hours)
{
    QDateTime t = QDateTime::currentDateTimeUtc().addSecs(hours * 3600);
    t.setTime(QTime(t.time().hour(), t.time().minute()));
    return t.toString(Qt::ISODate);
}
} // namespace

class TestCreateContestTask : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_admin = std::make_unique<AdminServer>();
        QVERIFY(m_admin->server.started);
    }
    void cleanup() { m_admin.reset(); }

    void createsALiveContestWithItsPrizes()
    {
        auto task = m_admin->task<CreateContestTask>();
        task->setProperty("name", "November Blitz");
        task->setProperty("metric", "revenue");
        task->setProperty("startsAt", isoIn(0));
        task->setProperty("endsAt", isoIn(24));
        task->setProperty("prizes", "  $500 gift card \n\n Team lunch\n  \n");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(rec.finishes(), QList<bool> {true});
        QCOMPARE(task->contest().value("state").toString(), QString("live"));

        const qint64 id = task->contest().value("id").toLongLong();
        const QJsonObject seen = m_admin->server.request("GET", QStringLiteral("/api/contests/%1").arg(id));
        QCOMPARE(seen.value("name").toString(), QString("November Blitz"));
        QCOMPARE(seen.value("metric").toString(), QString("revenue"));
        QCOMPARE(seen.value("mode").toString(), QString("individuals"));
        QCOMPARE(seen.value("state").toString(), QString("live"));
        QCOMPARE(seen.value("prizes").toArray(), (QJsonArray {"$500 gift card", "Team lunch"}));
    }

    void schedulesATeamContest()
    {
        auto task = m_admin->task<CreateContestTask>();
        task->setProperty("name", "December Sprint");
        task->setProperty("metric", "signups");
        task->setProperty("mode", "teams");
        task->setProperty("startsAt", isoIn(48));
        task->setProperty("endsAt", isoIn(24 * 7));
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        const QJsonArray contests = m_admin->server.request("GET", "/api/contests").value("contests").toArray();
        QCOMPARE(contests.size(), 1);
        QCOMPARE(contests.first().toObject().value("state").toString(), QString("scheduled"));
        QCOMPARE(contests.first().toObject().value("mode").toString(), QString("teams"));
        QCOMPARE(contests.first().toObject().value("prizes").toArray(), QJsonArray());
    }

    void refusedContests_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::addColumn<QString>("startsAt");
        QTest::addColumn<QString>("endsAt");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown metric") << "karma" << isoIn(0) << isoIn(24) << "field 'metric': unknown metric 'karma'";
        QTest::newRow("bad start") << "revenue"
                                   << "tomorrow" << isoIn(24) << "field 'startsAt' must be an ISO 8601 date-time";
        QTest::newRow("ends first") << "revenue" << isoIn(24) << isoIn(0) << "field 'endsAt' must be after 'startsAt'";
    }

    void refusedContests()
    {
        QFETCH(QString, metric);
        QFETCH(QString, startsAt);
        QFETCH(QString, endsAt);
        QFETCH(QString, error);
        auto task = m_admin->task<CreateContestTask>();
        task->setProperty("name", "Blitz");
        task->setProperty("metric", metric);
        task->setProperty("startsAt", startsAt);
        task->setProperty("endsAt", endsAt);
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(rec.finishes(), QList<bool> {false});
        QCOMPARE(task->error(), error);
        QCOMPARE(task->contest(), QVariantMap());
        QCOMPARE(m_admin->server.request("GET", "/api/contests").value("contests").toArray().size(), 0);
    }

    void aNameIsRequired()
    {
        auto task = m_admin->task<CreateContestTask>();
        task->setProperty("metric", "revenue");
        task->setProperty("startsAt", isoIn(0));
        task->setProperty("endsAt", isoIn(24));
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), QString("field 'name' must be a non-empty string of at most 120 characters"));
    }

private:
    std::unique_ptr<AdminServer> m_admin;
};

QTEST_MAIN(TestCreateContestTask)
#include "tst_createcontesttask.moc"
