#include "http/auththrottle.h"

#include "directory/tokendirectory.h"

#include <algorithm>

namespace podium {

int AuthThrottle::Decision::retryAfterSeconds() const
{
    return std::max(1, int((retryAfterMs + 999) / 1000));
}

QString AuthThrottle::Decision::message() const
{
    return QStringLiteral("too many failed authentications from this address; tokens are not checked for %1 s")
            .arg(retryAfterSeconds());
}

AuthThrottle::AuthThrottle(const Limits &limits)
    : m_limits(limits)
{
    m_clock.start();
}

AuthThrottle::AuthThrottle()
    : AuthThrottle(Limits {})
{ }

AuthThrottle::Decision AuthThrottle::check(const QString &address, qint64 nowMs) const
{
    const QMutexLocker locker(&m_lock);
    const auto it = m_windows.constFind(address);
    if (it == m_windows.constEnd() || expired(*it, nowMs) || it->failures < m_limits.maxFailures)
        return {};
    return {false, it->startMs + m_limits.windowMs - nowMs};
}

void AuthThrottle::recordFailure(const QString &address, qint64 nowMs)
{
    const QMutexLocker locker(&m_lock);
    auto it = m_windows.find(address);
    if (it == m_windows.end()) {
        if (m_windows.size() >= m_limits.maxAddresses)
            makeRoom(nowMs);
        it = m_windows.insert(address, Window {nowMs, 0});
    } else if (expired(*it, nowMs)) {
        *it = Window {nowMs, 0};
    }
    ++it->failures;
}

void AuthThrottle::makeRoom(qint64 nowMs)
{
    for (auto it = m_windows.begin(); it != m_windows.end();)
        it = expired(*it, nowMs) ? m_windows.erase(it) : std::next(it);
    if (m_windows.size() < m_limits.maxAddresses)
        return;
    const auto oldest = std::min_element(m_windows.begin(), m_windows.end(),
                                         [](const Window &a, const Window &b) { return a.startMs < b.startMs; });
    m_windows.erase(oldest);
}

Identity AuthThrottle::resolve(const TokenDirectory &tokens, const QString &token, const QString &address,
                               Decision *decision)
{
    *decision = {};
    if (token.isEmpty())
        return {};
    const qint64 now = nowMs();
    *decision = check(address, now);
    if (!decision->allowed)
        return {};
    const Identity who = tokens.resolve(token);
    if (who.kind == Identity::Kind::Anonymous)
        recordFailure(address, now);
    return who;
}

int AuthThrottle::trackedAddresses() const
{
    const QMutexLocker locker(&m_lock);
    return int(m_windows.size());
}

} // namespace podium
