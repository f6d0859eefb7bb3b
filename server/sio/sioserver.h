#pragma once

#include "directory/identity.h"
#include "eiosession.h"
#include "hub/peerprotocol.h"
#include "logging.h"
#include "logthrottle.h"

#include <QHash>
#include <QObject>
#include <array>
#include <optional>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QWebSocket;

namespace podium {

class Hub;

namespace sio {
struct SioPacket;
}

// Socket.IO v5 over Engine.IO v4, so the seeds' existing clients connect to
// Podium unchanged: namespaces /leaderboard and /training, the seeds' join
// events, acknowledgements, server pings, HTTP long-polling with upgrade to
// WebSocket. Only what is Socket.IO's own lives here: the handshake, the
// transports (EioSession), packets, namespaces, event names and acks. Each
// session is one connection of the hub (a Link), which keeps its rooms (the
// native rooms, with the same rights), heartbeat, backpressure, the
// per-address cap, /api/connections and kick, and fans the committed events
// out to it: one frame per event and namespace, shared by every session.
class SioServer : public QObject, private PeerProtocol
{
    Q_OBJECT

public:
    // The namespaces a client may connect to; each takes a subset of the
    // event catalogue (docs/PROTOCOL.md, "Socket.IO compatibility"), and
    // each is a channel of the hub (channel = namespace + 1).
    enum Namespace { Root = 0, Leaderboard = 1, Training = 2, NamespaceCount = 3 };

    explicit SioServer(Hub *hub, QObject *parent = nullptr);
    ~SioServer() override;

    // Registers the /socket.io/ routes (polling and the WebSocket upgrade).
    void registerRoutes(QHttpServer *server);
    // Offered every upgraded WebSocket first; returns true when it is a
    // Socket.IO connection (adopted, or refused and closed).
    bool adopt(QWebSocket *socket);

    int sessionCount() const { return int(m_byId.size()); }
    // Prometheus series for /metrics: open sessions, their rooms, closes.
    QString metricsText() const;
    // Whether `event` is delivered on namespace `nsp`.
    static bool namespaceCarries(Namespace nsp, const QString &event);
    static const QString &namespaceName(Namespace nsp);

private:
    // One client's connection to one namespace (a Socket.IO "socket").
    struct NspSocket
    {
        QString id;
        Identity identity;
    };
    struct Client
    {
        qint64 id = 0; // the hub's connection id
        sio::EioSession *eio = nullptr; // owned by the hub
        std::array<std::optional<NspSocket>, NamespaceCount> sockets;
        QString address;
    };

    // PeerProtocol: the hub hands over what only Socket.IO can read.
    const char *transportName() const override { return "socket.io"; }
    void peerText(qint64 id, const QString &text) override;
    void peerClosing(qint64 id, int code) override;
    void peerClosed(qint64 id) override;

    void handleGet(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // Answers 403 and returns true when the request's Origin is not allowed.
    bool originRefused(const QHttpServerRequest &request, QHttpServerResponder &responder);
    // After an error answer to a request: an upgrade request is refused.
    void refused(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void handlePost(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // A new session (a hub connection) for a client at `address`, or
    // nullptr when that address is at its connection cap.
    Client *newClient(const QString &address);
    // Sends one Engine.IO packet through the hub (held to --max-outbound).
    void sendPacket(const Client *c, const QString &packet);
    // Spends one packet of the session's budget; false when it is spent
    // (the client is told, or closed after a long flood).
    bool admit(Client *c, const sio::SioPacket &packet);
    void onConnect(Client *c, const sio::SioPacket &packet, Namespace nsp);
    void onEvent(Client *c, Namespace nsp, const sio::SioPacket &packet);
    void ack(const Client *c, Namespace nsp, qint64 ackId, const QJsonObject &reply);

    Hub *m_hub;
    sio::EioLimits m_limits;
    qint64 m_slowConsumerCloses = 0;
    qint64 m_floodCloses = 0;
    LogThrottle m_refusalLog {lcSio(), 5, 10000};
    QHash<QString, Client *> m_bySid; // by Engine.IO sid
    QHash<qint64, Client *> m_byId; // by hub connection id
    QList<Client *> m_retired; // closed, freed on the next loop turn
};

} // namespace podium
