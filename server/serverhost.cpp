#include "serverhost.h"

#include "demo/demo.h"
#include "engine/engine.h"
#include "http/httpapi.h"
#include "logging.h"
#include "net/directsocket.h"
#include "net/epolldispatcher.h"
#include "net/httprequestgate.h"
#include "sio/sioserver.h"
#include "store/databaselock.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHttpServer>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>
#include <QTimeZone>

namespace podium {

namespace {
// Connections waiting in the kernel for accept(). Qt's default of 50 makes a
// burst of clients fall into SYN retransmission (a 1 s stall each).
constexpr int kListenBacklog = 4096;

// The data directory holds the database and the admin token: its owner
// only. Created 0700 (mkdir's mode, which a umask can only narrow), and an
// existing one that others can read or enter is narrowed and logged.
bool ensurePrivateDir(const QString &path)
{
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    const QFileInfo info(path);
    if (!info.exists()) {
        const QString parent = info.absolutePath();
        return QDir().mkpath(parent) && QDir().mkdir(info.absoluteFilePath(), ownerOnly);
    }
    if (!info.isDir())
        return false;
    const auto othersMayUse = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
            | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (info.permissions() & othersMayUse) {
        if (!QFile::setPermissions(path, ownerOnly))
            return false;
        // An empty one was only just made (the launcher makes it first):
        // nothing was exposed, nothing to report.
        if (!QDir(path).isEmpty())
            qCInfo(lcStore) << "data directory" << path << "was open to others; now its owner's only";
    }
    return true;
}

// Runs `fn` on `target`'s thread and waits for it.
template<typename Fn> void runOn(QObject *target, Fn &&fn)
{
    QMetaObject::invokeMethod(target, std::forward<Fn>(fn), Qt::BlockingQueuedConnection);
}
} // namespace

ServerHost::ServerHost(QObject *parent)
    : QObject(parent)
{
    m_engineThread.setObjectName(QStringLiteral("podium-engine"));
    m_networkThread.setObjectName(QStringLiteral("podium-net"));
}

ServerHost::~ServerHost()
{
    stop();
}

bool ServerHost::start(const Config &config, QString *error)
{
    if (isRunning()) {
        *error = QStringLiteral("the server is already running");
        return false;
    }
    m_createdAdminToken.clear();
    m_refusedNewerSchema = false;
    // Both are set by hand: one that is short is guessed before any throttle matters.
    for (const auto &[token, name] :
         {std::pair {config.adminToken, "PODIUM_ADMIN_TOKEN"}, std::pair {config.metricsToken, "--metrics-token"}}) {
        if (!token.isEmpty() && token.size() < kMinTokenLength) {
            *error = QStringLiteral("%1 must be at least %2 characters long (it has %3)")
                             .arg(QLatin1String(name))
                             .arg(kMinTokenLength)
                             .arg(token.size());
            return false;
        }
    }
    if (!startEngine(config, error) || !startNetwork(config, error)) {
        stop();
        return false;
    }
    qCInfo(lcHttp) << "listening on" << config.address.toString() << "port" << m_port;
    return true;
}

bool ServerHost::startEngine(const Config &config, QString *error)
{
    QTimeZone zone = QTimeZone::systemTimeZone();
    if (!config.timeZone.isEmpty()) {
        zone = QTimeZone(config.timeZone.toUtf8());
        if (!zone.isValid()) {
            *error = QStringLiteral("unknown time zone '%1'").arg(config.timeZone);
            return false;
        }
    }
    QString database = config.database;
    if (database.isEmpty()) {
        if (config.dataDir.isEmpty() || !ensurePrivateDir(config.dataDir)) {
            *error = QStringLiteral("cannot create the data directory '%1'").arg(config.dataDir);
            return false;
        }
        database = QDir(config.dataDir).filePath(QStringLiteral("podium.db"));
    }
    if (!database.startsWith(QLatin1String("postgres://")) && !database.startsWith(QLatin1String("postgresql://"))) {
        // Held until stop(): `podium restore` will not replace the file
        // under this server, and this server does not open one being restored.
        m_databaseLock = std::make_unique<DatabaseLock>();
        bool busy = false;
        QString why;
        if (!m_databaseLock->acquire(database, DatabaseLock::Mode::Shared, &busy, &why)) {
            *error = busy ? QStringLiteral("the database '%1' is being restored; start Podium when that is done")
                                    .arg(database)
                          : why;
            m_databaseLock.reset();
            return false;
        }
    }

    // The engine thread wakes once per request hand-off and once per commit:
    // the epoll dispatcher does that with one eventfd write and one
    // epoll_wait, where GLib's polls and iterates its sources each time.
    if (!m_engineThread.eventDispatcher())
        m_engineThread.setEventDispatcher(new EpollEventDispatcher);
    m_engineThread.start();
    m_engineAnchor = new QObject;
    m_engineAnchor->moveToThread(&m_engineThread);

    // The engine is constructed on its own thread rather than moved there:
    // its member objects (the contest timer) are not its children and would
    // keep the constructing thread's affinity after moveToThread().
    bool ok = false;
    QString failure;
    runOn(m_engineAnchor, [&] {
        m_engine = new Engine;
        m_engine->setTimeZone(zone);
        m_engine->setAsyncDurability(true);
        if (!m_engine->open(database, &failure)) {
            m_refusedNewerSchema = m_engine->store().newerSchema();
            delete m_engine;
            m_engine = nullptr;
            return;
        }
        m_createdAdminToken = m_engine->directory().ensureAdminToken(config.adminToken);
        m_engine->flush();
        m_startSeq = m_engine->lastSeq(); // committed; its sync may still be under way
        if (config.demo) {
            m_demo = new Demo(m_engine);
            m_demo->start();
        }
        ok = true;
    });
    if (!ok) {
        // The newer-schema refusal is the whole message: it names the
        // database and what to do.
        *error = m_refusedNewerSchema ? failure
                                      : QStringLiteral("cannot open the database '%1': %2").arg(database, failure);
    }
    return ok;
}

bool ServerHost::startNetwork(const Config &config, QString *error)
{
    QSslCertificate certificate;
    QSslKey key;
    if (!config.tlsCertificate.isEmpty() || !config.tlsKey.isEmpty()) {
        QFile certFile(config.tlsCertificate);
        QFile keyFile(config.tlsKey);
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read the TLS certificate '%1' and key '%2'").arg(config.tlsCertificate, config.tlsKey);
            return false;
        }
        certificate = QSslCertificate(&certFile, QSsl::Pem);
        key = QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(keyFile.seek(0) ? keyFile.readAll() : QByteArray(), QSsl::Ec, QSsl::Pem);
        if (certificate.isNull() || key.isNull()) {
            *error = QStringLiteral("'%1' / '%2' is not a PEM certificate and key").arg(config.tlsCertificate, config.tlsKey);
            return false;
        }
    }
    // Sockets live on this thread; epoll keeps 10,000 of them cheap.
    if (!m_networkThread.eventDispatcher())
        m_networkThread.setEventDispatcher(new EpollEventDispatcher);
    m_networkThread.start();
    m_networkAnchor = new QObject;
    m_networkAnchor->moveToThread(&m_networkThread);

