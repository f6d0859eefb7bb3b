// podium::Store on a real SQLite file: the pragmas that make an acknowledged
// write durable, migrations (fresh and in-place upgrade of an old file), and
// transaction semantics as seen from a second connection.

#include "store/schema.h"
#include "store/store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using podium::Store;

namespace {

const QStringList kVersion1Tables{"settings", "teams",  "people",           "metrics", "activities",   "totals",
                                  "events",   "rules",  "milestones_fired", "badges",  "badge_awards", "streaks",
                                  "tokens"};
const QStringList kVersion2Tables{"contests", "notifications", "announcements", "sessions"};

int count(Store &store, const QString &table)
{
    return store.scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table)).toInt();
}

// A database exactly as a release that only knew migration 1 left it. Built
// with a plain connection because Store::open always migrates to the latest.
bool writeVersion1Database(const QString &path, QString *error)
{
    const QString name = QStringLiteral("old-release");
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery q(db);
        auto run = [&](QString sql) {
            sql.replace(QLatin1String("{REAL}"), QLatin1String("REAL"));
            sql.replace(QLatin1String("{BIGINT}"), QLatin1String("INTEGER"));
            if (ok && !q.exec(sql)) {
                *error = q.lastError().text() + QStringLiteral(" in ") + sql;
                ok = false;
            }
        };
        run("PRAGMA journal_mode=WAL");
        run("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)");
        for (const QString &sql : podium::schemaMigrations().at(0))
            run(sql);
        run("INSERT INTO schema_version (version, applied_at) VALUES (1, '2026-01-18T09:00:00Z')");
        run("INSERT INTO teams (id, name, color) VALUES (1, 'Storm Chasers', '#1e88e5')");
        run("INSERT INTO people (id, name, team_id, color, initials, external_id, email, active, created_at) "
            "VALUES (7, 'Jane Smith', 1, '#e53935', 'JS', 'crm-77', 'jane@example.com', 1, '2026-01-18T09:00:00Z')");
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

// Runs one statement on `path` through a plain connection (no migration).
bool execPlain(const QString &path, const QString &sql)
{
    const QString name = QStringLiteral("plain");
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(sql);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

QProcessEnvironment binaryEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PODIUM_ADMIN_TOKEN"), QStringLiteral("store-test-admin-token"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    return env;
}

} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void freshDatabase();
    void walSurvivesReopen();
    void upgradesOldDatabaseInPlace();
    void migrateIsIdempotent();
    void openTwiceIsIdempotent();
    void rollbackDiscards();
    void savepointUndoesOnlyItsWrites_data();
    void savepointUndoesOnlyItsWrites();
    void commitPersistsAndIsVisibleToOthers();
    void uncommittedIsInvisibleToOthers();
    void transactionCallsAreSafeWhenIdle();
    void failedStatementReportsError();
    void preparedStatementsAreCached();
    void writesBindEveryType_data();
    void writesBindEveryType();
    void openFailsForUnwritablePath();
    void headerCarriesVersionAndApplicationId();
    void refusesNewerSchemaUntouched_data();
    void refusesNewerSchemaUntouched();
    void binaryRefusesNewerSchema();
    void binaryMigratesOlderDatabase();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("podium.db")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestStore::writesBindEveryType_data()
{
    // Both write paths must store the same thing: SQLite's C API on the
    // ingest path, and Qt SQL, which every other database goes through.
    QTest::addColumn<bool>("direct");
    QTest::newRow("SQLite C API") << true;
    QTest::newRow("Qt SQL") << false;
}

