// SaveTeamTask against a real server: a team added with its colour, renamed
// keeping its colour, and the server's refusal of a name that is taken.
#include "admintaskfixture.h"
#include "saveteamtask.h"

using namespace podium;
using namespace podium::testing;

class TestSaveTeamTask : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_admin = std::make_unique<AdminServer>();
        QVERIFY(m_admin->server.started);
    }
    void cleanup() { m_admin.reset(); }

    void addThenRename()
    {
        auto task = m_admin->task<SaveTeamTask>();
        task->setProperty("name", "Owls");
        task->setProperty("color", "#3DA9FF");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        const qint64 id = task->team().value("id").toLongLong();
        QVERIFY(id > 0);
        QCOMPARE(teams(), (QList<QStringList> {{"Owls", "#3DA9FF"}}));

        // Renamed without a colour typed: the colour stays.
        task->setProperty("teamId", id);
        task->setProperty("name", "Night Owls");
        task->setProperty("color", "");
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished(2));
        QCOMPARE(rec.states(), aRunThat(true) + aRunThat(true));
        QCOMPARE(task->team().value("name").toString(), QString("Night Owls"));
        QCOMPARE(teams(), (QList<QStringList> {{"Night Owls", "#3DA9FF"}}));
    }

    void aNameThatIsTaken()
    {
        const qint64 red = m_admin->server.request("POST", "/api/teams", {{"name", "Red"}}).value("id").toInteger();
        auto task = m_admin->task<SaveTeamTask>();
        task->setProperty("name", "Red");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), QStringLiteral("field 'name': a team called 'Red' exists (id %1)").arg(red));
        QCOMPARE(task->team(), QVariantMap());
        QCOMPARE(teams().size(), 1);
    }

private:
    QList<QStringList> teams()
    {
        QList<QStringList> out;
        const QJsonArray list = m_admin->server.request("GET", "/api/teams").value("teams").toArray();
        for (const QJsonValue &t : list)
            out.append({t.toObject().value("name").toString(), t.toObject().value("color").toString().toUpper()});
        return out;
    }

    std::unique_ptr<AdminServer> m_admin;
};

QTEST_MAIN(TestSaveTeamTask)
#include "tst_saveteamtask.moc"
