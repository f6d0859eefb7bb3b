// Taking WebSocket connections from Qt: the upgrade handshake is Qt's, the
// connection the hub's (a DirectLink on plain TCP, else QtLink), for /ws and
// for the protocols beside it (Socket.IO).
#include "hub.h"

#include "directlink.h"
#include "directory/tokendirectory.h"
#include "http/auththrottle.h"
#include "hubpeer.h"
#include "logging.h"
#include "qtlink.h"

#include <QAbstractHttpServer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>
#include <fcntl.h>

namespace podium {

void Hub::attach(QAbstractHttpServer *server)
{
    connect(server, &QAbstractHttpServer::newWebSocketConnection, this, [this, server] {
        while (server->hasPendingWebSocketConnections()) {
            QWebSocket *socket = server->nextPendingWebSocketConnection().release();
            // Looked up first: adopting may close the socket.
            const QString key = upgradeKey(socket->peerAddress(), socket->peerPort());
            const QPointer<QTcpSocket> wire = m_upgrading.value(key);
            if (m_foreign && m_foreign(socket)) {
                // Refused rather than taken (takeWebSocket): Qt's again.
                if (wire && m_upgrading.contains(key))
                    releaseUpgrade(wire);
            } else {
                addConnection(socket);
            }
        }
    });
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
    Peer *p = newPeer(m_nextPeerId++, socket->peerAddress().toString());
    ++m_nativePeers;
    QTcpSocket *wire = m_upgrading.take(upgradeKey(socket->peerAddress(), socket->peerPort())).data();
    const QString origin = socket->origin();
    const QUrl url = socket->requestUrl();
    socket->setParent(nullptr);
    socket->setMaxAllowedIncomingFrameSize(quint64(m_config.maxInboundFrameBytes));
    socket->setMaxAllowedIncomingMessageSize(quint64(m_config.maxInboundFrameBytes));
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
    p->link = makeLink(p->id, socket, wire, asListener(), m_config.maxInboundFrameBytes);
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
}

std::unique_ptr<Link> Hub::takeWebSocket(QWebSocket *socket, qint64 linkId, Link::Listener *listener,
                                         qint64 maxMessageBytes)
{
    QTcpSocket *wire = m_upgrading.take(upgradeKey(socket->peerAddress(), socket->peerPort())).data();
    if (!wire) {
        if (m_refusalLog.allow("unmatched WebSocket upgrades"))
            qCCritical(lcHub) << "no TCP socket recorded for the WebSocket; refusing it";
        return nullptr;
    }
    socket->setParent(nullptr);
    socket->setMaxAllowedIncomingFrameSize(quint64(maxMessageBytes));
    socket->setMaxAllowedIncomingMessageSize(quint64(maxMessageBytes));
    wire->blockSignals(false);
    return makeLink(linkId, socket, wire, listener, maxMessageBytes);
}

std::unique_ptr<Link> Hub::makeLink(qint64 id, QWebSocket *socket, QTcpSocket *wire, Link::Listener *listener,
                                    qint64 maxMessageBytes)
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
            auto link = std::make_unique<DirectLink>(id, listener, fd, maxMessageBytes);
            QMetaObject::invokeMethod(
                    this,
                    [socket = QPointer<QWebSocket>(socket), wire = QPointer<QTcpSocket>(wire), early = wire->readAll(),
                     direct = link.get(), alive = link->liveness()] {
                        const QByteArray pending = wire ? early + wire->readAll() : early;
                        if (socket) {
                            socket->abort();
                            socket->deleteLater();
                        }
                        if (!alive.expired())
                            direct->start(pending);
                    },
                    Qt::QueuedConnection);
            return link;
        }
        qCWarning(lcHub) << "cannot duplicate the socket of connection" << id << "; QWebSocket keeps it";
    }
    auto link = std::make_unique<QtLink>(id, listener, socket, wire);
    // Frames that came with the handshake, once the caller has sent its
    // first message (the welcome, Engine.IO's open packet): QWebSocket reads
    // them when told its socket has bytes (a DirectLink has taken them
    // already). Told on the next loop turn, after Qt's second handshake
    // reader has looked (and found no request): a socket closed by then
    // would make that reader complain.
    if (wire->bytesAvailable() > 0) {
        QMetaObject::invokeMethod(
                this,
                [wire = QPointer<QTcpSocket>(wire)] {
                    if (wire && wire->bytesAvailable() > 0)
                        Q_EMIT wire->readyRead();
                },
                Qt::QueuedConnection);
    }
    return link;
}

} // namespace podium
