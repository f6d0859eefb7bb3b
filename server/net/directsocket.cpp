#include "directsocket.h"

#include <sys/socket.h>
#include <unistd.h>

namespace podium {

DirectTcpSocket::DirectTcpSocket(QObject *parent)
    : QTcpSocket(parent)
{ }

qint64 DirectTcpSocket::writeData(const char *data, qint64 size)
{
    const qintptr fd = socketDescriptor();
    if (size <= 0 || fd < 0 || state() != ConnectedState || QTcpSocket::bytesToWrite() > 0)
        return QTcpSocket::writeData(data, size);

    const ssize_t n = ::send(int(fd), data, size_t(size), MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n == size)
        return size;
    // A full kernel buffer (EAGAIN) or a short write: Qt queues the rest and
    // sends it when the socket is writable. A broken connection is left to
    // Qt too: its own write reports the error and emits the signals.
    const qint64 sent = n > 0 ? n : 0;
    const qint64 queued = QTcpSocket::writeData(data + sent, size - sent);
    return queued < 0 ? (sent > 0 ? sent : queued) : sent + queued;
}

void DirectTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new DirectTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        ::close(int(descriptor));
        return;
    }
    // Small writes leave at once now (a 101 reply, then the welcome, then a
    // reply to the client's join), and with Nagle's algorithm each one after
    // the first would wait for the peer's delayed ACK of the one before.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_gatekeeper)
        m_gatekeeper->guard(socket, [this, socket] { addPendingConnection(socket); });
    else
        addPendingConnection(socket);
}

void DirectTcpServer::setRequestLimits(const HttpGatekeeper::Limits &limits)
{
    delete m_gatekeeper;
    m_gatekeeper = new HttpGatekeeper(limits, this);
}

} // namespace podium
