#pragma once

#include <QByteArray>
#include <QString>

namespace podium {

// One client's WebSocket connection as the hub sees it, whoever carries it:
// QWebSocket (QtLink, used under TLS) or the hub's own reader and writer on
// the socket descriptor (DirectLink, plain TCP). The hub hands it whole
// server frames, built once per broadcast, and hears back through Listener.
class Link
{
public:
    class Listener
    {
    public:
        virtual void linkText(qint64 id, const QString &text) = 0;
        virtual void linkBinary(qint64 id) = 0;
        virtual void linkPong(qint64 id) = 0;
        // The connection is gone (closed by either side, or broken). Called
        // once; the link may be deleted from here on, but not inside the call.
        virtual void linkClosed(qint64 id) = 0;

    protected:
        ~Listener() = default;
    };

    explicit Link(qint64 id, Listener *listener)
        : m_id(id)
        , m_listener(listener)
    { }
    virtual ~Link() = default;
    Link(const Link &) = delete;
    Link &operator=(const Link &) = delete;

    qint64 id() const { return m_id; }

    // Sends one pre-built server frame (wsframe.h); returns the bytes still
    // waiting to be sent after it, which the hub holds to its outbound cap.
    virtual qint64 send(const QByteArray &frame) = 0;
    virtual qint64 queuedBytes() const = 0;
    // Sends what is queued now rather than on the next loop turn, if it can.
    virtual void flush() = 0;
    virtual void ping() = 0;
    // Starts the closing handshake; the connection ends when the client
    // answers (or when abort() cuts it short).
    virtual void close(int code, const QString &reason) = 0;
    // Ends the connection now, dropping whatever is queued.
    virtual void abort() = 0;

protected:
    Listener *listener() const { return m_listener; }

private:
    qint64 m_id;
    Listener *m_listener;
};

} // namespace podium
