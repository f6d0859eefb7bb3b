#pragma once

#include <QRandomGenerator>
#include <chrono>

namespace podium {

// Reconnect delays: exponential from `initial` to `cap`, each with "equal
// jitter" (half fixed, half random) so a room full of TVs that lost the same
// server do not all knock again in the same millisecond.
class Backoff
{
public:
    explicit Backoff(std::chrono::milliseconds initial = std::chrono::milliseconds(500),
                     std::chrono::milliseconds cap = std::chrono::seconds(30), quint32 seed = 0);

    // The delay before the next attempt; grows with each call.
    std::chrono::milliseconds next();
    // The ceiling the next call draws below (for tests and logs).
    std::chrono::milliseconds ceiling() const;
    void reset() { m_attempt = 0; }
    int attempt() const { return m_attempt; }

private:
    std::chrono::milliseconds m_initial;
    std::chrono::milliseconds m_cap;
    int m_attempt = 0;
    QRandomGenerator m_rng;
};

} // namespace podium
