// The Engine.IO side of Socket.IO: the /socket.io/ routes (handshake,
// long-polling, the WebSocket upgrade) and the sessions they open, each one
// handed to the hub as a connection. Namespaces and events: sionamespaces.cpp.
#include "sioserver.h"

#include "eiopacket.h"
#include "hub/hub.h"
#include "hub/hubmetrics.h"
#include "hub/wsframe.h"
#include "logging.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>
#include <QWebSocket>

namespace podium {

using namespace sio;

namespace {

const QString kPath = QStringLiteral("/socket.io/");

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray header(const QHttpServerRequest &request, const char *name)
{
    const auto headers = request.headers();
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second.trimmed();
    }
    return {};
}

void writeText(QHttpServerResponder &responder, QHttpServerResponder::StatusCode status, const QByteArray &type,
               const QByteArray &body)
{
    responder.writeStatusLine(status);
    responder.writeHeader("Content-Type", type);
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    responder.writeHeader("Access-Control-Allow-Origin", "*");
    responder.writeBody(body);
}

// Engine.IO's error answer: 400 with {"code","message"}.
void writeEioError(QHttpServerResponder &responder, int code, const char *message,
                   QHttpServerResponder::StatusCode status = QHttpServerResponder::StatusCode::BadRequest)
{
    writeText(responder, status, "application/json",
              compact(QJsonObject{{"code", code}, {"message", QLatin1String(message)}}));
}

} // namespace

