#include "directlink.h"

#include "logging.h"
#include "logthrottle.h"

#include <QEvent>
#include <QSocketNotifier>
#include <QTimer>
#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

namespace podium {

namespace {
// How long a closing client has to answer the close frame.
constexpr int kCloseTimeoutMs = 2000;
} // namespace

// A socket notifier that calls its link back from its event, without a
// signal connection per notifier.
class DirectLink::Notifier final : public QSocketNotifier
{
public:
    Notifier(int fd, Type type, DirectLink *link, void (DirectLink::*onActive)())
        : QSocketNotifier(fd, type)
        , m_link(link)
        , m_onActive(onActive)
    { }

protected:
    bool event(QEvent *e) override
    {
        if (e->type() != QEvent::SockAct)
            return QSocketNotifier::event(e);
        // The call may delete this notifier: nothing of it is touched after.
        DirectLink *link = m_link;
        const auto onActive = m_onActive;
        (link->*onActive)();
        return true;
    }

private:
    DirectLink *m_link;
    void (DirectLink::*m_onActive)();
};

DirectLink::DirectLink(qint64 id, Listener *listener, int fd, qint64 maxMessageBytes)
    : Link(id, listener)
    , m_fd(fd)
    , m_reader(maxMessageBytes)
    , m_readNotifier(std::make_unique<Notifier>(fd, QSocketNotifier::Read, this, &DirectLink::onReadable))
{
    // Reading waits for start(): bytes Qt already read come first.
    m_readNotifier->setEnabled(false);
}

void DirectLink::start(const QByteArray &pending)
{
    if (m_state == State::Closed || m_dropQueued)
        return;
    m_readNotifier->setEnabled(true);
    if (!pending.isEmpty())
        handle(m_reader.feed(pending.constData(), pending.size()));
}

DirectLink::~DirectLink()
{
    m_readNotifier.reset();
    m_writeNotifier.reset();
    if (m_fd >= 0)
        ::close(m_fd);
}

qint64 DirectLink::send(const QByteArray &frame)
{
    if (m_state != State::Open)
        return m_queuedBytes;
    transmit(frame);
    return m_queuedBytes;
}

void DirectLink::transmit(const QByteArray &frame)
{
    if (m_fd < 0)
        return;
    qsizetype sent = 0;
    if (m_queue.empty()) {
        const ssize_t n = ::send(m_fd, frame.constData(), size_t(frame.size()), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n == frame.size())
            return;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            dropLater(); // reset by the peer, or the like
            return;
        }
        sent = n > 0 ? qsizetype(n) : 0;
        m_headOffset = sent;
    }
    m_queue.push_back(frame); // shared with every other member, not copied
    m_queuedBytes += frame.size() - sent;
    setWriteWatch(true);
}

void DirectLink::flush()
{
    if (!m_queue.empty())
        onWritable();
}

void DirectLink::onWritable()
{
    while (!m_queue.empty() && m_fd >= 0) {
        const QByteArray &head = m_queue.front();
        const qsizetype left = head.size() - m_headOffset;
        const ssize_t n = ::send(m_fd, head.constData() + m_headOffset, size_t(left), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
                return;
            dropLater();
            return;
        }
        m_queuedBytes -= n;
        if (n < left) {
            m_headOffset += n;
            return;
        }
        m_queue.pop_front();
        m_headOffset = 0;
    }
    setWriteWatch(false);
    if (m_pongPending && m_state == State::Open) {
        m_pongPending = false;
        transmit(encodeFrame(WsOpcode::Pong, std::exchange(m_pendingPong, {})));
        return;
    }
    if (m_closeWhenFlushed && m_fd >= 0)
        ::shutdown(m_fd, SHUT_WR);
}

void DirectLink::setWriteWatch(bool on)
{
    if (on && !m_writeNotifier)
        m_writeNotifier = std::make_unique<Notifier>(m_fd, QSocketNotifier::Write, this, &DirectLink::onWritable);
    else if (!on && m_writeNotifier)
        m_writeNotifier.reset(); // most clients never back up: keep none
}

