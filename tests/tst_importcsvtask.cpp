// ImportCsvTask against a real server: people one by one, activities in a
// batch, every line tried — a refused line fails the run with the report,
// and keeps the server's words for that line; a key seen before counts as
// imported before.
#include "admintaskfixture.h"
#include "importcsvtask.h"

using namespace podium;
using namespace podium::testing;

class TestImportCsvTask : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_admin = std::make_unique<AdminServer>();
        QVERIFY(m_admin->server.started);
    }
    void cleanup() { m_admin.reset(); }

    void importsPeople()
    {
        auto task = m_admin->task<ImportCsvTask>();
        task->setLines("people",
                       QJsonArray {QJsonObject {{"name", "Mia Park"}, {"team", "Blue"}, {"externalId", "C-1"}},
                                   QJsonObject {{"name", "Leo Grant"}, {"team", "Green"}}},
                       {2, 3});
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(rec.finishes(), QList<bool> {true});
        QCOMPARE(task->report(), QString("2 imported"));
        QCOMPARE(task->created(), 2);
        QCOMPARE(task->failed(), 0);
        QCOMPARE(task->lineErrors(), QVariantList());
        QCOMPARE(task->error(), QString());

        const QJsonArray people = m_admin->server.request("GET", "/api/people").value("people").toArray();
        QCOMPARE(people.size(), 2);
        QCOMPARE(people.at(0).toObject().value("name").toString(), QString("Mia Park"));
        QCOMPARE(people.at(0).toObject().value("teamName").toString(), QString("Blue"));
        QCOMPARE(people.at(0).toObject().value("externalId").toString(), QString("C-1"));
        QCOMPARE(people.at(1).toObject().value("teamName").toString(), QString("Green"));
    }

    void aRefusedPersonDoesNotStopTheOthers()
    {
        auto task = m_admin->task<ImportCsvTask>();
        task->setLines("people",
                       QJsonArray {QJsonObject {{"name", "Mia Park"}, {"team", "Blue"}, {"color", "blue"}},
                                   QJsonObject {{"name", "Leo Grant"}, {"team", "Green"}}},
                       {4, 7});
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->report(), QString("1 imported, 1 refused by the server"));
        QCOMPARE(task->error(), task->report());
        QCOMPARE(task->lineErrors().size(), 1);
        const QVariantMap refused = task->lineErrors().first().toMap();
        QCOMPARE(refused.value("line").toInt(), 4);
        QCOMPARE(refused.value("message").toString(), QString("field 'color' must be a #RRGGBB colour"));
        QCOMPARE(refused.value("text").toString(), QString("line 4: field 'color' must be a #RRGGBB colour"));
        const QJsonArray people = m_admin->server.request("GET", "/api/people").value("people").toArray();
        QCOMPARE(people.size(), 1);
        QCOMPARE(people.first().toObject().value("name").toString(), QString("Leo Grant"));
    }

    void activitiesInABatch()
    {
        const qint64 ann = m_admin->addPerson("Ann");
        const qint64 gone = m_admin->addPerson("Gone");
        m_admin->server.request("POST", "/api/activities",
                                {{"person", ann}, {"metric", "revenue"}, {"delta", 10}, {"key", "k0"}});
        m_admin->server.request("PATCH", QStringLiteral("/api/people/%1").arg(gone), {{"active", false}});

        auto task = m_admin->task<ImportCsvTask>();
        task->setLines("activities",
                       QJsonArray {QJsonObject {{"person", ann}, {"metric", "revenue"}, {"delta", 2500}, {"key", "k1"}},
                                   QJsonObject {{"person", ann}, {"metric", "revenue"}, {"delta", 10}, {"key", "k0"}},
                                   QJsonObject {{"person", gone}, {"metric", "revenue"}, {"delta", 100}},
                                   QJsonObject {{"person", ann}, {"metric", "revenue"}, {"delta", 1}}},
                       {2, 3, 5, 6});
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->created(), 2);
        QCOMPARE(task->replayed(), 1);
        QCOMPARE(task->failed(), 1);
        QCOMPARE(task->report(), QString("2 imported, 1 already imported before (same key), 1 refused by the server"));
        QCOMPARE(task->lineErrors().size(), 1);
        QCOMPARE(task->lineErrors().first().toMap().value("text").toString(),
                 QStringLiteral("line 5: field 'person': person %1 is deactivated").arg(gone));

        const QJsonArray entries
                = m_admin->server.request("GET", "/api/leaderboards/revenue?period=all").value("entries").toArray();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().toObject().value("value").toDouble(), 2511.0);
    }

    void everyLineAgainCountsOnce()
    {
        const qint64 ann = m_admin->addPerson("Ann");
        auto task = m_admin->task<ImportCsvTask>();
        task->setLines("activities",
                       QJsonArray {QJsonObject {{"person", ann}, {"metric", "revenue"}, {"delta", 5}, {"key", "once"}}},
                       {2});
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(task->report(), QString("1 imported"));
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished(2));
        QCOMPARE(rec.states(), aRunThat(true) + aRunThat(true));
        QCOMPARE(task->report(), QString("0 imported, 1 already imported before (same key)"));
        QCOMPARE(m_admin->server.request("GET", "/api/leaderboards/revenue?period=all")
                         .value("entries")
                         .toArray()
                         .first()
                         .toObject()
                         .value("value")
                         .toDouble(),
                 5.0);
    }

    void nothingToImport()
    {
        auto task = m_admin->task<ImportCsvTask>();
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), QString("nothing to import: check the lines first"));
        QCOMPARE(task->report(), QString());
        QCOMPARE(m_admin->api.pending(), 0);
    }

private:
    std::unique_ptr<AdminServer> m_admin;
};

QTEST_MAIN(TestImportCsvTask)
#include "tst_importcsvtask.moc"
