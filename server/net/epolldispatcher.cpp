#include "epolldispatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimerEvent>
#include <cerrno>
#include <ctime>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace podium {

namespace {
qint64 monotonicNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

constexpr int kMaxEvents = 512;
} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent) : QAbstractEventDispatcher(parent)
{
    m_epollFd = epoll_create1(EPOLL_CLOEXEC);
    m_wakeFd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_epollFd < 0 || m_wakeFd < 0)
        qFatal("EpollEventDispatcher: cannot create epoll or eventfd descriptors");
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = m_wakeFd;
    epoll_ctl(m_epollFd, EPOLL_CTL_ADD, m_wakeFd, &ev);
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    ::close(m_wakeFd);
    ::close(m_epollFd);
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    if (size_t(fd) >= m_watches.size())
        m_watches.resize(std::max<size_t>(size_t(fd) + 1, m_watches.size() * 2));
    Watch &w = m_watches[size_t(fd)];
    if (!w.active) {
        w = Watch{};
        w.active = true;
        ++m_watchCount;
    }
    switch (notifier->type()) {
    case QSocketNotifier::Read: w.read = notifier; break;
    case QSocketNotifier::Write: w.write = notifier; break;
    case QSocketNotifier::Exception: w.exception = notifier; break;
    }
    updateWatch(fd);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    Watch *it = watch(fd);
    if (!it)
        return;
    if (it->read == notifier)
        it->read = nullptr;
    if (it->write == notifier)
        it->write = nullptr;
    if (it->exception == notifier)
        it->exception = nullptr;
    updateWatch(fd);
}

uint32_t EpollEventDispatcher::wantedEvents(const Watch &w)
{
    uint32_t events = 0;
    if (w.read)
        events |= EPOLLIN | EPOLLRDHUP;
    if (w.write)
        events |= EPOLLOUT;
    if (w.exception)
        events |= EPOLLPRI;
    return events;
}

void EpollEventDispatcher::updateWatch(int fd)
{
    Watch *it = watch(fd);
    if (!it)
        return;
    if (wantedEvents(*it) == 0) {
        // Removed at once, not lazily: the descriptor is usually about to be
        // closed, and a socket reusing its number must start from scratch.
        if (it->registered)
            epoll_ctl(m_epollFd, EPOLL_CTL_DEL, fd, nullptr);
        *it = Watch{};
        --m_watchCount;
        return;
    }
    if (!it->dirty) {
        it->dirty = true;
        m_dirty.append(fd);
    }
}

void EpollEventDispatcher::applyPendingChanges()
{
    const QList<int> dirty = std::exchange(m_dirty, {});
    for (int fd : dirty) {
        Watch *it = watch(fd);
        if (!it || !it->dirty)
            continue;
        it->dirty = false;
        const uint32_t events = wantedEvents(*it);
        if (it->registered && events == it->applied)
            continue; // armed and disarmed within the turn: nothing to tell epoll
        epoll_event ev{};
        ev.events = events;
        ev.data.fd = fd;
        if (epoll_ctl(m_epollFd, it->registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &ev) != 0) {
            // The descriptor may have been closed and reused behind our back:
            // retry as the other operation before giving up.
            if (epoll_ctl(m_epollFd, it->registered ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &ev) != 0) {
                qWarning("EpollEventDispatcher: epoll_ctl failed for fd %d (errno %d)", fd, errno);
                continue;
            }
        }
        it->registered = true;
        it->applied = events;
    }
}

void EpollEventDispatcher::schedule(Timer &timer, qint64 fromNs)
{
    qint64 interval = timer.interval;
    if (timer.type == Qt::VeryCoarseTimer)
        interval = ((interval + 500) / 1000) * 1000; // whole seconds, as Qt documents
    timer.dueNs = fromNs + interval * 1000000LL;
    timer.slot = m_due.emplace(timer.dueNs, timer.id);
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    Timer t;
    t.id = timerId;
    t.interval = qMax<qint64>(0, interval);
    t.type = timerType;
    t.object = object;
    auto it = m_timers.insert(timerId, t);
    schedule(*it, monotonicNs());
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    m_due.erase(it->slot);
    m_timers.erase(it);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    bool any = false;
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (it->object == object) {
            m_due.erase(it->slot);
            it = m_timers.erase(it);
            any = true;
        } else {
            ++it;
        }
    }
    return any;
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> out;
    for (const Timer &t : m_timers) {
        if (t.object == object)
            out.append(TimerInfo(t.id, int(t.interval), t.type));
    }
    return out;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto it = m_timers.constFind(timerId);
    if (it == m_timers.constEnd())
        return -1;
    return int(qMax<qint64>(0, (it->dueNs - monotonicNs()) / 1000000LL));
}

