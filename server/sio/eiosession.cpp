#include "eiosession.h"

#include "eiopacket.h"
#include "logging.h"
#include "logthrottle.h"

#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

namespace podium::sio {

EioSession::EioSession(const QString &sid, const EioLimits &limits, qint64 nowMs, QObject *parent)
    : QObject(parent), m_sid(sid), m_limits(limits), m_pingSentMs(nowMs)
{
}

EioSession::~EioSession()
{
    for (QWebSocket *s : {m_ws, m_probe}) {
        if (s) {
            s->disconnect(this);
            s->abort();
            delete s;
        }
    }
}

QString EioSession::openPacket() const
{
    const QJsonObject open{{"sid", m_sid},
                           {"upgrades", m_ws ? QJsonArray() : QJsonArray{QStringLiteral("websocket")}},
                           {"pingInterval", m_limits.pingIntervalMs},
                           {"pingTimeout", m_limits.pingTimeoutMs},
                           {"maxPayload", m_limits.maxPayload}};
    return QLatin1Char(char(EioType::Open)) + QString::fromUtf8(QJsonDocument(open).toJson(QJsonDocument::Compact));
}

void EioSession::poll(QHttpServerResponder &&responder)
{
    auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket(held->socket());
    if (m_pending && m_pendingSocket && m_pendingSocket->state() == QAbstractSocket::ConnectedState) {
        // Two GETs at once is a client bug (Engine.IO closes the session).
        held->write(QByteArray("overlapping long-poll GET"), "text/plain", QHttpServerResponder::StatusCode::BadRequest);
        close(QStringLiteral("poll overlap"));
        return;
    }
    m_pending = std::move(held);
    m_pendingSocket = socket;
    flushPoll();
}

bool EioSession::post(const QByteArray &body)
{
    const QStringList packets = splitPayload(QString::fromUtf8(body));
    for (const QString &packet : packets) {
        if (packet.isEmpty())
            return false;
        if (m_closed)
            break;
        onPacket(packet);
    }
    return true;
}

void EioSession::attachWebSocket(QWebSocket *socket, bool probe)
{
    socket->setParent(nullptr);
    socket->setMaxAllowedIncomingFrameSize(quint64(m_limits.maxPayload));
    socket->setMaxAllowedIncomingMessageSize(quint64(m_limits.maxPayload));
    if (!probe) {
        m_ws = socket;
        connect(socket, &QWebSocket::textMessageReceived, this, &EioSession::onPacket);
        connect(socket, &QWebSocket::disconnected, this, [this] { close(QStringLiteral("transport close")); });
        socket->sendTextMessage(openPacket());
        return;
    }
    if (m_ws || m_probe || m_closed) {
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("session already upgraded"));
        socket->deleteLater();
        return;
    }
    m_probe = socket;
    connect(socket, &QWebSocket::textMessageReceived, this, &EioSession::onProbeText);
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        // A failed probe leaves the session on polling.
        if (m_probe != socket)
            return;
        m_probe = nullptr;
        m_upgrading = false;
        socket->deleteLater();
    });
}

void EioSession::onProbeText(const QString &text)
{
    if (text == QLatin1String("2probe")) {
        m_probe->sendTextMessage(QStringLiteral("3probe"));
        // The client now pauses polling: it waits for its GET in flight to
        // return, so answer it (with a noop when nothing waits).
        m_upgrading = true;
        flushPoll();
        return;
    }
    if (text != QLatin1String("5") || !m_upgrading)
        return;
    QWebSocket *ws = m_probe;
    m_probe = nullptr;
    m_upgrading = false;
    ws->disconnect(this);
    m_ws = ws;
    connect(ws, &QWebSocket::textMessageReceived, this, &EioSession::onPacket);
    connect(ws, &QWebSocket::disconnected, this, [this] { close(QStringLiteral("transport close")); });
    if (m_pending)
        answerPoll(QByteArray(1, char(EioType::Noop)));
    // What was queued for polling now leaves over the WebSocket, in order.
    for (const QString &packet : std::as_const(m_queue))
        ws->sendTextMessage(packet);
    m_queue.clear();
    m_queuedBytes = 0;
    qCDebug(lcSio) << "Engine.IO session" << m_sid << "upgraded to websocket";
}

