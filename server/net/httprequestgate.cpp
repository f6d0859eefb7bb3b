#include "httprequestgate.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>

#include <sys/socket.h>

#include <algorithm>
#include <memory>

namespace podium {

namespace {
// One copy buffer for peeking, shared by every gate of the thread: a gate
// keeps no memory for the bytes it looks at.
struct PeekBuffer
{
    std::unique_ptr<char[]> data;
    qint64 capacity = 0;

    char *reserve(qint64 size)
    {
        if (size > capacity) {
            data.reset(new char[size_t(size)]);
            capacity = size;
        }
        return data.get();
    }
    void trim()
    {
        if (capacity > (1 << 20)) {
            data.reset();
            capacity = 0;
        }
    }
};
thread_local PeekBuffer t_peek;

// How long a refused connection is still read from (and its bytes dropped)
// before it is closed; at most the request timeout.
constexpr int kLingerMs = 2000;

const char *reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 408:
        return "Request Timeout";
    case 413:
        return "Payload Too Large";
    case 431:
        return "Request Header Fields Too Large";
    default:
        return "Error";
    }
}
} // namespace

// The gate on one socket. A child of the socket, so it goes with it.
class HttpRequestGate final : public QObject
{
public:
    HttpRequestGate(HttpGatekeeper *keeper, QTcpSocket *socket)
        : QObject(socket)
        , m_keeper(keeper)
        , m_socket(socket)
        , m_framing({keeper->limits().maxBody, keeper->limits().maxHead})
    {
        m_before = connect(socket, &QIODevice::readyRead, this, &HttpRequestGate::beforeRead);
        // A connection that says nothing at all is closed without a reply.
        setDeadline(Timeout::Silent, keeper->nowMs() + keeper->limits().requestTimeoutMs);
        keeper->enlist(this);
    }
    ~HttpRequestGate() override
    {
        if (m_keeper)
            m_keeper->dismiss(this);
    }

    // Connected once QHttpServer has connected its own readyRead slot.
    void watchAfter() { m_after = connect(m_socket, &QIODevice::readyRead, this, &HttpRequestGate::afterRead); }
    void forgetKeeper() { m_keeper = nullptr; }
    qint64 deadline() const { return m_deadline; }
    void expire();

    size_t index = 0; // in the keeper's list

private:
    enum class Timeout { Silent, Head, BodyPause, BodyWhole, Idle };

    void beforeRead();
    void afterRead() { m_unreadAfter = m_socket->bytesAvailable(); }
    void react();
    void setDeadline(Timeout kind, qint64 at)
    {
        m_timeout = kind;
        m_deadline = at;
    }
    void leave(); // stops watching the socket
    void refuse(int status, const char *code, const QString &message);

    HttpGatekeeper *m_keeper;
    QTcpSocket *m_socket;
    HttpFraming m_framing;
    QMetaObject::Connection m_before;
    QMetaObject::Connection m_after;
    // What QHttpServer left in the socket's buffer after the last readyRead:
    // everything beyond it at the next one is new.
    qint64 m_unreadAfter = 0;
    quint64 m_requestsStarted = 0;
    quint64 m_requestsCompleted = 0;
    HttpFraming::Phase m_phase = HttpFraming::Phase::Idle;
    qint64 m_bodyDeadline = 0;
    Timeout m_timeout = Timeout::Silent;
    qint64 m_deadline = 0;
};

void HttpRequestGate::beforeRead()
{
    const qint64 available = m_socket->bytesAvailable();
    qint64 fresh = available - m_unreadAfter;
    m_unreadAfter = available;
    if (fresh <= 0)
        return;
    // Body payload is only counted; bytes are copied out only where framing
    // has to be read (heads, chunk lines, and what follows a body).
    const qint64 opaque = std::min(fresh, m_framing.opaqueBytes());
    m_framing.skip(opaque);
    fresh -= opaque;
    if (fresh > 0 && m_framing.verdict() == HttpFraming::Verdict::Continue) {
        char *buffer = t_peek.reserve(available);
        const qint64 peeked = m_socket->peek(buffer, available);
        const qint64 from = available - fresh;
        if (peeked > from)
            m_framing.feed(buffer + from, peeked - from);
        t_peek.trim();
    }
    react();
}

