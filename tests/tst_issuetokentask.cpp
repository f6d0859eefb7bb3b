// IssueTokenTask against a real server: the token it issues lets its holder
// in, a person token names its person, and refused inputs fail with the
// console's or the server's exact words.
#include "admintaskfixture.h"
#include "issuetokentask.h"

using namespace podium;
using namespace podium::testing;

class TestIssueTokenTask : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_admin = std::make_unique<AdminServer>();
        QVERIFY(m_admin->server.started);
    }
    void cleanup() { m_admin.reset(); }

    void issuesADisplayToken()
    {
        auto task = m_admin->task<IssueTokenTask>();
        task->setProperty("kind", "display");
        task->setProperty("label", "Lobby TV");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(rec.finishes(), QList<bool> {true});
        QVERIFY(task->tokenId() > 0);
        QVERIFY(task->token().size() >= 16);

        const QJsonObject listed = tokenWithId(task->tokenId());
        QCOMPARE(listed.value("kind").toString(), QString("display"));
        QCOMPARE(listed.value("person"), QJsonValue()); // the list never shows a label or the text
        int status = 0;
        m_admin->server.request("GET", "/api/health", {}, &status, task->token());
        QCOMPARE(status, 200);
    }

    void issuesATokenForAPerson()
    {
        const qint64 ann = m_admin->addPerson("Ann");
        auto task = m_admin->task<IssueTokenTask>();
        task->setProperty("kind", "person");
        task->setProperty("label", "");
        task->setProperty("personId", ann);
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        const QJsonObject listed = tokenWithId(task->tokenId());
        QCOMPARE(listed.value("kind").toString(), QString("person"));
        QCOMPARE(listed.value("person").toInteger(), ann);
    }

    void aPersonTokenNeedsAPerson()
    {
        const int before = tokenCount();
        auto task = m_admin->task<IssueTokenTask>();
        task->setProperty("kind", "person");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), QString("pick a person in the list first"));
        QCOMPARE(m_admin->api.pending(), 0);
        QCOMPARE(tokenCount(), before);
    }

    void theServerRefusesAnUnknownKind()
    {
        const int before = tokenCount();
        auto task = m_admin->task<IssueTokenTask>();
        task->setProperty("kind", "robot");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), QString("field 'kind' must be one of admin, integration, display, person"));
        QCOMPARE(task->token(), QString());
        QCOMPARE(task->tokenId(), 0);
        QCOMPARE(tokenCount(), before);
    }

    // The text shows once: a refused input keeps it on screen, the next
    // request replaces it.
    void theTextStaysUntilTheNextRequest()
    {
        auto task = m_admin->task<IssueTokenTask>();
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        const QString first = task->token();
        QVERIFY(!first.isEmpty());
        task->setProperty("kind", "person");
        QVERIFY(task->start());
        QCOMPARE(rec.states(), aRunThat(true) + aRunThat(false));
        QCOMPARE(task->token(), first);
        task->setProperty("kind", "robot");
        QVERIFY(task->start());
        QCOMPARE(task->token(), QString());
        QVERIFY(rec.waitFinished(3));
        QCOMPARE(rec.states(), aRunThat(true) + aRunThat(false) + aRunThat(false));
        QCOMPARE(task->token(), QString());
    }

private:
    QJsonArray tokens() { return m_admin->server.request("GET", "/api/tokens").value("tokens").toArray(); }
    int tokenCount() { return int(tokens().size()); }
    QJsonObject tokenWithId(qint64 id)
    {
        const QJsonArray list = tokens();
        for (const QJsonValue &t : list) {
            if (t.toObject().value("id").toInteger() == id)
                return t.toObject();
        }
        return {};
    }

    std::unique_ptr<AdminServer> m_admin;
};

QTEST_MAIN(TestIssueTokenTask)
#include "tst_issuetokentask.moc"
