#pragma once

#include "hub/link.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

class QHttpServerResponder;
class QTcpSocket;

namespace podium::sio {

// Engine.IO timing and limits, as announced in the open packet.
struct EioLimits
{
    int pingIntervalMs = 25000;
    int pingTimeoutMs = 20000;
    qint64 maxPayload = 1000000;
};

// One Engine.IO v4 connection, as the hub sees it: a Link whose frames are
// Engine.IO packets in WebSocket text frames. It carries them over HTTP
// long-polling, over a WebSocket (itself a hub Link: a DirectLink where it
// can be, so a broadcast frame goes out as it is, shared), or over polling
// upgraded to a WebSocket. It knows nothing of Socket.IO: a message packet's
// text goes to the hub as linkText, a pong as linkPong; rooms, heartbeat
// timing and backpressure are the hub's.
class EioSession final : public QObject, public Link, private Link::Listener
{
    Q_OBJECT

public:
    EioSession(qint64 id, Link::Listener *listener, const QString &sid, const EioLimits &limits);
    ~EioSession() override;

    const QString &sid() const { return m_sid; }
    bool isWebSocket() const { return m_ws != nullptr; }
    QString openPacket() const;

    // A long-poll GET: answered at once when packets wait, else held until
    // one is sent (at the latest the next ping).
    void poll(QHttpServerResponder &&responder);
    // A polling POST's body; returns false when it is malformed (the caller
    // answers 400 and the session is closed).
    bool post(const QByteArray &body);
    // A WebSocket for this session: the only transport of a websocket-only
    // client (`probe` false; the open packet goes out first), or the probe of
    // an upgrade from polling.
    void attachWebSocket(std::unique_ptr<Link> ws, bool probe);
    // An id for the next WebSocket link of this session, and whom its
    // link reports to.
    qint64 nextLinkId() { return ++m_linkIds; }
    Link::Listener *transportListener() { return this; }

    // Link: `frame` is one Engine.IO packet in a WebSocket text frame.
    qint64 send(const QByteArray &frame) override;
    qint64 queuedBytes() const override;
    void flush() override;
    // An Engine.IO ping (the client answers with a pong packet).
    void ping() override;
    // A WebSocket client gets the close frame with `code`; a polling one the
    // close packet — after what a kick queued for it (the Socket.IO
    // disconnects), which its next GET fetches first.
    void close(int code, const QString &reason) override;
    void abort() override;

private:
    // Link::Listener of the session's WebSocket links.
    void linkText(qint64 id, const QString &text) override;
    void linkBinary(qint64) override { } // Engine.IO packets are text here
    void linkPong(qint64) override { } // Engine.IO pongs are packets
    void linkClosed(qint64 id) override;

    void onPacket(const QString &packet);
    void onProbeText(const QString &text);
    void flushPoll();
    void answerPoll(const QByteArray &body);
    // Ends the session and tells the hub (once).
    void finish();
    // A link of this session that is done; freed on the next loop turn (it
    // may be reporting from inside its own call).
    void retire(std::unique_ptr<Link> link);

    QString m_sid;
    EioLimits m_limits;
    std::unique_ptr<Link> m_ws;
    std::unique_ptr<Link> m_probe;
    std::vector<std::unique_ptr<Link>> m_retired;
    qint64 m_linkIds = 0;
    bool m_upgrading = false;
    bool m_closing = false; // a close waits for the next GET to carry it
    bool m_closed = false;
    QStringList m_queue;
    qint64 m_queuedBytes = 0;
    std::shared_ptr<QHttpServerResponder> m_pending;
    QPointer<QTcpSocket> m_pendingSocket;
};

} // namespace podium::sio
