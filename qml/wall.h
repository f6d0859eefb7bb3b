#pragma once

#include <QObject>
#include <QSize>
#include <QUrl>
#include <QVariantList>
#include <memory>

class QQmlApplicationEngine;
class QQuickWindow;

namespace podium {

class EventStream;
class ServerHost;

// Opens the TV wall: Main.qml of the Podium.Wall module in a full-screen
// window, fed by one event stream — the engine of this process, or a remote
// Podium over WebSocket. Needs a QApplication (QtCharts' QML types draw with
// the Graphics View framework).
class Wall : public QObject
{
    Q_OBJECT

public:
    struct Config
    {
        int screen = -1;          // index into QGuiApplication::screens(); -1: the primary one
        bool fullScreen = true;   // false: a window of `size` (tests, screenshots)
        QSize size{1920, 1080};
        QVariantList playlist;    // empty: the wall's default slides
    };

    explicit Wall(QObject *parent = nullptr);
    ~Wall() override;

    // The wall of the server running in this process.
    bool openLocal(ServerHost &host, const Config &config, QString *error);
    // The wall of a Podium elsewhere: `url` is ws://host:port; `token` may be empty.
    bool openRemote(const QUrl &url, const QString &token, const Config &config, QString *error);

    EventStream *stream() const { return m_stream; }
    QQuickWindow *window() const { return m_window; }
    QQmlApplicationEngine *engine() const { return m_engine.get(); }

private:
    bool open(EventStream *stream, const Config &config, QString *error);

    EventStream *m_stream = nullptr;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;
};

} // namespace podium
