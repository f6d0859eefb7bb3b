#include "sioserver.h"

#include "eiopacket.h"
#include "engine.h"
#include "hub/hubmetrics.h"
#include "hub/roomaccess.h"
#include "logging.h"
#include "tokendirectory.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUrlQuery>
#include <QWebSocket>
#include <algorithm>

namespace podium {

using namespace sio;

namespace {

constexpr int kHeartbeatTickMs = 500;
// As the native hub: a client cannot make the server track unbounded rooms.
constexpr int kMaxRoomsPerSocket = 50;

const QString kPath = QStringLiteral("/socket.io/");
const std::array<QString, SioServer::NamespaceCount> kNamespaces = {
        QStringLiteral("/"), QStringLiteral("/leaderboard"), QStringLiteral("/training")};

// Engine.IO session and Socket.IO socket ids: 120 random bits, URL-safe.
QString randomId()
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), 15)
                                       .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray compact(const QJsonArray &a)
{
    return QJsonDocument(a).toJson(QJsonDocument::Compact);
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

SioServer::SioServer(Engine *engine, std::shared_ptr<TokenDirectory> tokens, QObject *parent)
    : QObject(parent), m_engine(engine), m_tokens(std::move(tokens))
{
    m_clock.start();
    m_heartbeat.setInterval(kHeartbeatTickMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &SioServer::heartbeat);
    m_heartbeat.start();
}

SioServer::~SioServer()
{
    shutdown();
}

bool SioServer::namespaceCarries(Namespace nsp, const QString &event)
{
    // The training platform's progress events, and the scoreboard's; what
    // both seeds listen to (and any free broadcast name) goes to both.
    static const QSet<QString> trainingOnly = {
            QStringLiteral("xp:gained"),      QStringLiteral("level:up"),        QStringLiteral("tier:up"),
            QStringLiteral("streak:update"),  QStringLiteral("progress:update"), QStringLiteral("notification:new")};
    static const QSet<QString> leaderboardOnly = {
            QStringLiteral("rankings:update"), QStringLiteral("leaderboard:refresh"),
            QStringLiteral("achievement:celebration"), QStringLiteral("activity:new"), QStringLiteral("announcement"),
            QStringLiteral("contest:update"), QStringLiteral("contest:entry"), QStringLiteral("contest:ended")};
    switch (nsp) {
    case Leaderboard:
        return !trainingOnly.contains(event);
    case Training:
        return !leaderboardOnly.contains(event);
    default:
        return true;
    }
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
    if (!m_originPolicy || m_originPolicy(origin, QString::fromUtf8(header(request, "host"))))
        return false;
    qCInfo(lcHub) << "refused a Socket.IO request from origin" << origin;
    // Engine.IO's "Forbidden"; written before an upgrade, it also refuses it.
    writeEioError(responder, 4, "Forbidden", QHttpServerResponder::StatusCode::Forbidden);
    return true;
}

void SioServer::handleGet(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    if (originRefused(request, responder))
        return;
    const QUrlQuery query(request.url());
    if (query.queryItemValue(QStringLiteral("EIO")) != QLatin1String("4")) {
        writeEioError(responder, 5, "Unsupported protocol version");
        return;
    }
    const QString transport = query.queryItemValue(QStringLiteral("transport"));
    if (transport == QLatin1String("websocket")) {
        // Qt 6.4 upgrades the request only when the route writes nothing;
        // the socket then reaches adopt().
        if (header(request, "upgrade").compare("websocket", Qt::CaseInsensitive) != 0)
            writeEioError(responder, 3, "Bad request");
        return;
    }
    if (transport != QLatin1String("polling")) {
        writeEioError(responder, 0, "Transport unknown");
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
    Client *c = m_clients.value(sid);
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
    Client *c = m_clients.value(query.queryItemValue(QStringLiteral("sid")));
    if (!c || c->eio->isWebSocket()) {
        writeEioError(responder, 1, "Session ID unknown");
        return;
    }
    // Handling the packets may close the session and free `c`; the session
    // object itself is only deleted later.
    EioSession *eio = c->eio;
    const QByteArray body = request.body();
    if (body.size() > m_limits.maxPayload) {
        writeEioError(responder, 3, "Bad request");
        eio->close(QStringLiteral("payload too large"));
        return;
    }
    if (!eio->post(body)) {
        writeEioError(responder, 3, "Bad request");
        eio->close(QStringLiteral("parse error"));
        return;
    }
    writeText(responder, QHttpServerResponder::StatusCode::Ok, "text/html; charset=UTF-8", "ok");
}

QString SioServer::metricsText() const
{
    QString out;
    qint64 websocket = 0;
    for (const Client *c : m_clients)
        websocket += c->eio->isWebSocket();
    appendSeries(out, "podium_socketio_sessions", "gauge", "Open Socket.IO (Engine.IO) sessions, either transport.",
                 m_clients.size());
    appendSeries(out, "podium_socketio_websocket_sessions", "gauge", "Socket.IO sessions on the websocket transport.",
                 websocket);
    appendSeries(out, "podium_socketio_rooms", "gauge", "Socket.IO rooms with at least one member.", m_rooms.size());
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
        c->eio->attachWebSocket(socket, false);
        return true;
    }
    Client *c = m_clients.value(sid);
    if (!c || c->eio->isWebSocket()) {
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("Session ID unknown"));
        socket->deleteLater();
        return true;
    }
    c->eio->attachWebSocket(socket, true);
    return true;
}

