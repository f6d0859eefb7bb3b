#pragma once

#include <QObject>
#include <QTimer>

class QQmlEngine;
class QQuickWindow;

namespace podium {

// Keeps a wall that never stops from creeping up in memory.
//
// Every `interval` it asks the scene graph to drop its caches (Qt 6.4's
// renderer keeps pooled buffers and pipelines it once needed), runs the QML
// garbage collector, and once the next frame has been drawn hands the heap's
// free pages back to the system (malloc_trim): what a renderer frees in a
// long-lived process otherwise stays resident, scattered between live blocks.
// With the podium.wall category at debug level it logs what each round gave
// back.
class Housekeeping : public QObject
{
    Q_OBJECT

public:
    Housekeeping(QQuickWindow *window, QQmlEngine *engine, int intervalMs, QObject *parent = nullptr);

    // Resident memory of this process in KiB (Linux), or 0.
    static qint64 residentKiB();

signals:
    // A round has ended: resident memory before it and after the trim.
    void trimmed(qint64 beforeKiB, qint64 afterKiB);

private:
    void round();
    void trim();

    QQuickWindow *m_window;
    QQmlEngine *m_engine;
    QTimer m_timer;
    qint64 m_before = 0;
    bool m_trimPending = false;
};

} // namespace podium
