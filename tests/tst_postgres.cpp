// The PostgreSQL seam, on a real server this test starts: the schema
// migrates, Qt SQL writes store what the SQLite path stores, and the engine
// ranks, replays and restarts the same way it does on SQLite.
#include "engine/clock.h"
#include "engine/engine.h"
#include "http/directoryjson.h"
#include "http/eventsjson.h"
#include "http/leaderboardjson.h"
#include "http/socialjson.h"
#include "postgresserver.h"
#include "restcalls.h"
#include "store/store.h"

#include <QJsonArray>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>
#include <QUrlQuery>

using namespace podium;
using podium::testing::PostgresServer;

class TestPostgres : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void migratesAndReopens();
    void writesThroughQtSql();
    void engineRanksReplaysAndRestarts();
    void failedWriteUndoesOnlyItsRequest();
    void refusesNewerSchema();

private:
    QString freshDatabase();

    PostgresServer m_server;
    int m_databases = 0;
};

void TestPostgres::initTestCase()
{
    const QString failure = m_server.start();
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

QString TestPostgres::freshDatabase()
{
    const QString url = m_server.createDatabase(QStringLiteral("podium_%1").arg(++m_databases));
    return url;
}

void TestPostgres::migratesAndReopens()
{
    const QString url = freshDatabase();
    QVERIFY(!url.isEmpty());
    for (int round = 0; round < 2; ++round) {
        Store store;
        QString error;
        QVERIFY2(store.open(url, &error), qPrintable(error));
        QCOMPARE(store.kind(), Store::Kind::Postgres);
        QCOMPARE(store.schemaVersion(), Store::latestSchemaVersion());
        QVERIFY(!store.directWrites()); // SQLite's C API is for SQLite only
    }
}

void TestPostgres::writesThroughQtSql()
{
    const QString url = freshDatabase();
    Store store;
    QString error;
    QVERIFY2(store.open(url, &error), qPrintable(error));
    QVERIFY(store.exec(QStringLiteral(
            "CREATE TABLE t (id BIGINT PRIMARY KEY, a TEXT, b TEXT, c TEXT, d BIGINT, e DOUBLE PRECISION)")));
    QVERIFY(store.begin());
    const QString insert = QStringLiteral("INSERT INTO t (id, a, b, c, d, e) VALUES (?, ?, ?, ?, ?, ?)");
    QCOMPARE(store.write(insert, {1, QStringLiteral("Zoë 🏆"), QString(), QVariant(), qint64(1) << 40, 2.5}), 1);
    QCOMPARE(store.write(QStringLiteral("UPDATE t SET e = e * 2 WHERE id >= ?"), {1}), 1);
    QCOMPARE(store.write(QStringLiteral("UPDATE t SET e = 0 WHERE id = ?"), {99}), 0);
    QVERIFY(store.commit());

    QSqlQuery q(store.db());
    QVERIFY(q.exec(QStringLiteral("SELECT a, b, c IS NULL, d, e FROM t")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("Zoë 🏆"));
    QCOMPARE(q.value(1).toString(), QString("")); // a null QString is '' ("no text"), as on SQLite
    QCOMPARE(q.value(2).toBool(), true);
    QCOMPARE(q.value(3).toLongLong(), qint64(1) << 40);
    QCOMPARE(q.value(4).toDouble(), 5.0);
}

void TestPostgres::engineRanksReplaysAndRestarts()
{
    const QString url = freshDatabase();
    ManualClock clock(QDateTime(QDate(2026, 11, 18), QTime(15, 0), Qt::UTC));
    auto engine = std::make_unique<Engine>(&clock);
    QString error;
    QVERIFY2(engine->open(url, &error), qPrintable(error));

    QList<qint64> people;
    for (const char *name : {"Ada", "Ben", "Cy", "Di"}) {
        const Reply r = rest::createPerson(*engine, {{"name", name}, {"team", "Blue"}});
        QCOMPARE(r.status, 201);
        people << r.body.value("id").toInteger();
    }
    const QList<double> amounts {500, 300, 300, 100};
    for (int i = 0; i < people.size(); ++i) {
        const Reply r = testing::recordActivity(*engine,
                                                {{"person", people[i]},
                                                 {"metric", "revenue"},
                                                 {"delta", amounts[i]},
                                                 {"key", QStringLiteral("k%1").arg(i)}});
        QCOMPARE(r.status, 201);
    }
    engine->flush();

    // A retry answers the first result and counts once.
    const Reply retry = testing::recordActivity(
            *engine, {{"person", people[0]}, {"metric", "revenue"}, {"delta", 500}, {"key", "k0"}});
    QCOMPARE(retry.status, 200);
    QCOMPARE(retry.body.value("replayed").toBool(), true);
    const Reply conflict = testing::recordActivity(
            *engine, {{"person", people[0]}, {"metric", "revenue"}, {"delta", 7}, {"key", "k0"}});
    QCOMPARE(conflict.status, 409);
    engine->flush();

    auto ranks = [&](Engine &e) {
        QList<int> out;
        const Reply board = rest::leaderboard(e, QStringLiteral("revenue"), QUrlQuery(QStringLiteral("period=month")));
        for (const QJsonValue &entry : board.body.value("entries").toArray())
            out << entry.toObject().value("rank").toInt();
        return out;
    };
    QCOMPARE(ranks(*engine), (QList<int> {1, 2, 2, 4}));
    const qint64 seq = engine->lastSeq();
    QVERIFY(seq > 0);

    // Every committed event is in the log, in order, without gaps.
    const Reply log = rest::events(*engine, 0, 1000);
    const QJsonArray events = log.body.value("events").toArray();
    QCOMPARE(events.size(), int(seq));
    for (int i = 0; i < events.size(); ++i)
        QCOMPARE(events.at(i).toObject().value("seq").toInteger(), qint64(i + 1));
    engine.reset();
    auto again = std::make_unique<Engine>(&clock);
    QVERIFY2(again->open(url, &error), qPrintable(error));
    QCOMPARE(again->lastSeq(), seq);
    QCOMPARE(ranks(*again), (QList<int> {1, 2, 2, 4}));

    // By room (the padded room list) and by reader (the room rule's filter).
    QCOMPARE(rest::broadcast(*again, QStringLiteral("admin"), QStringLiteral("x"), {}).status, 202);
    QCOMPARE(rest::broadcast(*again, QStringLiteral("tv-display"), QStringLiteral("x"), {}).status, 202);
    again->flush();
    const QJsonArray feed = rest::events(*again, 0, 1000, {QStringLiteral("activity:feed"), QStringLiteral("admin")})
                                    .body.value("events")
                                    .toArray();
    QCOMPARE(feed.size(), people.size() + 1);
    QCOMPARE(feed.last().toObject().value("room").toString(), QStringLiteral("admin"));
    const QJsonArray open = rest::events(*again, 0, 1000, {}, rest::EventReader {}).body.value("events").toArray();
    QVERIFY(!open.isEmpty());
    for (const QJsonValue &v : open)
        QVERIFY(v.toObject().value("room").toString() != QLatin1String("admin"));
    QCOMPARE(open.last().toObject().value("room").toString(), QStringLiteral("tv-display"));
}

// As on SQLite: in one group commit, renames onto a taken name are refused
// before writing, and a write the server refuses (a trigger here) undoes
// its request alone, also clearing PostgreSQL's aborted transaction.
void TestPostgres::failedWriteUndoesOnlyItsRequest()
{
    const QString url = freshDatabase();
    ManualClock clock(QDateTime(QDate(2026, 11, 18), QTime(15, 0), Qt::UTC));
    auto engine = std::make_unique<Engine>(&clock);
    QString error;
    QVERIFY2(engine->open(url, &error), qPrintable(error));
    const qint64 ada = rest::createPerson(*engine, {{"name", "Ada"}, {"team", "Red"}}).body.value("id").toInteger();
    const qint64 red = engine->person(ada)->teamId;
    const qint64 blue = rest::createTeam(*engine, {{"name", "Blue"}}).body.value("id").toInteger();
    QVERIFY(engine->flush());
    QVERIFY(engine->store().exec(QStringLiteral(
            "CREATE FUNCTION refuse_name() RETURNS trigger AS $$ BEGIN "
            "IF NEW.name = 'Refused' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql")));
    QVERIFY(engine->store().exec(QStringLiteral(
            "CREATE TRIGGER refuse_name BEFORE UPDATE ON teams FOR EACH ROW EXECUTE FUNCTION refuse_name()")));
    const qint64 seqBefore = engine->lastSeq();
    QList<Reply> published;
    QObject::connect(engine.get(), &Engine::eventsCommitted, engine.get(), [&](const EventList &list) {
        for (const Event &e : list)
            published << Reply {int(e.seq), e.data()};
    });

    QObject context;
    QList<int> unrelated;
    QList<Reply> renames;
    QList<Reply> refused;
    for (int i = 0; i < 250; ++i) {
        if (i % 5 == 2) {
            engine->run(
                    [blue](Engine &e) {
                        return rest::updateTeam(e, blue, {{"name", "Red"}});
                    },
                    &context, [&renames](const Reply &r) { renames << r; });
        } else if (i % 25 == 4) {
            engine->run(
                    [ada, red](Engine &e) {
                        testing::recordActivity(e, {{"person", ada}, {"metric", "revenue"}, {"delta", 1000000}});
                        return rest::updateTeam(e, red, {{"name", "Refused"}});
                    },
                    &context, [&refused](const Reply &r) { refused << r; });
        } else {
            engine->run(
                    [ada](Engine &e) {
                        return testing::recordActivity(e, {{"person", ada}, {"metric", "revenue"}, {"delta", 1}});
                    },
                    &context, [&unrelated](const Reply &r) { unrelated << r.status; });
        }
    }
    QTRY_COMPARE(unrelated.size() + renames.size() + refused.size(), 250);
    QCOMPARE(engine->counters().failedBatches.load(), qint64(0));
    QCOMPARE(unrelated, QList<int>(190, 201));
    QCOMPARE(renames.size(), 50);
    for (const Reply &r : std::as_const(renames)) {
        QCOMPARE(r.status, 409);
        QCOMPARE(r.errorCode(), QStringLiteral("conflict"));
    }
    QCOMPARE(refused.size(), 10);
    for (const Reply &r : std::as_const(refused)) {
        QCOMPARE(r.status, 503);
        QCOMPARE(r.errorCode(), QStringLiteral("storage_failed"));
    }

    // Gap-free, and nothing of the undone requests was published.
    QVERIFY(!published.isEmpty());
    for (int i = 0; i < published.size(); ++i) {
        QCOMPARE(qint64(published.at(i).status), seqBefore + 1 + i);
        QVERIFY(published.at(i).body.value("delta").toDouble() != 1000000);
    }
    const Reply log = rest::events(*engine, 0, 1000);
    const QJsonArray events = log.body.value("events").toArray();
    QCOMPARE(events.size(), int(engine->lastSeq()));
    for (int i = 0; i < events.size(); ++i)
        QCOMPARE(events.at(i).toObject().value("seq").toInteger(), qint64(i + 1));

    engine.reset();
    Engine again(&clock);
    QVERIFY2(again.open(url, &error), qPrintable(error));
    const Reply board = rest::leaderboard(again, QStringLiteral("revenue"), QUrlQuery(QStringLiteral("period=all")));
    QCOMPARE(board.body.value("entries").toArray().at(0).toObject().value("value").toDouble(), 190.0);
    QCOMPARE(again.team(red)->name, QStringLiteral("Red"));
    QCOMPARE(again.team(blue)->name, QStringLiteral("Blue"));
}

void TestPostgres::refusesNewerSchema()
{
    // The schema_version table holds PostgreSQL's version, as it does
    // SQLite's: a newer one stops the store and the binary alike, untouched.
    const QString url = freshDatabase();
    QVERIFY(!url.isEmpty());
    const int newer = Store::latestSchemaVersion() + 2;
    QString error;
    {
        Store store;
        QVERIFY2(store.open(url, &error), qPrintable(error));
        QVERIFY(store.exec(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"),
                           {newer, QStringLiteral("2027-01-01T00:00:00Z")}));
    }
    const QUrl parsed(url);
    const QString shown
            = QStringLiteral("postgres://%1:%2%3").arg(parsed.host()).arg(parsed.port(5432)).arg(parsed.path());
    const QString expected = QStringLiteral("the database at %1 has schema version %2, newer than this Podium (%3); "
                                            "upgrade Podium")
                                     .arg(shown)
                                     .arg(newer)
                                     .arg(Store::latestSchemaVersion());
    {
        Store store;
        QVERIFY(!store.open(url, &error));
        QVERIFY(store.newerSchema());
        QCOMPARE(error, expected);
        QCOMPARE(store.scalar("SELECT COUNT(*) FROM schema_version").toInt(), Store::latestSchemaVersion() + 1);
    }
    QProcess podium;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PODIUM_ADMIN_TOKEN"), QStringLiteral("postgres-test-admin-token"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    podium.setProcessEnvironment(env);
    podium.start(QStringLiteral(PODIUM_BINARY),
                 {"--headless", "--port", "0", "--address", "127.0.0.1", "--database", url});
    QVERIFY(podium.waitForFinished(30000));
    QCOMPARE(podium.exitCode(), 3);
    const QByteArray err = podium.readAllStandardError();
    QVERIFY2(err.endsWith("podium: " + expected.toUtf8() + "\n"), err);
}

QTEST_MAIN(TestPostgres)
#include "tst_postgres.moc"
