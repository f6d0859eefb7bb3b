// `podium backup` and `podium restore`: SQLite's online backup API between
// two connections of our own (the server's connection is in another
// process), with the checks that make a file a Podium database.
#include "store/databasebackup.h"

#include "store/databaselock.h"
#include "store/store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

namespace podium {

namespace {

// One sqlite3 connection, closed when it goes.
struct Connection
{
    sqlite3 *db = nullptr;
    ~Connection()
    {
        if (db)
            sqlite3_close_v2(db);
    }
    bool open(const QString &path, int flags, QString *error)
    {
        const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &db, flags, nullptr);
        if (rc != SQLITE_OK) {
            *error = QStringLiteral("cannot open '%1': %2").arg(path, QString::fromUtf8(sqlite3_errstr(rc)));
            return false;
        }
        sqlite3_busy_timeout(db, 5000);
        return true;
    }
    QString message() const { return QString::fromUtf8(sqlite3_errmsg(db)); }
    // The first column of the first row of `sql`; false (and `*error`) when
    // the statement fails. No row leaves `*value` empty.
    bool scalar(const char *sql, QByteArray *value, QString *error)
    {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
            *error = message();
            return false;
        }
        const int rc = sqlite3_step(stmt);
        value->clear();
        if (rc == SQLITE_ROW)
            *value = QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
        sqlite3_finalize(stmt);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            *error = message();
            return false;
        }
        return true;
    }
    bool exec(const char *sql, QString *error)
    {
        if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK)
            return true;
        *error = message();
        return false;
    }
};

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// fsync of a file or directory, so a rename is as durable as what it names.
bool syncPath(const QString &path, QString *error)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        *error = QStringLiteral("cannot sync '%1': %2").arg(path, systemError());
        if (fd >= 0)
            ::close(fd);
        return false;
    }
    ::close(fd);
    return true;
}

// Checks an open connection holds a Podium database and reads its summary.
// `name` is what messages call it.
bool inspect(Connection &c, const QString &name, DatabaseBackup::Summary *summary, QString *error)
{
    QByteArray value;
    QString why;
    // The first read of the header is where "file is not a database" shows.
    if (!c.scalar("PRAGMA quick_check", &value, &why) || value != "ok") {
        *error = QStringLiteral("'%1' is not an intact SQLite database: %2")
                         .arg(name, why.isEmpty() ? QString::fromUtf8(value) : why);
        return false;
    }
    for (const char *table : {"schema_version", "people", "events", "activities", "totals"}) {
        const QByteArray sql
                = QByteArray("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '") + table + "'";
        if (!c.scalar(sql.constData(), &value, &why) || value != "1") {
            *error = QStringLiteral("'%1' is not a Podium database (it has no %2 table)")
                             .arg(name, QLatin1String(table));
            return false;
        }
    }
    // Podium stamps its application id; 0 is a file from before it did.
    if (!c.scalar("PRAGMA application_id", &value, &why)) {
        *error = why;
        return false;
    }
    if (value.toLongLong() != 0 && value.toLongLong() != Store::kSqliteApplicationId) {
        *error = QStringLiteral("'%1' is another program's SQLite database (application id %2)")
                         .arg(name, QString::fromLatin1(value));
        return false;
    }
    QByteArray recorded, header, people, seq;
    if (!c.scalar("SELECT MAX(version) FROM schema_version", &recorded, &why)
        || !c.scalar("PRAGMA user_version", &header, &why) || !c.scalar("SELECT COUNT(*) FROM people", &people, &why)
        || !c.scalar("SELECT COALESCE(MAX(seq), 0) FROM events", &seq, &why)) {
        *error = QStringLiteral("cannot read '%1': %2").arg(name, why);
        return false;
    }
    summary->schemaVersion = std::max(recorded.toInt(), header.toInt());
    summary->people = people.toLongLong();
    summary->lastSeq = seq.toLongLong();
    if (summary->schemaVersion < 1) {
        *error = QStringLiteral("'%1' is not a Podium database (no schema version)").arg(name);
        return false;
    }
    if (summary->schemaVersion > Store::latestSchemaVersion()) {
        *error = QStringLiteral("the database at %1 has schema version %2, newer than this Podium (%3); upgrade Podium")
                         .arg(name)
                         .arg(summary->schemaVersion)
                         .arg(Store::latestSchemaVersion());
        return false;
    }
    return true;
}

// Copies the database of `source` into a new file `target` (the owner's
// only) as one file in rollback-journal mode, checked and synced.
bool copyInto(Connection &source, const QString &target, QString *error)
{
    QFile::remove(target);
    const int fd = ::open(QFile::encodeName(target).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = QStringLiteral("cannot create '%1': %2").arg(target, systemError());
        return false;
    }
    ::close(fd);
    bool ok = false;
    {
        Connection copy;
        if (!copy.open(target, SQLITE_OPEN_READWRITE, error))
            return false;
        sqlite3_backup *backup = sqlite3_backup_init(copy.db, "main", source.db, "main");
        if (!backup) {
            *error = copy.message();
            return false;
        }
        // All pages in one step: one read transaction, so the copy is one
        // moment of the database. WAL lets the server's writer go on beside
        // it. A step that finds the source locked (a checkpoint, a restart of
        // the WAL) is tried again for a while.
        int rc = SQLITE_OK;
        for (int attempt = 0; attempt < 200; ++attempt) {
            rc = sqlite3_backup_step(backup, -1);
            if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
                break;
            sqlite3_sleep(25);
        }
        sqlite3_backup_finish(backup);
        if (rc != SQLITE_DONE) {
            *error = QStringLiteral("the copy failed: %1").arg(QString::fromUtf8(sqlite3_errstr(rc)));
        } else {
            QByteArray mode, check;
            // The pages keep the source's WAL flag; the copy is to be one file.
            ok = copy.scalar("PRAGMA journal_mode=DELETE", &mode, error)
                    && copy.scalar("PRAGMA quick_check", &check, error);
            if (ok && check != "ok") {
                *error = QStringLiteral("the copy does not check out: %1").arg(QString::fromUtf8(check));
                ok = false;
            }
        }
    }
    if (!ok) {
        QFile::remove(target);
        return false;
    }
    return syncPath(target, error);
}

