#include "qtlink.h"

#include <QTcpSocket>
#include <QWebSocket>
#include <utility>

namespace podium {

QtLink::QtLink(qint64 id, Listener *listener, QWebSocket *socket, QTcpSocket *wire)
    : Link(id, listener)
    , m_socket(socket)
    , m_wire(wire)
{
    QObject::connect(socket, &QWebSocket::textMessageReceived, socket,
                     [listener, id](const QString &text) { listener->linkText(id, text); });
    QObject::connect(socket, &QWebSocket::binaryMessageReceived, socket,
                     [listener, id](const QByteArray &) { listener->linkBinary(id); });
    QObject::connect(socket, &QWebSocket::pong, socket,
                     [listener, id](quint64, const QByteArray &) { listener->linkPong(id); });
    QObject::connect(socket, &QWebSocket::disconnected, socket, [this] { reportClosed(); });
}

void QtLink::reportClosed()
{
    if (std::exchange(m_closedReported, true))
        return;
    listener()->linkClosed(id());
}

QtLink::~QtLink()
{
    // Never destroyed from inside one of the socket's signals (the hub frees
    // its peers on a later loop turn), so the socket can go right away.
    if (m_socket) {
        m_socket->disconnect();
        m_socket->abort();
        delete m_socket.data();
    }
}

qint64 QtLink::send(const QByteArray &frame)
{
    if (!m_wire)
        return 0;
    // Over plain TCP the wire is a DirectTcpSocket: with nothing queued the
    // frame goes to the kernel in this call, without a copy.
    m_wire->write(frame);
    // Something was queued (a slow reader, or TLS): write now rather than on
    // the next loop turn, so one broadcast is one write() per member.
    if (m_wire->bytesToWrite() > 0)
        m_wire->flush();
    return m_wire->bytesToWrite();
}

qint64 QtLink::queuedBytes() const
{
    return m_wire ? m_wire->bytesToWrite() : 0;
}

void QtLink::flush()
{
    if (m_socket)
        m_socket->flush();
}

void QtLink::ping()
{
    if (m_socket)
        m_socket->ping();
}

void QtLink::close(int code, const QString &reason)
{
    if (m_socket)
        m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

void QtLink::abort()
{
    // A QWebSocket whose connection ended before the hub had it never says
    // so again: the end is reported here, so its peer is never left behind.
    if (m_socket && m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
    else
        reportClosed();
}

} // namespace podium
