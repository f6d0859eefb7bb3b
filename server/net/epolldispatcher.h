#pragma once

#include <QAbstractEventDispatcher>
#include <QHash>
#include <atomic>
#include <map>
#include <vector>

namespace podium {

// An event dispatcher for network threads built on Linux epoll.
//
// Qt's default dispatchers cost O(number of sockets) per loop turn: the GLib
// one keeps socket notifiers in a linked list (every write arms and disarms a
// notifier, so one broadcast is O(N²)), and the UNIX one hands every socket to
// poll() on each wake-up. Here a notifier change is one epoll_ctl() and a
// wake-up costs only the sockets that are ready, so a thread can serve ten
// thousand connections. Timers live in an ordered map keyed by due time.
class EpollEventDispatcher final : public QAbstractEventDispatcher
{
    Q_OBJECT

public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

    // For tests and metrics: sockets currently watched, timers registered.
    int watchedSocketCount() const { return m_watchCount; }
    int timerCount() const { return int(m_timers.size()); }

private:
    struct Watch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
        bool active = false; // has at least one notifier
        bool registered = false;
        bool dirty = false;
        uint32_t applied = 0; // the event mask epoll currently has
    };
    struct Timer
    {
        int id = 0;
        qint64 interval = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        QObject *object = nullptr;
        qint64 dueNs = 0;
        std::multimap<qint64, int>::iterator slot;
    };

    static uint32_t wantedEvents(const Watch &w);
    void updateWatch(int fd);
    void applyPendingChanges();
    void schedule(Timer &timer, qint64 fromNs);
    int waitTimeoutMs(qint64 nowNs) const;
    bool activateTimers();
    bool dispatchSocket(int fd, uint32_t events);
    void drainWakeUp();

    int m_epollFd = -1;
    int m_wakeFd = -1;
    std::atomic<bool> m_interrupted{false};
    // Indexed by descriptor (small integers): no hashing on the write path.
    std::vector<Watch> m_watches;
    int m_watchCount = 0;
    Watch *watch(int fd) { return fd >= 0 && size_t(fd) < m_watches.size() && m_watches[size_t(fd)].active ? &m_watches[size_t(fd)] : nullptr; }
    // Notifier changes are applied just before waiting: QAbstractSocket arms
    // its write notifier on every write and disarms it once flushed, so most
    // changes cancel out within one loop turn and cost no system call.
    QList<int> m_dirty;
    QHash<int, Timer> m_timers;
    std::multimap<qint64, int> m_due; // due time (ns, monotonic) → timer id
};

} // namespace podium
