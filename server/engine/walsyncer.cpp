#include "engine/walsyncer.h"

#include "logging.h"

#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace podium {

WalSyncer::WalSyncer(const QString &walPath, std::function<void(qint64, bool)> durable)
    : m_path(walPath), m_durable(std::move(durable))
{
    m_fd = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0) {
        qCWarning(lcStore) << "cannot open the WAL file" << m_path << "for syncing";
        return;
    }
    m_thread = std::thread([this] { loop(); });
}

WalSyncer::~WalSyncer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    if (m_fd >= 0)
        ::close(m_fd);
}

void WalSyncer::request(qint64 batch)
{
    {
        std::lock_guard lock(m_mutex);
        m_requested = std::max(m_requested, batch);
    }
    m_wake.notify_one();
}

void WalSyncer::drain()
{
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, [this] { return m_synced >= m_requested || m_stop; });
}

bool WalSyncer::syncOnce()
{
    // SQLite keeps one WAL file per database while a connection is open, but
    // make sure ours is still the one on disk before trusting its fsync.
    struct stat mine {};
    struct stat current {};
    if (::fstat(m_fd, &mine) != 0 || ::stat(QFile::encodeName(m_path).constData(), &current) != 0
        || mine.st_ino != current.st_ino) {
        const int fd = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return false;
        ::close(m_fd);
        m_fd = fd;
    }
    return ::fdatasync(m_fd) == 0;
}

void WalSyncer::loop()
{
    for (;;) {
        qint64 target = 0;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || m_requested > m_synced; });
            if (m_requested <= m_synced && m_stop)
                return;
            // Every batch requested so far shares this one fsync.
            target = m_requested;
        }
        const bool ok = syncOnce();
        if (!ok)
            qCCritical(lcStore) << "fdatasync of" << m_path << "failed; writes are not durable";
        m_durable(target, ok);
        {
            std::lock_guard lock(m_mutex);
            m_synced = target;
        }
        m_done.notify_all();
    }
}

} // namespace podium