void HttpRequestGate::react()
{
    using Verdict = HttpFraming::Verdict;
    const HttpGatekeeper::Limits &limits = m_keeper->limits();
    switch (m_framing.verdict()) {
    case Verdict::Continue:
        break;
    case Verdict::Upgraded:
        // The rest is WebSocket frames (QHttpServer hands the socket over, or
        // refuses and closes it, in its slot right after this one).
        leave();
        deleteLater();
        return;
    case Verdict::Malformed:
        refuse(400, "invalid_request", m_framing.problem());
        return;
    case Verdict::HeadTooLarge:
        refuse(431, "headers_too_large", m_framing.problem());
        return;
    case Verdict::BodyTooLarge:
        refuse(413, "payload_too_large", m_framing.problem());
        return;
    }

    const HttpFraming::Phase phase = m_framing.phase();
    const bool newRequest = m_framing.requestsStarted() != m_requestsStarted;
    const bool ended = m_framing.requestsCompleted() != m_requestsCompleted;
    const bool phaseChanged = phase != m_phase || newRequest;
    m_requestsStarted = m_framing.requestsStarted();
    m_requestsCompleted = m_framing.requestsCompleted();
    m_phase = phase;
    const qint64 now = m_keeper->nowMs();
    switch (phase) {
    case HttpFraming::Phase::Head:
        // From the head's first byte; trickling more does not extend it.
        if (phaseChanged)
            setDeadline(Timeout::Head, now + limits.requestTimeoutMs);
        break;
    case HttpFraming::Phase::Body:
        if (phaseChanged)
            m_bodyDeadline = now + limits.bodyTimeoutMs;
        if (now + limits.requestTimeoutMs < m_bodyDeadline)
            setDeadline(Timeout::BodyPause, now + limits.requestTimeoutMs);
        else
            setDeadline(Timeout::BodyWhole, m_bodyDeadline);
        break;
    case HttpFraming::Phase::Idle:
        // Whitespace between requests does not keep a connection alive.
        if (ended)
            setDeadline(Timeout::Idle, now + limits.idleTimeoutMs);
        break;
    case HttpFraming::Phase::Done:
        break;
    }
}

void HttpRequestGate::expire()
{
    const HttpGatekeeper::Limits &limits = m_keeper->limits();
    const double requestSecs = limits.requestTimeoutMs / 1000.0;
    switch (m_timeout) {
    case Timeout::Idle:
        // A reply still leaving (a slow reader of a long list) is not idleness.
        if (m_socket->bytesToWrite() > 0) {
            setDeadline(Timeout::Idle, m_keeper->nowMs() + limits.idleTimeoutMs);
            return;
        }
        [[fallthrough]];
    case Timeout::Silent:
        leave();
        m_socket->disconnectFromHost();
        deleteLater();
        return;
    case Timeout::Head:
        refuse(408, "request_timeout", QStringLiteral("the request head did not arrive within %1 s").arg(requestSecs));
        return;
    case Timeout::BodyPause:
        refuse(408, "request_timeout",
               QStringLiteral("the request body stalled: nothing arrived for %1 s").arg(requestSecs));
        return;
    case Timeout::BodyWhole:
        refuse(408, "request_timeout",
               QStringLiteral("the request body did not arrive within %1 s").arg(limits.bodyTimeoutMs / 1000.0));
        return;
    }
}

void HttpRequestGate::leave()
{
    disconnect(m_before);
    disconnect(m_after);
    if (m_keeper)
        m_keeper->dismiss(this);
    m_keeper = nullptr;
}

