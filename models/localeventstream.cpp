#include "localeventstream.h"

#include "localserver.h"

namespace podium {

LocalEventStream::LocalEventStream(LocalServer *server, QObject *parent)
    : EventStream(parent)
    , m_server(server)
{
    m_server->setParent(this);
    connect(m_server, &LocalServer::eventsCommitted, this, [this](const EventList &events) {
        for (const Event &e : events)
            deliver(e);
    });
    setState(Live);
}

void LocalEventStream::fetch(const QString &path, const QUrlQuery &query, QObject *context, SnapshotCallback callback)
{
    m_server->read(path, query, context, std::move(callback));
}

} // namespace podium
