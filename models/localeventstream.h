#pragma once

#include "eventstream.h"

namespace podium {

class LocalServer;

// The stream of the Podium running in this process: its committed batches as
// they come, and snapshots from its own read routes (see LocalServer), so the
// local wall reads exactly what a remote one reads, without a socket. The GUI
// thread never touches the engine or its database.
class LocalEventStream : public EventStream
{
    Q_OBJECT
    QML_ANONYMOUS

public:
    // Takes ownership of `server`.
    explicit LocalEventStream(LocalServer *server, QObject *parent = nullptr);

    void fetch(const QString &path, const QUrlQuery &query, QObject *context, SnapshotCallback callback) override;

private:
    LocalServer *m_server;
};

} // namespace podium
