#include "scoring/board.h"

#include <algorithm>

namespace podium {

std::optional<double> Board::value(qint64 person) const
{
    const auto it = m_values.constFind(person);
    if (it == m_values.constEnd())
        return std::nullopt;
    return *it;
}

std::optional<int> Board::rank(qint64 person) const
{
    const auto v = value(person);
    if (!v)
        return std::nullopt;
    return rankOfValue(*v);
}

int Board::rankOfValue(double value) const
{
    // First position whose value is not strictly better than `value`.
    const auto it = std::partition_point(m_sorted.begin(), m_sorted.end(),
                                         [&](const Entry &e) { return better(e.value, value); });
    return int(it - m_sorted.begin()) + 1;
}

void Board::set(qint64 person, double value)
{
    remove(person);
    m_values.insert(person, value);
    const Entry entry{person, value};
    const auto pos = std::lower_bound(m_sorted.begin(), m_sorted.end(), entry,
                                      [&](const Entry &a, const Entry &b) { return before(a, b); });
    m_sorted.insert(pos, entry);
}

void Board::remove(qint64 person)
{
    const auto it = m_values.constFind(person);
    if (it == m_values.constEnd())
        return;
    const Entry old{person, *it};
    const auto pos = std::lower_bound(m_sorted.begin(), m_sorted.end(), old,
                                      [&](const Entry &a, const Entry &b) { return before(a, b); });
    if (pos != m_sorted.end() && pos->person == person)
        m_sorted.erase(pos);
    m_values.erase(it);
}

} // namespace podium
