#pragma once

#include <QString>
#include <QStringList>
#include <QVarLengthArray>
#include <algorithm>

namespace podium {

// The few rooms of one connection: for each, the seq it was joined at and
// the channels it was joined on. A native /ws connection has one channel
// (0); a Socket.IO session has one per namespace, each joining on its own.
// A flat list: a TV joins a handful of rooms, and a hash costs ~1.4 KiB a
// connection.
class RoomList
{
public:
    // 32 bytes: the seq and the channels share one word (a seq needs far
    // fewer than 56 bits), so the two entries every connection keeps inline
    // cost 16 bytes less than with a word each.
    struct Entry
    {
        QString room;
        quint64 seq : 56;
        quint64 channels : 8; // bit c: joined on channel c
    };
    static_assert(sizeof(Entry) == sizeof(QString) + sizeof(quint64));

    bool contains(const QString &room) const { return find(room) >= 0; }
    qint64 value(const QString &room) const
    {
        const int i = find(room);
        return i < 0 ? 0 : qint64(m_items.at(i).seq);
    }
    quint8 channels(const QString &room) const
    {
        const int i = find(room);
        return i < 0 ? 0 : quint8(m_items.at(i).channels);
    }
    // Adds `channel` to the room's channels; true when the room is new to
    // the connection.
    bool insert(const QString &room, qint64 seq, int channel = 0)
    {
        const int i = find(room);
        if (i >= 0) {
            m_items[i].channels |= quint8(1u << channel);
            return false;
        }
        m_items.append({room, quint64(seq), 1u << channel});
        return true;
    }
    enum class Removed { NotJoined, Channel, Room };
    // Takes `channel` off the room; the room goes with its last channel.
    Removed remove(const QString &room, int channel = 0)
    {
        const int i = find(room);
        const quint8 bit = quint8(1u << channel);
        if (i < 0 || !(m_items.at(i).channels & bit))
            return Removed::NotJoined;
        m_items[i].channels &= ~quint64(bit);
        if (m_items.at(i).channels)
            return Removed::Channel;
        m_items.remove(i);
        return Removed::Room;
    }
    int size() const { return int(m_items.size()); }
    // How many rooms were joined on `channel`.
    int count(int channel) const
    {
        return int(std::count_if(m_items.cbegin(), m_items.cend(),
                                 [bit = quint8(1u << channel)](const Entry &e) { return e.channels & bit; }));
    }
    bool isEmpty() const { return m_items.isEmpty(); }
    QStringList keys() const
    {
        QStringList out;
        for (const auto &item : m_items)
            out << item.room;
        return out;
    }
    qint64 maxSeq() const
    {
        qint64 m = 0;
        for (const auto &item : m_items)
            m = std::max(m, qint64(item.seq));
        return m;
    }
    auto begin() const { return m_items.cbegin(); }
    auto end() const { return m_items.cend(); }

private:
    int find(const QString &room) const
    {
        for (int i = 0; i < m_items.size(); ++i) {
            if (m_items.at(i).room == room)
                return i;
        }
        return -1;
    }
    QVarLengthArray<Entry, 2> m_items;
};

} // namespace podium
