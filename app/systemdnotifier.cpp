#include "systemdnotifier.h"

#include "engine/engine.h"
#include "serverhost.h"

#include <QLoggingCategory>

#include <systemd/sd-daemon.h>

Q_LOGGING_CATEGORY(lcSystemd, "podium.systemd", QtInfoMsg)

namespace podium {

namespace {

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
}

} // namespace

SystemdNotifier::SystemdNotifier(QObject *parent)
    : QObject(parent)
{
    m_active = qEnvironmentVariableIsSet("NOTIFY_SOCKET");
    uint64_t usec = 0;
    if (m_active && sd_watchdog_enabled(0, &usec) > 0)
        m_watchdog = std::chrono::microseconds(usec);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SystemdNotifier::tick);
}

void SystemdNotifier::watchThread(const QString &name, QObject *anchor)
{
    Watched watched;
    watched.name = name;
    watched.anchor = anchor;
    watched.answeredAt = std::make_shared<std::atomic<qint64>>(0);
    m_watched.push_back(std::move(watched));
}

void SystemdNotifier::watchServer(const ServerHost &host)
{
    watchThread(QStringLiteral("engine"), host.engine());
    watchThread(QStringLiteral("network"), host.hub());
}

void SystemdNotifier::ready(const QString &status)
{
    if (!m_active)
        return;
    send("READY=1\nSTATUS=" + status.toUtf8());
    if (m_watchdog.count() > 0) {
        for (Watched &watched : m_watched)
            probe(watched);
        const auto half = std::chrono::duration_cast<std::chrono::milliseconds>(m_watchdog / 2);
        m_timer.start(std::max<qint64>(1, half.count()));
        qCInfo(lcSystemd) << "watchdog: a ping every" << m_timer.interval() << "ms while the" << m_watched.size()
                          << "watched threads answer";
    }
}

void SystemdNotifier::stopping()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_timer.stop();
    m_watched.clear();
    if (m_active)
        send("STOPPING=1\nSTATUS=Stopping");
}

void SystemdNotifier::probe(Watched &watched)
{
    watched.askedAt = nowNs();
    // The answer goes to a slot the probe shares, not to this object: a
    // probe that runs late (or never) touches nothing that may be gone.
    QMetaObject::invokeMethod(
            watched.anchor, [answeredAt = watched.answeredAt] { answeredAt->store(nowNs()); }, Qt::QueuedConnection);
}

void SystemdNotifier::tick()
{
    const qint64 now = nowNs();
    bool allAnswered = true;
    for (Watched &watched : m_watched) {
        if (watched.answeredAt->load() >= watched.askedAt)
            continue;
        allAnswered = false;
        if (!watched.stalled) {
            watched.stalled = true;
            qCWarning(lcSystemd).noquote().nospace()
                    << "the " << watched.name << " thread has not answered for " << (now - watched.askedAt) / 1000000
                    << " ms; the watchdog is not fed";
        }
    }
    if (allAnswered)
        send("WATCHDOG=1");
    // A thread that has not answered keeps its one probe queued.
    for (Watched &watched : m_watched) {
        if (watched.answeredAt->load() < watched.askedAt)
            continue;
        if (watched.stalled) {
            watched.stalled = false;
            qCInfo(lcSystemd).noquote().nospace() << "the " << watched.name << " thread answers again";
        }
        probe(watched);
    }
}

bool SystemdNotifier::send(const QByteArray &state)
{
    const int result = sd_notify(0, state.constData());
    if (result < 0)
        qCWarning(lcSystemd) << "sd_notify failed:" << qt_error_string(-result);
    return result > 0;
}

} // namespace podium
