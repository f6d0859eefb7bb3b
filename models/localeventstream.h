#pragma once

#include "eventstream.h"

namespace podium {

class Engine;

// The stream of the Podium running in this process. Events arrive from the
// engine thread through a queued connection; snapshots run as engine jobs
// (Engine::run), so the GUI thread never touches the engine or its database.
class LocalEventStream : public EventStream
{
    Q_OBJECT
    QML_ANONYMOUS

public:
    explicit LocalEventStream(Engine *engine, QObject *parent = nullptr);

    void fetch(const QString &path, const QUrlQuery &query, QObject *context, SnapshotCallback callback) override;

private:
    Engine *m_engine;
};

} // namespace podium
