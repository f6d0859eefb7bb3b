#pragma once

#include "eventstream.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QTimer>

namespace podium {

// Base of the wall's list models: holds the stream, listens to its events and
// resets, and coalesces refetch requests (a burst of events costs one
// snapshot, not one per event).
class StreamModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(podium::EventStream *stream READ stream WRITE setStream NOTIFY streamChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    explicit StreamModel(QObject *parent = nullptr);

    EventStream *stream() const { return m_stream; }
    void setStream(EventStream *stream);
    int count() const { return rowCount(); }

    // Asks for a snapshot after the coalescing delay (0 in tests is fine).
    Q_INVOKABLE void refresh();
    void setRefreshDelay(int ms) { m_refreshTimer.setInterval(ms); }

signals:
    void streamChanged();
    void countChanged();
    // A snapshot arrived and was applied.
    void refreshed();

protected:
    virtual void handleEvent(const Event &e) = 0;
    // Fetch a snapshot from stream(); called after refresh() settles.
    virtual void fetchSnapshot() = 0;
    // Rooms a remote stream must join for this model.
    virtual QStringList rooms() const { return {}; }
    void joinRooms();

private:
    QPointer<EventStream> m_stream;
    QTimer m_refreshTimer;
};

} // namespace podium
