// The Socket.IO side: packets inside an Engine.IO session — namespaces and
// their tokens, the seeds' join events and their acknowledgements — turned
// into the hub's rooms, and the last words of a kicked session.
#include "sioserver.h"

#include "eiopacket.h"
#include "hub/hub.h"
#include "logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <algorithm>

namespace podium {

using namespace sio;

namespace {

// The longest room or event name an answer repeats back: room names are at
// most 128 characters (Engine::validRoomName).
constexpr int kMaxEchoedName = 128;

const std::array<QString, SioServer::NamespaceCount> kNamespaces
        = {QStringLiteral("/"), QStringLiteral("/leaderboard"), QStringLiteral("/training")};

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray compact(const QJsonArray &a)
{
    return QJsonDocument(a).toJson(QJsonDocument::Compact);
}

// A namespace's channel in the hub (0 is the native /ws frame).
int channel(SioServer::Namespace nsp)
{
    return int(nsp) + 1;
}

} // namespace

const QString &SioServer::namespaceName(Namespace nsp)
{
    return kNamespaces.at(size_t(nsp));
}

bool SioServer::namespaceCarries(Namespace nsp, const QString &event)
{
    // The training platform's progress events, and the scoreboard's; what
    // both seeds listen to (and any free broadcast name) goes to both.
    static const QSet<QString> trainingOnly
            = {QStringLiteral("xp:gained"),     QStringLiteral("level:up"),        QStringLiteral("tier:up"),
               QStringLiteral("streak:update"), QStringLiteral("progress:update"), QStringLiteral("notification:new")};
    static const QSet<QString> leaderboardOnly = {QStringLiteral("rankings:update"),
                                                  QStringLiteral("leaderboard:refresh"),
                                                  QStringLiteral("achievement:celebration"),
                                                  QStringLiteral("activity:new"),
                                                  QStringLiteral("announcement"),
                                                  QStringLiteral("contest:update"),
                                                  QStringLiteral("contest:entry"),
                                                  QStringLiteral("contest:ended")};
    switch (nsp) {
    case Leaderboard:
        return !trainingOnly.contains(event);
    case Training:
        return !leaderboardOnly.contains(event);
    default:
        return true;
    }
}

void SioServer::peerText(qint64 id, const QString &text)
{
    Client *c = m_byId.value(id);
    if (!c)
        return;
    SioPacket packet;
    if (!decodeSio(text, &packet)) {
        // Binary packets and garbage: Socket.IO closes such a client.
        m_hub->closeConnection(id, Hub::GoingAway, QStringLiteral("parse error"));
        return;
    }
    if (!admit(c, packet))
        return;
    const auto found = std::find(kNamespaces.begin(), kNamespaces.end(), packet.nsp);
    if (found == kNamespaces.end()) {
        // The answer names the namespace: not for names no namespace has.
        if (packet.type == SioType::Connect && packet.nsp.size() <= kMaxEchoedName)
            sendPacket(c,
                       encodeSio(SioType::ConnectError, packet.nsp,
                                 compact(QJsonObject {{"message", "Invalid namespace"}})));
        return;
    }
    const Namespace nsp = Namespace(found - kNamespaces.begin());
    switch (packet.type) {
    case SioType::Connect:
        onConnect(c, packet, nsp);
        break;
    case SioType::Disconnect:
        if (c->sockets[nsp]) {
            m_hub->leaveChannel(id, channel(nsp));
            c->sockets[nsp].reset();
        }
        break;
    case SioType::Event:
        if (c->sockets[nsp])
            onEvent(c, nsp, packet);
        break;
    default:
        break; // acks of server events (none asked for), errors from a client
    }
}

bool SioServer::admit(Client *c, const SioPacket &packet)
{
    switch (m_hub->spendBudget(c->id)) {
    case Hub::Budget::Spent:
        return true;
    case Hub::Budget::Flooded:
        ++m_floodCloses;
        if (m_refusalLog.allow("Socket.IO message floods"))
            qCInfo(lcSio) << "Socket.IO session" << c->eio->sid() << "from" << c->address << "flooded; closing";
        m_hub->closeConnection(c->id, Hub::GoingAway, QStringLiteral("message flood"));
        return false;
    case Hub::Budget::Refused:
        break;
    }
    // An event that asked for an answer hears why it got none.
    if (packet.type == SioType::Event && packet.ackId >= 0 && packet.nsp.size() <= kMaxEchoedName) {
        sendPacket(c,
                   encodeSio(SioType::Ack, packet.nsp,
                             compact(QJsonArray {QJsonObject {{"ok", false}, {"error", "rate_limited"}}}),
                             packet.ackId));
    }
    return false;
}

void SioServer::onConnect(Client *c, const SioPacket &packet, Namespace nsp)
{
    const QString &nspName = namespaceName(nsp);
    // `auth: {token}` in the client's options arrives here.
    const QString token = packet.data.toObject().value(QStringLiteral("token")).toString();
    AuthThrottle::Decision throttled;
    const Identity who = m_hub->resolveToken(token, c->address, &throttled);
    if (!throttled.allowed) {
        sendPacket(c,
                   encodeSio(SioType::ConnectError, nspName,
                             compact(QJsonObject {{"message", "too_many_auth_failures"},
                                                  {"data",
                                                   QJsonObject {{"code", "too_many_auth_failures"},
                                                                {"detail", throttled.message()}}}})));
        return;
    }
    if (!token.isEmpty() && who.kind == Identity::Kind::Anonymous) {
        sendPacket(c,
                   encodeSio(SioType::ConnectError, nspName,
                             compact(QJsonObject {{"message", "invalid_token"},
                                                  {"data", QJsonObject {{"code", "invalid_token"}}}})));
        return;
    }
    // A reconnect of the same namespace on the same session keeps nothing.
    if (c->sockets[nsp])
        m_hub->leaveChannel(c->id, channel(nsp));
    c->sockets[nsp] = NspSocket {randomId(), who};
    // /api/connections shows the identity the session connected with last.
    m_hub->setIdentity(c->id, who);
    sendPacket(c, encodeSio(SioType::Connect, nspName, compact(QJsonObject {{"sid", c->sockets[nsp]->id}})));
}

void SioServer::onEvent(Client *c, Namespace nsp, const SioPacket &packet)
{
    const SioRoomRequest request = roomRequest(packet.data.toArray());
    if (request.kind == SioRoomRequest::Kind::Unknown) {
        if (packet.ackId >= 0) {
            QJsonObject reply {{"ok", false}, {"error", "unknown_event"}};
            if (request.name.size() <= kMaxEchoedName)
                reply.insert("event", request.name);
            ack(c, nsp, packet.ackId, reply);
        }
        return;
    }
    const QString &room = request.room;
    // The room is echoed only up to the longest valid room name: the client
    // cannot make the server send back more than a join could name.
    const auto answer = [&](QJsonObject reply) {
        if (packet.ackId < 0)
            return;
        if (room.size() <= kMaxEchoedName)
            reply.insert("room", room);
        ack(c, nsp, packet.ackId, reply);
    };
    if (request.kind == SioRoomRequest::Kind::Leave) {
        m_hub->leaveRoom(c->id, channel(nsp), room);
        answer({{"ok", true}});
        return;
    }
    const QString error = m_hub->joinRoom(c->id, channel(nsp), room, c->sockets[nsp]->identity);
    if (!error.isEmpty()) {
        qCDebug(lcSio) << "Socket.IO join of" << room.left(kMaxEchoedName) << "refused:" << error;
        answer({{"ok", false}, {"error", error}});
        return;
    }
    answer({{"ok", true}});
}

void SioServer::ack(const Client *c, Namespace nsp, qint64 ackId, const QJsonObject &reply)
{
    sendPacket(c, encodeSio(SioType::Ack, namespaceName(nsp), compact(QJsonArray {reply}), ackId));
}

void SioServer::peerClosing(qint64 id, int code)
{
    const Client *c = m_byId.value(id);
    if (!c)
        return;
    if (code == Hub::SlowConsumer) {
        ++m_slowConsumerCloses;
        return;
    }
    if (code != Hub::Kicked)
        return;
    // A kick is a Socket.IO disconnect of every socket: the client reports
    // "io server disconnect" and, unlike after a transport close, does not
    // reconnect by itself.
    for (int n = 0; n < NamespaceCount; ++n) {
        if (c->sockets[size_t(n)])
            sendPacket(c, encodeSio(SioType::Disconnect, namespaceName(Namespace(n)), {}));
    }
}

} // namespace podium
