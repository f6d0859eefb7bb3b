#pragma once

#include "httpframing.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSslServer>
#include <QTimer>

#include <functional>
#include <vector>

class QTcpSocket;

namespace podium {

class HttpRequestGate;

// Holds every HTTP connection of a listener to the request limits before
// QHttpServer buffers anything, and runs the one timer for their timeouts.
//
// QHttpServer (Qt 6.4) reads a socket on readyRead into memory until a
// request is whole, with no limit and no timeout. guard() puts a gate on a
// socket whose readyRead slot runs before QHttpServer's: it frames the new
// bytes with HttpFraming and, on a violation, drops what is buffered, answers
// with the API's JSON error and `Connection: close`, and closes. After a
// WebSocket upgrade request the gate leaves the socket for good.
class HttpGatekeeper : public QObject
{
    Q_OBJECT

public:
    struct Limits
    {
        qint64 maxBody = 1 << 20; // 413 above
        qint64 maxHead = 32 * 1024; // 431 above
        int requestTimeoutMs = 10000; // 408: a head must be whole, and a body may pause, at most this long
        int bodyTimeoutMs = 60000; // 408: a body must be whole this long after its head
        int idleTimeoutMs = 60000; // closed: a keep-alive connection may wait this long for its next request
    };

    explicit HttpGatekeeper(const Limits &limits, QObject *parent = nullptr);
    ~HttpGatekeeper() override;

    // Puts a gate on `socket`, runs `handOver` (which gives the socket to
    // QHttpServer, whose readyRead slot then comes after the gate's), and
    // lets the gate see what QHttpServer leaves unread.
    void guard(QTcpSocket *socket, const std::function<void()> &handOver);

    const Limits &limits() const { return m_limits; }
    // Connections still under HTTP (not upgraded, not closed).
    int guardedCount() const { return int(m_gates.size()); }

private:
    friend class HttpRequestGate;
    qint64 nowMs() const { return m_clock.elapsed(); }
    void enlist(HttpRequestGate *gate);
    void dismiss(HttpRequestGate *gate);
    void sweep();

    Limits m_limits;
    QElapsedTimer m_clock;
    QTimer m_sweep;
    std::vector<HttpRequestGate *> m_gates;
};

// A QSslServer whose connections, once encrypted, pass an HttpGatekeeper
// before QHttpServer gets them. Qt 6.4's addPendingConnection() is not
// virtual, so the gate goes on in the first slot of pendingConnectionAvailable
// (this class connects it before QHttpServer's bind() can).
class GatedSslServer final : public QSslServer
{
    Q_OBJECT

public:
    explicit GatedSslServer(QObject *parent = nullptr);
    void setRequestLimits(const HttpGatekeeper::Limits &limits);

private:
    void gatePending();

    HttpGatekeeper *m_gatekeeper = nullptr;
    bool m_handingOver = false;
};

} // namespace podium
