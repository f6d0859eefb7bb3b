#include "framemonitor.h"

#include "wallogging.h"

#include <QQuickWindow>
#include <QScreen>

#include <algorithm>

namespace podium {

FrameMonitor::FrameMonitor(QQuickWindow *window, int periodSeconds, QObject *parent)
    : QObject(parent), m_window(window)
{
    if (window->screen() && window->screen()->refreshRate() > 1)
        m_budgetMs = 1000.0 / window->screen()->refreshRate();
    m_clock.start();
    m_period.start();
    // afterAnimating runs on the GUI thread once per frame: a late tick is a
    // frame the GUI thread could not deliver in time.
    connect(window, &QQuickWindow::afterAnimating, this, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        if (m_last >= 0)
            m_intervals.append((now - m_last) / 1e6);
        m_last = now;
    }, Qt::DirectConnection);
    m_probe.setTimerType(Qt::PreciseTimer);
    connect(&m_probe, &QTimer::timeout, this, [this] {
        const double late = m_sinceProbe.nsecsElapsed() / 1e6 - m_probe.interval();
        m_sinceProbe.restart();
        m_worstStall = std::max(m_worstStall, late);
        if (late > 50)
            ++m_stalls;
    });
    m_sinceProbe.start();
    m_probe.start(10);
    connect(&m_report, &QTimer::timeout, this, [this] {
        const Stats s = take();
        qCInfo(lcWall).nospace() << "frames " << s.frames << " (" << qRound(s.fps) << " fps), interval p50 "
                                 << s.p50 << " ms, p99 " << s.p99 << " ms, max " << s.max << " ms, dropped "
                                 << s.dropped << "; GUI thread late by " << s.worstStall << " ms at worst, "
                                 << s.stalls << " stalls > 50 ms";
    });
    m_report.start(periodSeconds * 1000);
}

FrameMonitor::Stats FrameMonitor::take()
{
    Stats s;
    QList<double> v;
    v.swap(m_intervals);
    const double seconds = m_period.restart() / 1000.0;
    s.frames = int(v.size());
    s.worstStall = m_worstStall;
    s.stalls = m_stalls;
    m_worstStall = 0;
    m_stalls = 0;
    s.fps = seconds > 0 ? s.frames / seconds : 0;
    if (v.isEmpty())
        return s;
    std::sort(v.begin(), v.end());
    s.p50 = v.at(v.size() / 2);
    s.p99 = v.at(std::min<qsizetype>(v.size() - 1, qsizetype(v.size() * 0.99)));
    s.max = v.last();
    s.dropped = int(std::count_if(v.begin(), v.end(), [this](double ms) { return ms > 2 * m_budgetMs; }));
    return s;
}

} // namespace podium
