#include "backoff.h"

#include <algorithm>

namespace podium {

Backoff::Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds cap, quint32 seed)
    : m_initial(initial), m_cap(cap), m_rng(seed ? seed : QRandomGenerator::system()->generate())
{
}

std::chrono::milliseconds Backoff::ceiling() const
{
    // Shift at most 20 places: 2^20 × 0.5 s is far past any sensible cap.
    const qint64 grown = m_initial.count() << std::min(m_attempt, 20);
    return std::chrono::milliseconds(std::min<qint64>(grown, m_cap.count()));
}

std::chrono::milliseconds Backoff::next()
{
    const qint64 top = ceiling().count();
    ++m_attempt;
    const qint64 half = top / 2;
    return std::chrono::milliseconds(half + qint64(m_rng.bounded(quint32(top - half + 1))));
}

} // namespace podium
