#include "screensaverinhibitor.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcScreenSaver, "podium.wall.screensaver", QtInfoMsg)

namespace podium {

namespace {
// The specification's path first; older KDE releases answer only on the second.
const char *const kPaths[] = {"/org/freedesktop/ScreenSaver", "/ScreenSaver"};
constexpr int kPathCount = int(sizeof(kPaths) / sizeof(kPaths[0]));
} // namespace

ScreenSaverInhibitor::ScreenSaverInhibitor(QDBusConnection bus, QObject *parent)
    : QObject(parent)
    , m_bus(std::move(bus))
{ }

ScreenSaverInhibitor::~ScreenSaverInhibitor()
{
    release();
}

void ScreenSaverInhibitor::inhibit(const QString &reason)
{
    if (m_state == State::Held || m_state == State::Pending)
        return;
    m_releaseWanted = false;
    if (!m_bus.isConnected()) {
        qCInfo(lcScreenSaver) << "no session bus: the screen saver is not inhibited";
        setState(State::Unavailable);
        return;
    }
    setState(State::Pending);
    tryPath(0, reason);
}

void ScreenSaverInhibitor::tryPath(int index, const QString &reason)
{
    QDBusMessage call = QDBusMessage::createMethodCall(QLatin1String(kService), QLatin1String(kPaths[index]),
                                                       QLatin1String(kService), QStringLiteral("Inhibit"));
    call << QStringLiteral("Podium") << reason;
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, 5000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, index, reason] {
        watcher->deleteLater();
        const QDBusPendingReply<quint32> reply = *watcher;
        if (reply.isError()) {
            const QString name = reply.error().name();
            // Another path may still answer; a missing service will not.
            if (index + 1 < kPathCount && name != QLatin1String("org.freedesktop.DBus.Error.ServiceUnknown")) {
                tryPath(index + 1, reason);
                return;
            }
            qCInfo(lcScreenSaver) << "the screen saver is not inhibited:" << reply.error().message();
            setState(State::Unavailable);
            return;
        }
        m_cookie = reply.value();
        m_path = QLatin1String(kPaths[index]);
        setState(State::Held);
        qCInfo(lcScreenSaver) << "screen saver inhibited while the wall is full screen";
        if (m_releaseWanted)
            release();
    });
}

void ScreenSaverInhibitor::release()
{
    if (m_state == State::Pending) {
        m_releaseWanted = true; // released as soon as the cookie arrives
        return;
    }
    if (m_state != State::Held)
        return;
    QDBusMessage call = QDBusMessage::createMethodCall(QLatin1String(kService), m_path, QLatin1String(kService),
                                                       QStringLiteral("UnInhibit"));
    call << m_cookie;
    // Sent without waiting: on the way out there is nothing to do with an
    // answer, and the service drops the inhibit with our connection anyway.
    m_bus.send(call);
    m_cookie = 0;
    setState(State::Idle);
}

void ScreenSaverInhibitor::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace podium