SioServer::Client *SioServer::newClient(const QString &address)
{
    if (m_reserveAddress && !m_reserveAddress(address)) {
        qCInfo(lcSio) << "refused a Socket.IO session from" << address << ": too many connections";
        return nullptr;
    }
    auto *c = new Client;
    c->address = address;
    QString sid = randomId();
    while (m_clients.contains(sid))
        sid = randomId();
    c->eio = new EioSession(sid, m_limits, m_clock.elapsed(), this);
    m_clients.insert(sid, c);
    connect(c->eio, &EioSession::messageReceived, this, [this, c](const QString &text) { onMessage(c, text); });
    connect(c->eio, &EioSession::closed, this, [this, c](const QString &reason) {
        qCDebug(lcSio) << "Socket.IO session" << c->eio->sid() << "closed:" << reason;
        removeClient(c);
    });
    return c;
}

void SioServer::onMessage(Client *c, const QString &text)
{
    SioPacket packet;
    if (!decodeSio(text, &packet)) {
        // Binary packets and garbage: Socket.IO closes such a client.
        c->eio->close(QStringLiteral("parse error"));
        return;
    }
    const auto found = std::find(kNamespaces.begin(), kNamespaces.end(), packet.nsp);
    if (found == kNamespaces.end()) {
        if (packet.type == SioType::Connect)
            c->eio->send(encodeSio(SioType::ConnectError, packet.nsp, compact(QJsonObject{{"message", "Invalid namespace"}})));
        return;
    }
    const Namespace nsp = Namespace(found - kNamespaces.begin());
    NspSocket *s = c->sockets[nsp];
    switch (packet.type) {
    case SioType::Connect:
        onConnect(c, packet, nsp);
        break;
    case SioType::Disconnect:
        if (s) {
            leaveAll(s);
            c->sockets[nsp] = nullptr;
            delete s;
        }
        break;
    case SioType::Event:
        if (s)
            onEvent(s, packet);
        break;
    default:
        break; // acks of server events (none asked for), errors from a client
    }
}

void SioServer::onConnect(Client *c, const SioPacket &packet, Namespace nsp)
{
    const QString nspName = kNamespaces.at(nsp);
    // `auth: {token}` in the client's options arrives here.
    const QString token = packet.data.toObject().value(QStringLiteral("token")).toString();
    Identity who;
    if (!token.isEmpty()) {
        who = m_tokens->resolve(token);
        if (who.kind == Identity::Kind::Anonymous) {
            c->eio->send(encodeSio(SioType::ConnectError, nspName,
                                   compact(QJsonObject{{"message", "invalid_token"},
                                                       {"data", QJsonObject{{"code", "invalid_token"}}}})));
            return;
        }
    }
    NspSocket *s = c->sockets[nsp];
    if (s) {
        // A reconnect of the same namespace on the same session keeps nothing.
        leaveAll(s);
    } else {
        s = new NspSocket;
        s->client = c;
        s->nsp = nsp;
        c->sockets[nsp] = s;
    }
    s->id = randomId();
    s->identity = who;
    c->eio->send(encodeSio(SioType::Connect, nspName, compact(QJsonObject{{"sid", s->id}})));
}

