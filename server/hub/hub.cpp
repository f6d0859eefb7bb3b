#include "hub.h"

#include "directory/tokendirectory.h"
#include "hubpeer.h"
#include "logging.h"
#include "roomaccess.h"
#include "wsframe.h"

#include <QJsonObject>
#include <QSet>
#include <algorithm>

namespace podium {

namespace {
// How often the heartbeat looks at its connections: each has its own ping
// schedule (a Socket.IO session's first ping is due one interval after it
// opened), so the hub looks often and pings whoever is due.
constexpr int kHeartbeatTickMs = 500;
} // namespace

Hub::Hub(const Config &config, std::shared_ptr<TokenDirectory> tokens, Engine *engine, qint64 lastSeq, QObject *parent)
    : QObject(parent), m_config(config), m_tokens(std::move(tokens)), m_engine(engine), m_lastSeq(lastSeq)
{
    m_encoders[0] = [](const Event &e) { return encodeTextFrame(e.toWireFrame()); };
    m_clock.start();
    m_heartbeat.setInterval(std::min(m_config.heartbeatIntervalMs, kHeartbeatTickMs));
    connect(&m_heartbeat, &QTimer::timeout, this, &Hub::heartbeat);
    m_heartbeat.start();
}

Hub::~Hub()
{
    qDeleteAll(m_peers);
    qDeleteAll(m_retired);
}

qint64 Hub::reservePeer(const QString &address)
{
    if (!reserveAddress(address))
        return 0;
    return m_nextPeerId++;
}

Hub::Peer *Hub::newPeer(qint64 id, const QString &address)
{
    auto *p = new Peer;
    p->id = id;
    p->address = address;
    p->connectedAt = QDateTime::currentDateTimeUtc();
    p->lastSeenMs = m_clock.elapsed();
    p->lastPingMs = p->lastSeenMs;
    p->pingIntervalMs = m_config.heartbeatIntervalMs;
    p->timeoutMs = m_config.heartbeatTimeoutMs;
    p->budget = m_config.messagesPerSecond * 2;
    p->budgetAtMs = p->lastSeenMs;
    m_peers.insert(p->id, p);
    return p;
}

void Hub::addPeer(qint64 id, std::unique_ptr<Link> link, const PeerSpec &spec)
{
    Peer *p = newPeer(id, spec.address);
    p->link = std::move(link);
    p->protocol = spec.protocol;
    p->holdsAddress = true;
    if (spec.pingIntervalMs > 0)
        p->pingIntervalMs = spec.pingIntervalMs;
    if (spec.timeoutMs > 0)
        p->timeoutMs = spec.timeoutMs;
}

void Hub::setIdentity(qint64 id, const Identity &identity)
{
    if (Peer *p = m_peers.value(id))
        p->identity = identity;
}

Identity Hub::resolveToken(const QString &token, const QString &address, AuthThrottle::Decision *decision) const
{
    return m_authThrottle->resolve(*m_tokens, token, address, decision);
}

QString Hub::joinRoom(qint64 id, int channel, const QString &room, const Identity &who)
{
    Peer *p = m_peers.value(id);
    if (!p || p->closing)
        return QStringLiteral("closing");
    return join(p, channel, room, who);
}

QString Hub::join(Peer *p, int channel, const QString &room, const Identity &who)
{
    const QString denied = roomAccessError(room, who, m_config.requireViewToken);
    if (!denied.isEmpty())
        return denied;
    if (!(p->rooms.channels(room) & (1u << channel))) {
        if (p->rooms.count(channel) >= m_config.maxRoomsPerConnection)
            return QStringLiteral("too_many_rooms");
        if (p->rooms.insert(room, m_lastSeq, channel))
            m_rooms[room].insert(p);
        m_metrics.joins.fetch_add(1, std::memory_order_relaxed);
    }
    return {};
}

void Hub::leaveRoom(qint64 id, int channel, const QString &room)
{
    Peer *p = m_peers.value(id);
    if (p && p->rooms.remove(room, channel) == RoomList::Removed::Room)
        leaveRoom(p, room);
}

void Hub::leaveChannel(qint64 id, int channel)
{
    Peer *p = m_peers.value(id);
    if (!p)
        return;
    for (const QString &room : p->rooms.keys())
        leaveRoom(id, channel, room);
}

void Hub::leaveRoom(Peer *p, const QString &room)
{
    auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        return;
    it->remove(p);
    if (it->isEmpty())
        m_rooms.erase(it);
}

Hub::Budget Hub::spendBudget(qint64 id)
{
    Peer *p = m_peers.value(id);
    if (!p || p->closing)
        return Budget::Refused;
    return spend(p, m_clock.elapsed());
}

Hub::Budget Hub::spend(Peer *p, qint64 now)
{
    // Token bucket: `messagesPerSecond`, bursts of twice that.
    if (m_config.messagesPerSecond <= 0)
        return Budget::Spent;
    const double cap = m_config.messagesPerSecond * 2;
    p->budget = std::min(cap, p->budget + double(now - p->budgetAtMs) * m_config.messagesPerSecond / 1000.0);
    p->budgetAtMs = now;
    if (p->budget >= 1) {
        p->budget -= 1;
        return Budget::Spent;
    }
    return ++p->violations > 100 ? Budget::Flooded : Budget::Refused;
}

void Hub::send(qint64 id, const QByteArray &frame)
{
    Peer *p = m_peers.value(id);
    if (p && !p->closing)
        write(p, frame);
}

void Hub::closeConnection(qint64 id, int code, const QString &reason)
{
    if (Peer *p = m_peers.value(id))
        closePeer(p, code, reason);
}

void Hub::linkText(qint64 id, const QString &text)
{
    Peer *p = m_peers.value(id);
    if (!p)
        return;
    p->lastSeenMs = m_clock.elapsed();
    ++p->received;
    if (p->closing)
        return;
    if (p->protocol)
        p->protocol->peerText(id, text);
    else
        onText(p, text);
}

void Hub::linkBinary(qint64 id)
{
    Peer *p = m_peers.value(id);
    if (!p || p->closing)
        return;
    const qint64 now = m_clock.elapsed();
    p->lastSeenMs = now;
    ++p->received;
    // Binary frames spend the same budget as text: each one costs a reply.
    if (!p->protocol && admit(p, now))
        sendError(p, QStringLiteral("binary_not_supported"), QStringLiteral("send JSON in text frames"));
}

void Hub::linkPong(qint64 id)
{
    if (Peer *p = m_peers.value(id))
        p->lastSeenMs = m_clock.elapsed();
}

void Hub::linkClosed(qint64 id)
{
    if (Peer *p = m_peers.value(id))
        removePeer(p);
}

void Hub::publish(const EventList &events)
{
    for (const Event &e : events) {
        m_lastSeq = std::max(m_lastSeq, e.seq);
        const auto it = m_rooms.constFind(e.room);
        if (it == m_rooms.constEnd())
            continue;
        QElapsedTimer timer;
        timer.start();
        // Encoded and framed once per channel, when a member first needs it;
        // every member's write queue shares that one buffer (QByteArray is
        // implicitly shared), so no per-client copy.
        std::array<QByteArray, kChannels> frames;
        quint8 encoded = 0;
        const auto frame = [&](int channel) -> const QByteArray & {
            if (!(encoded & (1u << channel))) {
                encoded |= quint8(1u << channel);
                if (m_encoders[size_t(channel)])
                    frames[size_t(channel)] = m_encoders[size_t(channel)](e);
            }
            return frames[size_t(channel)];
        };
        for (Peer *p : it->snapshot()) {
            if (!p->protocol) {
                deliver(p, e.seq, frame(0));
                continue;
            }
            const quint8 channels = p->rooms.channels(e.room);
            for (int c = 0; c < kChannels; ++c) {
                if (!(channels & (1u << c)))
                    continue;
                const QByteArray &f = frame(c);
                if (!f.isNull())
                    deliver(p, e.seq, f);
            }
        }
        m_metrics.observeFanout(timer.nsecsElapsed());
    }
}

void Hub::deliver(Peer *p, qint64 seq, const QByteArray &frame)
{
    if (p->closing) {
        ++p->dropped;
        m_metrics.drops.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    if (p->resuming) {
        p->held.append({seq, frame});
        p->heldBytes += frame.size();
        if (p->heldBytes > m_config.maxOutboundBytes) {
            m_metrics.slowConsumerCloses.fetch_add(1, std::memory_order_relaxed);
            closePeer(p, SlowConsumer, QStringLiteral("slow consumer: more than %1 bytes waiting behind a resume").arg(m_config.maxOutboundBytes));
        }
        return;
    }
    write(p, frame);
    ++p->sent;
    m_metrics.deliveries.fetch_add(1, std::memory_order_relaxed);
}

qint64 Hub::write(Peer *p, const QByteArray &frame)
{
    const qint64 queued = p->link->send(frame);
    if (queued > m_config.maxOutboundBytes && !p->closing) {
        // A client that stopped reading is cut loose before it can grow our
        // memory or slow anyone else; it may reconnect and resume. Every
        // frame counts, replies to the client's own messages included.
        m_metrics.slowConsumerCloses.fetch_add(1, std::memory_order_relaxed);
        closePeer(p, SlowConsumer,
                  QStringLiteral("slow consumer: outbound buffer over %1 bytes").arg(m_config.maxOutboundBytes));
    }
    return queued;
}

void Hub::closePeer(Peer *p, int code, const QString &reason)
{
    if (p->closing)
        return;
    if (p->protocol)
        p->protocol->peerClosing(p->id, code); // its last words, before the close
    p->closing = true;
    if (m_refusalLog.allow("connection closes"))
        qCInfo(lcHub) << "closing connection" << p->id << "from" << p->address << "with" << code << reason;
    // A peer that will not read cannot receive the close frame either: give
    // it a moment, then drop the connection and its buffers.
    p->link->close(code, reason);
    QTimer::singleShot(2000, this, [this, id = p->id] {
        if (Peer *q = m_peers.value(id))
            q->link->abort();
    });
}

void Hub::removePeer(Peer *p)
{
    if (!m_peers.remove(p->id))
        return;
    for (const auto &joined : p->rooms)
        leaveRoom(p, joined.room);
    if (p->holdsAddress)
        releaseAddress(p->address);
    if (!p->protocol) {
        --m_nativePeers;
        m_metrics.connectionsClosed.fetch_add(1, std::memory_order_relaxed);
    }
    p->closing = true;
    if (p->protocol)
        p->protocol->peerClosed(p->id);
    // Disconnection can be reported from inside a send further up this call
    // stack, which still holds `p` (and its link): free it on the next loop
    // turn.
    m_retired.append(p);
    if (m_retired.size() == 1)
        QMetaObject::invokeMethod(
                this, [this] { qDeleteAll(std::exchange(m_retired, {})); }, Qt::QueuedConnection);
}

void Hub::heartbeat()
{
    m_refusalLog.flush();
    const qint64 now = m_clock.elapsed();
    const QList<Peer *> peers = m_peers.values();
    for (Peer *p : peers) {
        if (p->closing)
            continue;
        if (now - p->lastSeenMs > p->timeoutMs) {
            m_metrics.heartbeatCloses.fetch_add(1, std::memory_order_relaxed);
            closePeer(p, HeartbeatTimeout, QStringLiteral("no message or pong within %1 ms").arg(p->timeoutMs));
            continue;
        }
        if (now - p->lastPingMs >= p->pingIntervalMs) {
            p->lastPingMs = now;
            p->link->ping();
        }
    }
}

QString Hub::metricsText() const
{
    QString text = m_metrics.render(connectionCount(), roomCount());
    if (m_extraMetrics)
        text += m_extraMetrics();
    return text;
}

int Hub::roomCount(const PeerProtocol *protocol) const
{
    QSet<QString> rooms;
    for (const Peer *p : m_peers) {
        if (p->protocol == protocol) {
            for (const auto &joined : p->rooms)
                rooms.insert(joined.room);
        }
    }
    return int(rooms.size());
}

QJsonArray Hub::connectionsJson() const
{
    QList<qint64> ids = m_peers.keys();
    std::sort(ids.begin(), ids.end());
    QJsonArray out;
    for (qint64 id : ids) {
        const Peer *p = m_peers.value(id);
        QStringList rooms = p->rooms.keys();
        rooms.sort();
        out.append(QJsonObject {{"id", p->id},
                                {"transport", p->protocol ? p->protocol->transportName() : "websocket"},
                                {"address", p->address},
                                {"identity", identityKindName(p->identity.kind)},
                                {"person", p->identity.personId ? QJsonValue(p->identity.personId) : QJsonValue()},
                                {"rooms", QJsonArray::fromStringList(rooms)},
                                {"connectedAt", isoTime(p->connectedAt)},
                                {"sent", p->sent},
                                {"dropped", p->dropped},
                                {"received", p->received},
                                {"queuedBytes", p->link->queuedBytes()}});
    }
    return out;
}

bool Hub::kick(qint64 connectionId)
{
    Peer *p = m_peers.value(connectionId);
    if (!p)
        return false;
    closePeer(p, Kicked, QStringLiteral("disconnected by an admin"));
    return true;
}

void Hub::shutdown()
{
    m_shuttingDown = true;
    m_heartbeat.stop();
    const QList<Peer *> peers = m_peers.values();
    for (Peer *p : peers) {
        if (!p->closing) {
            p->closing = true;
            p->link->close(GoingAway, QStringLiteral("server shutting down"));
            p->link->flush();
        }
    }
}

} // namespace podium
