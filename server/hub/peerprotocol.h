#pragma once

#include <QString>

namespace podium {

// A protocol the hub carries beside its own /ws one (Socket.IO): the hub
// keeps the connection (rooms, fan-out, heartbeat, backpressure, the
// per-address cap, /api/connections, kick) and hands the protocol what only
// it can read: the client's messages, and the moment to say goodbye.
class PeerProtocol
{
public:
    // What /api/connections calls the connections of this protocol.
    virtual const char *transportName() const = 0;
    // One message from the client (its budget not yet spent: the protocol
    // spends it with Hub::spendBudget, and answers a refusal its own way).
    virtual void peerText(qint64 id, const QString &text) = 0;
    // The hub is about to close the connection with `code` (Hub::CloseCode):
    // whatever the protocol wants the client to hear last is sent now.
    virtual void peerClosing(qint64 id, int code) = 0;
    // The connection is gone; the protocol forgets it.
    virtual void peerClosed(qint64 id) = 0;

protected:
    ~PeerProtocol() = default;
};

} // namespace podium
