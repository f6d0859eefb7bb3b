#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QLoggingCategory>
#include <QMutex>
#include <functional>

namespace podium {

// Bounds log lines a client can trigger at will (refused upgrades, broken
// frames): at most `lines` per `intervalMs` for each kind, the rest counted
// and reported in one "… N more suppressed" line when the kind's interval
// is over (at its next line, or at flush()). Thread-safe, so one instance
// may serve several objects.
class LogThrottle
{
public:
    using Clock = std::function<qint64()>; // milliseconds, monotonic

    LogThrottle(const QLoggingCategory &category, int lines, qint64 intervalMs, Clock clock = {})
        : m_category(category)
        , m_lines(lines)
        , m_intervalMs(intervalMs)
        , m_clock(std::move(clock))
    {
        m_started.start();
    }

    // Whether a line of `kind` may be logged now. A summary of what the last
    // interval held back is logged first.
    bool allow(const char *kind)
    {
        QMutexLocker lock(&m_mutex);
        const qint64 now = this->now();
        Window &w = m_windows[QByteArray(kind)];
        if (w.count > 0 && now - w.startMs >= m_intervalMs) {
            summarize(kind, w);
            w.count = 0;
        }
        if (w.count == 0)
            w.startMs = now;
        if (w.count < m_lines) {
            ++w.count;
            return true;
        }
        ++w.suppressed;
        return false;
    }

    // Logs the summary of every kind whose interval is over.
    void flush()
    {
        QMutexLocker lock(&m_mutex);
        const qint64 now = this->now();
        for (auto it = m_windows.begin(); it != m_windows.end();) {
            if (now - it->startMs < m_intervalMs) {
                ++it;
                continue;
            }
            summarize(it.key().constData(), *it);
            it = m_windows.erase(it); // a kind that went quiet holds nothing
        }
    }

private:
    struct Window
    {
        qint64 startMs = 0;
        int count = 0;
        qint64 suppressed = 0;
    };

    qint64 now() const { return m_clock ? m_clock() : m_started.elapsed(); }
    void summarize(const char *kind, Window &w)
    {
        if (w.suppressed > 0 && m_category.isInfoEnabled()) {
            QMessageLogger(nullptr, 0, nullptr, m_category.categoryName()).info().noquote()
                    << "…" << w.suppressed << "more" << kind << "suppressed";
        }
        w.suppressed = 0;
    }

    const QLoggingCategory &m_category;
    const int m_lines;
    const qint64 m_intervalMs;
    const Clock m_clock;
    QElapsedTimer m_started;
    QMutex m_mutex;
    QHash<QByteArray, Window> m_windows;
};

} // namespace podium
