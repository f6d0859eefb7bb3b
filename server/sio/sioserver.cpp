#include "sioserver.h"

#include "eiopacket.h"
#include "engine/engine.h"
#include "hub/hubmetrics.h"
#include "hub/roomaccess.h"
#include "logging.h"
#include "directory/tokendirectory.h"

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
// The longest room or event name an answer repeats back: room names are at
// most 128 characters (Engine::validRoomName).
constexpr int kMaxEchoedName = 128;

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
    if (!m_originPolicy || m_originPolicy(origin))
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
    if (m_refuseUpgrade && header(request, "upgrade").compare("websocket", Qt::CaseInsensitive) == 0)
        m_refuseUpgrade(responder.socket());
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
        else if (m_expectUpgrade)
            m_expectUpgrade(responder.socket());
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
    qint64 queued = 0;
    qint64 slow = m_slowConsumerCloses;
    for (const Client *c : m_clients) {
        queued += c->eio->queuedBytes();
        slow += c->eio->overflowed();
    }
    appendSeries(out, "podium_socketio_queued_bytes", "gauge",
                 "Bytes waiting for Socket.IO clients (unsent on a WebSocket, unfetched by polling).", queued);
    appendSeries(out, "podium_socketio_slow_consumer_closes_total", "counter",
                 "Socket.IO sessions closed for not reading (--max-outbound).", slow);
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
        if (m_refusalLog.allow("refused Socket.IO sessions"))
            qCInfo(lcSio) << "refused a Socket.IO session from" << address << ": too many connections";
        return nullptr;
    }
    auto *c = new Client;
    c->address = address;
    c->budget = m_messagesPerSecond * 2;
    c->budgetAtMs = m_clock.elapsed();
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
    if (!admit(c, packet))
        return;
    const auto found = std::find(kNamespaces.begin(), kNamespaces.end(), packet.nsp);
    if (found == kNamespaces.end()) {
        // The answer names the namespace: not for names no namespace has.
        if (packet.type == SioType::Connect && packet.nsp.size() <= kMaxEchoedName)
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

bool SioServer::admit(Client *c, const SioPacket &packet)
{
    // Token bucket: `messagesPerSecond`, bursts of twice that (as on /ws).
    if (m_messagesPerSecond <= 0)
        return true;
    const qint64 now = m_clock.elapsed();
    const double cap = m_messagesPerSecond * 2;
    c->budget = std::min(cap, c->budget + double(now - c->budgetAtMs) * m_messagesPerSecond / 1000.0);
    c->budgetAtMs = now;
    if (c->budget >= 1) {
        c->budget -= 1;
        return true;
    }
    if (++c->violations > 100) {
        ++m_floodCloses;
        if (m_refusalLog.allow("Socket.IO message floods"))
            qCInfo(lcSio) << "Socket.IO session" << c->eio->sid() << "from" << c->address << "flooded; closing";
        c->eio->close(QStringLiteral("message flood"));
        return false;
    }
    // An event that asked for an answer hears why it got none.
    if (packet.type == SioType::Event && packet.ackId >= 0 && packet.nsp.size() <= kMaxEchoedName) {
        c->eio->send(encodeSio(SioType::Ack, packet.nsp,
                               compact(QJsonArray {QJsonObject {{"ok", false}, {"error", "rate_limited"}}}),
                               packet.ackId));
    }
    return false;
}

void SioServer::onConnect(Client *c, const SioPacket &packet, Namespace nsp)
{
    const QString nspName = kNamespaces.at(nsp);
    // `auth: {token}` in the client's options arrives here.
    const QString token = packet.data.toObject().value(QStringLiteral("token")).toString();
    AuthThrottle::Decision throttled;
    const Identity who = m_authThrottle->resolve(*m_tokens, token, c->address, &throttled);
    if (!throttled.allowed) {
        c->eio->send(encodeSio(SioType::ConnectError, nspName,
                               compact(QJsonObject {{"message", "too_many_auth_failures"},
                                                    {"data", QJsonObject {{"code", "too_many_auth_failures"},
                                                                          {"detail", throttled.message()}}}})));
        return;
    }
    if (!token.isEmpty()) {
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
        if (packet.ackId >= 0) {
            QJsonObject reply {{"ok", false}, {"error", "unknown_event"}};
            if (request.name.size() <= kMaxEchoedName)
                reply.insert("event", request.name);
            ack(s, packet.ackId, reply);
        }
        return;
    }
    const QString &room = request.room;
    const bool leave = request.kind == SioRoomRequest::Kind::Leave;

    // The room is echoed only up to the longest valid room name: the client
    // cannot make the server send back more than a join could name.
    const auto answer = [&](QJsonObject reply) {
        if (packet.ackId < 0)
            return;
        if (room.size() <= kMaxEchoedName)
            reply.insert("room", room);
        ack(s, packet.ackId, reply);
    };
    if (leave) {
        if (s->rooms.remove(room)) {
            auto it = m_rooms.find(room);
            if (it != m_rooms.end() && (it->remove(s), it->isEmpty()))
                m_rooms.erase(it);
        }
        answer({{"ok", true}});
        return;
    }
    QString error = room.isEmpty() ? QStringLiteral("invalid_room") : roomAccessError(room, s->identity, m_requireViewToken);
    if (error.isEmpty() && !s->rooms.contains(room) && s->rooms.size() >= kMaxRoomsPerSocket)
        error = QStringLiteral("too_many_rooms");
    if (!error.isEmpty()) {
        qCDebug(lcSio) << "Socket.IO join of" << room.left(kMaxEchoedName) << "refused:" << error;
        answer({{"ok", false}, {"error", error}});
        return;
    }
    s->rooms.insert(room);
    m_rooms[room].insert(s);
    answer({{"ok", true}});
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
    m_slowConsumerCloses += c->eio->overflowed();
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