// rename(2), then the directory synced so the new name survives a crash.
bool renameInto(const QString &from, const QString &to, QString *error)
{
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0) {
        *error = QStringLiteral("cannot rename '%1' to '%2': %3").arg(from, to, systemError());
        QFile::remove(from);
        return false;
    }
    return syncPath(QFileInfo(to).absolutePath(), error);
}

// Whether two paths name one file (or would: neither need exist yet).
bool sameFile(const QString &a, const QString &b)
{
    const QFileInfo x(a), y(b);
    if (x.exists() && y.exists())
        return x.canonicalFilePath() == y.canonicalFilePath();
    return x.absoluteFilePath() == y.absoluteFilePath();
}

} // namespace

bool DatabaseBackup::isPostgres(const QString &target)
{
    return target.startsWith(QLatin1String("postgres://")) || target.startsWith(QLatin1String("postgresql://"));
}

bool DatabaseBackup::backup(const QString &database, const QString &file, Summary *summary, QString *error)
{
    if (!QFileInfo(database).isFile()) {
        *error = QStringLiteral("there is no database at '%1'").arg(database);
        return false;
    }
    if (sameFile(database, file)) {
        *error = QStringLiteral("'%1' is the database itself; back it up to another file").arg(file);
        return false;
    }
    Connection source;
    // Read-write without create: a WAL reader needs the -shm file, and a
    // missing database must not be made here.
    if (!source.open(database, SQLITE_OPEN_READWRITE, error) || !inspect(source, database, summary, error))
        return false;
    const QString partial = file + QStringLiteral(".partial");
    Connection written;
    if (!copyInto(source, partial, error))
        return false;
    // The summary of what was copied, not of the database as it is by now.
    if (!written.open(partial, SQLITE_OPEN_READONLY, error) || !inspect(written, file, summary, error)) {
        QFile::remove(partial);
        return false;
    }
    sqlite3_close_v2(written.db);
    written.db = nullptr;
    if (!renameInto(partial, file, error))
        return false;
    return true;
}

bool DatabaseBackup::validate(const QString &file, Summary *summary, QString *error)
{
    if (!QFileInfo(file).isFile()) {
        *error = QStringLiteral("there is no file '%1'").arg(file);
        return false;
    }
    Connection c;
    return c.open(file, SQLITE_OPEN_READONLY, error) && inspect(c, file, summary, error);
}

bool DatabaseBackup::restore(const QString &file, const QString &database, Summary *summary, bool *busy, QString *error)
{
    *busy = false;
    if (sameFile(database, file)) {
        *error = QStringLiteral("'%1' is the database itself").arg(file);
        return false;
    }
    if (!validate(file, summary, error))
        return false;
    // A new data directory is its owner's only, as the server makes one.
    const QString dir = QFileInfo(database).absolutePath();
    const bool existed = QFileInfo(dir).isDir();
    if (!QDir().mkpath(dir)
        || (!existed
            && !QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))) {
        *error = QStringLiteral("cannot create the directory '%1'").arg(dir);
        return false;
    }
    DatabaseLock lock;
    if (!lock.acquire(database, DatabaseLock::Mode::Exclusive, busy, error)) {
        if (*busy)
            *error = QStringLiteral("a Podium server is using '%1'; stop it first").arg(database);
        return false;
    }

    // 1. The copy, complete and synced, beside the database.
    const QString incoming = database + QStringLiteral(".restoring");
    {
        Connection backup;
        if (!backup.open(file, SQLITE_OPEN_READONLY, error) || !copyInto(backup, incoming, error))
            return false;
    }
    // 2. The database it replaces, kept under another name: its WAL folded
    // in (the last connection to close checkpoints it), then a second link
    // to it, so the database keeps its name until the rename below.
    const QString previous = previousPath(database);
    if (QFileInfo::exists(database)) {
        {
            Connection old;
            QString ignored;
            if (old.open(database, SQLITE_OPEN_READWRITE, &ignored))
                old.exec("PRAGMA wal_checkpoint(TRUNCATE)", &ignored);
        }
        QFile::remove(previous);
        if (::link(QFile::encodeName(database).constData(), QFile::encodeName(previous).constData()) != 0) {
            *error = QStringLiteral("cannot keep the database as '%1': %2").arg(previous, systemError());
            QFile::remove(incoming);
            return false;
        }
        // A WAL that could not be folded in belongs to the old database; left
        // here, SQLite would apply it to the restored one.
        QFile::remove(previous + QStringLiteral("-wal"));
        if (QFileInfo::exists(database + QStringLiteral("-wal")))
            QFile::rename(database + QStringLiteral("-wal"), previous + QStringLiteral("-wal"));
        QFile::remove(database + QStringLiteral("-shm"));
    }
    // 3. One rename puts the restored database in place.
    if (!renameInto(incoming, database, error))
        return false;
    return true;
}

} // namespace podium