void HttpRequestGate::refuse(int status, const char *code, const QString &message)
{
    const int lingerMs = std::min(kLingerMs, m_keeper->limits().requestTimeoutMs);
    leave();
    // QHttpServer hears nothing more of this socket (its slot would come
    // next in this very emission), and what it buffered is dropped.
    disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->skip(m_socket->bytesAvailable());

    const QByteArray body
            = QJsonDocument(
                      QJsonObject {{"error", QJsonObject {{"code", QString::fromLatin1(code)}, {"message", message}}}})
                      .toJson(QJsonDocument::Compact);
    QByteArray reply = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
            + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\nConnection: close\r\n\r\n" + body;
    m_socket->write(reply);

    // A lingering close: a client still sending its body when the answer
    // comes reads it only once it is done sending, and closing with its
    // bytes unread would reset the connection and lose the answer. So the
    // rest is read and dropped for a while; on plain TCP the write side is
    // shut as soon as the answer is out, so the client sees it end.
    connect(m_socket, &QIODevice::readyRead, this, [socket = m_socket] { socket->skip(socket->bytesAvailable()); });
    if (qobject_cast<QSslSocket *>(m_socket)) {
        // TLS ends with a close_notify, which only a full close sends.
        QTimer::singleShot(lingerMs, this, [socket = m_socket] { socket->disconnectFromHost(); });
        return;
    }
    const auto shutWrite = [socket = m_socket] {
        if (socket->bytesToWrite() == 0 && socket->socketDescriptor() >= 0)
            ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
    };
    if (m_socket->bytesToWrite() == 0)
        shutWrite();
    else
        connect(m_socket, &QIODevice::bytesWritten, this, shutWrite);
    QTimer::singleShot(lingerMs, this, [socket = m_socket] { socket->abort(); });
}

HttpGatekeeper::HttpGatekeeper(const Limits &limits, QObject *parent)
    : QObject(parent)
    , m_limits(limits)
{
    m_clock.start();
    const int shortest = std::min({limits.requestTimeoutMs, limits.bodyTimeoutMs, limits.idleTimeoutMs});
    // Timeouts are kept to within a quarter of the shortest one.
    m_sweep.setInterval(std::clamp(shortest / 4, 20, 1000));
    connect(&m_sweep, &QTimer::timeout, this, &HttpGatekeeper::sweep);
}

HttpGatekeeper::~HttpGatekeeper()
{
    for (HttpRequestGate *gate : m_gates)
        gate->forgetKeeper();
}

void HttpGatekeeper::guard(QTcpSocket *socket, const std::function<void()> &handOver)
{
    QPointer<HttpRequestGate> gate = new HttpRequestGate(this, socket);
    handOver();
    if (gate)
        gate->watchAfter();
}

void HttpGatekeeper::enlist(HttpRequestGate *gate)
{
    gate->index = m_gates.size();
    m_gates.push_back(gate);
    if (!m_sweep.isActive())
        m_sweep.start();
}

void HttpGatekeeper::dismiss(HttpRequestGate *gate)
{
    if (gate->index >= m_gates.size() || m_gates[gate->index] != gate)
        return;
    HttpRequestGate *last = m_gates.back();
    m_gates[gate->index] = last;
    last->index = gate->index;
    m_gates.pop_back();
    gate->forgetKeeper();
    if (m_gates.empty())
        m_sweep.stop();
}

void HttpGatekeeper::sweep()
{
    const qint64 now = nowMs();
    std::vector<QPointer<HttpRequestGate>> due;
    for (HttpRequestGate *gate : m_gates) {
        if (gate->deadline() <= now)
            due.emplace_back(gate);
    }
    for (const QPointer<HttpRequestGate> &gate : due) {
        if (gate)
            gate->expire();
    }
}

GatedSslServer::GatedSslServer(QObject *parent)
    : QSslServer(parent)
{
    connect(this, &QTcpServer::pendingConnectionAvailable, this, &GatedSslServer::gatePending);
}

void GatedSslServer::setRequestLimits(const HttpGatekeeper::Limits &limits)
{
    delete m_gatekeeper;
    m_gatekeeper = new HttpGatekeeper(limits, this);
    // A TLS handshake, which comes before any request, gets as long as a head.
    setHandshakeTimeout(limits.requestTimeoutMs);
}

void GatedSslServer::gatePending()
{
    if (m_handingOver || !m_gatekeeper)
        return;
    // Taken off the queue and put back, gated: putting it back emits the
    // signal again, and QHttpServer takes the socket in that emission.
    QList<QTcpSocket *> sockets;
    while (QTcpSocket *socket = nextPendingConnection())
        sockets.append(socket);
    for (QTcpSocket *socket : std::as_const(sockets)) {
        m_gatekeeper->guard(socket, [this, socket] {
            m_handingOver = true;
            addPendingConnection(socket);
            m_handingOver = false;
        });
    }
}

} // namespace podium
