#pragma once

#include <QAbstractEventDispatcher>
#include <QHash>
#include <atomic>
#include <map>

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
    int watchedSocketCount() const { return int(m_watches.size()); }
    int timerCount() const { return int(m_timers.size()); }

private:
    struct Watch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
        bool registered = false;
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

    void updateWatch(int fd);
    void schedule(Timer &timer, qint64 fromNs);
    int waitTimeoutMs(qint64 nowNs) const;
    bool activateTimers();
    bool dispatchSocket(int fd, uint32_t events);
    void drainWakeUp();

    int m_epollFd = -1;
    int m_wakeFd = -1;
    std::atomic<bool> m_interrupted{false};
    QHash<int, Watch> m_watches;
    QHash<int, Timer> m_timers;
    std::multimap<qint64, int> m_due; // due time (ns, monotonic) → timer id
};

} // namespace podium
