#include "eventstream.h"

namespace podium {

EventStream::EventStream(QObject *parent) : QObject(parent) {}

QString EventStream::stateText() const
{
    switch (m_state) {
    case Live:
        return QStringLiteral("Live");
    case Connecting:
        return QStringLiteral("Connecting");
    case Offline:
        break;
    }
    return QStringLiteral("Offline");
}

void EventStream::join(const QString &room)
{
    if (room.isEmpty() || m_rooms.contains(room))
        return;
    m_rooms.insert(room);
    roomAdded(room);
}

void EventStream::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged();
}

void EventStream::deliver(const Event &e)
{
    // A resume replays what was missed; anything at or below the last seq was
    // already applied, so applying it again would double-count in the models.
    if (e.seq > 0 && e.seq <= m_lastSeq)
        return;
    setLastSeq(e.seq);
    emit event(e);
}

void EventStream::setLastSeq(qint64 seq)
{
    if (seq <= m_lastSeq)
        return;
    m_lastSeq = seq;
    emit lastSeqChanged();
}

void EventStream::restartSeq(qint64 seq)
{
    m_lastSeq = seq;
    emit lastSeqChanged();
}

} // namespace podium
