#pragma once

#include "directory/identity.h"
#include "http/reply.h"

#include <QStringList>

namespace podium {

class Engine;

// GET /api/events: a page of the committed event log as JSON. Runs on the
// engine thread.
namespace rest {

// Who reads the event log over REST. The rooms they may read are the ones
// a WebSocket `join` admits (roomAccessError): one rule for both.
struct EventReader
{
    Identity who;
    bool requireViewToken = false; // --require-view-token
};
inline constexpr int kMaxEventRooms = 32; // names in one `rooms` list

Reply events(Engine &engine, qint64 since, int limit, const QStringList &rooms, const EventReader &reader);
// The same for in-process readers (the wall in this process), who see every room.
Reply events(Engine &engine, qint64 since, int limit, const QStringList &rooms = {});

} // namespace rest
} // namespace podium
