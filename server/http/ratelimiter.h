#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QString>

namespace podium {

// A token bucket per key (a bearer token, or the remote address when there is
// none). Each bucket refills at `rate` tokens per second and holds at most
// `burst` = 2 × rate, so a client may briefly exceed its rate after idling but
// not sustain more. Not thread-safe: it lives on the network thread and is
// consulted before a request reaches the engine.
//
// Time comes in as milliseconds on a monotonic clock so tests can drive it;
// the overload without a timestamp reads an internal QElapsedTimer.
class RateLimiter
{
public:
    struct Decision
    {
        bool allowed = true;
        // When refused: how long until one whole token is available again.
        qint64 retryAfterMs = 0;
        // The value for an HTTP Retry-After header: whole seconds, at least 1.
        int retryAfterSeconds() const;
    };

    // `ratePerSecond` <= 0 means unlimited.
    explicit RateLimiter(double ratePerSecond = 0);

    void setRate(double ratePerSecond);
    double rate() const { return m_rate; }
    double burst() const { return m_rate * 2; }
    bool unlimited() const { return m_rate <= 0; }

    Decision take(const QString &key, qint64 nowMs);
    Decision take(const QString &key);

    // Buckets that have refilled completely carry no information; dropping
    // them keeps memory bounded when many addresses come and go.
    void prune(qint64 nowMs);
    int trackedKeys() const { return int(m_buckets.size()); }

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };

    double refilled(const Bucket &b, qint64 nowMs) const;

    double m_rate = 0;
    QHash<QString, Bucket> m_buckets;
    QElapsedTimer m_clock;
    qint64 m_lastPruneMs = 0;
};

} // namespace podium
