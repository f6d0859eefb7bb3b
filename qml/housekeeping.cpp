#include "housekeeping.h"

#include "wallogging.h"

#include <QFile>
#include <QQmlEngine>
#include <QQuickWindow>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace podium {

Housekeeping::Housekeeping(QQuickWindow *window, QQmlEngine *engine, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_engine(engine)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &Housekeeping::round);
    // frameSwapped comes from the render thread; the trim runs here, on the
    // GUI thread, after the frame that rebuilt what the release dropped.
    connect(m_window, &QQuickWindow::frameSwapped, this, &Housekeeping::trim, Qt::QueuedConnection);
    m_timer.start();
}

qint64 Housekeeping::residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

void Housekeeping::round()
{
    m_before = residentKiB();
    m_window->releaseResources();
    m_engine->collectGarbage();
    m_trimPending = true;
    m_window->update();
}

void Housekeeping::trim()
{
    if (!m_trimPending)
        return;
    m_trimPending = false;
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
    const qint64 after = residentKiB();
    qCDebug(lcWall) << "housekeeping: resident" << m_before << "KiB before," << after << "KiB after";
    emit trimmed(m_before, after);
}

} // namespace podium