void TestStore::writesBindEveryType()
{
    QFETCH(bool, direct);
    Store store;
    QString error;
    QVERIFY2(store.open(dbPath(), &error), qPrintable(error));
    store.setDirectWrites(direct);
    QCOMPARE(store.directWrites(), direct);
    QVERIFY(store.exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, a, b, c, d, e, f)")));
    QVERIFY(store.begin());
    const QString insert = QStringLiteral("INSERT INTO t (id, a, b, c, d, e, f) VALUES (?, ?, ?, ?, ?, ?, ?)");
    QCOMPARE(store.write(insert, {1, QStringLiteral("Zoë 🏆"), QString(), QVariant(), qint64(1) << 40, 2.5, true}), 1);
    // A second row with the same key fails, says why, and leaves the first.
    QCOMPARE(store.write(insert, {1, QStringLiteral("dup"), QString(), QVariant(), 0, 0.0, false}), -1);
    QVERIFY(store.lastError().contains(QLatin1String("UNIQUE"), Qt::CaseInsensitive));
    QCOMPARE(store.write(QStringLiteral("UPDATE t SET e = e * 2 WHERE id >= ?"), {1}), 1);
    QCOMPARE(store.write(QStringLiteral("UPDATE t SET e = 0 WHERE id = ?"), {99}), 0);
    QVERIFY(store.commit());

    QSqlQuery q(store.db());
    QVERIFY(q.exec(QStringLiteral("SELECT a, typeof(b), b, typeof(c), d, typeof(d), e, typeof(e), f FROM t")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("Zoë 🏆"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("text")); // a null QString is '' ("no text")
    QCOMPARE(q.value(2).toString(), QString(""));
    QCOMPARE(q.value(3).toString(), QStringLiteral("null"));
    QCOMPARE(q.value(4).toLongLong(), qint64(1) << 40);
    QCOMPARE(q.value(5).toString(), QStringLiteral("integer"));
    QCOMPARE(q.value(6).toDouble(), 5.0);
    QCOMPARE(q.value(7).toString(), QStringLiteral("real"));
    QCOMPARE(q.value(8).toInt(), 1);
    QVERIFY(!q.next());
}

void TestStore::freshDatabase()
{
    Store store;
    QString error;
    QVERIFY2(store.open(dbPath(), &error), qPrintable(error));
    QCOMPARE(store.kind(), Store::Kind::Sqlite);

    // WAL lets the wall read while the engine writes; FULL fsyncs every commit.
    QCOMPARE(store.scalar("PRAGMA journal_mode").toString(), QStringLiteral("wal"));
    QCOMPARE(store.scalar("PRAGMA synchronous").toInt(), 2); // 2 == FULL
    QCOMPARE(store.scalar("PRAGMA busy_timeout").toInt(), 5000);

    QCOMPARE(Store::latestSchemaVersion(), int(podium::schemaMigrations().size()));
    QVERIFY(Store::latestSchemaVersion() >= 2);
    QCOMPARE(store.schemaVersion(), Store::latestSchemaVersion());
    const QStringList tables = store.db().tables();
    QVERIFY(tables.contains("schema_version"));
    for (const QString &t : kVersion1Tables + kVersion2Tables)
        QVERIFY2(tables.contains(t), qPrintable(t));
    // One row per applied migration, in order.
    QCOMPARE(count(store, "schema_version"), Store::latestSchemaVersion());
    QCOMPARE(store.scalar("SELECT MIN(version) FROM schema_version").toInt(), 1);
    QVERIFY(!store.inTransaction());
}

void TestStore::walSurvivesReopen()
{
    {
        Store store;
        QString error;
        QVERIFY2(store.open(dbPath(), &error), qPrintable(error));
    }
    // WAL is a property of the file: a plain connection sees it too.
    const QString name = QStringLiteral("plain");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(dbPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec("PRAGMA journal_mode"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

void TestStore::upgradesOldDatabaseInPlace()
{
    QString error;
    QVERIFY2(writeVersion1Database(dbPath(), &error), qPrintable(error));

    Store store;
    QVERIFY2(store.open(dbPath(), &error), qPrintable(error));
    QCOMPARE(store.schemaVersion(), Store::latestSchemaVersion());

    // The old rows are intact, column by column.
    QCOMPARE(count(store, "people"), 1);
    QSqlQuery q(store.db());
    QVERIFY(q.exec("SELECT id, name, team_id, color, initials, external_id, email, active, created_at FROM people"));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toLongLong(), 7);
    QCOMPARE(q.value(1).toString(), QStringLiteral("Jane Smith"));
    QCOMPARE(q.value(2).toLongLong(), 1);
    QCOMPARE(q.value(3).toString(), QStringLiteral("#e53935"));
    QCOMPARE(q.value(4).toString(), QStringLiteral("JS"));
    QCOMPARE(q.value(5).toString(), QStringLiteral("crm-77"));
    QCOMPARE(q.value(6).toString(), QStringLiteral("jane@example.com"));
    QCOMPARE(q.value(7).toInt(), 1);
    QCOMPARE(q.value(8).toString(), QStringLiteral("2026-01-18T09:00:00Z"));
    q.finish();
    QCOMPARE(store.scalar("SELECT name FROM teams WHERE id = 1").toString(), QStringLiteral("Storm Chasers"));

    // The version-2 tables now exist and work.
    const QStringList tables = store.db().tables();
    for (const QString &t : kVersion2Tables)
        QVERIFY2(tables.contains(t), qPrintable(t));
    QVERIFY(store.exec("INSERT INTO contests (id, name, metric, starts_at, ends_at, mode, prizes, state) "
                       "VALUES (1, 'Lightning Round', 'revenue', '2026-01-19T09:00:00Z', '2026-01-19T10:00:00Z', "
                       "'individual', '[]', 'scheduled')"));
    QCOMPARE(count(store, "contests"), 1);

    // History: the old step kept its original time, the new one was appended.
    QCOMPARE(count(store, "schema_version"), Store::latestSchemaVersion());
    QCOMPARE(store.scalar("SELECT applied_at FROM schema_version WHERE version = 1").toString(),
             QStringLiteral("2026-01-18T09:00:00Z"));
    QCOMPARE(store.scalar("SELECT COUNT(*) FROM schema_version WHERE version = 2").toInt(), 1);
    QCOMPARE(store.scalar("PRAGMA journal_mode").toString(), QStringLiteral("wal"));
}

void TestStore::migrateIsIdempotent()
{
    Store store;
    QString error;
    QVERIFY2(store.open(dbPath(), &error), qPrintable(error));
    QVERIFY(store.exec("INSERT INTO settings (key, value) VALUES ('zone', 'Europe/Berlin')"));
    // Asking for an older or the current version changes nothing.
    QVERIFY2(store.migrate(&error, 1), qPrintable(error));
    QVERIFY2(store.migrate(&error), qPrintable(error));
    QVERIFY2(store.migrate(&error, Store::latestSchemaVersion()), qPrintable(error));
    QCOMPARE(store.schemaVersion(), Store::latestSchemaVersion());
    QCOMPARE(count(store, "schema_version"), Store::latestSchemaVersion());
    QCOMPARE(store.scalar("SELECT value FROM settings WHERE key = 'zone'").toString(), QStringLiteral("Europe/Berlin"));
}

void TestStore::openTwiceIsIdempotent()
{
    QString error;
    {
        Store store;
        QVERIFY2(store.open(dbPath(), &error), qPrintable(error));
        QVERIFY(store.exec("INSERT INTO teams (id, name, color) VALUES (?, ?, ?)", {3, "Gutter Gurus", "#43a047"}));
        store.close();
        // Reopening the same object on the same file.
        QVERIFY2(store.open(dbPath(), &error), qPrintable(error));
        QCOMPARE(store.schemaVersion(), Store::latestSchemaVersion());
        QCOMPARE(count(store, "schema_version"), Store::latestSchemaVersion());
        QCOMPARE(count(store, "teams"), 1);

        // A second Store open at the same time: no migration re-runs.
        Store other;
        QVERIFY2(other.open(dbPath(), &error), qPrintable(error));
        QCOMPARE(other.schemaVersion(), Store::latestSchemaVersion());
        QCOMPARE(count(other, "schema_version"), Store::latestSchemaVersion());
        QCOMPARE(count(other, "teams"), 1);
    }
    Store third;
    QVERIFY2(third.open(dbPath(), &error), qPrintable(error));
    QCOMPARE(count(third, "schema_version"), Store::latestSchemaVersion());
    QCOMPARE(third.scalar("SELECT name FROM teams WHERE id = 3").toString(), QStringLiteral("Gutter Gurus"));
}

void TestStore::rollbackDiscards()
{
    Store store;
    QString error;
    QVERIFY2(store.open(dbPath(), &error), qPrintable(error));
    QVERIFY(store.begin());
    QVERIFY(store.inTransaction());
    QVERIFY(store.exec("INSERT INTO teams (id, name, color) VALUES (1, 'Shingle Kings', '#fb8c00')"));
    QCOMPARE(count(store, "teams"), 1); // visible inside the transaction
    store.rollback();
    QVERIFY(!store.inTransaction());
    QCOMPARE(count(store, "teams"), 0);

    // And the file agrees after a reopen.
    store.close();
    QVERIFY2(store.open(dbPath(), &error), qPrintable(error));
    QCOMPARE(count(store, "teams"), 0);
}

void TestStore::savepointUndoesOnlyItsWrites_data()
{
    QTest::addColumn<bool>("directWrites");
    QTest::newRow("SQLite C API") << true;
    QTest::newRow("Qt SQL") << false;
}

// A failed write inside a savepoint: rolling back to it keeps what came
// before in the same transaction, and the transaction still commits.
void TestStore::savepointUndoesOnlyItsWrites()
{
    QFETCH(bool, directWrites);
    Store store;
    QString error;
    QVERIFY2(store.open(dbPath(), &error), qPrintable(error));
    store.setDirectWrites(directWrites);
    QCOMPARE(store.directWrites(), directWrites);
    const QString insert = QStringLiteral("INSERT INTO teams (id, name, color) VALUES (?, ?, ?)");
    QVERIFY(store.begin());
    QVERIFY(store.savepoint());
    QCOMPARE(store.write(insert, {1, QStringLiteral("Red"), QStringLiteral("#ff0000")}), 1);
    QVERIFY(store.releaseSavepoint());

    QVERIFY(store.savepoint());
    QCOMPARE(store.write(insert, {2, QStringLiteral("Blue"), QStringLiteral("#0000ff")}), 1);
    QCOMPARE(store.write(insert, {3, QStringLiteral("Red"), QStringLiteral("#ff0000")}), -1); // UNIQUE (name)
    QVERIFY(store.rollbackToSavepoint());

    QVERIFY(store.savepoint());
    QCOMPARE(store.write(insert, {4, QStringLiteral("Green"), QStringLiteral("#00ff00")}), 1);
    QVERIFY(store.releaseSavepoint());
    QVERIFY(!store.releaseSavepoint()); // none left
    QVERIFY(store.commit());

    store.close();
    QVERIFY2(store.open(dbPath(), &error), qPrintable(error));
    QSqlQuery q(store.db());
    QVERIFY(q.exec("SELECT id FROM teams ORDER BY id"));
    QList<int> ids;
    while (q.next())
        ids << q.value(0).toInt();
    QCOMPARE(ids, (QList<int> {1, 4}));
}

void TestStore::commitPersistsAndIsVisibleToOthers()
{
    QString error;
    {
        Store store;
        QVERIFY2(store.open(dbPath(), &error), qPrintable(error));
        Store reader;
        QVERIFY2(reader.open(dbPath(), &error), qPrintable(error));

        QVERIFY(store.begin());
        // begin() inside a transaction joins it rather than failing.
        QVERIFY(store.begin());
        QVERIFY(store.exec("INSERT INTO teams (id, name, color) VALUES (1, 'Storm Chasers', '#1e88e5')"));
        QVERIFY(store.exec("INSERT INTO teams (id, name, color) VALUES (2, 'Shingle Kings', '#fb8c00')"));
        QVERIFY(store.commit());
        QVERIFY(!store.inTransaction());
        QCOMPARE(count(reader, "teams"), 2);
    }
    Store reopened;
    QVERIFY2(reopened.open(dbPath(), &error), qPrintable(error));
    QCOMPARE(count(reopened, "teams"), 2);
}

void TestStore::uncommittedIsInvisibleToOthers()
{
    Store writer;
    Store reader;
    QString error;
    QVERIFY2(writer.open(dbPath(), &error), qPrintable(error));
    QVERIFY2(reader.open(dbPath(), &error), qPrintable(error));
    QVERIFY(writer.begin());
    QVERIFY(writer.exec("INSERT INTO settings (key, value) VALUES ('k', 'v')"));
    // WAL: the reader is not blocked and sees the last committed state.
    QCOMPARE(count(reader, "settings"), 0);
    QVERIFY(writer.commit());
    QCOMPARE(count(reader, "settings"), 1);
}

void TestStore::transactionCallsAreSafeWhenIdle()
{
    Store store;
    QString error;
    QVERIFY2(store.open(dbPath(), &error), qPrintable(error));
    QVERIFY(!store.inTransaction());
    QVERIFY(store.commit()); // nothing to commit is not an error
    store.rollback();        // nor is nothing to roll back
    QVERIFY(!store.inTransaction());
    // Outside a transaction each statement commits by itself.
    QVERIFY(store.exec("INSERT INTO settings (key, value) VALUES ('a', '1')"));
    store.rollback();
    QCOMPARE(count(store, "settings"), 1);
}

void TestStore::failedStatementReportsError()
{
    Store store;
    QString error;
    QVERIFY2(store.open(dbPath(), &error), qPrintable(error));
    QVERIFY(store.exec("INSERT INTO activities (id, person_id, metric, amount, at, idem_key, voided) "
                       "VALUES (1, 7, 'revenue', 1500, '2026-01-18T09:00:00Z', 'crm-1', 0)"));
    // A retried idempotency key is refused by the database itself.
    error.clear();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("statement failed.*UNIQUE"));
    QVERIFY(!store.exec("INSERT INTO activities (id, person_id, metric, amount, at, idem_key, voided) "
                        "VALUES (2, 7, 'revenue', 1500, '2026-01-18T09:00:01Z', 'crm-1', 0)",
                        {}, &error));
    QVERIFY2(error.contains("UNIQUE", Qt::CaseInsensitive), qPrintable(error));
    QCOMPARE(store.lastError(), error);
    QCOMPARE(count(store, "activities"), 1);

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("prepare failed.*nowhere"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("statement failed"));
    QVERIFY(!store.exec("SELECT nope FROM nowhere", {}, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!store.scalar("SELECT nope FROM nowhere").isValid());
}

void TestStore::preparedStatementsAreCached()
{
    Store store;
    QString error;
    QVERIFY2(store.open(dbPath(), &error), qPrintable(error));
    const QString sql = QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)");
    QSqlQuery *first = &store.prepared(sql);
    QSqlQuery *again = &store.prepared(sql);
    QCOMPARE(first, again);
    // The cached statement rebinds cleanly run after run.
    for (int i = 0; i < 50; ++i)
        QVERIFY(store.exec(sql, {QStringLiteral("key%1").arg(i), QString::number(i)}));
    QCOMPARE(count(store, "settings"), 50);
    QCOMPARE(store.scalar("SELECT value FROM settings WHERE key = ?", {"key42"}).toString(), QStringLiteral("42"));
}

void TestStore::openFailsForUnwritablePath()
{
    Store store;
    QString error;
    QVERIFY(!store.open(m_dir->filePath("no/such/dir/podium.db"), &error));
    QVERIFY(!error.isEmpty());
}

void TestStore::headerCarriesVersionAndApplicationId()
{
    // SQLite's header names the file Podium's and its schema version, for
    // `file`, the sqlite3 shell and `podium restore`; a database migrated
    // before that gets both on its next open.
    QString error;
    QVERIFY2(writeVersion1Database(dbPath(), &error), qPrintable(error));
    Store store;
    QVERIFY2(store.open(dbPath(), &error), qPrintable(error));
    QCOMPARE(store.scalar("PRAGMA user_version").toInt(), Store::latestSchemaVersion());
    QCOMPARE(store.scalar("PRAGMA application_id").toLongLong(), Store::kSqliteApplicationId);
    store.close();
    QVERIFY(execPlain(dbPath(), "PRAGMA user_version = 0"));
    QVERIFY2(store.open(dbPath(), &error), qPrintable(error));
    QCOMPARE(store.scalar("PRAGMA user_version").toInt(), Store::latestSchemaVersion());
    QCOMPARE(store.schemaVersion(), Store::latestSchemaVersion());
}

void TestStore::refusesNewerSchemaUntouched_data()
{
    // A newer release records its version both ways; either one is enough.
    QTest::addColumn<QString>("raise");
    QTest::newRow("user_version") << QStringLiteral("PRAGMA user_version = %1");
    QTest::newRow("schema_version row") << QStringLiteral(
            "INSERT INTO schema_version (version, applied_at) VALUES (%1, '2027-01-01T00:00:00Z')");
}

void TestStore::refusesNewerSchemaUntouched()
{
    QFETCH(QString, raise);
    QString error;
    {
        Store store;
        QVERIFY2(store.open(dbPath(), &error), qPrintable(error));
    }
    const int newer = Store::latestSchemaVersion() + 4;
    QVERIFY(execPlain(dbPath(), raise.arg(newer)));
    QVERIFY(execPlain(dbPath(), "PRAGMA wal_checkpoint(TRUNCATE)"));
    QFile file(dbPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();

    Store store;
    QVERIFY(!store.open(dbPath(), &error));
    QVERIFY(store.newerSchema());
    QCOMPARE(error,
             QStringLiteral("the database at %1 has schema version %2, newer than this Podium (%3); upgrade Podium")
                     .arg(dbPath())
                     .arg(newer)
                     .arg(Store::latestSchemaVersion()));
    store.close();
    QVERIFY(execPlain(dbPath(), "PRAGMA wal_checkpoint(TRUNCATE)"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll() == before, true);
}

void TestStore::binaryRefusesNewerSchema()
{
    const QString dataDir = m_dir->filePath(QStringLiteral("data"));
    QVERIFY(QDir().mkpath(dataDir));
    const QString db = QDir(dataDir).filePath(QStringLiteral("podium.db"));
    QString error;
    {
        Store store;
        QVERIFY2(store.open(db, &error), qPrintable(error));
    }
    const int newer = Store::latestSchemaVersion() + 1;
    QVERIFY(execPlain(db, QStringLiteral("PRAGMA user_version = %1").arg(newer)));

    QProcess podium;
    podium.setProcessEnvironment(binaryEnvironment());
    podium.start(QStringLiteral(PODIUM_BINARY),
                 {"--headless", "--port", "0", "--address", "127.0.0.1", "--data-dir", dataDir});
    QVERIFY(podium.waitForFinished(30000));
    QCOMPARE(podium.exitStatus(), QProcess::NormalExit);
    QCOMPARE(podium.exitCode(), 3);
    const QByteArray err = podium.readAllStandardError();
    const QByteArray expected
            = QStringLiteral("podium: the database at %1 has schema version %2, newer than this Podium "
                             "(%3); upgrade Podium\n")
                      .arg(db)
                      .arg(newer)
                      .arg(Store::latestSchemaVersion())
                      .toUtf8();
    QVERIFY2(err.endsWith(expected), err);
    QVERIFY(!podium.readAllStandardOutput().contains("Podium listening"));
}

void TestStore::binaryMigratesOlderDatabase()
{
    // A data directory a release with only migration 1 left: the binary
    // migrates it forward on start and serves its people.
    const QString dataDir = m_dir->filePath(QStringLiteral("old"));
    QVERIFY(QDir().mkpath(dataDir));
    const QString db = QDir(dataDir).filePath(QStringLiteral("podium.db"));
    QString error;
    QVERIFY2(writeVersion1Database(db, &error), qPrintable(error));

    QProcess podium;
    podium.setProcessEnvironment(binaryEnvironment());
    podium.start(QStringLiteral(PODIUM_BINARY),
                 {"--headless", "--port", "0", "--address", "127.0.0.1", "--data-dir", dataDir});
    QByteArray out;
    static const QRegularExpression listening(QStringLiteral(R"(\(port (\d+)\))"));
    QRegularExpressionMatch m;
    QTRY_VERIFY_WITH_TIMEOUT((out += podium.readAllStandardOutput(), m = listening.match(QString::fromUtf8(out)),
                              m.hasMatch() || podium.state() == QProcess::NotRunning),
                             30000);
    QVERIFY2(m.hasMatch(), out + podium.readAllStandardError());
    QNetworkAccessManager nam;
    std::unique_ptr<QNetworkReply> reply(
            nam.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/api/people").arg(m.captured(1))))));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 30000);
    const QJsonArray people = QJsonDocument::fromJson(reply->readAll()).object().value("people").toArray();
    QCOMPARE(people.size(), 1);
    QCOMPARE(people.at(0).toObject().value("name").toString(), QStringLiteral("Jane Smith"));
    podium.terminate();
    QVERIFY(podium.waitForFinished(15000));
    QCOMPARE(podium.exitCode(), 0);

    Store store;
    QVERIFY2(store.open(db, &error), qPrintable(error));
    QCOMPARE(count(store, "schema_version"), Store::latestSchemaVersion());
    QCOMPARE(store.scalar("PRAGMA user_version").toInt(), Store::latestSchemaVersion());
}

QTEST_MAIN(TestStore)
#include "tst_store.moc"
