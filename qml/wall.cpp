#include "wall.h"

#include "framemonitor.h"
#include "housekeeping.h"
#include "inprocessapi.h"
#include "localeventstream.h"
#include "remoteeventstream.h"
#include "screensaverinhibitor.h"
#include "serverhost.h"
#include "wallogging.h"

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QScreen>
#include <QtQml/qqmlextensionplugin.h>

// Both QML modules are static: import their plugins into whatever links us.
Q_IMPORT_QML_PLUGIN(Podium_ModelsPlugin)
Q_IMPORT_QML_PLUGIN(Podium_WallPlugin)

namespace podium {

Wall::Wall(QObject *parent) : QObject(parent) {}

Wall::~Wall()
{
    // The window and its models go before the stream they listen to.
    m_engine.reset();
}

bool Wall::openLocal(ServerHost &host, const Config &config, QString *error)
{
    if (!host.engine()) {
        *error = QStringLiteral("the server is not running");
        return false;
    }
    return open(new LocalEventStream(new InProcessApi(host.engine()), this), config, error);
}

bool Wall::openRemote(const QUrl &url, const QString &token, const Config &config, QString *error)
{
    if (!url.isValid() || (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss"))) {
        *error = QStringLiteral("--connect needs a ws:// or wss:// URL, got '%1'").arg(url.toString());
        return false;
    }
    auto *stream = new RemoteEventStream(url, token, this);
    const bool ok = open(stream, config, error);
    if (ok)
        stream->start();
    return ok;
}

bool Wall::open(EventStream *stream, const Config &config, QString *error)
{
    m_stream = stream;
    m_engine = std::make_unique<QQmlApplicationEngine>();
    QVariantMap initial{{"stream", QVariant::fromValue(stream)}};
    if (!config.playlist.isEmpty())
        initial.insert("playlist", config.playlist);
    m_engine->setInitialProperties(initial);
    m_engine->load(QUrl(QStringLiteral("qrc:/Podium/Wall/Main.qml")));
    if (m_engine->rootObjects().isEmpty()) {
        *error = QStringLiteral("the wall's QML did not load (see the messages above)");
        return false;
    }
    m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().constFirst());
    if (!m_window) {
        *error = QStringLiteral("the wall's root object is not a window");
        return false;
    }
    const QList<QScreen *> screens = QGuiApplication::screens();
    QScreen *screen = QGuiApplication::primaryScreen();
    if (config.screen >= 0) {
        if (config.screen >= screens.size()) {
            *error = QStringLiteral("--screen %1: there are only %2 screens").arg(config.screen).arg(screens.size());
            return false;
        }
        screen = screens.at(config.screen);
    }
    if (screen) {
        m_window->setScreen(screen);
        m_window->setGeometry(screen->geometry());
    }
    if (config.fullScreen) {
        m_window->showFullScreen();
        // A TV wall is watched, not touched: the screen must not blank.
        auto *inhibitor = new ScreenSaverInhibitor(QDBusConnection::sessionBus(), this);
        inhibitor->inhibit(QStringLiteral("The Podium TV wall is on show"));
    } else {
        m_window->resize(config.size);
        m_window->show();
    }
    new Housekeeping(m_window, m_engine.get(), 60000, m_window);
    // PODIUM_FRAME_STATS=<seconds>: log frame timing (for load measurements).
    if (const int period = qEnvironmentVariableIntValue("PODIUM_FRAME_STATS"); period > 0)
        new FrameMonitor(m_window, period, m_window);
    qCInfo(lcWall) << "wall open on" << (screen ? screen->name() : QStringLiteral("?")) << m_window->size();
    return true;
}

} // namespace podium
