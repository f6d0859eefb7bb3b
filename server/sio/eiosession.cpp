#include "eiosession.h"

#include "eiopacket.h"
#include "hub/hub.h"
#include "hub/wsframe.h"
#include "logging.h"

#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

namespace podium::sio {

namespace {
QByteArray packetFrame(const QString &packet)
{
    return encodeTextFrame(packet.toUtf8());
}
} // namespace

EioSession::EioSession(qint64 id, Link::Listener *listener, const QString &sid, const EioLimits &limits)
    : Link(id, listener)
    , m_sid(sid)
    , m_limits(limits)
{ }

EioSession::~EioSession() = default;

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
        close(Hub::GoingAway, QStringLiteral("poll overlap"));
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

void EioSession::attachWebSocket(std::unique_ptr<Link> ws, bool probe)
{
    if (!probe) {
        m_ws = std::move(ws);
        m_ws->send(packetFrame(openPacket()));
        return;
    }
    if (m_ws || m_probe || m_closed || m_closing) {
        ws->close(Hub::PolicyViolation, QStringLiteral("session already upgraded"));
        retire(std::move(ws));
        return;
    }
    m_probe = std::move(ws);
}

void EioSession::linkText(qint64 id, const QString &text)
{
    if (m_probe && id == m_probe->id())
        onProbeText(text);
    else if (m_ws && id == m_ws->id())
        onPacket(text);
}

void EioSession::linkClosed(qint64 id)
{
    if (m_probe && id == m_probe->id()) {
        // A failed probe leaves the session on polling.
        m_upgrading = false;
        retire(std::move(m_probe));
    } else if (m_ws && id == m_ws->id()) {
        retire(std::move(m_ws));
        finish(); // the transport closed
    }
}

void EioSession::onProbeText(const QString &text)
{
    if (text == QLatin1String("2probe")) {
        static const QByteArray probeAnswer = packetFrame(QStringLiteral("3probe"));
        m_probe->send(probeAnswer);
        // The client now pauses polling: it waits for its GET in flight to
        // return, so answer it (with a noop when nothing waits).
        m_upgrading = true;
        flushPoll();
        return;
    }
    if (text != QLatin1String("5") || !m_upgrading)
        return;
    m_ws = std::move(m_probe);
    m_upgrading = false;
    if (m_pending)
        answerPoll(QByteArray(1, char(EioType::Noop)));
    // What was queued for polling now leaves over the WebSocket, in order.
    const QStringList queued = std::exchange(m_queue, {});
    m_queuedBytes = 0;
    for (const QString &packet : queued)
        m_ws->send(packetFrame(packet));
    qCDebug(lcSio) << "Engine.IO session" << m_sid << "upgraded to websocket";
}

void EioSession::onPacket(const QString &packet)
{
    if (m_closed || packet.isEmpty())
        return;
    switch (EioType(packet.at(0).toLatin1())) {
    case EioType::Pong:
        listener()->linkPong(id());
        break;
    case EioType::Message:
        listener()->linkText(id(), packet.mid(1));
        break;
    case EioType::Close:
        if (m_ws)
            m_ws->close(Hub::GoingAway, QStringLiteral("client close"));
        finish();
        break;
    default:
        break; // ping from a v3 client, noop, stray upgrade: nothing to do
    }
}

qint64 EioSession::queuedBytes() const
{
    return m_ws ? m_ws->queuedBytes() : m_queuedBytes;
}

qint64 EioSession::send(const QByteArray &frame)
{
    if (m_closed)
        return 0;
    if (m_ws)
        return m_ws->send(frame); // the broadcast's own buffer, shared
    const QString packet = QString::fromUtf8(framePayload(frame));
    m_queue.append(packet);
    m_queuedBytes += packet.size();
    flushPoll();
    return m_queuedBytes;
}

void EioSession::flush()
{
    if (m_ws)
        m_ws->flush();
}

void EioSession::ping()
{
    static const QByteArray pingFrame = packetFrame(QString(QLatin1Char(char(EioType::Ping))));
    send(pingFrame);
}

void EioSession::flushPoll()
{
    if (!m_pending)
        return;
    if (!m_pendingSocket || m_pendingSocket->state() != QAbstractSocket::ConnectedState) {
        m_pending.reset(); // the client went away; the packets wait for its next GET
        return;
    }
    if (m_closing) {
        // The last packets, and the close packet with the GET after them:
        // in one payload, the client would close the transport before its
        // sockets have read the disconnects.
        if (m_queue.isEmpty()) {
            finish();
            return;
        }
        const QByteArray body = joinPayload(m_queue).toUtf8();
        m_queue.clear();
        m_queuedBytes = 0;
        answerPoll(body);
    } else if (!m_queue.isEmpty()) {
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

void EioSession::close(int code, const QString &reason)
{
    if (m_closed || m_closing)
        return;
    // Neither a close frame nor a close packet is a Socket.IO disconnect:
    // clients reconnect by themselves (a kick sends those disconnects first).
    if (m_probe) {
        m_probe->close(code, reason);
        retire(std::move(m_probe));
    }
    if (m_ws) {
        // The session ends when the client answers the close frame (or the
        // hub cuts it short with abort()).
        m_closing = true;
        m_ws->close(code, reason);
        return;
    }
    // Polling: what a kick queued (the disconnects) waits for the next GET,
    // which the hub's abort() bounds; anything else is dropped.
    if (code != Hub::Kicked) {
        m_queue.clear();
        m_queuedBytes = 0;
    }
    m_closing = true;
    if (m_queue.isEmpty())
        finish();
    else
        flushPoll();
}

void EioSession::abort()
{
    if (m_ws)
        m_ws->abort(); // reports its end, which finishes the session
    finish();
}

void EioSession::finish()
{
    if (m_closed)
        return;
    if (m_pending)
        answerPoll(QByteArray(1, char(EioType::Close)));
    m_closed = true;
    m_closing = true;
    if (m_probe)
        retire(std::move(m_probe));
    if (m_ws)
        retire(std::move(m_ws));
    m_queue.clear();
    m_queuedBytes = 0;
    listener()->linkClosed(id());
}

void EioSession::retire(std::unique_ptr<Link> link)
{
    if (!link)
        return;
    // Ends now whatever is left of it; its descriptor closes with it.
    m_retired.push_back(std::move(link));
    if (m_retired.size() == 1)
        QMetaObject::invokeMethod(
                this, [this] { m_retired.clear(); }, Qt::QueuedConnection);
}

} // namespace podium::sio