SioServer::SioServer(Hub *hub, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
{
    for (int n = 0; n < NamespaceCount; ++n) {
        m_hub->setChannelEncoder(n + 1, [nsp = Namespace(n)](const Event &e) {
            // Once per event and namespace, shared by every session in the
            // room: the Engine.IO packet in a WebSocket text frame.
            if (!namespaceCarries(nsp, e.name))
                return QByteArray();
            return encodeTextFrame(encodeEvent(namespaceName(nsp), e.name, e.dataJson).toUtf8());
        });
    }
}

SioServer::~SioServer()
{
    for (int n = 0; n < NamespaceCount; ++n)
        m_hub->setChannelEncoder(n + 1, {});
    qDeleteAll(m_retired);
    qDeleteAll(m_byId);
}

void SioServer::registerRoutes(QHttpServer *server)
{
    using Method = QHttpServerRequest::Method;
    // The Socket.IO client asks for /socket.io/ (trailing slash); the bare
    // path is taken as well.
    for (const QString &path : {kPath, QStringLiteral("/socket.io")}) {
        server->route(path, Method::Get, [this](const QHttpServerRequest &req, QHttpServerResponder &&resp) {
            handleGet(req, std::move(resp));
        });
        server->route(path, Method::Post, [this](const QHttpServerRequest &req, QHttpServerResponder &&resp) {
            handlePost(req, std::move(resp));
        });
        server->route(path, Method::Options, [](const QHttpServerRequest &, QHttpServerResponder &&resp) {
            // CORS preflight of a browser client on another origin.
            resp.writeStatusLine(QHttpServerResponder::StatusCode::NoContent);
            resp.writeHeader("Access-Control-Allow-Origin", "*");
            resp.writeHeader("Access-Control-Allow-Methods", "GET, POST");
            resp.writeHeader("Access-Control-Allow-Headers", "Content-Type");
            resp.writeHeader("Content-Length", "0");
            resp.writeBody(QByteArray());
        });
    }
}

bool SioServer::originRefused(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    const QString origin = QString::fromUtf8(header(request, "origin"));
    if (m_hub->originAllowed(origin))
        return false;
    if (m_refusalLog.allow("refused Socket.IO requests"))
        qCInfo(lcSio) << "refused a Socket.IO request from origin" << origin;
    // Engine.IO's "Forbidden"; written before an upgrade, it also refuses it.
    writeEioError(responder, 4, "Forbidden", QHttpServerResponder::StatusCode::Forbidden);
    refused(request, responder);
    return true;
}

void SioServer::refused(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (header(request, "upgrade").compare("websocket", Qt::CaseInsensitive) == 0)
        m_hub->refuseUpgrade(responder.socket());
}

void SioServer::handleGet(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    if (originRefused(request, responder))
        return;
    const QUrlQuery query(request.url());
    if (query.queryItemValue(QStringLiteral("EIO")) != QLatin1String("4")) {
        writeEioError(responder, 5, "Unsupported protocol version");
        refused(request, responder);
        return;
    }
    const QString transport = query.queryItemValue(QStringLiteral("transport"));
    if (transport == QLatin1String("websocket")) {
        // Qt 6.4 upgrades the request only when the route writes nothing;
        // the socket then reaches adopt().
        if (header(request, "upgrade").compare("websocket", Qt::CaseInsensitive) != 0)
            writeEioError(responder, 3, "Bad request");
        else
            m_hub->expectUpgrade(responder.socket());
        return;
    }
    if (transport != QLatin1String("polling")) {
        writeEioError(responder, 0, "Transport unknown");
        refused(request, responder);
        return;
    }
    if (header(request, "upgrade").compare("websocket", Qt::CaseInsensitive) == 0) {
        // A polling request cannot be upgraded: answered, not upgraded.
        writeEioError(responder, 3, "Bad request");
        refused(request, responder);
        return;
    }
    const QString sid = query.queryItemValue(QStringLiteral("sid"));
    if (sid.isEmpty()) {
        Client *c = newClient(request.remoteAddress().toString());
        if (!c) {
            writeEioError(responder, 4, "Too many connections from this address",
                          QHttpServerResponder::StatusCode::TooManyRequests);
            return;
        }
        writeText(responder, QHttpServerResponder::StatusCode::Ok, "text/plain; charset=UTF-8",
                  c->eio->openPacket().toUtf8());
        return;
    }
    Client *c = m_bySid.value(sid);
    if (!c || c->eio->isWebSocket()) {
        writeEioError(responder, 1, "Session ID unknown");
        return;
    }
    c->eio->poll(std::move(responder));
}

void SioServer::handlePost(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    if (originRefused(request, responder))
        return;
    const QUrlQuery query(request.url());
    if (query.queryItemValue(QStringLiteral("EIO")) != QLatin1String("4")) {
        writeEioError(responder, 5, "Unsupported protocol version");
        return;
    }
    Client *c = m_bySid.value(query.queryItemValue(QStringLiteral("sid")));
    if (!c || c->eio->isWebSocket()) {
        writeEioError(responder, 1, "Session ID unknown");
        return;
    }
    // Handling the packets may close the session; `c` and the session
    // object are only deleted later.
    const qint64 id = c->id;
    EioSession *eio = c->eio;
    const QByteArray body = request.body();
    if (body.size() > m_limits.maxPayload) {
        writeEioError(responder, 3, "Bad request");
        m_hub->closeConnection(id, Hub::GoingAway, QStringLiteral("payload too large"));
        return;
    }
    if (!eio->post(body)) {
        writeEioError(responder, 3, "Bad request");
        m_hub->closeConnection(id, Hub::GoingAway, QStringLiteral("parse error"));
        return;
    }
    writeText(responder, QHttpServerResponder::StatusCode::Ok, "text/html; charset=UTF-8", "ok");
}

QString SioServer::metricsText() const
{
    QString out;
    qint64 websocket = 0;
    qint64 queued = 0;
    for (const Client *c : m_byId) {
        websocket += c->eio->isWebSocket();
        queued += c->eio->queuedBytes();
    }
    appendSeries(out, "podium_socketio_sessions", "gauge", "Open Socket.IO (Engine.IO) sessions, either transport.",
                 m_byId.size());
    appendSeries(out, "podium_socketio_websocket_sessions", "gauge", "Socket.IO sessions on the websocket transport.",
                 websocket);
    appendSeries(out, "podium_socketio_rooms", "gauge", "Socket.IO rooms with at least one member.",
                 m_hub->roomCount(this));
    appendSeries(out, "podium_socketio_queued_bytes", "gauge",
                 "Bytes waiting for Socket.IO clients (unsent on a WebSocket, unfetched by polling).", queued);
    appendSeries(out, "podium_socketio_slow_consumer_closes_total", "counter",
                 "Socket.IO sessions closed for not reading (--max-outbound).", m_slowConsumerCloses);
    appendSeries(out, "podium_socketio_flood_closes_total", "counter",
                 "Socket.IO sessions closed for sending past the message budget.", m_floodCloses);
    return out;
}

bool SioServer::adopt(QWebSocket *socket)
{
    const QUrl url = socket->requestUrl();
    if (url.path() != kPath && url.path() != QLatin1String("/socket.io"))
        return false;
    const QUrlQuery query(url);
    const QString sid = query.queryItemValue(QStringLiteral("sid"));
    if (query.queryItemValue(QStringLiteral("EIO")) != QLatin1String("4")) {
        socket->close(QWebSocketProtocol::CloseCodeProtocolError, QStringLiteral("Unsupported protocol version"));
        socket->deleteLater();
        return true;
    }
    if (sid.isEmpty()) {
        // A websocket-only client: the open packet is the first frame.
        Client *c = newClient(socket->peerAddress().toString());
        if (!c) {
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("too many connections from this address"));
            socket->deleteLater();
            return true;
        }
        std::unique_ptr<Link> ws
                = m_hub->takeWebSocket(socket, c->eio->nextLinkId(), c->eio->transportListener(), m_limits.maxPayload);
        if (!ws) {
            socket->close(QWebSocketProtocol::CloseCodeAbnormalDisconnection, QStringLiteral("internal error"));
            socket->deleteLater();
            m_hub->closeConnection(c->id, Hub::InternalError, QStringLiteral("internal error"));
            return true;
        }
        c->eio->attachWebSocket(std::move(ws), false);
        return true;
    }
    Client *c = m_bySid.value(sid);
    if (!c || c->eio->isWebSocket()) {
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("Session ID unknown"));
        socket->deleteLater();
        return true;
    }
    std::unique_ptr<Link> ws
            = m_hub->takeWebSocket(socket, c->eio->nextLinkId(), c->eio->transportListener(), m_limits.maxPayload);
    if (!ws) {
        socket->close(QWebSocketProtocol::CloseCodeAbnormalDisconnection, QStringLiteral("internal error"));
        socket->deleteLater();
        return true;
    }
    c->eio->attachWebSocket(std::move(ws), true);
    return true;
}

