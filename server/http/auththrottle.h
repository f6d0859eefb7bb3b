#pragma once

#include "directory/identity.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QString>

namespace podium {

class TokenDirectory;

// Failed authentications per remote address, shared by every transport that
// takes a token (REST, the WebSocket hub): a guesser gets `maxFailures`
// wrong tokens per window and address, whatever tokens it tries. Once an
// address is over the limit, every token it sends is refused unread until
// its window ends, the valid ones too — otherwise the refusal itself would
// tell a right guess from a wrong one.
//
// A window starts with an address's first failure and lasts `windowMs`; it
// counts the failures within it. Thread-safe.
class AuthThrottle
{
public:
    struct Limits
    {
        int maxFailures = 20;
        qint64 windowMs = 60'000;
        // Addresses tracked at once: beyond it, the oldest window is
        // forgotten first, so a flood of addresses cannot grow memory.
        int maxAddresses = 10'000;
    };

    struct Decision
    {
        bool allowed = true;
        qint64 retryAfterMs = 0; // when refused: until the address's window ends
        // Whole seconds, at least 1: the HTTP Retry-After value.
        int retryAfterSeconds() const;
        // The error message both transports send.
        QString message() const;
    };

    explicit AuthThrottle(const Limits &limits);
    AuthThrottle();

    Decision check(const QString &address, qint64 nowMs) const;
    void recordFailure(const QString &address, qint64 nowMs);

    // Resolves `token` for a client at `address`: refused (and not looked up)
    // while the address is throttled; a token that resolves to nobody counts
    // as a failure. An empty token is no attempt and resolves to anonymous.
    Identity resolve(const TokenDirectory &tokens, const QString &token, const QString &address, Decision *decision);

    int trackedAddresses() const;
    const Limits &limits() const { return m_limits; }
    // The clock the overloads without a timestamp use.
    qint64 nowMs() const { return m_clock.elapsed(); }

private:
    struct Window
    {
        qint64 startMs = 0;
        int failures = 0;
    };
    bool expired(const Window &w, qint64 nowMs) const { return nowMs - w.startMs >= m_limits.windowMs; }
    void makeRoom(qint64 nowMs);

    Limits m_limits;
    mutable QMutex m_lock;
    QHash<QString, Window> m_windows;
    QElapsedTimer m_clock;
};

} // namespace podium
