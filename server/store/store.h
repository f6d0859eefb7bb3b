#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <memory>

namespace podium {

class SqliteWriter;

// Owns the one database connection of the engine thread: opens it (SQLite in
// the data directory by default, PostgreSQL by URL), applies pragmas and runs
// schema migrations. The SQL is kept to the subset SQLite and PostgreSQL share.
class Store
{
public:
    enum class Kind { Sqlite, Postgres };

    Store();
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    // `target` is a file path for SQLite, or a postgres://user:pass@host:port/db URL.
    bool open(const QString &target, QString *error);
    void close();

    Kind kind() const { return m_kind; }
    QSqlDatabase &db() { return m_db; }
    // The version of the schema in the database: the highest row of the
    // schema_version table (on SQLite also PRAGMA user_version, whichever is
    // higher). 0 for an empty database.
    int schemaVersion();
    static int latestSchemaVersion();
    // What SQLite's header calls a Podium database (PRAGMA application_id,
    // "Podi"): `file` names it, and restore checks it.
    static constexpr qint64 kSqliteApplicationId = 0x506f6469;

    // Migrate up to `version` (default: latest). Exposed so tests can build
    // an old database and watch it upgrade in place. A database a newer
    // Podium wrote is refused untouched: false, and newerSchema() is true.
    bool migrate(QString *error, int version = -1);
    bool newerSchema() const { return m_newerSchema; }
    // The database for messages: the SQLite file, or the PostgreSQL URL
    // without its user and password.
    QString displayName() const;

    bool begin();
    bool commit();
    void rollback();
    bool inTransaction() const { return m_inTransaction; }
    // A savepoint inside the open transaction, so one request's writes can
    // be undone without the rest of its group commit (begin() first).
    // Savepoints nest; release and rollback act on the newest one.
    bool savepoint();
    bool releaseSavepoint();
    // Undoes the writes since the newest savepoint and releases it; on
    // PostgreSQL this also clears the aborted state a failed statement left.
    bool rollbackToSavepoint();

    // A cached prepared statement, keyed by its SQL text. The cache keeps
    // the kMaxPreparedStatements most recently used: SQL built at run time
    // cannot grow it without bound. A reference stays valid until that many
    // other statements have been prepared.
    QSqlQuery &prepared(const QString &sql);
    static constexpr int kMaxPreparedStatements = 128;
    int preparedStatements() const { return int(m_statements.size()); }
    // Run one statement with positional bindings; logs and returns false on error.
    bool exec(const QString &sql, const QVariantList &binds = {}, QString *error = nullptr);
    // One INSERT/UPDATE/DELETE with positional bindings: rows changed, or -1
    // (lastError() says why). A null QString binds as '' ("no text"); pass
    // an invalid QVariant for SQL NULL. On SQLite this goes through
    // SqliteWriter, elsewhere through Qt SQL.
    int write(const QString &sql, const QVariantList &binds);
    // Whether write() uses SQLite's C API (the default when available).
    // Off, SQLite takes the Qt SQL path every other database uses, which is
    // how tests hold the two to the same results.
    bool directWrites() const { return m_writer != nullptr; }
    void setDirectWrites(bool on);
    QVariant scalar(const QString &sql, const QVariantList &binds = {});
    // The highest id of `table` (0 when empty): ids are handed out by Podium.
    qint64 maxId(const QString &table);
    // A forward-only query over `sql`, executed: what loading reads. On
    // failure `*error` (when given) says why and the query has no rows.
    QSqlQuery select(QString *error, const QString &sql);

    QString lastError() const { return m_lastError; }

private:
    // On SQLite, records `version` and the application id in the file's header.
    bool stampSqliteHeader(int version, QString *error);
    // Runs a transaction-control statement (SAVEPOINT, RELEASE, ROLLBACK TO).
    bool control(const QString &sql);

    QSqlDatabase m_db;
    QString m_connectionName;
    Kind m_kind = Kind::Sqlite;
    bool m_inTransaction = false;
    bool m_newerSchema = false;
    QString m_lastError;
    struct Statement
    {
        std::shared_ptr<QSqlQuery> query;
        quint64 lastUse = 0;
    };
    QHash<QString, Statement> m_statements;
    quint64 m_statementUses = 0;
    std::unique_ptr<SqliteWriter> m_writer;
};

} // namespace podium
