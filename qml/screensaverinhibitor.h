#pragma once

#include <QDBusConnection>
#include <QObject>
#include <QString>

namespace podium {

// Keeps the screen from blanking while the wall is full screen: an inhibit
// of the session's org.freedesktop.ScreenSaver service (GNOME, KDE, Xfce and
// others provide it), held from inhibit() until release() or destruction.
// The calls are asynchronous, so the GUI thread never waits on the bus. The
// service also drops the inhibit when this process's bus connection goes,
// so a crashed wall does not keep a TV awake. Without a session bus or
// such a service the state is Unavailable and nothing else happens: a plain
// X session has its blanking switched off by podium-kiosk (xset) instead.
class ScreenSaverInhibitor : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, Pending, Held, Unavailable };
    Q_ENUM(State)

    static constexpr const char *kService = "org.freedesktop.ScreenSaver";

    explicit ScreenSaverInhibitor(QDBusConnection bus = QDBusConnection::sessionBus(), QObject *parent = nullptr);
    ~ScreenSaverInhibitor() override;

    // Asks for the inhibit, giving `reason` to the service.
    void inhibit(const QString &reason);
    void release();

    State state() const { return m_state; }
    quint32 cookie() const { return m_cookie; }

signals:
    void stateChanged(podium::ScreenSaverInhibitor::State state);

private:
    void tryPath(int index, const QString &reason);
    void setState(State state);

    QDBusConnection m_bus;
    State m_state = State::Idle;
    quint32 m_cookie = 0;
    QString m_path; // the object path that answered
    bool m_releaseWanted = false; // release() while the inhibit was on its way
};

} // namespace podium
