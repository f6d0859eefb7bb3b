#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <memory>
#include <vector>

namespace podium {

class ServerHost;

// Tells systemd how a `Type=notify` service is doing (sd_notify(3)): READY=1
// once the port listens, STATUS=, STOPPING=1, and the watchdog's WATCHDOG=1.
// Nothing happens without NOTIFY_SOCKET.
//
// A ping says more than "the main thread runs": each one is sent only when
// every watched thread (the engine's, the network's) has answered the probe
// posted to its event loop since the ping before. A thread stuck in one job
// longer than half the watchdog interval skips a ping; stuck for the whole
// interval, systemd restarts Podium.
//
// Lives on the main thread. Call stopping() before the watched objects are
// deleted; a probe still queued for them afterwards is harmless (it holds its
// own answer slot).
class SystemdNotifier : public QObject
{
    Q_OBJECT

public:
    explicit SystemdNotifier(QObject *parent = nullptr);

    // NOTIFY_SOCKET is set.
    bool isActive() const { return m_active; }
    // WATCHDOG_USEC for this process (sd_watchdog_enabled); zero when off.
    std::chrono::microseconds watchdogInterval() const { return m_watchdog; }
    // Probes `anchor`'s thread before each ping; `name` is what the log says.
    void watchThread(const QString &name, QObject *anchor);
    // The engine thread and the network thread of a started host.
    void watchServer(const ServerHost &host);

    // READY=1 with STATUS=`status`; starts the watchdog pings.
    void ready(const QString &status);
    // STOPPING=1 (once); no ping after this.
    void stopping();

private:
    struct Watched
    {
        QString name;
        QObject *anchor = nullptr;
        // Nanoseconds on the steady clock: when the last probe was posted,
        // and when the thread ran it (written there).
        qint64 askedAt = 0;
        std::shared_ptr<std::atomic<qint64>> answeredAt;
        bool stalled = false;
    };
    void probe(Watched &watched);
    void tick();
    bool send(const QByteArray &state);

    bool m_active = false;
    bool m_stopping = false;
    std::chrono::microseconds m_watchdog {0};
    std::vector<Watched> m_watched;
    QTimer m_timer;
};

} // namespace podium
