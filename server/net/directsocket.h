#pragma once

#include "httprequestgate.h"

#include <QTcpServer>
#include <QTcpSocket>

namespace podium {

// A QTcpSocket whose writes go straight to the kernel while nothing is queued.
//
// QTcpSocket copies every write into a per-socket ring buffer and sends it on
// the next loop turn. The buffer's first allocation is a 32 KiB chunk that is
// kept for the socket's lifetime (the handshake reply of every WebSocket
// creates it), which made a connected TV cost as much memory as a Socket.IO
// one. Here a write with nothing queued in Qt is one non-blocking send();
// only what the kernel does not take is handed to QTcpSocket's buffer, behind
// which every later write queues, so bytes keep their order and Qt's own
// machinery (write notifier, bytesToWrite, flush on close) covers the rest.
// A socket that never backs up never allocates a write buffer.
class DirectTcpSocket final : public QTcpSocket
{
    Q_OBJECT

public:
    explicit DirectTcpSocket(QObject *parent = nullptr);

protected:
    qint64 writeData(const char *data, qint64 size) override;
};

// A listener whose accepted connections are DirectTcpSockets, with Nagle off,
// and (once setRequestLimits() was called) held to HTTP request limits.
class DirectTcpServer final : public QTcpServer
{
    Q_OBJECT

public:
    using QTcpServer::QTcpServer;
    void setRequestLimits(const HttpGatekeeper::Limits &limits);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    HttpGatekeeper *m_gatekeeper = nullptr;
};

} // namespace podium
