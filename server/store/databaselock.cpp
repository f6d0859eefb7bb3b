#include "store/databaselock.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace podium {

DatabaseLock::~DatabaseLock()
{
    release();
}

bool DatabaseLock::acquire(const QString &database, Mode mode, bool *busy, QString *error)
{
    release();
    *busy = false;
    const QString path = lockPath(database);
    // The owner's only, like the database beside it.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = QStringLiteral("cannot open the lock file '%1': %2")
                         .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    int rc;
    do {
        rc = ::flock(fd, (mode == Mode::Shared ? LOCK_SH : LOCK_EX) | LOCK_NB);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) {
        const int failure = errno;
        ::close(fd);
        *busy = failure == EWOULDBLOCK;
        *error = QStringLiteral("cannot lock '%1': %2").arg(path, QString::fromLocal8Bit(std::strerror(failure)));
        return false;
    }
    m_fd = fd;
    return true;
}

void DatabaseLock::release()
{
    if (m_fd < 0)
        return;
    ::close(m_fd); // closing the last descriptor drops the flock
    m_fd = -1;
}

} // namespace podium
