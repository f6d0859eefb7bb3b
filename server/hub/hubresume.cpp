// The native /ws resume: a reconnecting client gets every event it missed in
// its rooms, in order and once, or a reset past the retained window.
#include "hub.h"

#include "engine/engine.h"
#include "hubpeer.h"
#include "wsframe.h"

#include <QJsonObject>
#include <cmath>

namespace podium {

void Hub::handleResume(Peer *p, const QJsonObject &msg)
{
    const QJsonValue sinceValue = msg.value("since");
    // Seqs are whole numbers a double holds exactly (JSON numbers are doubles).
    if (!sinceValue.isDouble() || sinceValue.toDouble() < 0 || sinceValue.toDouble() > 9007199254740991.0
        || sinceValue.toDouble() != std::floor(sinceValue.toDouble())) {
        sendError(p, QStringLiteral("invalid_request"),
                  QStringLiteral("field 'since' must be a sequence number from 0 to 2^53 - 1"));
        return;
    }
    if (msg.contains("rooms") && !msg.value("rooms").isArray()) {
        sendError(p, QStringLiteral("invalid_request"), QStringLiteral("field 'rooms' must be an array of room names"));
        return;
    }
    if (p->resuming) {
        sendError(p, QStringLiteral("resume_in_progress"), QStringLiteral("a resume is already being served"));
        return;
    }
    // Joining in the same message makes join and resume one step: nothing is
    // delivered live in between, so the replay and the live events that
    // follow it arrive in seq order.
    for (const QJsonValue &room : msg.value("rooms").toArray()) {
        if (!room.isString())
            sendError(p, QStringLiteral("invalid_room"), QStringLiteral("field 'rooms' must hold room names"));
        else
            joinRoom(p, room.toString());
    }
    const qint64 since = sinceValue.toInteger();
    p->resuming = true;
    p->held.clear();
    p->heldBytes = 0;
    const RoomList liveFrom = p->rooms;
    const qint64 upTo = liveFrom.maxSeq();
    const qint64 peerId = p->id;
    const int window = m_config.retainedWindowSecs;
    const int maxEvents = m_config.maxResumeEvents;
    // The store answers on the engine thread; live events for this peer are
    // held meanwhile and released after the replay. The replay carries, per
    // room, only what was published before the peer joined it — later events
    // reach it live — so nothing arrives twice and nothing is skipped.
    auto replay = std::make_shared<EventList>();
    auto reset = std::make_shared<bool>(false);
    auto last = std::make_shared<qint64>(0);
    m_engine->run(
            [=](Engine &e) {
                *last = e.committedSeq();
                if (since > *last) {
                    *reset = true;
                    return Reply {};
                }
                if (since >= upTo)
                    return Reply {};
                const QDateTime oldest = e.eventTime(since + 1);
                if (!oldest.isValid() || oldest < e.clock()->now().addSecs(-window)) {
                    *reset = true;
                    return Reply {};
                }
                const EventList found = e.readEvents(since, upTo, maxEvents + 1, liveFrom.keys());
                for (const Event &ev : found) {
                    if (ev.seq <= liveFrom.value(ev.room))
                        replay->append(ev);
                }
                if (found.size() > maxEvents) {
                    *reset = true;
                    replay->clear();
                }
                return Reply {};
            },
            this, [=](const Reply &) { finishResume(peerId, since, *reset, *replay, *last); });
}

void Hub::finishResume(qint64 peerId, qint64 since, bool reset, const EventList &replay, qint64 lastSeq)
{
    Peer *p = m_peers.value(peerId);
    if (!p || p->closing)
        return;
    if (reset) {
        m_metrics.resets.fetch_add(1, std::memory_order_relaxed);
        sendControl(p, {{"type", "reset"}, {"since", since}, {"seq", lastSeq}});
    } else {
        m_metrics.resumes.fetch_add(1, std::memory_order_relaxed);
        for (const Event &e : replay) {
            write(p, encodeTextFrame(e.toWireFrame()));
            ++p->sent;
        }
        sendControl(p,
                    {{"type", "resumed"},
                     {"since", since},
                     {"count", int(replay.size())},
                     {"seq", std::max(lastSeq, since)}});
    }
    p->resuming = false;
    p->heldBytes = 0;
    const auto held = std::exchange(p->held, {});
    for (const auto &h : held)
        deliver(p, h.first, h.second);
    p->link->flush();
}

} // namespace podium