void EpollEventDispatcher::wakeUp()
{
    // Called from any thread when an event is posted to ours.
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(m_wakeFd, &one, sizeof one);
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.store(true);
    wakeUp();
}

void EpollEventDispatcher::drainWakeUp()
{
    uint64_t value;
    while (::read(m_wakeFd, &value, sizeof value) > 0) {
    }
}

int EpollEventDispatcher::waitTimeoutMs(qint64 nowNs) const
{
    if (m_due.empty())
        return -1;
    const qint64 ns = m_due.begin()->first - nowNs;
    if (ns <= 0)
        return 0;
    return int(qMin<qint64>((ns + 999999) / 1000000, 24 * 3600 * 1000));
}

bool EpollEventDispatcher::activateTimers()
{
    // Fire each timer that is due now at most once per turn, so a zero-interval
    // timer cannot starve sockets and posted events.
    const qint64 now = monotonicNs();
    QVarLengthArray<int, 32> due;
    for (auto it = m_due.begin(); it != m_due.end() && it->first <= now; ++it)
        due.append(it->second);
    for (int id : due) {
        auto it = m_timers.find(id);
        // Unregistered by an earlier timer's handler, or unregistered and its
        // id handed to a new timer that is not due yet.
        if (it == m_timers.end() || it->dueNs > now)
            continue;
        m_due.erase(it->slot);
        // Precise timers keep their cadence; coarser ones restart from now.
        schedule(*it, it->type == Qt::PreciseTimer && it->dueNs + it->interval * 1000000LL > now ? it->dueNs : now);
        QObject *object = it->object;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event);
    }
    return !due.isEmpty();
}

bool EpollEventDispatcher::dispatchSocket(int fd, uint32_t events)
{
    bool any = false;
    // Re-look the watch up before each activation: a handler may close the
    // socket and unregister (or delete) the other notifiers of this fd.
    auto activate = [&](QSocketNotifier *Watch::*slot) {
        const Watch *it = watch(fd);
        if (!it)
            return;
        QSocketNotifier *n = (*it).*slot;
        if (!n || !n->isEnabled())
            return;
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(n, &event);
        any = true;
    };
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
        activate(&Watch::read);
    if (events & (EPOLLOUT | EPOLLHUP | EPOLLERR))
        activate(&Watch::write);
    if (events & EPOLLPRI)
        activate(&Watch::exception);
    return any;
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.store(false);
    emit awake();
    QCoreApplication::sendPostedEvents();
    if (m_interrupted.load())
        return false;

    applyPendingChanges();
    const bool canWait = flags.testFlag(QEventLoop::WaitForMoreEvents);
    int timeout = canWait ? waitTimeoutMs(monotonicNs()) : 0;
    if (timeout != 0)
        emit aboutToBlock();

    epoll_event events[kMaxEvents];
    int n;
    do {
        n = epoll_wait(m_epollFd, events, kMaxEvents, timeout);
    } while (n < 0 && errno == EINTR);
    if (timeout != 0)
        emit awake();

    bool handled = false;
    const bool socketsAllowed = !flags.testFlag(QEventLoop::ExcludeSocketNotifiers);
    for (int i = 0; i < n; ++i) {
        const int fd = events[i].data.fd;
        if (fd == m_wakeFd) {
            drainWakeUp();
            handled = true;
            continue;
        }
        if (socketsAllowed && dispatchSocket(fd, events[i].events))
            handled = true;
        if (m_interrupted.load())
            return handled;
    }
    if (!flags.testFlag(QEventLoop::X11ExcludeTimers) && activateTimers())
        handled = true;
    // Events posted by the handlers above go out on this turn too.
    QCoreApplication::sendPostedEvents();
    return handled;
}

} // namespace podium
