#pragma once

#include "directory/identity.h"
#include "event.h"
#include "http/auththrottle.h"
#include "hubmetrics.h"
#include "link.h"
#include "logging.h"
#include "logthrottle.h"
#include "orderedmembers.h"
#include "peerprotocol.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <array>
#include <functional>
#include <memory>

class QAbstractHttpServer;
class QTcpSocket;
class QWebSocket;

namespace podium {

class Engine;
class TokenDirectory;

// The real-time hub: every client connection (native /ws, and Socket.IO
// sessions through a PeerProtocol), rooms, fan-out, resume, heartbeat,
// backpressure, the per-address cap, /api/connections and kick. Lives on a
// network thread; the engine's committed events reach it through a queued
// connection. A broadcast is encoded once per channel (the native frame, one
// Socket.IO frame per namespace) and the same frame is handed to every member
// of the room on that channel.
class Hub : public QObject, private Link::Listener
{
    Q_OBJECT

public:
    struct Config
    {
        int heartbeatIntervalMs = 25000;
        int heartbeatTimeoutMs = 60000;
        qint64 maxOutboundBytes = 1 << 20;
        qint64 maxInboundFrameBytes = 64 * 1024;
        double messagesPerSecond = 20;
        int maxRoomsPerConnection = 50;
        int maxConnectionsPerAddress = 256;
        int retainedWindowSecs = 24 * 3600;
        int maxResumeEvents = 5000;
        bool requireViewToken = false;
        // Plain-TCP connections are taken over from QWebSocket after the
        // handshake and carried by the hub itself (DirectLink): a fraction
        // of the memory per connection. Off: QWebSocket carries them all.
        bool directLinks = true;
        QStringList allowedOrigins; // besides same-origin and no Origin at all
        // Names Podium is reached by besides its own addresses (a reverse
        // proxy's, say): HOST or HOST:PORT. An Origin on one of them is
        // Podium's own page.
        QStringList publicNames;
    };

    // Close codes sent to clients (documented in docs/PROTOCOL.md).
    enum CloseCode {
        GoingAway = 1001,
        PolicyViolation = 1008,
        InternalError = 1011,
        HeartbeatTimeout = 4001,
        Kicked = 4003,
        SlowConsumer = 4008,
    };

    Hub(const Config &config, std::shared_ptr<TokenDirectory> tokens, Engine *engine, qint64 lastSeq,
        QObject *parent = nullptr);
    ~Hub() override;

    // Takes the WebSocket connections a QHttpServer upgrades on /ws.
    void attach(QAbstractHttpServer *server);
    // Another protocol on the same port (Socket.IO) sees each upgraded
    // socket first and keeps it by returning true.
    void setForeignAdopter(std::function<bool(QWebSocket *)> adopter) { m_foreign = std::move(adopter); }
    // The /ws route announces the TCP (or TLS) socket it is about to let Qt
    // upgrade: the hub later writes its frames to it (or takes it over).
    void expectUpgrade(QTcpSocket *socket);
    // A route that refused an upgrade (and wrote its answer) hands the
    // socket here: Qt 6.4 would still answer the handshake and make a
    // WebSocket of it, so the request is taken from Qt and the connection
    // closed once the answer is sent.
    void refuseUpgrade(QTcpSocket *socket);
    // Adopts one connected socket (the hub owns it from here on).
    void addConnection(QWebSocket *socket);
    // Where Podium listens (after the bind): an Origin on this port at one
    // of the machine's own addresses or names is Podium's own page.
    void setServedAddress(const QHostAddress &address, quint16 port);
    // Origin check for /ws and Socket.IO: no Origin (not a browser), a page
    // Podium serves (its listening address and port, loopback, the machine's
    // interface addresses and host name, a configured public name), or one
    // on the allow-list. The request's Host header plays no part: under DNS
    // rebinding a hostile page sends its own name there.
    bool originAllowed(const QString &origin) const;

