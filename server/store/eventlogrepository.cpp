#include "store/eventlogrepository.h"

#include "store/batchwriter.h"
#include "store/store.h"

#include <QSqlQuery>
#include <algorithm>

namespace podium {

namespace {
EventList collect(QSqlQuery &q)
{
    EventList out;
    if (q.exec()) {
        while (q.next()) {
            Event e;
            e.seq = q.value(0).toLongLong();
            e.at = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs);
            e.room = q.value(2).toString();
            e.name = q.value(3).toString();
            e.dataJson = q.value(4).toString().toUtf8();
            out.append(e);
        }
    }
    q.finish();
    return out;
}
} // namespace

void EventLogRepository::append(const Event &e, const QString &atText)
{
    m_writer.write(QStringLiteral("INSERT INTO events (seq, at, room, event, data) VALUES (?, ?, ?, ?, ?)"),
                   {e.seq, atText, e.room, e.name, QString::fromUtf8(e.dataJson)});
}

qint64 EventLogRepository::lastSeq()
{
    return m_writer.store().scalar(QStringLiteral("SELECT MAX(seq) FROM events")).toLongLong();
}

QDateTime EventLogRepository::timeOf(qint64 seq)
{
    const QVariant at = m_writer.store().scalar(QStringLiteral("SELECT at FROM events WHERE seq = ?"), {seq});
    return at.isNull() ? QDateTime() : QDateTime::fromString(at.toString(), Qt::ISODateWithMs);
}

EventList EventLogRepository::read(qint64 after, qint64 upTo, int limit, const QStringList &rooms)
{
    if (rooms.isEmpty()) {
        QSqlQuery &q = m_writer.store().prepared(QStringLiteral(
                "SELECT seq, at, room, event, data FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?"));
        q.bindValue(0, after);
        q.bindValue(1, upTo);
        q.bindValue(2, limit);
        return collect(q);
    }
    if (rooms.size() <= kRoomSlots)
        return roomSlice(after, upTo, limit, rooms);
    // More rooms than one statement holds (a WebSocket client may be in 50):
    // the first `limit` events of each slice, merged in seq order. Each room
    // is in one slice only, so no event comes twice.
    QStringList distinct = rooms;
    distinct.removeDuplicates();
    EventList merged;
    for (qsizetype i = 0; i < distinct.size(); i += kRoomSlots)
        merged += roomSlice(after, upTo, limit, distinct.mid(i, kRoomSlots));
    std::sort(merged.begin(), merged.end(), [](const Event &a, const Event &b) { return a.seq < b.seq; });
    if (merged.size() > limit)
        merged.resize(limit);
    return merged;
}

EventList EventLogRepository::roomSlice(qint64 after, qint64 upTo, int limit, const QStringList &rooms)
{
    // Lists are padded with NULLs (which match no room), so every list
    // takes the same prepared statement.
    static const QString sql = [] {
        QStringList marks;
        for (int i = 0; i < kRoomSlots; ++i)
            marks << QStringLiteral("?");
        return QStringLiteral("SELECT seq, at, room, event, data FROM events WHERE seq > ? AND room IN (%1) "
                              "AND seq <= ? ORDER BY seq LIMIT ?")
                .arg(marks.join(QLatin1Char(',')));
    }();
    QSqlQuery &q = m_writer.store().prepared(sql);
    int i = 0;
    q.bindValue(i++, after);
    for (int slot = 0; slot < kRoomSlots; ++slot)
        q.bindValue(i++, slot < rooms.size() ? QVariant(rooms.at(slot)) : QVariant());
    q.bindValue(i++, upTo);
    q.bindValue(i++, limit);
    return collect(q);
}

EventList EventLogRepository::nonAdminPage(qint64 after, qint64 upTo, int limit, const QString &ownUser, bool everyTeam,
                                           const QString &ownTeam)
{
    QSqlQuery &q = m_writer.store().prepared(QStringLiteral(
            "SELECT seq, at, room, event, data FROM events WHERE seq > ? AND seq <= ? AND room <> 'admin' "
            "AND (room NOT LIKE 'user:%' OR room = ?) AND (? = 1 OR room NOT LIKE 'team:%' OR room = ?) "
            "ORDER BY seq LIMIT ?"));
    q.bindValue(0, after);
    q.bindValue(1, upTo);
    q.bindValue(2, ownUser.isEmpty() ? QStringLiteral("-") : ownUser);
    q.bindValue(3, everyTeam ? 1 : 0);
    q.bindValue(4, ownTeam.isEmpty() ? QStringLiteral("-") : ownTeam);
    q.bindValue(5, limit);
    return collect(q);
}

} // namespace podium
