#include "streammodel.h"

namespace podium {

StreamModel::StreamModel(QObject *parent) : QAbstractListModel(parent)
{
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(150);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (m_stream)
            fetchSnapshot();
    });
    // count follows every structural change, whatever caused it.
    for (auto sig : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(this, sig, this, &StreamModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &StreamModel::countChanged);
}

void StreamModel::setStream(EventStream *stream)
{
    if (m_stream == stream)
        return;
    if (m_stream)
        disconnect(m_stream, nullptr, this, nullptr);
    m_stream = stream;
    if (m_stream) {
        connect(m_stream, &EventStream::event, this, &StreamModel::handleEvent);
        connect(m_stream, &EventStream::reset, this, &StreamModel::refresh);
        joinRooms();
        refresh();
    }
    emit streamChanged();
}

void StreamModel::refresh()
{
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void StreamModel::joinRooms()
{
    if (!m_stream)
        return;
    for (const QString &room : rooms())
        m_stream->join(room);
}

} // namespace podium
