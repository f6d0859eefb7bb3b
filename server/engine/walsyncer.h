#pragma once

#include <QString>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace podium {

// Makes committed SQLite transactions durable off the engine thread.
//
// With `PRAGMA synchronous=NORMAL` a WAL commit writes its frames without
// fsync; this thread then fdatasync()s the WAL file and reports how far the
// log is durable. The engine keeps replies and events of a committed batch
// until that report, so nothing is acknowledged before it would survive a
// power cut — the guarantee of synchronous=FULL — while the next batch is
// already being computed instead of waiting for the disk.
class WalSyncer
{
public:
    // `durable(batch)` is called on the syncer's thread once every batch up
    // to and including `batch` is on disk (or with ok=false if fsync failed).
    WalSyncer(const QString &walPath, std::function<void(qint64 batch, bool ok)> durable);
    ~WalSyncer();
    WalSyncer(const WalSyncer &) = delete;
    WalSyncer &operator=(const WalSyncer &) = delete;

    bool isOpen() const { return m_fd >= 0; }
    // Asks for batch `batch` (and all before it) to be made durable.
    void request(qint64 batch);
    // Blocks until every requested batch is durable.
    void drain();

private:
    void loop();
    bool syncOnce();

    QString m_path;
    int m_fd = -1;
    std::function<void(qint64, bool)> m_durable;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    qint64 m_requested = 0;
    qint64 m_synced = 0;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace podium
