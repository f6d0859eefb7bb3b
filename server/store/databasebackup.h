#pragma once

#include <QString>

namespace podium {

// Copies of a Podium SQLite database, taken and put back through SQLite's
// online backup API: `podium backup` and `podium restore`. A copy is one
// self-contained file (rollback journal mode, no -wal beside it), written
// beside its destination and renamed into place, so a reader never sees half
// a file. PostgreSQL has pg_dump and pg_restore for this.
class DatabaseBackup
{
public:
    // What a copy holds, for the message that reports it.
    struct Summary
    {
        int schemaVersion = 0;
        qint64 people = 0;
        qint64 lastSeq = 0; // the newest event in the copy
    };

    static bool isPostgres(const QString &target);

    // A consistent copy of `database` in `file`, while a server may be
    // writing to it: the copy is one read transaction's view, so it holds
    // exactly the group commits before it began. An existing `file` is
    // replaced.
    static bool backup(const QString &database, const QString &file, Summary *summary, QString *error);

    // Whether `file` is a Podium database this release can open: an intact
    // SQLite file with Podium's tables and a schema version it knows (an
    // older one is migrated forward when the server starts).
    static bool validate(const QString &file, Summary *summary, QString *error);

    // Replaces `database` with a copy of `file` after validating it. Refused
    // while a server holds the database (DatabaseLock); `*busy` then says
    // so. The database it replaces is kept as `previousPath(database)`.
    static bool restore(const QString &file, const QString &database, Summary *summary, bool *busy, QString *error);
    static QString previousPath(const QString &database) { return database + QStringLiteral(".before-restore"); }
};

} // namespace podium