    QString failure;
    runOn(m_networkAnchor, [&] {
        // Everything here is created on the network thread, so the sockets
        // QHttpServer accepts live there too.
        m_hub = new Hub(config.hub, m_engine->tokens(), m_engine, m_startSeq);
        auto *api = new HttpApi(m_engine, {config.rateLimit, config.maxBody}, m_hub, m_engine->tokens());
        // One count of failed authentications per address for REST, /ws and
        // Socket.IO.
        const auto authThrottle = std::make_shared<AuthThrottle>();
        m_hub->setAuthThrottle(authThrottle);
        api->setAuthThrottle(authThrottle);
        api->setRequireViewToken(config.hub.requireViewToken);
        api->setMetricsToken(config.metricsToken);
        // With TLS the listener is a QSslServer, which hands sockets over only
        // once the handshake is done; https and wss then share the port.
        // Both hold each request to the limits before QHttpServer buffers it.
        const HttpGatekeeper::Limits limits {config.maxBody, config.maxHead, config.requestTimeoutMs,
                                             config.bodyTimeoutMs, config.idleTimeoutMs};
        QTcpServer *tcp = nullptr;
        if (!certificate.isNull()) {
            auto *ssl = new GatedSslServer;
            QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
            tls.setLocalCertificate(certificate);
            tls.setPrivateKey(key);
            ssl->setSslConfiguration(tls);
            ssl->setRequestLimits(limits);
            tcp = ssl;
        } else {
            auto *plain = new DirectTcpServer;
            plain->setRequestLimits(limits);
            tcp = plain;
        }
        tcp->setListenBacklogSize(kListenBacklog);
        if (!tcp->listen(config.address, config.port)) {
            failure = tcp->errorString();
            delete tcp;
            delete api;
            delete m_hub;
            m_hub = nullptr;
            return;
        }
        api->server()->bind(tcp);
        m_port = tcp->serverPort();
        m_api = api;
        m_hub->setServedAddress(config.address, m_port);
        // Socket.IO sessions are connections of the hub: its rooms, limits,
        // Origin rule, heartbeat and fan-out.
        m_sio = new SioServer(m_hub);
        m_sio->registerRoutes(api->server());
        m_hub->setForeignAdopter([sio = m_sio](QWebSocket *socket) { return sio->adopt(socket); });
        m_hub->setExtraMetrics([sio = m_sio] { return sio->metricsText(); });
        // The one event stream: committed batches flow to the hub in order.
        connect(m_engine, &Engine::eventsCommitted, m_hub, &Hub::publish, Qt::QueuedConnection);
    });
    if (!m_api) {
        *error = QStringLiteral("cannot listen on %1 port %2: %3")
                         .arg(config.address.toString())
                         .arg(config.port)
                         .arg(failure);
        return false;
    }
    return true;
}

