#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <memory>

class QHttpServerResponder;
class QTcpSocket;
class QWebSocket;

namespace podium::sio {

// Engine.IO timing and limits, as announced in the open packet.
struct EioLimits
{
    int pingIntervalMs = 25000;
    int pingTimeoutMs = 20000;
    qint64 maxPayload = 1000000;
    // Packets waiting for a long-poll GET, or bytes a WebSocket has not
    // sent yet; a client that stops polling or reading is closed rather
    // than allowed to grow the queue without bound.
    qint64 maxQueuedBytes = 1 << 20;
};

// One Engine.IO v4 connection: the transport (HTTP long-polling, a WebSocket,
// or polling upgraded to a WebSocket), the heartbeat, and the queue of
// packets a polling client has not fetched yet. It knows nothing of
// Socket.IO: message packets go out through messageReceived().
class EioSession : public QObject
{
    Q_OBJECT

public:
    EioSession(const QString &sid, const EioLimits &limits, qint64 nowMs, QObject *parent = nullptr);
    ~EioSession() override;

    const QString &sid() const { return m_sid; }
    bool isWebSocket() const { return m_ws != nullptr; }
    bool isClosed() const { return m_closed; }
    // Bytes waiting for the client: unsent on its WebSocket, or unfetched.
    qint64 queuedBytes() const;
    // Closed (or closing) for letting more than maxQueuedBytes wait.
    bool overflowed() const { return m_overflowed; }
    QString openPacket() const;

    // A long-poll GET: answered at once when packets wait, else held until
    // one is sent (at the latest the next ping).
    void poll(QHttpServerResponder &&responder);
    // A polling POST's body; returns false when it is malformed (the caller
    // answers 400 and the session is closed).
    bool post(const QByteArray &body);
    // A WebSocket for this session: the only transport of a websocket-only
    // client (`probe` false), or the probe of an upgrade from polling.
    void attachWebSocket(QWebSocket *socket, bool probe);

    // Sends one complete Engine.IO packet. The string is shared, not copied,
    // when the same broadcast goes to many sessions over WebSockets.
    void send(const QString &packet);
    // Heartbeat: pings every interval; no pong within the timeout closes.
    void tick(qint64 nowMs);
    void close(const QString &reason);

signals:
    void messageReceived(const QString &packet); // a Socket.IO packet
    void closed(const QString &reason);

private:
    void onPacket(const QString &packet);
    void onProbeText(const QString &text);
    void flushPoll();
    void answerPoll(const QByteArray &body);
    void overflow(const char *why);
    // Ends a WebSocket of this session: the close frame, then the TCP
    // close, cut short when the client does not read (or at once, `abort`).
    static void retire(QWebSocket *socket, const QString &reason, bool abort);

    QString m_sid;
    EioLimits m_limits;
    QWebSocket *m_ws = nullptr;
    QWebSocket *m_probe = nullptr;
    bool m_upgrading = false;
    bool m_closed = false;
    bool m_overflowed = false;
    QStringList m_queue;
    qint64 m_queuedBytes = 0;
    std::shared_ptr<QHttpServerResponder> m_pending;
    QPointer<QTcpSocket> m_pendingSocket;
    qint64 m_pingSentMs = 0;
    bool m_awaitingPong = false;
};

} // namespace podium::sio
