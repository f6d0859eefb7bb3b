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
    // The flags sit together, in the word `violations` leaves half empty.
    bool holdsAddress = false; // counted under the per-address cap
    bool resuming = false; // while a resume replays, live events wait in `held`
    bool closing = false;
    QList<QPair<qint64, QByteArray>> held;
    qint64 heldBytes = 0;
};

} // namespace podium