    // Failed authentications per address, shared with the REST API.
    void setAuthThrottle(std::shared_ptr<AuthThrottle> throttle) { m_authThrottle = std::move(throttle); }

    // Native /ws connections (Socket.IO sessions are counted by their own).
    int connectionCount() const { return m_nativePeers; }
    int peerCount() const { return int(m_peers.size()); }
    int roomCount() const { return int(m_rooms.size()); }
    QString metricsText() const;
    // More series for /metrics from another protocol on the port (Socket.IO).
    void setExtraMetrics(std::function<QString()> extra) { m_extraMetrics = std::move(extra); }
    QJsonArray connectionsJson() const;
    bool kick(qint64 connectionId);
    // Closes every client with 1001 Going Away.
    void shutdown();

    // --- For the protocols beside /ws (PeerProtocol: Socket.IO). ---
    // Channels a room is joined on: 0 is the native /ws frame, others are a
    // protocol's (one per Socket.IO namespace), each with its own encoder.
    static constexpr int kChannels = 8;
    using Encoder = std::function<QByteArray(const Event &)>; // a null frame: not carried
    void setChannelEncoder(int channel, Encoder encoder) { m_encoders[size_t(channel)] = std::move(encoder); }
    struct PeerSpec
    {
        QString address;
        PeerProtocol *protocol = nullptr;
        int pingIntervalMs = 0; // 0: the hub's own heartbeat
        int timeoutMs = 0; // silence (no message, no pong) that closes
    };
    // A connection id and its place under the per-address cap, or 0 when
    // `address` is at the cap (nothing is taken then).
    qint64 reservePeer(const QString &address);
    // Adopts the link of a reserved id; it reports to linkListener().
    void addPeer(qint64 id, std::unique_ptr<Link> link, const PeerSpec &spec);
    Link::Listener *linkListener() { return this; }
    // A Link for a WebSocket Qt upgraded on a protocol's route (a DirectLink
    // where it can, else QtLink), reporting to `listener`; it starts reading
    // on the next loop turn. nullptr when the hub never saw the upgrade
    // (the socket is then the caller's to refuse).
    std::unique_ptr<Link> takeWebSocket(QWebSocket *socket, qint64 linkId, Link::Listener *listener,
                                        qint64 maxMessageBytes);
    void setIdentity(qint64 id, const Identity &identity);
    // A token, through the failed-token throttle shared with REST and /ws.
    Identity resolveToken(const QString &token, const QString &address, AuthThrottle::Decision *decision) const;
    // Joins `room` on `channel` with the rights of `who`: an empty string,
    // or the refusal's code (roomAccessError, too_many_rooms).
    QString joinRoom(qint64 id, int channel, const QString &room, const Identity &who);
    void leaveRoom(qint64 id, int channel, const QString &room);
    void leaveChannel(qint64 id, int channel);
    // The inbound message budget (the same token bucket as /ws).
    enum class Budget { Spent, Refused, Flooded };
    Budget spendBudget(qint64 id);
    // A pre-built frame for one connection, held to the outbound cap.
    void send(qint64 id, const QByteArray &frame);
    void closeConnection(qint64 id, int code, const QString &reason);
    // Distinct rooms the connections of `protocol` are in.
    int roomCount(const PeerProtocol *protocol) const;
    const HubMetrics &metrics() const { return m_metrics; }
    // Lines about refused or broken connections, which a client can cause
    // at will: a few per kind every 10 s, the rest summed up.
    LogThrottle &refusalLog() { return m_refusalLog; }

public slots:
    void publish(const podium::EventList &events);

private:
    struct Peer;

    // Link::Listener: what the client's connection reports.
    void linkText(qint64 id, const QString &text) override;
    void linkBinary(qint64 id) override;
    void linkPong(qint64 id) override;
    void linkClosed(qint64 id) override;
    // The connection object for a freshly upgraded socket: a DirectLink on
    // plain TCP, else QWebSocket behind a QtLink.
    std::unique_ptr<Link> makeLink(qint64 id, QWebSocket *socket, QTcpSocket *wire, Link::Listener *listener,
                                   qint64 maxMessageBytes);
    Link::Listener *asListener() { return this; }