SioServer::Client *SioServer::newClient(const QString &address)
{
    const qint64 id = m_hub->reservePeer(address);
    if (!id) {
        if (m_refusalLog.allow("refused Socket.IO sessions"))
            qCInfo(lcSio) << "refused a Socket.IO session from" << address << ": too many connections";
        return nullptr;
    }
    QString sid = randomId();
    while (m_bySid.contains(sid))
        sid = randomId();
    auto *c = new Client;
    c->id = id;
    c->address = address;
    auto session = std::make_unique<EioSession>(id, m_hub->linkListener(), sid, m_limits);
    c->eio = session.get();
    m_bySid.insert(sid, c);
    m_byId.insert(id, c);
    // The hub's heartbeat with Engine.IO's timing: a ping every interval,
    // and a session that answers none within the timeout after it is closed.
    m_hub->addPeer(id, std::move(session),
                   {address, this, m_limits.pingIntervalMs, m_limits.pingIntervalMs + m_limits.pingTimeoutMs});
    return c;
}

void SioServer::peerClosed(qint64 id)
{
    Client *c = m_byId.take(id);
    if (!c)
        return;
    qCDebug(lcSio) << "Socket.IO session" << c->eio->sid() << "closed";
    m_bySid.remove(c->eio->sid());
    // Reported from inside the session's own calls, which may still hold
    // `c` further up: freed on the next loop turn.
    m_retired.append(c);
    if (m_retired.size() == 1)
        QMetaObject::invokeMethod(
                this, [this] { qDeleteAll(std::exchange(m_retired, {})); }, Qt::QueuedConnection);
}

void SioServer::sendPacket(const Client *c, const QString &packet)
{
    m_hub->send(c->id, encodeTextFrame(packet.toUtf8()));
}

} // namespace podium
