#pragma once

#include "event.h"

#include <QObject>
#include <functional>
#include <memory>

class QHttpServer;
class QWebSocket;

namespace podium {

class Engine;
class TokenDirectory;

// Socket.IO v5 over Engine.IO v4, so the seeds' existing clients connect to
// Podium unchanged: namespaces /leaderboard and /training, the seeds' join
// events, acknowledgements, server pings, HTTP long-polling with upgrade to
// WebSocket. Lives on the network thread beside the hub and is fed the same
// committed event stream.
class SioServer : public QObject
{
    Q_OBJECT

public:
    SioServer(Engine *engine, std::shared_ptr<TokenDirectory> tokens, QObject *parent = nullptr);
    ~SioServer() override;

    // Registers the /socket.io/ routes (polling and the WebSocket upgrade).
    void registerRoutes(QHttpServer *server);
    // Offered every upgraded WebSocket first; returns true when it is a
    // Socket.IO connection and has been adopted.
    bool adopt(QWebSocket *socket);
    void shutdown();

public slots:
    void publish(const podium::EventList &events);

private:
    Engine *m_engine;
    std::shared_ptr<TokenDirectory> m_tokens;
};

} // namespace podium