void EioSession::onPacket(const QString &packet)
{
    if (m_closed || packet.isEmpty())
        return;
    switch (EioType(packet.at(0).toLatin1())) {
    case EioType::Pong:
        m_awaitingPong = false;
        break;
    case EioType::Message:
        emit messageReceived(packet.mid(1));
        break;
    case EioType::Close:
        close(QStringLiteral("client close"));
        break;
    default:
        break; // ping from a v3 client, noop, stray upgrade: nothing to do
    }
}

qint64 EioSession::queuedBytes() const
{
    return m_ws ? m_ws->bytesToWrite() : m_queuedBytes;
}

void EioSession::send(const QString &packet)
{
    if (m_closed || m_overflowed)
        return;
    if (m_ws) {
        m_ws->sendTextMessage(packet);
        // Every frame counts, answers to the client's own packets included.
        if (m_ws->bytesToWrite() > m_limits.maxQueuedBytes)
            overflow("stopped reading");
        return;
    }
    m_queue.append(packet);
    m_queuedBytes += packet.size();
    if (m_queuedBytes > m_limits.maxQueuedBytes) {
        overflow("stopped polling");
        return;
    }
    flushPoll();
}

void EioSession::overflow(const char *why)
{
    static LogThrottle log(lcSio(), 5, 10000);
    if (log.allow("slow Socket.IO consumers"))
        qCInfo(lcSio) << "Engine.IO session" << m_sid << why << "; closing";
    m_overflowed = true;
    // Closed from the event loop, not here: the caller may be walking a
    // room that closing would change under it. Nothing more is queued
    // meanwhile.
    QMetaObject::invokeMethod(
            this, [this] { close(QStringLiteral("slow consumer")); }, Qt::QueuedConnection);
}

void EioSession::retire(QWebSocket *socket, const QString &reason, bool abort)
{
    // The TCP socket goes (with its buffers) once disconnected; a client
    // that does not read would keep a plain close waiting forever.
    QObject::connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    if (abort) {
        socket->abort();
    } else {
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, reason);
        QTimer::singleShot(2000, socket, [socket] { socket->abort(); });
    }
    if (socket->state() == QAbstractSocket::UnconnectedState)
        socket->deleteLater();
}

void EioSession::flushPoll()
{
    if (!m_pending)
        return;
    if (!m_pendingSocket || m_pendingSocket->state() != QAbstractSocket::ConnectedState) {
        m_pending.reset(); // the client went away; the packets wait for its next GET
        return;
    }
    if (!m_queue.isEmpty()) {
        const QByteArray body = joinPayload(m_queue).toUtf8();
        m_queue.clear();
        m_queuedBytes = 0;
        answerPoll(body);
    } else if (m_upgrading) {
        answerPoll(QByteArray(1, char(EioType::Noop)));
    }
}

void EioSession::answerPoll(const QByteArray &body)
{
    const std::shared_ptr<QHttpServerResponder> responder = std::move(m_pending);
    m_pending.reset();
    if (!m_pendingSocket || m_pendingSocket->state() != QAbstractSocket::ConnectedState)
        return;
    responder->writeStatusLine(QHttpServerResponder::StatusCode::Ok);
    responder->writeHeader("Content-Type", "text/plain; charset=UTF-8");
    responder->writeHeader("Content-Length", QByteArray::number(body.size()));
    responder->writeHeader("Access-Control-Allow-Origin", "*");
    responder->writeBody(body);
}

void EioSession::tick(qint64 nowMs)
{
    if (m_closed)
        return;
    if (m_awaitingPong) {
        if (nowMs - m_pingSentMs > m_limits.pingTimeoutMs)
            close(QStringLiteral("ping timeout"));
        return;
    }
    if (nowMs - m_pingSentMs >= m_limits.pingIntervalMs) {
        m_awaitingPong = true;
        m_pingSentMs = nowMs;
        send(QString(QLatin1Char(char(EioType::Ping))));
    }
}

void EioSession::close(const QString &reason)
{
    if (m_closed)
        return;
    // A polling client hears a close packet; a WebSocket a Going Away close
    // frame. Neither is a Socket.IO disconnect, so clients reconnect.
    if (m_pending)
        answerPoll(QByteArray(1, char(EioType::Close)));
    m_closed = true;
    for (QWebSocket **s : {&m_ws, &m_probe}) {
        if (*s) {
            (*s)->disconnect(this);
            retire(*s, reason, m_overflowed);
            *s = nullptr;
        }
    }
    m_queue.clear();
    m_queuedBytes = 0;
    emit closed(reason);
}

} // namespace podium::sio
