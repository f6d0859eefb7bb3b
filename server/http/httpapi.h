#pragma once

#include "http/auththrottle.h"
#include "directory/identity.h"
#include "http/ratelimiter.h"
#include "http/reply.h"

#include <QHttpServerRequest>
#include <QJsonObject>
#include <QObject>
#include <QUrlQuery>
#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QHttpServer;
class QHttpServerResponder;
QT_END_NAMESPACE

namespace podium {

class Engine;
class Hub;
class TokenDirectory;

// The REST API. Lives on a network thread together with its QHttpServer; each
// request is checked there (rate limit, body size, JSON shape) and then handed
// to the engine with Engine::run(), so the network thread never waits on the
// database. The responder is kept until the engine's reply comes back — or
// dropped unwritten if the client hung up meanwhile.
class HttpApi : public QObject
{
    Q_OBJECT

public:
    struct Limits
    {
        double rateLimit = 2000; // requests per second per token; 0 = unlimited
        qint64 maxBody = 1 << 20;
    };

    // With a hub, the routes served on the network thread itself come first:
    // the WebSocket upgrade at /ws (matched before 40-odd API patterns, since
    // 10,000 TVs may connect at once), GET /metrics and the connection list.
    HttpApi(Engine *engine, const Limits &limits, Hub *hub = nullptr,
            std::shared_ptr<TokenDirectory> tokens = {}, QObject *parent = nullptr);
    ~HttpApi() override;

    // The server the routes are registered on; bind listening sockets to it.
    QHttpServer *server() const { return m_server; }

    // --require-view-token: the event log, like the public rooms, needs a token.
    void setRequireViewToken(bool on) { m_requireViewToken = on; }
    // --metrics-token: GET /metrics needs this bearer token (or an admin
    // token); empty leaves it public.
    void setMetricsToken(const QString &token);
    // Failed authentications per address, shared with the WebSocket hub.
    void setAuthThrottle(std::shared_ptr<AuthThrottle> throttle) { m_authThrottle = std::move(throttle); }

    // Everything an operation needs from a request, copied out of it: Qt 6.4
    // reuses the request object for the connection's next request.
    struct Call
    {
        QString token;
        Identity who;
        QString arg; // the path segment captured by {…}, if any
        qint64 id = 0; // `arg` as a number, for routes on /…/{id}
        QUrlQuery query;
        QJsonObject body;
        bool requireViewToken = false; // the server's --require-view-token
    };
    using Op = std::function<Reply(Engine &, const Call &)>;

    // Who may call a route. Finer rules (a person's own notifications) are
    // checked by the route's operation itself.
    // Public: anyone (the health check). View: anyone allowed to view, which
    // is everyone unless the server runs with --require-view-token, the same
    // rule as the public rooms over WebSocket and Socket.IO.
    enum class Access { Public, View, Authenticated, Write, Admin };
    enum class Body { None, Optional, Object };

    struct Route
    {
        QHttpServerRequest::Method method;
        QString path; // "{id}" (a positive integer) or "{metric}" captures one segment
        Access access;
        Body body;
        Op op;
    };

    // The route table, in registration order (documented in docs/API.md).
    static QList<Route> routes();

private:
    void registerRoutes();
    void registerHubRoutes();
    void handle(const Route &route, const QString &arg, const QHttpServerRequest &request,
                QHttpServerResponder &&responder);
    void handleMissing(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // Refuses a request whose address is over the failed-authentication
    // limit when it carries a token, then spends one request of the rate
    // limit: per valid token, else per address (an unknown token has no
    // bucket of its own). `who` gets the token's identity.
    bool admit(const QHttpServerRequest &request, const QString &token, QHttpServerResponder &responder,
               Identity *who = nullptr);
    bool withinRate(const QString &key, QHttpServerResponder &responder);
    void dispatch(const Route &route, Call call, QHttpServerResponder &&responder);
    void upgrade(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void metrics(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // `needs` says what the route takes, for the refusal's message.
    bool adminOnly(const QHttpServerRequest &request, QHttpServerResponder &responder,
                   const QString &needs = QStringLiteral("this route needs an admin token"));

    Engine *m_engine;
    Hub *m_hub = nullptr;
    std::shared_ptr<TokenDirectory> m_tokens;
    Limits m_limits;
    RateLimiter m_limiter;
    std::shared_ptr<AuthThrottle> m_authThrottle = std::make_shared<AuthThrottle>();
    bool m_requireViewToken = false;
    QString m_metricsTokenHash; // TokenDirectory::hash of --metrics-token
    QList<Route> m_routes;
    QHttpServer *m_server;
};

} // namespace podium