    void onText(Peer *p, const QString &text);
    Budget spend(Peer *p, qint64 now);
    // Spends one message of the peer's budget; false (and the refusal sent,
    // or the connection closed) when the budget is spent.
    bool admit(Peer *p, qint64 now);
    // A peer with the hub's defaults (heartbeat, message budget), in
    // m_peers; the caller gives it its link.
    Peer *newPeer(qint64 id, const QString &address);
    // The per-address connection cap, counted over every transport: takes
    // one connection's place for `address`, or returns false when the
    // address is at the cap; release gives it back.
    bool reserveAddress(const QString &address);
    void releaseAddress(const QString &address);
    void handleHello(Peer *p, const QJsonObject &msg);
    void handleJoin(Peer *p, const QJsonObject &msg);
    void handleLeave(Peer *p, const QJsonObject &msg);
    void handleResume(Peer *p, const QJsonObject &msg);
    void finishResume(qint64 peerId, qint64 since, bool reset, const EventList &replay, qint64 lastSeq);
    void sendControl(Peer *p, const QJsonObject &msg);
    // Every refusal goes through here (and counts in /metrics).
    void sendError(Peer *p, const QString &code, const QString &message, const QString &room = QString());
    bool joinRoom(Peer *p, const QString &room);
    QString join(Peer *p, int channel, const QString &room, const Identity &who);
    // Takes `p` out of the room's members (the room goes when it empties);
    // the peer's own list is the caller's.
    void leaveRoom(Peer *p, const QString &room);
    static QString upgradeKey(const QHostAddress &address, quint16 port);
    // Hands a socket held back by expectUpgrade() to its reader again.
    void releaseUpgrade(QTcpSocket *wire);
    void deliver(Peer *p, qint64 seq, const QByteArray &frame);
    // Appends a pre-built frame; returns the bytes still queued for the peer.
    qint64 write(Peer *p, const QByteArray &frame);
    void closePeer(Peer *p, int code, const QString &reason);
    void removePeer(Peer *p);
    void heartbeat();
    QJsonObject welcome(const Peer *p) const;

    Config m_config;
    std::shared_ptr<TokenDirectory> m_tokens;
    std::shared_ptr<AuthThrottle> m_authThrottle = std::make_shared<AuthThrottle>();
    Engine *m_engine;
    qint64 m_lastSeq;
    qint64 m_nextPeerId = 1;
    QHash<qint64, Peer *> m_peers;
    int m_nativePeers = 0;
    QList<Peer *> m_retired; // removed, freed on the next loop turn
    std::array<Encoder, kChannels> m_encoders;
    QHash<QString, OrderedMembers<Peer>> m_rooms;
    QHash<QString, int> m_perAddress;
    QHash<QString, QPointer<QTcpSocket>> m_upgrading; // "address|port" → socket
    // Where Podium is served: the listening port and the machine's own
    // addresses and names (refreshed now and then: interfaces come and go).
    bool isOwnHost(const QString &host) const;
    void refreshOwnHosts() const;
    QHostAddress m_servedAddress;
    quint16 m_servedPort = 0;
    mutable QList<QHostAddress> m_ownAddresses;
    mutable QStringList m_ownNames; // lower case
    mutable QElapsedTimer m_ownHostsAge;
    QTimer m_heartbeat;
    QElapsedTimer m_clock;
    HubMetrics m_metrics;
    LogThrottle m_refusalLog {lcHub(), 5, 10000};
    bool m_shuttingDown = false;
    std::function<bool(QWebSocket *)> m_foreign;
    std::function<QString()> m_extraMetrics;
};

} // namespace podium
