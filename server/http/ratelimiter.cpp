#include "http/ratelimiter.h"

#include <algorithm>
#include <cmath>

namespace podium {

namespace {
// How often take() sweeps idle buckets, and above how many keys it bothers.
constexpr qint64 kPruneIntervalMs = 10'000;
constexpr int kPruneThreshold = 1024;
} // namespace

int RateLimiter::Decision::retryAfterSeconds() const
{
    return std::max(1, int((retryAfterMs + 999) / 1000));
}

RateLimiter::RateLimiter(double ratePerSecond)
    : m_rate(ratePerSecond > 0 ? ratePerSecond : 0)
{
    m_clock.start();
}

void RateLimiter::setRate(double ratePerSecond)
{
    m_rate = ratePerSecond > 0 ? ratePerSecond : 0;
    m_buckets.clear();
}

double RateLimiter::refilled(const Bucket &b, qint64 nowMs) const
{
    // A clock that went backwards (only possible with injected timestamps)
    // refills nothing rather than draining the bucket.
    const qint64 elapsed = std::max<qint64>(0, nowMs - b.updatedMs);
    return std::min(burst(), b.tokens + m_rate * double(elapsed) / 1000.0);
}

RateLimiter::Decision RateLimiter::take(const QString &key, qint64 nowMs)
{
    if (unlimited())
        return {};
    if (m_buckets.size() > kPruneThreshold && nowMs - m_lastPruneMs >= kPruneIntervalMs)
        prune(nowMs);

    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, Bucket {burst(), nowMs});

    Bucket &b = *it;
    b.tokens = refilled(b, nowMs);
    b.updatedMs = std::max(b.updatedMs, nowMs);
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return {};
    }
    const double missing = 1.0 - b.tokens;
    return {false, qint64(std::ceil(missing * 1000.0 / m_rate))};
}

RateLimiter::Decision RateLimiter::take(const QString &key)
{
    return take(key, m_clock.elapsed());
}

void RateLimiter::prune(qint64 nowMs)
{
    m_lastPruneMs = nowMs;
    const double full = burst();
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (refilled(*it, nowMs) >= full)
            it = m_buckets.erase(it);
        else
            ++it;
    }
}

} // namespace podium