void ServerHost::stop()
{
    // HTTP first, so nothing new reaches the engine; replies still on their
    // way back find their context gone and are dropped.
    if (m_networkThread.isRunning()) {
        runOn(m_networkAnchor, [this] {
            if (m_hub) {
                m_hub->setForeignAdopter({});
                // Every client hears 1001 Going Away (a close frame, or a
                // Socket.IO session's close packet) and may resume later;
                // give the close frames a moment to leave.
                m_hub->shutdown();
                QEventLoop loop;
                QTimer poll;
                QElapsedTimer waited;
                waited.start();
                connect(&poll, &QTimer::timeout, &loop, [&] {
                    if (m_hub->peerCount() == 0 || waited.elapsed() > 1000)
                        loop.quit();
                });
                poll.start(10);
                loop.exec();
                m_hub->setExtraMetrics({});
            }
            // The protocol goes before the hub that still holds its sessions
            // (freed without calling back).
            delete m_sio;
            m_sio = nullptr;
            delete m_hub;
            m_hub = nullptr;
            delete m_api;
            m_api = nullptr;
            // Deleted when the thread finishes, not inside its own call.
            m_networkAnchor->deleteLater();
            m_networkAnchor = nullptr;
        });
        m_networkThread.quit();
        m_networkThread.wait();
    }
    if (m_engineThread.isRunning()) {
        runOn(m_engineAnchor, [this] {
            delete m_demo;
            m_demo = nullptr;
            if (m_engine) {
                m_engine->flush();
                delete m_engine; // closes the database on the thread that opened it
                m_engine = nullptr;
            }
            m_engineAnchor->deleteLater();
            m_engineAnchor = nullptr;
        });
        m_engineThread.quit();
        m_engineThread.wait();
    }
    m_databaseLock.reset(); // after the database is closed
    m_port = 0;
}

} // namespace podium
