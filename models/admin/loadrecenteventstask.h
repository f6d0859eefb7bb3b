#pragma once

#include "admintask.h"

#include <QVariantList>

namespace podium {

// The latest events of the log: asks the server for its current seq, then
// for up to `limit` events after seq − `window`, optionally only from
// `rooms` (comma-separated) and only those named `event`. The Activity page
// lists the recent activity with it, the Live page counts events per minute,
// and the export writes the last activities out.
class LoadRecentEventsTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString rooms MEMBER m_rooms NOTIFY inputChanged)
    Q_PROPERTY(QString event MEMBER m_event NOTIFY inputChanged)
    Q_PROPERTY(int window MEMBER m_window NOTIFY inputChanged)
    Q_PROPERTY(int limit MEMBER m_limit NOTIFY inputChanged)
    // The events, oldest first, once Succeeded.
    Q_PROPERTY(QVariantList events READ events NOTIFY resultChanged)

public:
    explicit LoadRecentEventsTask(QObject *parent = nullptr);

    QVariantList events() const { return m_events; }

signals:
    void inputChanged();

protected:
    void run() override;

private:
    QString m_rooms;
    QString m_event;
    int m_window = 1000;
    int m_limit = 1000;
    QVariantList m_events;
};

} // namespace podium
