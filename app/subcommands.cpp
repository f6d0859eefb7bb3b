// The subcommands: what the store's DatabaseBackup does, in words for a
// terminal, and the guidance for PostgreSQL, which has its own tools.
#include "subcommands.h"

#include "store/databasebackup.h"
#include "store/store.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>

#include <cstdio>

namespace podium {

namespace {

QString describe(const DatabaseBackup::Summary &s)
{
    return QStringLiteral("schema version %1, %2 people, events up to seq %3")
            .arg(s.schemaVersion)
            .arg(s.people)
            .arg(s.lastSeq);
}

int postgresGuidance(const QString &url)
{
    // The password stays out of the terminal: pg_dump reads PGPASSWORD or ~/.pgpass.
    const QString shown = QUrl(url).toString(QUrl::RemovePassword);
    std::fprintf(stderr,
                 "podium: the database is PostgreSQL, which has its own backup tools:\n"
                 "  back up:  pg_dump --format=custom --file=FILE '%s'\n"
                 "  restore:  pg_restore --clean --if-exists --dbname='%s' FILE\n"
                 "Stop Podium before pg_restore; it migrates an older schema when it starts.\n",
                 qPrintable(shown), qPrintable(shown));
    return kExitUsage;
}

int fail(const QString &what, const QString &why)
{
    std::fprintf(stderr, "podium: %s: %s\n", qPrintable(what), qPrintable(why));
    return 1;
}

} // namespace

int runSubcommand(const Options &options)
{
    const QStringList &words = options.commandWords;
    const QString command = words.value(0);
    if (command != QLatin1String("backup") && command != QLatin1String("restore")) {
        std::fprintf(stderr, "podium: unknown command '%s' (commands: backup FILE, restore FILE; see podium --help)\n",
                     qPrintable(command));
        return kExitUsage;
    }
    if (words.size() != 2) {
        std::fprintf(stderr, "podium: usage: podium %s FILE [--data-dir DIR | --database URL]\n", qPrintable(command));
        return kExitUsage;
    }
    const QString file = QDir::cleanPath(QFileInfo(words.at(1)).absoluteFilePath());
    const QString &target = options.server.database;
    if (DatabaseBackup::isPostgres(target))
        return postgresGuidance(target);
    const QString database = QDir::cleanPath(
            QFileInfo(target.isEmpty() ? QDir(options.server.dataDir).filePath(QStringLiteral("podium.db")) : target)
                    .absoluteFilePath());

    DatabaseBackup::Summary summary;
    QString error;
    if (command == QLatin1String("backup")) {
        if (!DatabaseBackup::backup(database, file, &summary, &error))
            return fail(QStringLiteral("backup failed"), error);
        std::printf("Backed up %s to %s: %s\n", qPrintable(database), qPrintable(file), qPrintable(describe(summary)));
        return 0;
    }

    bool busy = false;
    if (!DatabaseBackup::restore(file, database, &summary, &busy, &error)) {
        if (summary.schemaVersion > Store::latestSchemaVersion()) {
            std::fprintf(stderr, "podium: %s\n", qPrintable(error));
            return kExitNewerSchema;
        }
        return fail(QStringLiteral("restore refused"), error);
    }
    std::printf("Restored %s into %s: %s\n", qPrintable(file), qPrintable(database), qPrintable(describe(summary)));
    if (QFileInfo::exists(DatabaseBackup::previousPath(database)))
        std::printf("The database it replaced is kept as %s\n", qPrintable(DatabaseBackup::previousPath(database)));
    if (summary.schemaVersion < Store::latestSchemaVersion())
        std::printf("Podium migrates it from schema version %d to %d when it starts.\n", summary.schemaVersion,
                    Store::latestSchemaVersion());
    std::fflush(stdout);
    return 0;
}

} // namespace podium
