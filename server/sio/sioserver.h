#pragma once

#include "http/auththrottle.h"
#include "eiosession.h"
#include "event.h"
#include "directory/identity.h"
#include "logging.h"
#include "logthrottle.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <array>
#include <functional>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QTcpSocket;
class QWebSocket;

namespace podium {

class Engine;
class TokenDirectory;

namespace sio {
struct SioPacket;
}

// Socket.IO v5 over Engine.IO v4, so the seeds' existing clients connect to
// Podium unchanged: namespaces /leaderboard and /training, the seeds' join
// events, acknowledgements, server pings, HTTP long-polling with upgrade to
// WebSocket. Lives on the network thread beside the hub and is fed the same
// committed event stream. Rooms are the native rooms, with the same rights.
class SioServer : public QObject
{
    Q_OBJECT

public:
    // The namespaces a client may connect to; each takes a subset of the
    // event catalogue (docs/PROTOCOL.md, "Socket.IO compatibility").
    enum Namespace { Root = 0, Leaderboard = 1, Training = 2, NamespaceCount = 3 };

    SioServer(Engine *engine, std::shared_ptr<TokenDirectory> tokens, QObject *parent = nullptr);
    ~SioServer() override;

    // Registers the /socket.io/ routes (polling and the WebSocket upgrade).
    void registerRoutes(QHttpServer *server);
    // Offered every upgraded WebSocket first; returns true when it is a
    // Socket.IO connection and has been adopted.
    bool adopt(QWebSocket *socket);
    void shutdown();
    // As the hub's --require-view-token: public rooms need a token too.
    void setRequireViewToken(bool on) { m_requireViewToken = on; }
    // The hub's Origin check (origin -> allowed), applied to every polling
    // request and WebSocket upgrade, as on /ws.
    using OriginPolicy = std::function<bool(const QString &origin)>;
    void setOriginPolicy(OriginPolicy policy) { m_originPolicy = std::move(policy); }
    // The hub's --max-outbound (a WebSocket's unsent bytes, a polling
    // client's unfetched packets) and its messages-per-second budget.
    void setLimits(qint64 maxOutboundBytes, double messagesPerSecond)
    {
        m_limits.maxQueuedBytes = maxOutboundBytes;
        m_messagesPerSecond = messagesPerSecond;
    }
    // Called with the socket of an upgrade request a route refused (its
    // answer written), which Qt 6.4 would otherwise still upgrade.
    void setUpgradeRefusal(std::function<void(QTcpSocket *)> refuse) { m_refuseUpgrade = std::move(refuse); }
    // Called with the socket of an upgrade request about to be upgraded
    // (the hub holds back what the client sent behind it until adopt()).
    void setUpgradeExpectation(std::function<void(QTcpSocket *)> expect) { m_expectUpgrade = std::move(expect); }
    // The per-address connection cap, shared with /ws: `reserve` takes a
    // place for an address (false at the cap), `release` gives it back.
    void setAuthThrottle(std::shared_ptr<AuthThrottle> throttle) { m_authThrottle = std::move(throttle); }
    void setAddressPolicy(std::function<bool(const QString &)> reserve, std::function<void(const QString &)> release)
    {
        m_reserveAddress = std::move(reserve);
        m_releaseAddress = std::move(release);
    }

    int sessionCount() const { return int(m_clients.size()); }
    // Prometheus series for /metrics: open sessions and their rooms.
    QString metricsText() const;
    // Whether `event` is delivered on namespace `nsp`.
    static bool namespaceCarries(Namespace nsp, const QString &event);

public slots:
    void publish(const podium::EventList &events);

private:
    struct Client;
    // One client's connection to one namespace (a Socket.IO "socket").
    struct NspSocket
    {
        Client *client = nullptr;
        Namespace nsp = Root;
        QString id;
        Identity identity;
        QSet<QString> rooms;
    };
    struct Client
    {
        sio::EioSession *eio = nullptr;
        std::array<NspSocket *, NamespaceCount> sockets{};
        QString address; // its place under the per-address cap
        // Inbound message budget (token bucket), as on /ws.
        double budget = 0;
        qint64 budgetAtMs = 0;
        int violations = 0;
    };

    void handleGet(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // Answers 403 and returns true when the request's Origin is not allowed.
    bool originRefused(const QHttpServerRequest &request, QHttpServerResponder &responder);
    // After an error answer to a request: an upgrade request is refused.
    void refused(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void handlePost(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // A new session for a client at `address`, or nullptr when that address
    // is at its connection cap.
    Client *newClient(const QString &address);
    void onMessage(Client *c, const QString &text);
    // Spends one message of the client's budget; false when it is spent
    // (the client is told, or closed after a long flood).
    bool admit(Client *c, const sio::SioPacket &packet);
    void onConnect(Client *c, const sio::SioPacket &packet, Namespace nsp);
    void onEvent(NspSocket *s, const sio::SioPacket &packet);
    void ack(NspSocket *s, qint64 ackId, const QJsonObject &reply);
    void leaveAll(NspSocket *s);
    void removeClient(Client *c);
    void heartbeat();

    Engine *m_engine;
    std::shared_ptr<TokenDirectory> m_tokens;
    // Shared with the hub and the REST API: failed tokens from one address
    // count together, whichever door they knock on.
    std::shared_ptr<AuthThrottle> m_authThrottle = std::make_shared<AuthThrottle>();
    bool m_requireViewToken = false;
    double m_messagesPerSecond = 20;
    qint64 m_slowConsumerCloses = 0;
    qint64 m_floodCloses = 0;
    LogThrottle m_refusalLog {lcSio(), 5, 10000};
    OriginPolicy m_originPolicy;
    std::function<void(QTcpSocket *)> m_refuseUpgrade;
    std::function<void(QTcpSocket *)> m_expectUpgrade;
    std::function<bool(const QString &)> m_reserveAddress;
    std::function<void(const QString &)> m_releaseAddress;
    sio::EioLimits m_limits;
    QHash<QString, Client *> m_clients; // by Engine.IO sid
    QHash<QString, QSet<NspSocket *>> m_rooms;
    QTimer m_heartbeat;
    QElapsedTimer m_clock;
};

} // namespace podium
