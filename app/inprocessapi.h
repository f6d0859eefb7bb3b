#pragma once

#include "localserver.h"

namespace podium {

class Engine;

// The wall's LocalServer for the engine of this process. Reads go through
// HttpApi's own route table (HttpApi::routes()): the GET route whose path
// matches runs its operation as an engine job, so the local wall gets the
// bodies a remote wall gets over HTTP, with no second table to keep in step.
// Events are the engine's committed batches, queued onto this object's thread.
class InProcessApi : public LocalServer
{
    Q_OBJECT

public:
    explicit InProcessApi(Engine *engine, QObject *parent = nullptr);

    void read(const QString &path, const QUrlQuery &query, QObject *context, ReadCallback callback) override;

private:
    Engine *m_engine;
};

} // namespace podium
