#pragma once

#include "link.h"

#include <QObject>
#include <QPointer>

class QTcpSocket;
class QWebSocket;

namespace podium {

// A Link carried by QWebSocket: the handshake, inbound frames, pings and
// close are Qt's. Frames the hub builds go to the TCP (or TLS) socket under
// it, so a broadcast is not re-framed per client. Used for TLS, where Qt
// must encrypt, and wherever the hub does not take the connection over.
class QtLink final : public Link
{
public:
    QtLink(qint64 id, Listener *listener, QWebSocket *socket, QTcpSocket *wire);
    ~QtLink() override;

    qint64 send(const QByteArray &frame) override;
    qint64 queuedBytes() const override;
    void flush() override;
    void ping() override;
    void close(int code, const QString &reason) override;
    void abort() override;

private:
    void reportClosed(); // once

    QPointer<QWebSocket> m_socket;
    bool m_closedReported = false;
    QPointer<QTcpSocket> m_wire;
};

} // namespace podium