void SioServer::onEvent(NspSocket *s, const SioPacket &packet)
{
    const SioRoomRequest request = roomRequest(packet.data.toArray());
    if (request.kind == SioRoomRequest::Kind::Unknown) {
        if (packet.ackId >= 0)
            ack(s, packet.ackId, {{"ok", false}, {"error", "unknown_event"}, {"event", request.name}});
        return;
    }
    const QString &room = request.room;
    const bool leave = request.kind == SioRoomRequest::Kind::Leave;

    if (leave) {
        if (s->rooms.remove(room)) {
            auto it = m_rooms.find(room);
            if (it != m_rooms.end() && (it->remove(s), it->isEmpty()))
                m_rooms.erase(it);
        }
        if (packet.ackId >= 0)
            ack(s, packet.ackId, {{"ok", true}, {"room", room}});
        return;
    }
    QString error = room.isEmpty() ? QStringLiteral("invalid_room") : roomAccessError(room, s->identity, m_requireViewToken);
    if (error.isEmpty() && !s->rooms.contains(room) && s->rooms.size() >= kMaxRoomsPerSocket)
        error = QStringLiteral("too_many_rooms");
    if (!error.isEmpty()) {
        qCDebug(lcSio) << "Socket.IO join of" << room << "refused:" << error;
        if (packet.ackId >= 0)
            ack(s, packet.ackId, {{"ok", false}, {"error", error}, {"room", room}});
        return;
    }
    s->rooms.insert(room);
    m_rooms[room].insert(s);
    if (packet.ackId >= 0)
        ack(s, packet.ackId, {{"ok", true}, {"room", room}});
}

void SioServer::ack(NspSocket *s, qint64 ackId, const QJsonObject &reply)
{
    s->client->eio->send(encodeSio(SioType::Ack, kNamespaces.at(s->nsp), compact(QJsonArray{reply}), ackId));
}

void SioServer::leaveAll(NspSocket *s)
{
    for (const QString &room : std::as_const(s->rooms)) {
        auto it = m_rooms.find(room);
        if (it != m_rooms.end() && (it->remove(s), it->isEmpty()))
            m_rooms.erase(it);
    }
    s->rooms.clear();
}

void SioServer::removeClient(Client *c)
{
    for (NspSocket *&s : c->sockets) {
        if (s) {
            leaveAll(s);
            delete s;
            s = nullptr;
        }
    }
    m_clients.remove(c->eio->sid());
    if (m_releaseAddress)
        m_releaseAddress(c->address);
    c->eio->disconnect(this);
    c->eio->deleteLater();
    delete c;
}

void SioServer::publish(const EventList &events)
{
    for (const Event &e : events) {
        const auto room = m_rooms.constFind(e.room);
        if (room == m_rooms.constEnd())
            continue;
        // Each frame is encoded once per namespace and shared by every
        // member (QString is implicitly shared; no per-client copy).
        std::array<QString, NamespaceCount> frames;
        for (NspSocket *s : *room) {
            if (!namespaceCarries(s->nsp, e.name))
                continue;
            QString &frame = frames[s->nsp];
            if (frame.isNull())
                frame = encodeEvent(kNamespaces.at(s->nsp), e.name, e.dataJson);
            s->client->eio->send(frame);
        }
    }
}

void SioServer::heartbeat()
{
    const qint64 now = m_clock.elapsed();
    // tick() may close a session, which removes (and frees) its client.
    const QStringList sids = m_clients.keys();
    for (const QString &sid : sids) {
        if (Client *c = m_clients.value(sid))
            c->eio->tick(now);
    }
}

void SioServer::shutdown()
{
    m_heartbeat.stop();
    const QList<Client *> clients = m_clients.values();
    for (Client *c : clients)
        c->eio->close(QStringLiteral("server shutting down"));
}

} // namespace podium
