// AdminTask, the base of the console's operations: the states a run goes
// through, one run at a time, the error cleared as a run starts, results
// announced with the state, and no call back into a task that is gone —
// against a real server, with a task made for the test (GET a path).
#include "admintaskfixture.h"

using namespace podium;
using namespace podium::testing;

namespace {

// One GET; succeeds on 200 with the body kept.
class GetTask : public AdminTask
{
public:
    QString path;
    QJsonObject body;

protected:
    void run() override
    {
        body = {};
        send("GET", path, QJsonValue(), [this](int s, const QJsonObject &r) {
            if (s != 200)
                return failWith(s, r);
            body = r;
            succeed();
        });
    }
};

} // namespace

class TestAdminTask : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_admin = std::make_unique<AdminServer>();
        QVERIFY(m_admin->server.started);
    }
    void cleanup() { m_admin.reset(); }

    void aRunThatSucceeds()
    {
        auto task = m_admin->task<GetTask>();
        task->path = "/api/health";
        QCOMPARE(task->state(), State::Idle);
        QVERIFY(!task->running());
        StateRecorder rec(task.get());
        QSignalSpy results(task.get(), &AdminTask::resultChanged);
        QVERIFY(task->start());
        QCOMPARE(task->state(), State::Running);
        QVERIFY(task->running());
        QVERIFY(!task->start()); // one run at a time
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(rec.finishes(), QList<bool> {true});
        QCOMPARE(results.count(), 2); // with each state
        QCOMPARE(task->body.value("status").toString(), QString("ok"));
        QCOMPARE(task->error(), QString());
        QCOMPARE(m_admin->api.pending(), 0);
    }

    void aRunThatFailsThenOneThatSucceeds()
    {
        auto task = m_admin->task<GetTask>();
        task->path = "/api/people/99";
        StateRecorder rec(task.get());
        QSignalSpy errors(task.get(), &AdminTask::errorChanged);
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        int status = 0;
        const QJsonObject direct = m_admin->server.request("GET", "/api/people/99", {}, &status);
        QCOMPARE(status, 404);
        QCOMPARE(task->error(), direct.value("error").toObject().value("message").toString());
        QVERIFY(!task->error().isEmpty());
        QCOMPARE(errors.count(), 1);

        // The next run starts with no error.
        task->path = "/api/health";
        QVERIFY(task->start());
        QCOMPARE(task->error(), QString());
        QCOMPARE(errors.count(), 2);
        QVERIFY(rec.waitFinished(2));
        QCOMPARE(rec.states(), aRunThat(false) + aRunThat(true));
        QCOMPARE(rec.finishes(), (QList<bool> {false, true}));
        QCOMPARE(errors.count(), 2);
    }

    void aNetworkFailure()
    {
        AdminApi nowhere;
        nowhere.setBaseUrl(QUrl("http://127.0.0.1:1"));
        GetTask task;
        task.path = "/api/health";
        task.setApi(&nowhere);
        StateRecorder rec(&task);
        QVERIFY(task.start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        QVERIFY(!task.error().isEmpty());
    }

    void withoutAServer()
    {
        GetTask task;
        StateRecorder rec(&task);
        QVERIFY(task.start());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task.error(), QString("the console has no server to talk to"));
    }

    // A page closed while its task runs: the answer reaches nobody.
    void aTaskGoneBeforeTheAnswer()
    {
        auto task = m_admin->task<GetTask>();
        task->path = "/api/health";
        QVERIFY(task->start());
        task.reset();
        QTRY_COMPARE_WITH_TIMEOUT(m_admin->api.pending(), 0, 10000);
    }

private:
    std::unique_ptr<AdminServer> m_admin;
};

QTEST_MAIN(TestAdminTask)
#include "tst_admintask.moc"
