#pragma once

#include <QHash>
#include <vector>

namespace podium {

// The members of one room, kept in the order they joined.
//
// A broadcast walks a room front to back. Walking it in join order (rather
// than a hash set's order) visits peers, their sockets and the kernel's socket
// structures in the order they were allocated, and hands the frames to
// clients in the order they connected: at 10,000 members that cut the
// server's CPU per delivery by about a fifth and the time until the last
// member has the event by about a quarter (docs/BENCHMARKS.md).
//
// Adding and removing are O(1): a member that leaves leaves a hole, and the
// holes are squeezed out once they outnumber the members.
template<typename T> class OrderedMembers
{
public:
    // False if `member` is already in.
    bool insert(T *member)
    {
        if (m_slots.contains(member))
            return false;
        m_slots.insert(member, qsizetype(m_order.size()));
        m_order.push_back(member);
        return true;
    }

    // False if `member` was not in.
    bool remove(T *member)
    {
        const auto it = m_slots.constFind(member);
        if (it == m_slots.cend())
            return false;
        m_order[size_t(*it)] = nullptr;
        m_slots.erase(it);
        if (m_order.size() > 16 && m_order.size() > 2 * size_t(m_slots.size()))
            compact();
        return true;
    }

    bool contains(T *member) const { return m_slots.contains(member); }
    qsizetype size() const { return m_slots.size(); }
    bool isEmpty() const { return m_slots.isEmpty(); }

    // The members in join order. A copy, so the caller may walk it while
    // members join or leave.
    std::vector<T *> snapshot() const
    {
        std::vector<T *> out;
        out.reserve(size_t(m_slots.size()));
        for (T *member : m_order) {
            if (member)
                out.push_back(member);
        }
        return out;
    }

private:
    void compact()
    {
        size_t next = 0;
        for (T *member : m_order) {
            if (!member)
                continue;
            m_slots[member] = qsizetype(next);
            m_order[next++] = member;
        }
        m_order.resize(next);
    }

    std::vector<T *> m_order; // join order; nullptr where a member left
    QHash<T *, qsizetype> m_slots; // member → its index in m_order
};

} // namespace podium
