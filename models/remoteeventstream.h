#pragma once

#include "backoff.h"
#include "eventstream.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

class QNetworkAccessManager;

namespace podium {

// The stream of a Podium on another machine (`podium --connect ws://host:5000`).
// Speaks the native protocol: hello with the token, join the wall's rooms,
// resume from the last seq after a drop, refetch on `reset`. It reconnects by
// itself with exponential backoff and jitter, and treats a silent socket as
// dead (no pong within the timeout), so a half-open connection cannot freeze
// the wall. Snapshots come from the REST API on the same host and port.
class RemoteEventStream : public EventStream
{
    Q_OBJECT
    QML_ANONYMOUS

public:
    // `url` is ws://host:port or ws://host:port/ws; `token` may be empty.
    explicit RemoteEventStream(const QUrl &url, const QString &token, QObject *parent = nullptr);
    ~RemoteEventStream() override;

    void start();
    void fetch(const QString &path, const QUrlQuery &query, QObject *context, SnapshotCallback callback) override;

    QUrl socketUrl() const { return m_socketUrl; }
    QUrl httpBase() const { return m_httpBase; }
    // Shorter timings for tests.
    void setTimings(std::chrono::milliseconds backoffStart, std::chrono::milliseconds backoffCap,
                    std::chrono::milliseconds pingInterval);

signals:
    // After a resume replay: how many events the server replayed.
    void resumed(int count);

protected:
    void roomAdded(const QString &room) override;

private:
    void connectNow();
    void onConnected();
    void onDisconnected();
    void onMessage(const QString &text);
    void onPingTimer();
    void scheduleReconnect();
    void send(const QJsonObject &object);

    QUrl m_socketUrl;
    QUrl m_httpBase;
    QString m_token;
    QWebSocket m_socket;
    QNetworkAccessManager *m_http;
    Backoff m_backoff;
    QTimer m_retryTimer;
    QTimer m_pingTimer;
    QElapsedTimer m_sinceTraffic;
    std::chrono::milliseconds m_pingInterval = std::chrono::seconds(15);
    bool m_welcomed = false;
    bool m_everWelcomed = false;
    bool m_stopping = false;
};

} // namespace podium
