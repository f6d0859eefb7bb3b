#pragma once

#include "hub/hub.h"

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QThread>

#include <memory>

namespace podium {

class DatabaseLock;
class Demo;
class Engine;
class HttpApi;

// Wires a running Podium server: the engine on its own thread, the HTTP API
// on a network thread, and the demo simulator when asked for. The app and the
// tests start exactly this, so what the tests exercise is what ships.
class ServerHost : public QObject
{
    Q_OBJECT

public:
    struct Config
    {
        QString dataDir;
        QString database; // empty → <dataDir>/podium.db; or a postgres:// URL
        QHostAddress address = QHostAddress::Any;
        quint16 port = 5000; // 0 picks a free port
        bool demo = false;
        QString adminToken; // PODIUM_ADMIN_TOKEN; empty creates one on a fresh database
        QString metricsToken; // --metrics-token: GET /metrics needs it (or an admin token)
        double rateLimit = 2000; // requests per second per token; 0 = unlimited
        qint64 maxBody = 1 << 20;
        qint64 maxHead = 32 * 1024; // request line and headers
        int requestTimeoutMs = 10000; // a head must be whole, and a body may pause, at most this long
        int bodyTimeoutMs = 60000; // a body must be whole this long after its head
        int idleTimeoutMs = 60000; // a keep-alive connection waits this long for its next request
        QString timeZone; // IANA id; empty = the system's
        Hub::Config hub;
        QString tlsCertificate; // PEM files; both set → https and wss on the port
        QString tlsKey;
    };

    explicit ServerHost(QObject *parent = nullptr);
    ~ServerHost() override;

    // Opens the database and starts listening. On failure everything started
    // so far is stopped again and `error` says why.
    bool start(const Config &config, QString *error);
    // Stops accepting and answering HTTP, commits what the engine holds,
    // closes the database and joins both threads. Safe to call twice.
    void stop();

    bool isRunning() const { return m_engine != nullptr; }
    quint16 port() const { return m_port; }
    // Whether the last start() failed because a newer Podium wrote the
    // database (the error is then the message to show as it is).
    bool refusedNewerSchema() const { return m_refusedNewerSchema; }
    // The plaintext of an admin token this start created, else empty.
    QString createdAdminToken() const { return m_createdAdminToken; }
    // Lives on the engine thread: call it through Engine::run().
    Engine *engine() const { return m_engine; }
    // Lives on the network thread.
    Hub *hub() const { return m_hub; }
    // The shortest PODIUM_ADMIN_TOKEN and --metrics-token accepted.
    static constexpr int kMinTokenLength = 16;

private:
    bool startEngine(const Config &config, QString *error);
    bool startNetwork(const Config &config, QString *error);

    QThread m_engineThread;
    QThread m_networkThread;
    // Plain QObjects living on each thread, used as targets for blocking calls.
    QObject *m_engineAnchor = nullptr;
    QObject *m_networkAnchor = nullptr;
    Engine *m_engine = nullptr;
    Demo *m_demo = nullptr;
    HttpApi *m_api = nullptr;
    Hub *m_hub = nullptr;
    class SioServer *m_sio = nullptr;
    quint16 m_port = 0;
    qint64 m_startSeq = 0;
    QString m_createdAdminToken;
    bool m_refusedNewerSchema = false;
    std::unique_ptr<DatabaseLock> m_databaseLock; // SQLite only
};

} // namespace podium
