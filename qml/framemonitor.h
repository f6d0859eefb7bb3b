#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

class QQuickWindow;

namespace podium {

// Measures the wall's frame cadence on the GUI thread (one tick per
// QQuickWindow::afterAnimating) and logs, every period: frames, frames per
// second, p50/p99/max interval and frames later than twice the display's
// interval ("dropped"). Enabled by PODIUM_FRAME_STATS=<seconds>.
class FrameMonitor : public QObject
{
    Q_OBJECT

public:
    FrameMonitor(QQuickWindow *window, int periodSeconds, QObject *parent = nullptr);

    struct Stats
    {
        int frames = 0;
        double fps = 0;
        double p50 = 0;
        double p99 = 0;
        double max = 0;
        int dropped = 0;
        double worstStall = 0; // ms the event loop ran late at worst
        int stalls = 0;        // probe ticks more than 50 ms late
    };
    // Summarises and clears what was measured since the last call.
    Stats take();

private:
    QQuickWindow *m_window;
    QElapsedTimer m_clock;
    QElapsedTimer m_period;
    qint64 m_last = -1;
    QList<double> m_intervals; // ms
    double m_budgetMs = 1000.0 / 60;
    QTimer m_report;
    QTimer m_probe;
    QElapsedTimer m_sinceProbe;
    double m_worstStall = 0;
    int m_stalls = 0;
};

} // namespace podium
