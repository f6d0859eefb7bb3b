#pragma once

#include "hub.h"
#include "roomlist.h"

#include <QDateTime>

namespace podium {

// One client connection as the hub keeps it, whatever its protocol.
struct Hub::Peer
{
    qint64 id = 0;
    std::unique_ptr<Link> link;
    PeerProtocol *protocol = nullptr; // nullptr: the native /ws protocol
    Identity identity;
    QString address;
    bool holdsAddress = false; // counted under the per-address cap
    QDateTime connectedAt;
    // Joined rooms, each with the last seq published before the join: later
    // events reach the peer live, earlier ones only through a resume.
    RoomList rooms;
    // Heartbeat: a ping every interval; silence past the timeout closes.
    qint64 lastSeenMs = 0;
    qint64 lastPingMs = 0;
    int pingIntervalMs = 0;
    int timeoutMs = 0;
    qint64 sent = 0;
    qint64 dropped = 0;
    qint64 received = 0;
    // Inbound message budget (token bucket) and how often it ran dry.
    double budget = 0;
    qint64 budgetAtMs = 0;
    int violations = 0;
    // While a resume replays from the store, live events wait here.
    bool resuming = false;
    QList<QPair<qint64, QByteArray>> held;
    qint64 heldBytes = 0;
    bool closing = false;
};

} // namespace podium
