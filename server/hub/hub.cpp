#include "hub.h"

#include "directlink.h"
#include "engine/engine.h"
#include "logging.h"
#include "qtlink.h"
#include "roomaccess.h"
#include "directory/tokendirectory.h"
#include "wsframe.h"

#include <QAbstractHttpServer>
#include <QCoreApplication>
#include <QHostInfo>
#include <QJsonDocument>
#include <QNetworkInterface>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QVarLengthArray>
#include <QWebSocket>
#include <cmath>
#include <fcntl.h>

namespace podium {

namespace {
// The few rooms of one connection, with the seq each was joined at.
class RoomList
{
public:
    bool contains(const QString &room) const { return find(room) >= 0; }
    qint64 value(const QString &room) const
    {
        const int i = find(room);
        return i < 0 ? 0 : m_items.at(i).second;
    }
    void insert(const QString &room, qint64 seq) { m_items.append({room, seq}); }
    bool remove(const QString &room)
    {
        const int i = find(room);
        if (i < 0)
            return false;
        m_items.remove(i);
        return true;
    }
    int size() const { return int(m_items.size()); }
    bool isEmpty() const { return m_items.isEmpty(); }
    QStringList keys() const
    {
        QStringList out;
        for (const auto &item : m_items)
            out << item.first;
        return out;
    }
    qint64 maxSeq() const
    {
        qint64 m = 0;
        for (const auto &item : m_items)
            m = std::max(m, item.second);
        return m;
    }
    auto begin() const { return m_items.cbegin(); }
    auto end() const { return m_items.cend(); }

private:
    int find(const QString &room) const
    {
        for (int i = 0; i < m_items.size(); ++i) {
            if (m_items.at(i).first == room)
                return i;
        }
        return -1;
    }
    QVarLengthArray<QPair<QString, qint64>, 2> m_items;
};
} // namespace

struct Hub::Peer
{
    qint64 id = 0;
    std::unique_ptr<Link> link;
    Identity identity;
    QString address;
    bool holdsAddress = false; // counted under the per-address cap
    QDateTime connectedAt;
    // Joined rooms, each with the last seq published before the join: later
    // events reach the peer live, earlier ones only through a resume. A flat
    // list: a TV joins a handful of rooms, and a hash costs ~1.4 KiB a peer.
    RoomList rooms;
    qint64 lastSeenMs = 0;
    qint64 sent = 0;
    qint64 dropped = 0;
    qint64 received = 0;
    // Inbound message budget (token bucket) and how often it ran dry.
    double budget = 0;
    qint64 budgetAtMs = 0;
    int violations = 0;
    // While a resume replays from the store, live events wait here.
    bool resuming = false;
    QList<QPair<qint64, QByteArray>> held;
    qint64 heldBytes = 0;
    bool closing = false;
};

Hub::Hub(const Config &config, std::shared_ptr<TokenDirectory> tokens, Engine *engine, qint64 lastSeq, QObject *parent)
    : QObject(parent), m_config(config), m_tokens(std::move(tokens)), m_engine(engine), m_lastSeq(lastSeq)
{
    m_clock.start();
    m_heartbeat.setInterval(m_config.heartbeatIntervalMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &Hub::heartbeat);
    m_heartbeat.start();
}

Hub::~Hub()
{
    qDeleteAll(m_peers);
    qDeleteAll(m_retired);
}

void Hub::attach(QAbstractHttpServer *server)
{
    connect(server, &QAbstractHttpServer::newWebSocketConnection, this, [this, server] {
        while (server->hasPendingWebSocketConnections()) {
            QWebSocket *socket = server->nextPendingWebSocketConnection().release();
            // Looked up first: adopting may close the socket.
            const QPointer<QTcpSocket> wire = m_upgrading.value(upgradeKey(socket->peerAddress(), socket->peerPort()));
            if (m_foreign && m_foreign(socket)) {
                if (wire)
                    releaseUpgrade(wire);
            } else {
                addConnection(socket);
            }
        }
    });
}

bool Hub::reserveAddress(const QString &address)
{
    const auto it = m_perAddress.constFind(address);
    if (it != m_perAddress.cend() && *it >= m_config.maxConnectionsPerAddress)
        return false;
    ++m_perAddress[address];
    return true;
}

void Hub::releaseAddress(const QString &address)
{
    auto it = m_perAddress.find(address);
    if (it != m_perAddress.end() && --*it <= 0)
        m_perAddress.erase(it);
}

void Hub::setServedAddress(const QHostAddress &address, quint16 port)
{
    m_servedAddress = address;
    m_servedPort = port;
    refreshOwnHosts();
}

void Hub::refreshOwnHosts() const
{
    m_ownAddresses = QNetworkInterface::allAddresses();
    if (!m_servedAddress.isNull() && m_servedAddress != QHostAddress::Any && m_servedAddress != QHostAddress::AnyIPv4
        && m_servedAddress != QHostAddress::AnyIPv6)
        m_ownAddresses.append(m_servedAddress);
    m_ownNames = QStringList {QStringLiteral("localhost")};
    const QString name = QHostInfo::localHostName().toLower();
    if (!name.isEmpty()) {
        m_ownNames << name << name + QLatin1String(".local");
        const QString domain = QHostInfo::localDomainName().toLower();
        if (!domain.isEmpty())
            m_ownNames << name + QLatin1Char('.') + domain;
    }
    m_ownHostsAge.start();
}

bool Hub::isOwnHost(const QString &host) const
{
    const QString name = host.toLower();
    if (name.endsWith(QLatin1String(".localhost")))
        return true; // always loopback (RFC 6761)
    const QHostAddress address(name);
    if (!address.isNull() && address.isLoopback())
        return true;
    const auto known = [&] { return address.isNull() ? m_ownNames.contains(name) : m_ownAddresses.contains(address); };
    if (known())
        return true;
    // An interface that came up since the last look.
    if (!address.isNull() && (!m_ownHostsAge.isValid() || m_ownHostsAge.hasExpired(10000))) {
        refreshOwnHosts();
        return known();
    }
    return false;
}

bool Hub::originAllowed(const QString &origin) const
{
    if (origin.isEmpty())
        return true;
    if (m_config.allowedOrigins.contains(QStringLiteral("*")) || m_config.allowedOrigins.contains(origin))
        return true;
    const QUrl url(origin, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return false;
    const QString host = url.host(QUrl::FullyDecoded).toLower();
    const int port = url.port(scheme == QLatin1String("https") ? 443 : 80);
    for (const QString &name : m_config.publicNames) {
        // HOST or HOST:PORT ([v6]:PORT); without a port, any port.
        const QUrl pub(QStringLiteral("http://") + name);
        if (pub.isValid() && pub.host().compare(host, Qt::CaseInsensitive) == 0
            && (pub.port() < 0 || pub.port() == port))
            return true;
    }
    return m_servedPort != 0 && port == m_servedPort && isOwnHost(host);
}

QString Hub::upgradeKey(const QHostAddress &address, quint16 port)
{
    return address.toString() + QLatin1Char('|') + QString::number(port);
}

void Hub::expectUpgrade(QTcpSocket *socket)
{
    m_upgrading.insert(upgradeKey(socket->peerAddress(), socket->peerPort()), socket);
    if (m_upgrading.size() > 4 * (m_peers.size() + 64)) {
        for (auto it = m_upgrading.begin(); it != m_upgrading.end();)
            it = it->isNull() ? m_upgrading.erase(it) : std::next(it);
    }
    // Qt 6.4 answers the handshake on the next loop turn, and the QWebSocket
    // it makes there reads, in its constructor, whatever the client sent
    // behind the request (in the same packet, say): before the socket is a
    // server's (its frames would go out masked) and before anyone listens
    // (messages are lost, a bad frame closes it unseen and the connection
    // object is never reported). The socket's signals stay blocked from just
    // before that handshake until the hub has taken the connection
    // (addConnection, releaseUpgrade); only then are those bytes read.
    // Posted now, this runs before Qt's handshake reader, posted after the
    // route returns.
    QMetaObject::invokeMethod(
            this,
            [this, wire = QPointer<QTcpSocket>(socket)] {
                if (!wire || wire->state() != QAbstractSocket::ConnectedState)
                    return;
                wire->blockSignals(true);
                // After Qt's handshake reader: if no WebSocket came of it (a
                // refused handshake), the socket is Qt's again.
                QMetaObject::invokeMethod(
                        this,
                        [this, wire] {
                            if (wire && wire->signalsBlocked())
                                releaseUpgrade(wire);
                        },
                        Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
}

void Hub::refuseUpgrade(QTcpSocket *socket)
{
    // Runs before Qt's handshake reader (posted after the route returns),
    // which then finds no request; the close comes after that reader.
    QMetaObject::invokeMethod(
            this,
            [this, wire = QPointer<QTcpSocket>(socket)] {
                if (!wire)
                    return;
                wire->readAll();
                QMetaObject::invokeMethod(
                        this,
                        [wire] {
                            if (wire)
                                wire->disconnectFromHost();
                        },
                        Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
}

void Hub::releaseUpgrade(QTcpSocket *wire)
{
    m_upgrading.remove(upgradeKey(wire->peerAddress(), wire->peerPort()));
    wire->blockSignals(false);
    // What Qt would have heard while the signals were blocked. Bytes are
    // announced on the next loop turn, after Qt's second handshake reader
    // has looked (a socket closed by then would make that reader complain).
    if (wire->state() == QAbstractSocket::UnconnectedState) {
        Q_EMIT wire->disconnected();
    } else if (wire->bytesAvailable() > 0) {
        QMetaObject::invokeMethod(
                wire,
                [wire] {
                    if (wire->bytesAvailable() > 0)
                        Q_EMIT wire->readyRead();
                },
                Qt::QueuedConnection);
    }
}

void Hub::addConnection(QWebSocket *socket)
{
    auto *p = new Peer;
    p->id = m_nextPeerId++;
    QTcpSocket *wire = m_upgrading.take(upgradeKey(socket->peerAddress(), socket->peerPort())).data();
    p->address = socket->peerAddress().toString();
    p->connectedAt = QDateTime::currentDateTimeUtc();
    p->lastSeenMs = m_clock.elapsed();
    p->budget = m_config.messagesPerSecond * 2;
    p->budgetAtMs = p->lastSeenMs;
    const QString origin = socket->origin();
    const QUrl url = socket->requestUrl();
    socket->setParent(nullptr);
    socket->setMaxAllowedIncomingFrameSize(quint64(m_config.maxInboundFrameBytes));
    socket->setMaxAllowedIncomingMessageSize(quint64(m_config.maxInboundFrameBytes));
    m_peers.insert(p->id, p);
    m_metrics.connectionsOpened.fetch_add(1, std::memory_order_relaxed);

    if (!wire) {
        // Every upgrade passes through the /ws route, which records its
        // socket; if one ever did not, refuse loudly rather than misbehave.
        if (m_refusalLog.allow("unmatched WebSocket upgrades"))
            qCCritical(lcHub) << "no TCP socket recorded for the WebSocket; refusing connection" << p->id;
        p->link = std::make_unique<QtLink>(p->id, asListener(), socket, nullptr);
        if (socket->state() != QAbstractSocket::ConnectedState)
            removePeer(p); // nothing will ever report its end
        else
            closePeer(p, InternalError, QStringLiteral("internal error"));
        return;
    }
    wire->blockSignals(false);
    p->link = makeLink(p->id, socket, wire);
    if (!reserveAddress(p->address)) {
        closePeer(p, PolicyViolation, QStringLiteral("too many connections from this address"));
        return;
    }
    p->holdsAddress = true;
    if (!originAllowed(origin)) {
        closePeer(p, PolicyViolation, QStringLiteral("origin not allowed"));
        return;
    }
    const QString token = QUrlQuery(url).queryItemValue(QStringLiteral("token"));
    AuthThrottle::Decision throttled;
    p->identity = m_authThrottle->resolve(*m_tokens, token, p->address, &throttled);
    sendControl(p, welcome(p)); // always the first message
    if (!throttled.allowed)
        sendError(p, QStringLiteral("too_many_auth_failures"), throttled.message());
    else if (!token.isEmpty() && p->identity.kind == Identity::Kind::Anonymous)
        sendError(p, QStringLiteral("invalid_token"), QStringLiteral("the token in the URL is not valid"));
    // Frames that came with the handshake, now that the welcome is out:
    // QWebSocket reads them when told its socket has bytes (a DirectLink
    // has taken them already). Told on the next loop turn, after Qt's
    // second handshake reader has looked (and found no request): a socket
    // closed by then would make that reader complain.
    if (wire->bytesAvailable() > 0 && dynamic_cast<QtLink *>(p->link.get())) {
        QMetaObject::invokeMethod(
                this,
                [this, id = p->id, wire = QPointer<QTcpSocket>(wire)] {
                    const Peer *q = m_peers.value(id);
                    if (q && !q->closing && wire && wire->bytesAvailable() > 0)
                        Q_EMIT wire->readyRead();
                },
                Qt::QueuedConnection);
    }
}

std::unique_ptr<Link> Hub::makeLink(qint64 id, QWebSocket *socket, QTcpSocket *wire)
{
    // Taken over only in the usual state right after the handshake: the 101
    // reply wholly sent, and nothing from the client waiting for QWebSocket
    // to read (a client may not send before it has the 101). Otherwise
    // QWebSocket keeps the connection, and nothing is reordered or lost.
    if (m_config.directLinks && !qobject_cast<QSslSocket *>(wire) && wire->state() == QAbstractSocket::ConnectedState
        && wire->bytesToWrite() == 0) {
        // Our own descriptor for the connection; Qt's copy closes with its
        // objects (a close(), not a shutdown(): the connection stays up).
        const int fd = ::fcntl(int(wire->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
        if (fd >= 0) {
            // QWebSocket stops listening at once; anything the client sends
            // meanwhile collects in Qt's buffer. Qt is let go of on the next
            // loop turn: Qt 6.4 has queued its handshake reader more than
            // once, and the copies still pending must find the socket open.
            // What came with the handshake is taken now, so that Qt's
            // pending handshake readers find nothing to read.
            QObject::disconnect(wire, &QIODevice::readyRead, socket, nullptr);
            auto link = std::make_unique<DirectLink>(id, asListener(), fd, m_config.maxInboundFrameBytes);
            QMetaObject::invokeMethod(
                    this,
                    [this, id, socket = QPointer<QWebSocket>(socket), wire = QPointer<QTcpSocket>(wire),
                     early = wire->readAll()] {
                        const QByteArray pending = wire ? early + wire->readAll() : early;
                        if (socket) {
                            socket->abort();
                            socket->deleteLater();
                        }
                        if (Peer *p = m_peers.value(id))
                            static_cast<DirectLink *>(p->link.get())->start(pending);
                    },
                    Qt::QueuedConnection);
            return link;
        }
        qCWarning(lcHub) << "cannot duplicate the socket of connection" << id << "; QWebSocket keeps it";
    }
    return std::make_unique<QtLink>(id, asListener(), socket, wire);
}

void Hub::linkText(qint64 id, const QString &text)
{
    if (Peer *p = m_peers.value(id))
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
    if (admit(p, now))
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

QJsonObject Hub::welcome(const Peer *p) const
{
    QJsonObject w{{"type", "welcome"},
                  {"server", "podium"},
                  {"protocol", 1},
                  {"connection", p->id},
                  {"seq", m_lastSeq},
                  {"heartbeatMs", m_config.heartbeatIntervalMs},
                  {"identity", identityKindName(p->identity.kind)}};
    if (p->identity.personId)
        w.insert("person", p->identity.personId);
    return w;
}

bool Hub::admit(Peer *p, qint64 now)
{
    // Token bucket: `messagesPerSecond`, bursts of twice that.
    if (m_config.messagesPerSecond <= 0)
        return true;
    const double cap = m_config.messagesPerSecond * 2;
    p->budget = std::min(cap, p->budget + double(now - p->budgetAtMs) * m_config.messagesPerSecond / 1000.0);
    p->budgetAtMs = now;
    if (p->budget < 1) {
        if (++p->violations > 100) {
            closePeer(p, PolicyViolation, QStringLiteral("message flood"));
            return false;
        }
        sendError(p, QStringLiteral("rate_limited"),
                  QStringLiteral("more than %1 messages per second").arg(m_config.messagesPerSecond));
        return false;
    }
    p->budget -= 1;
    return true;
}

void Hub::onText(Peer *p, const QString &text)
{
    const qint64 now = m_clock.elapsed();
    p->lastSeenMs = now;
    ++p->received;
    if (p->closing)
        return;
    if (!admit(p, now))
        return;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        sendError(p, QStringLiteral("invalid_json"),
                  parseError.error != QJsonParseError::NoError
                      ? QStringLiteral("malformed JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString())
                      : QStringLiteral("a message must be one JSON object"));
        return;
    }
    const QJsonObject msg = doc.object();
    const QString type = msg.value("type").toString();
    if (type == QLatin1String("ping"))
        sendControl(p, {{"type", "pong"}});
    else if (type == QLatin1String("join"))
        handleJoin(p, msg);
    else if (type == QLatin1String("leave"))
        handleLeave(p, msg);
    else if (type == QLatin1String("resume"))
        handleResume(p, msg);
    else if (type == QLatin1String("hello"))
        handleHello(p, msg);
    else {
        sendError(p, QStringLiteral("unknown_type"),
                  QStringLiteral("field 'type' must be hello, join, leave, resume or ping"));
    }
}

void Hub::handleHello(Peer *p, const QJsonObject &msg)
{
    if (!msg.value("token").isString()) {
        sendError(p, QStringLiteral("invalid_request"), QStringLiteral("field 'token' must be a string"));
        return;
    }
    AuthThrottle::Decision throttled;
    const Identity identity = m_authThrottle->resolve(*m_tokens, msg.value("token").toString(), p->address, &throttled);
    if (!throttled.allowed) {
        sendError(p, QStringLiteral("too_many_auth_failures"), throttled.message());
        return;
    }
    if (identity.kind == Identity::Kind::Anonymous) {
        sendError(p, QStringLiteral("invalid_token"), QStringLiteral("field 'token' is not a valid token"));
        return;
    }
    p->identity = identity;
    sendControl(p, welcome(p));
}

void Hub::handleJoin(Peer *p, const QJsonObject &msg)
{
    if (!msg.value("room").isString()) {
        sendError(p, QStringLiteral("invalid_room"), QStringLiteral("field 'room' must be a string"));
        return;
    }
    joinRoom(p, msg.value("room").toString());
}

bool Hub::joinRoom(Peer *p, const QString &room)
{
    const QString denied = roomAccessError(room, p->identity, m_config.requireViewToken);
    if (!denied.isEmpty()) {
        const QString why = denied == QLatin1String("invalid_room")
                                ? QStringLiteral("room names are 1-128 letters, digits, and _ . : -")
                            : denied == QLatin1String("unknown_room") ? QStringLiteral("no such room: '%1'").arg(room)
                                                                      : QStringLiteral("not allowed to join '%1'").arg(room);
        sendError(p, denied, why, room);
        return false;
    }
    if (!p->rooms.contains(room)) {
        if (p->rooms.size() >= m_config.maxRoomsPerConnection) {
            sendError(p, QStringLiteral("too_many_rooms"),
                      QStringLiteral("at most %1 rooms per connection").arg(m_config.maxRoomsPerConnection), room);
            return false;
        }
        p->rooms.insert(room, m_lastSeq);
        m_rooms[room].insert(p);
        m_metrics.joins.fetch_add(1, std::memory_order_relaxed);
    }
    sendControl(p, {{"type", "joined"}, {"room", room}, {"seq", m_lastSeq}});
    return true;
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

void Hub::handleLeave(Peer *p, const QJsonObject &msg)
{
    const QString room = msg.value("room").toString();
    if (!p->rooms.remove(room)) {
        sendError(p, QStringLiteral("not_joined"), QStringLiteral("not in room '%1'").arg(room), room);
        return;
    }
    leaveRoom(p, room);
    sendControl(p, {{"type", "left"}, {"room", room}});
}

void Hub::handleResume(Peer *p, const QJsonObject &msg)
{
    const QJsonValue sinceValue = msg.value("since");
    // Seqs are whole numbers a double holds exactly (JSON numbers are doubles).
    if (!sinceValue.isDouble() || sinceValue.toDouble() < 0 || sinceValue.toDouble() > 9007199254740991.0
        || sinceValue.toDouble() != std::floor(sinceValue.toDouble())) {
        sendError(p, QStringLiteral("invalid_request"),
                  QStringLiteral("field 'since' must be a sequence number from 0 to 2^53 - 1"));
        return;
    }
    if (msg.contains("rooms") && !msg.value("rooms").isArray()) {
        sendError(p, QStringLiteral("invalid_request"), QStringLiteral("field 'rooms' must be an array of room names"));
        return;
    }
    if (p->resuming) {
        sendError(p, QStringLiteral("resume_in_progress"), QStringLiteral("a resume is already being served"));
        return;
    }
    // Joining in the same message makes join and resume one step: nothing is
    // delivered live in between, so the replay and the live events that
    // follow it arrive in seq order.
    for (const QJsonValue &room : msg.value("rooms").toArray()) {
        if (!room.isString())
            sendError(p, QStringLiteral("invalid_room"), QStringLiteral("field 'rooms' must hold room names"));
        else
            joinRoom(p, room.toString());
    }
    const qint64 since = sinceValue.toInteger();
    p->resuming = true;
    p->held.clear();
    p->heldBytes = 0;
    const RoomList liveFrom = p->rooms;
    const qint64 upTo = liveFrom.maxSeq();
    const qint64 peerId = p->id;
    const int window = m_config.retainedWindowSecs;
    const int maxEvents = m_config.maxResumeEvents;
    // The store answers on the engine thread; live events for this peer are
    // held meanwhile and released after the replay. The replay carries, per
    // room, only what was published before the peer joined it — later events
    // reach it live — so nothing arrives twice and nothing is skipped.
    auto replay = std::make_shared<EventList>();
    auto reset = std::make_shared<bool>(false);
    auto last = std::make_shared<qint64>(0);
    m_engine->run(
        [=](Engine &e) {
            *last = e.committedSeq();
            if (since > *last) {
                *reset = true;
                return Reply{};
            }
            if (since >= upTo)
                return Reply{};
            const QDateTime oldest = e.eventTime(since + 1);
            if (!oldest.isValid() || oldest < e.clock()->now().addSecs(-window)) {
                *reset = true;
                return Reply{};
            }
            const EventList found = e.readEvents(since, upTo, maxEvents + 1, liveFrom.keys());
            for (const Event &ev : found) {
                if (ev.seq <= liveFrom.value(ev.room))
                    replay->append(ev);
            }
            if (found.size() > maxEvents) {
                *reset = true;
                replay->clear();
            }
            return Reply{};
        },
        this, [=](const Reply &) { finishResume(peerId, since, *reset, *replay, *last); });
}

void Hub::finishResume(qint64 peerId, qint64 since, bool reset, const EventList &replay, qint64 lastSeq)
{
    Peer *p = m_peers.value(peerId);
    if (!p || p->closing)
        return;
    if (reset) {
        m_metrics.resets.fetch_add(1, std::memory_order_relaxed);
        sendControl(p, {{"type", "reset"}, {"since", since}, {"seq", lastSeq}});
    } else {
        m_metrics.resumes.fetch_add(1, std::memory_order_relaxed);
        for (const Event &e : replay) {
            write(p, encodeTextFrame(e.toWireFrame()));
            ++p->sent;
        }
        sendControl(p, {{"type", "resumed"}, {"since", since}, {"count", int(replay.size())}, {"seq", std::max(lastSeq, since)}});
    }
    p->resuming = false;
    p->heldBytes = 0;
    const auto held = std::exchange(p->held, {});
    for (const auto &h : held)
        deliver(p, h.first, h.second);
    p->link->flush();
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
        // Encoded and framed once; every member's write queue shares this
        // one buffer (QByteArray is implicitly shared), so no per-client copy.
        const QByteArray frame = encodeTextFrame(e.toWireFrame());
        for (Peer *p : it->snapshot())
            deliver(p, e.seq, frame);
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

void Hub::sendControl(Peer *p, const QJsonObject &msg)
{
    if (p->closing)
        return;
    // Same path as events: a text frame of our own (QWebSocket's send
    // converts and copies per call).
    write(p, encodeTextFrame(QJsonDocument(msg).toJson(QJsonDocument::Compact)));
}

void Hub::sendError(Peer *p, const QString &code, const QString &message, const QString &room)
{
    m_metrics.rejectedMessages.fetch_add(1, std::memory_order_relaxed);
    QJsonObject error{{"type", "error"}, {"code", code}, {"message", message}};
    if (!room.isNull())
        error.insert("room", room);
    sendControl(p, error);
}

void Hub::closePeer(Peer *p, int code, const QString &reason)
{
    if (p->closing)
        return;
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
        leaveRoom(p, joined.first);
    if (p->holdsAddress)
        releaseAddress(p->address);
    m_metrics.connectionsClosed.fetch_add(1, std::memory_order_relaxed);
    p->closing = true;
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
        if (now - p->lastSeenMs > m_config.heartbeatTimeoutMs) {
            m_metrics.heartbeatCloses.fetch_add(1, std::memory_order_relaxed);
            closePeer(p, HeartbeatTimeout, QStringLiteral("no message or pong within %1 ms").arg(m_config.heartbeatTimeoutMs));
            continue;
        }
        p->link->ping();
    }
}

QString Hub::metricsText() const
{
    QString text = m_metrics.render(connectionCount(), roomCount());
    if (m_extraMetrics)
        text += m_extraMetrics();
    return text;
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
