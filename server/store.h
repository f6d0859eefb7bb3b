#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace podium {

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
    int schemaVersion();
    static int latestSchemaVersion();

    // Migrate up to `version` (default: latest). Exposed so tests can build
    // an old database and watch it upgrade in place.
    bool migrate(QString *error, int version = -1);

    bool begin();
    bool commit();
    void rollback();
    bool inTransaction() const { return m_inTransaction; }

    // A cached prepared statement, keyed by its SQL text.
    QSqlQuery &prepared(const QString &sql);
    // Run one statement with positional bindings; logs and returns false on error.
    bool exec(const QString &sql, const QVariantList &binds = {}, QString *error = nullptr);
    QVariant scalar(const QString &sql, const QVariantList &binds = {});

    QString lastError() const { return m_lastError; }

private:
    QSqlDatabase m_db;
    QString m_connectionName;
    Kind m_kind = Kind::Sqlite;
    bool m_inTransaction = false;
    QString m_lastError;
    QHash<QString, QSqlQuery *> m_statements;
};

} // namespace podium
