#pragma once

#include "link.h"
#include "wsreader.h"

#include <deque>
#include <memory>

namespace podium {

// A Link the hub carries itself on a plain TCP descriptor once Qt has done
// the handshake: WsReader for what the client sends, one send() per frame
// for what the hub sends.
//
// It exists for memory. A QWebSocket with its QTcpSocket costs about 8 KiB
// per connection (two QObjects with their private parts, some 26 signal
// connections between them, buffers, the parsed handshake); a TV wall that
// only listens needs none of it. A DirectLink is this object, one socket
// notifier (a second one only while a slow client has bytes queued) and,
// between messages, no buffers at all. Frames the hub queues are the shared
// broadcast buffers themselves, never copies.
class DirectLink final : public Link
{
public:
    // Takes ownership of `fd` (connected, non-blocking). It can send at once;
    // it reads once start() hands it what Qt had already read past the
    // handshake.
    DirectLink(qint64 id, Listener *listener, int fd, qint64 maxMessageBytes);
    ~DirectLink() override;

    void start(const QByteArray &pending);
    // Expires with the link: a start posted for later checks it first.
    std::weak_ptr<void> liveness() const { return m_alive; }

    qint64 send(const QByteArray &frame) override;
    qint64 queuedBytes() const override { return m_queuedBytes; }
    void flush() override;
    void ping() override;
    void close(int code, const QString &reason) override;
    void abort() override;

private:
    class Notifier;
    enum class State { Open, CloseSent, Closed };

    void onReadable();
    void onWritable();
    void handle(const QList<WsReader::Message> &messages);
    // Queues or sends `frame` regardless of the closing state.
    void transmit(const QByteArray &frame);
    // Sends the close frame and waits (boundedly) for the client to finish.
    void beginClose(const QByteArray &closeFrame);
    // Ends the connection: unregisters, closes the descriptor, tells the
    // listener (once). Deferred when a send failed, so the hub never hears
    // of a closed connection from inside its own send call.
    void drop();
    void dropLater();
    void setWriteWatch(bool on);

    int m_fd;
    State m_state = State::Open;
    WsReader m_reader;
    std::unique_ptr<Notifier> m_readNotifier;
    std::unique_ptr<Notifier> m_writeNotifier; // only while bytes are queued
    std::deque<QByteArray> m_queue; // frames the kernel has not taken
    qsizetype m_headOffset = 0; // bytes of m_queue.front() already sent
    qint64 m_queuedBytes = 0;
    bool m_closeWhenFlushed = false;
    QByteArray m_pendingPong; // the latest ping's payload, while the queue drains
    bool m_pongPending = false;
    bool m_dropQueued = false;
    std::shared_ptr<char> m_alive = std::make_shared<char>();
};

} // namespace podium
