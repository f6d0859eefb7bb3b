#pragma once

#include <QHash>
#include <QList>
#include <optional>
#include <vector>

namespace podium {

// The standings of one metric in one period: every person's value, kept
// sorted so a rank is a binary search. Ranks use standard competition
// ranking: equal values share a rank and the next rank skips (1, 2, 2, 4).
class Board
{
public:
    struct Entry
    {
        qint64 person = 0;
        double value = 0;
    };

    explicit Board(bool higherIsBetter = true) : m_higherIsBetter(higherIsBetter) {}

    bool contains(qint64 person) const { return m_values.contains(person); }
    std::optional<double> value(qint64 person) const;
    // Rank of a present person, or nullopt if they have no value in this period.
    std::optional<int> rank(qint64 person) const;
    // Rank a value would have: 1 + the number of strictly better values.
    int rankOfValue(double value) const;
    void set(qint64 person, double value);
    void remove(qint64 person);
    int size() const { return int(m_sorted.size()); }
    // Entries in rank order (ties ordered by person id for a stable display).
    const std::vector<Entry> &entries() const { return m_sorted; }

private:
    bool better(double a, double b) const { return m_higherIsBetter ? a > b : a < b; }
    bool before(const Entry &a, const Entry &b) const
    {
        if (a.value != b.value)
            return better(a.value, b.value);
        return a.person < b.person;
    }

    bool m_higherIsBetter;
    QHash<qint64, double> m_values;
    std::vector<Entry> m_sorted;
};

} // namespace podium
