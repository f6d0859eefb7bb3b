// SavePersonTask against a real server: a new person with a new team, an edit
// that finds its team by name or creates it, and the refusals — the
// console's own before any request, the server's verbatim.
#include "admintaskfixture.h"
#include "savepersontask.h"

using namespace podium;
using namespace podium::testing;

class TestSavePersonTask : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_admin = std::make_unique<AdminServer>();
        QVERIFY(m_admin->server.started);
    }
    void cleanup() { m_admin.reset(); }

    void addsAPersonAndTheirNewTeam()
    {
        auto task = m_admin->task<SavePersonTask>();
        task->setProperty("name", "  Zoe Quinn ");
        task->setProperty("team", "Falcons");
        task->setProperty("email", "zoe@example.com");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QCOMPARE(task->state(), State::Running);
        QVERIFY(task->running());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(rec.finishes(), QList<bool> {true});
        QCOMPARE(task->error(), QString());
        QVERIFY(task->created());

        const qint64 id = task->person().value("id").toLongLong();
        QVERIFY(id > 0);
        QCOMPARE(task->person().value("name").toString(), QString("Zoe Quinn"));
        const QJsonObject zoe = m_admin->server.request("GET", QStringLiteral("/api/people/%1").arg(id));
        QCOMPARE(zoe.value("name").toString(), QString("Zoe Quinn"));
        QCOMPARE(zoe.value("teamName").toString(), QString("Falcons"));
        QCOMPARE(zoe.value("email").toString(), QString("zoe@example.com"));
        QCOMPARE(zoe.value("active").toBool(), true);
        QVERIFY(!zoe.contains("externalId") || zoe.value("externalId").toString().isEmpty());
        QCOMPARE(teamNames(), QStringList {"Falcons"});
    }

    void editFindsTheTeamByNameInAnyCase()
    {
        const qint64 id = addPerson("Ann Lee", "Red");
        m_admin->server.request("POST", "/api/teams", {{"name", "Owls"}});
        auto task = m_admin->task<SavePersonTask>();
        task->setProperty("personId", id);
        task->setProperty("name", "Ann B. Lee");
        task->setProperty("team", "owls");
        task->setProperty("color", "#2EE6A0");
        task->setProperty("externalId", "CRM-7");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QVERIFY(!task->created());

        const QJsonObject ann = m_admin->server.request("GET", QStringLiteral("/api/people/%1").arg(id));
        QCOMPARE(ann.value("name").toString(), QString("Ann B. Lee"));
        QCOMPARE(ann.value("teamName").toString(), QString("Owls"));
        QCOMPARE(ann.value("color").toString().toUpper(), QString("#2EE6A0"));
        QCOMPARE(ann.value("externalId").toString(), QString("CRM-7"));
        QCOMPARE(task->person().value("teamName").toString(), QString("Owls"));
        QCOMPARE(teamNames(), (QStringList {"Red", "Owls"})); // no second Owls
    }

    void editCreatesATeamItDoesNotFind()
    {
        const qint64 id = addPerson("Ann Lee", "Red");
        auto task = m_admin->task<SavePersonTask>();
        task->setProperty("personId", id);
        task->setProperty("name", "Ann Lee");
        task->setProperty("team", "Falcons");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(teamNames(), (QStringList {"Red", "Falcons"}));
        QCOMPARE(m_admin->server.request("GET", QStringLiteral("/api/people/%1").arg(id)).value("teamName").toString(),
                 QString("Falcons"));
    }

    void refusesAnEmptyNameOrTeamWithoutARequest_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("team");
        QTest::addColumn<QString>("error");
        QTest::newRow("no name") << "  "
                                 << "Red"
                                 << "field 'name' is empty";
        QTest::newRow("no team") << "Kai Ito"
                                 << ""
                                 << "field 'team' is empty: pick a team or type a new one";
    }

    void refusesAnEmptyNameOrTeamWithoutARequest()
    {
        QFETCH(QString, name);
        QFETCH(QString, team);
        QFETCH(QString, error);
        const qint64 seq = m_admin->server.request("GET", "/api/health").value("seq").toInteger();
        auto task = m_admin->task<SavePersonTask>();
        task->setProperty("name", name);
        task->setProperty("team", team);
        StateRecorder rec(task.get());
        QSignalSpy errorChanged(task.get(), &AdminTask::errorChanged);
        QVERIFY(task->start());
        // Refused at once: nothing was sent.
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(rec.finishes(), QList<bool> {false});
        QCOMPARE(task->state(), State::Failed);
        QCOMPARE(task->error(), error);
        QCOMPARE(errorChanged.count(), 1);
        QCOMPARE(m_admin->api.pending(), 0);
        QCOMPARE(m_admin->server.request("GET", "/api/health").value("seq").toInteger(), seq);
    }

    void theServersRefusalVerbatim()
    {
        auto task = m_admin->task<SavePersonTask>();
        task->setProperty("name", "Kai Ito");
        task->setProperty("team", "Falcons");
        task->setProperty("color", "red");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), QString("field 'color' must be a #RRGGBB colour"));
        QCOMPARE(task->person(), QVariantMap());
        QCOMPARE(m_admin->server.request("GET", "/api/people").value("people").toArray().size(), 0);

        // Run again with the colour fixed: the error clears as it starts.
        QSignalSpy errorChanged(task.get(), &AdminTask::errorChanged);
        task->setProperty("color", "#FF5C7A");
        QVERIFY(task->start());
        QCOMPARE(task->error(), QString());
        QCOMPARE(errorChanged.count(), 1);
        QVERIFY(rec.waitFinished(2));
        QCOMPARE(rec.states(), aRunThat(false) + aRunThat(true));
        QCOMPARE(rec.finishes(), (QList<bool> {false, true}));
    }

    void anEditOfAPersonWhoIsGone()
    {
        auto task = m_admin->task<SavePersonTask>();
        task->setProperty("personId", 99);
        task->setProperty("name", "Nobody");
        task->setProperty("team", "Red");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        int status = 0;
        const QJsonObject direct = m_admin->server.request("PATCH", "/api/people/99", {{"name", "Nobody"}}, &status);
        QCOMPARE(status, 404);
        QCOMPARE(task->error(), direct.value("error").toObject().value("message").toString());
        QVERIFY(!task->error().isEmpty());
    }

    void oneRunAtATime()
    {
        auto task = m_admin->task<SavePersonTask>();
        task->setProperty("name", "Bo");
        task->setProperty("team", "Blue");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(!task->start()); // still running: refused, nothing changes
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(m_admin->server.request("GET", "/api/people").value("people").toArray().size(), 1);
    }

    void withoutAServer()
    {
        SavePersonTask task;
        task.setProperty("name", "Bo");
        task.setProperty("team", "Blue");
        StateRecorder rec(&task);
        QVERIFY(task.start());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task.error(), QString("the console has no server to talk to"));
    }

private:
    qint64 addPerson(const QString &name, const QString &team) { return m_admin->addPerson(name, team); }
    QStringList teamNames()
    {
        QStringList names;
        const QJsonArray teams = m_admin->server.request("GET", "/api/teams").value("teams").toArray();
        for (const QJsonValue &t : teams)
            names.append(t.toObject().value("name").toString());
        return names;
    }

    std::unique_ptr<AdminServer> m_admin;
};

QTEST_MAIN(TestSavePersonTask)
#include "tst_savepersontask.moc"
