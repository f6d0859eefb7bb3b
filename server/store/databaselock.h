#pragma once

#include <QString>

namespace podium {

// An advisory lock beside a SQLite database (DATABASE.lock, flock(2)): a
// running server holds it shared, `podium restore` exclusive, so a restore
// never replaces the file under a server and a server never opens one that
// is being replaced. Servers do not exclude each other. The lock goes with
// the process: a killed server leaves nothing to clean up.
class DatabaseLock
{
public:
    enum class Mode { Shared, Exclusive };

    DatabaseLock() = default;
    ~DatabaseLock();
    DatabaseLock(const DatabaseLock &) = delete;
    DatabaseLock &operator=(const DatabaseLock &) = delete;

    static QString lockPath(const QString &database) { return database + QStringLiteral(".lock"); }

    // Takes the lock without waiting. False when another process holds it
    // in the other mode (`*busy` true) or the lock file cannot be opened
    // (`*error` says why).
    bool acquire(const QString &database, Mode mode, bool *busy, QString *error);
    void release();
    bool isHeld() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

} // namespace podium
