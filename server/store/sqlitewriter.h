#pragma once

#include <QHash>
#include <QString>
#include <QVariant>

struct sqlite3;
struct sqlite3_stmt;

namespace podium {

// Runs write statements straight through SQLite's C API on the connection Qt
// opened, for the ingest path.
//
// Through QSqlQuery every INSERT pays for QVariant bindings kept in lists,
// UTF-16 text that SQLite converts back to UTF-8, and the driver's result
// bookkeeping: about as much as SQLite's own work per statement. Here a
// statement is prepared once per SQL text, its values are bound by type and
// it is stepped and reset. Same connection, same transaction: reads keep
// going through Qt SQL.
class SqliteWriter
{
public:
    // `handle` is the QSQLITE driver's handle(); an unusable one leaves the
    // writer invalid and callers fall back to Qt SQL.
    explicit SqliteWriter(const QVariant &handle);
    ~SqliteWriter();
    SqliteWriter(const SqliteWriter &) = delete;
    SqliteWriter &operator=(const SqliteWriter &) = delete;

    bool isValid() const { return m_db != nullptr; }

    // Rows changed, or -1 with `error` set.
    int write(const QString &sql, const QVariantList &binds, QString *error);

    // Finalises every statement; the connection may close after this.
    void clear();

private:
    sqlite3_stmt *statement(const QString &sql, QString *error);

    sqlite3 *m_db = nullptr;
    QHash<QString, sqlite3_stmt *> m_statements;
};

} // namespace podium