void DirectLink::onReadable()
{
    char buffer[16384];
    // A bounded number of reads per wake-up, so one chatty client cannot
    // starve the others on this thread.
    for (int round = 0; round < 4 && m_fd >= 0; ++round) {
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n == 0) {
            drop(); // the client went away without a close frame
            return;
        }
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
                return;
            drop();
            return;
        }
        handle(m_reader.feed(buffer, n));
        if (n < qsizetype(sizeof buffer))
            return;
    }
}

void DirectLink::handle(const QList<WsReader::Message> &messages)
{
    for (const WsReader::Message &m : messages) {
        if (m_state == State::Closed)
            return;
        switch (m.kind) {
        case WsOpcode::Text:
            if (m_state == State::Open)
                listener()->linkText(id(), m.text);
            break;
        case WsOpcode::Binary:
            if (m_state == State::Open)
                listener()->linkBinary(id());
            break;
        case WsOpcode::Ping:
            if (m_state != State::Open)
                break;
            // A client that pings faster than it reads gets one answer, to
            // its latest ping, once its queue drains (RFC 6455 §5.5.3).
            if (m_queue.empty())
                transmit(encodeFrame(WsOpcode::Pong, m.payload));
            else {
                m_pendingPong = m.payload;
                m_pongPending = true;
            }
            break;
        case WsOpcode::Pong:
            listener()->linkPong(id());
            break;
        case WsOpcode::Close:
            if (m_state == State::Open) {
                // Echo the client's code (none when it sent none); the client
                // then closes the TCP connection, which ends ours.
                beginClose(m.closeCode == 1005 ? encodeFrame(WsOpcode::Close, {})
                                               : encodeCloseFrame(m.closeCode, QString()));
            } else {
                drop(); // the answer to our close: done
                return;
            }
            break;
        default:
            break;
        }
    }
    if (m_reader.error() && m_state == State::Open) {
        // Any client can do this at will: a few lines, then a count.
        static LogThrottle log(lcHub(), 5, 10000);
        if (log.allow("protocol violations"))
            qCInfo(lcHub) << "connection" << id() << "broke the protocol:" << m_reader.errorReason();
        // The reader ignores the rest of the stream; reads go on only to
        // notice the client's FIN (closing with unread bytes would reset the
        // connection and could lose the close frame on its way).
        beginClose(encodeCloseFrame(m_reader.error(), m_reader.errorReason()));
    }
}

void DirectLink::beginClose(const QByteArray &closeFrame)
{
    m_state = State::CloseSent;
    transmit(closeFrame);
    m_closeWhenFlushed = true;
    if (m_queue.empty() && m_fd >= 0)
        ::shutdown(m_fd, SHUT_WR);
    // A client that never answers is cut off.
    QTimer::singleShot(kCloseTimeoutMs, m_readNotifier.get(), [this] { drop(); });
}

void DirectLink::ping()
{
    if (m_state == State::Open)
        transmit(encodeFrame(WsOpcode::Ping, {}));
}

void DirectLink::close(int code, const QString &reason)
{
    if (m_state == State::Open)
        beginClose(encodeCloseFrame(code, reason));
}

void DirectLink::abort()
{
    drop();
}

void DirectLink::dropLater()
{
    if (m_state == State::Closed || m_dropQueued)
        return;
    m_dropQueued = true;
    m_readNotifier->setEnabled(false);
    QMetaObject::invokeMethod(
            m_readNotifier.get(), [this] { drop(); }, Qt::QueuedConnection);
}

void DirectLink::drop()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    // Unregister before closing, so a descriptor the kernel hands out again
    // is never mistaken for this one (this may run inside a notifier's own
    // event, which touches nothing of itself afterwards).
    m_writeNotifier.reset();
    m_readNotifier.reset();
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    m_queue.clear();
    m_queuedBytes = 0;
    listener()->linkClosed(id());
}

} // namespace podium
