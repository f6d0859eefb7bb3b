#pragma once

#include "event.h"

#include <QStringList>

namespace podium {

class BatchWriter;

// The event log's rows. Every event has its `seq` (one order for every
// room); the log is what resume and GET /api/events read.
class EventLogRepository
{
public:
    // Room names bound into one statement: a longer list is read in slices.
    static constexpr int kRoomSlots = 32;

    explicit EventLogRepository(BatchWriter &writer)
        : m_writer(writer)
    { }

    void append(const Event &event, const QString &atText);
    qint64 lastSeq();
    // When event `seq` happened; invalid if there is no such event.
    QDateTime timeOf(qint64 seq);
    // Events in (after, upTo], oldest first, at most `limit`; only those in
    // `rooms` unless it is empty.
    EventList read(qint64 after, qint64 upTo, int limit, const QStringList &rooms = {});
    // One page of what a reader without admin rights might read: no admin
    // room, no user room but `ownUser`, and no team room but `ownTeam`
    // unless `everyTeam`. The caller applies the exact rule to each event.
    EventList nonAdminPage(qint64 after, qint64 upTo, int limit, const QString &ownUser, bool everyTeam,
                           const QString &ownTeam);

private:
    EventList roomSlice(qint64 after, qint64 upTo, int limit, const QStringList &rooms);

    BatchWriter &m_writer;
};

} // namespace podium
