#include "http/httpapi.h"

#include "directory/tokendirectory.h"
#include "engine/engine.h"
#include "http/configurationjson.h"
#include "http/contestsjson.h"
#include "http/directoryjson.h"
#include "http/eventsjson.h"
#include "http/leaderboardjson.h"
#include "http/responses.h"
#include "http/scoringjson.h"
#include "http/socialjson.h"
#include "http/staticfiles.h"
#include "hub/hub.h"
#include "logging.h"

#include <QHttpServer>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QMetaEnum>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpSocket>
#include <memory>

namespace podium {

namespace {

using namespace http;
using Method = QHttpServerRequest::Method;
using Access = HttpApi::Access;
using Body = HttpApi::Body;
using Call = HttpApi::Call;

// The access check that runs inside the job, on the engine thread, because
// resolving a token needs the engine's token table.
std::optional<Reply> checkAccess(Access access, const Call &call)
{
    if (!call.token.isEmpty() && call.who.kind == Identity::Kind::Anonymous)
        return Reply::unauthorized("the bearer token in header 'Authorization' is not valid");
    if (access == Access::Public)
        return std::nullopt;
    if (access == Access::View) {
        if (call.requireViewToken && !call.who.canView())
            return Reply::unauthorized("this server requires a view token: send one in header 'Authorization'");
        return std::nullopt;
    }
    if (call.who.kind == Identity::Kind::Anonymous)
        return Reply::unauthorized("this route needs a bearer token in header 'Authorization'");
    if (access == Access::Write && !call.who.canWrite())
        return Reply::forbidden("this route needs an admin or integration token");
    if (access == Access::Admin && !call.who.isAdmin())
        return Reply::forbidden("this route needs an admin token");
    return std::nullopt;
}

// Parses an optional integer query parameter; an error names the parameter.
std::optional<Reply> intParam(const QUrlQuery &query, const QString &name, qint64 *out)
{
    if (!query.hasQueryItem(name))
        return std::nullopt;
    bool ok = false;
    const qint64 v = query.queryItemValue(name).toLongLong(&ok);
    if (!ok)
        return Reply::badRequest(QStringLiteral("parameter '%1' must be an integer").arg(name));
    *out = v;
    return std::nullopt;
}

// A string field of the request body; an error names the field.
std::optional<Reply> stringField(const QJsonObject &body, const QString &name, bool required, QString *out)
{
    const QJsonValue v = body.value(name);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            return Reply::badRequest(QStringLiteral("field '%1' is required").arg(name));
        return std::nullopt;
    }
    if (!v.isString())
        return Reply::badRequest(QStringLiteral("field '%1' must be a string").arg(name));
    *out = v.toString();
    return std::nullopt;
}

Reply health(Engine &e, const Call &)
{
    return {200, {{"status", "ok"}, {"seq", e.lastSeq()}}};
}

Reply listEvents(Engine &e, const Call &c)
{
    qint64 since = 0;
    qint64 limit = 100;
    if (auto err = intParam(c.query, "since", &since))
        return *err;
    if (auto err = intParam(c.query, "limit", &limit))
        return *err;
    QStringList rooms;
    const QString roomList = c.query.queryItemValue("rooms", QUrl::FullyDecoded);
    if (!roomList.isEmpty())
        rooms = roomList.split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (limit > 1000000)
        limit = 1000000; // the engine rejects it with its own message; keep it an int
    return rest::events(e, since, int(limit), rooms, rest::EventReader {c.who, c.requireViewToken});
}

Reply broadcast(Engine &e, const Call &c)
{
    QString room, event;
    if (auto err = stringField(c.body, "room", true, &room))
        return *err;
    if (auto err = stringField(c.body, "event", true, &event))
        return *err;
    const QJsonValue data = c.body.value("data");
    if (!data.isUndefined() && !data.isNull() && !data.isObject())
        return Reply::badRequest("field 'data' must be an object");
    return rest::broadcast(e, room, event, data.toObject());
}

Reply awardBadge(Engine &e, const Call &c)
{
    QString badge, reason;
    if (auto err = stringField(c.body, "badge", true, &badge))
        return *err;
    if (auto err = stringField(c.body, "reason", false, &reason))
        return *err;
    return rest::awardBadge(e, c.id, badge, reason);
}

Reply listNotifications(Engine &e, const Call &c)
{
    if (!c.who.isAdmin() && !c.who.isPerson(c.id))
        return Reply::forbidden("notifications are readable by their person's token or an admin token");
    qint64 limit = 50;
    if (auto err = intParam(c.query, "limit", &limit))
        return *err;
    if (limit < 1 || limit > 1000)
        return Reply::badRequest("parameter 'limit' must be between 1 and 1000");
    const QString unread = c.query.queryItemValue("unread");
    const bool unreadOnly = unread == QLatin1String("1") || unread == QLatin1String("true");
    return rest::listNotifications(e, c.id, unreadOnly, int(limit));
}

Reply startSession(Engine &e, const Call &c)
{
    // A person may open their own live session; integrations and admins any.
    const bool own = c.who.kind == Identity::Kind::Person && c.body.value("person").toInteger(-1) == c.who.personId;
    if (!c.who.canWrite() && !own)
        return Reply::forbidden(
                "field 'person' must be the token's own person unless the token is admin or integration");
    return rest::startSession(e, c.body);
}

// Progress and end of a live session: the person's own token, an integration
// or an admin; the engine checks that a person token owns the session.
bool maySteerSession(const Identity &who)
{
    return who.canWrite() || who.kind == Identity::Kind::Person;
}

// Contact data (e-mail, external id) is for the tokens that manage people.
rest::PersonView personView(const Identity &who)
{
    return who.canWrite() ? rest::PersonView::Full : rest::PersonView::Public;
}

Reply sessionProgress(Engine &e, const Call &c)
{
    if (!maySteerSession(c.who))
        return Reply::forbidden("session progress needs the person's token, an integration or an admin token");
    return rest::sessionProgress(e, c.id, c.body, c.who);
}

Reply endSession(Engine &e, const Call &c)
{
    if (!maySteerSession(c.who))
        return Reply::forbidden("ending a session needs the person's token, an integration or an admin token");
    return rest::endSession(e, c.id, c.body, c.who);
}

} // namespace

QList<HttpApi::Route> HttpApi::routes()
{
    // Operations that only forward the id.
    using E = Engine;
    // The same for the operations of http/*json.h.
    auto restList = [](Reply (*f)(E &)) { return [f](E &e, const Call &) { return f(e); }; };
    auto restBody
            = [](Reply (*f)(E &, const QJsonObject &)) { return [f](E &e, const Call &c) { return f(e, c.body); }; };
    auto restId = [](Reply (*f)(E &, qint64)) { return [f](E &e, const Call &c) { return f(e, c.id); }; };
    auto restIdBody = [](Reply (*f)(E &, qint64, const QJsonObject &)) {
        return [f](E &e, const Call &c) { return f(e, c.id, c.body); };
    };

    const Method Get = Method::Get, Post = Method::Post, Patch = Method::Patch, Delete = Method::Delete;
    const Access Public = Access::Public, View = Access::View, Auth = Access::Authenticated, Write = Access::Write, Admin = Access::Admin;
    const Body None = Body::None, Opt = Body::Optional, Obj = Body::Object;

    return {
            {Get, "/api/health", Public, None, health},

            {Get, "/api/teams", View, None, restList(&rest::listTeams)},
            {Post, "/api/teams", Write, Obj, restBody(&rest::createTeam)},
            {Patch, "/api/teams/{id}", Write, Obj, restIdBody(&rest::updateTeam)},

            {Get, "/api/people", View, None,
             [](E &e, const Call &c) { return rest::listPeople(e, personView(c.who)); }},
            {Post, "/api/people", Write, Obj, restBody(&rest::createPerson)},
            {Get, "/api/people/{id}", View, None,
             [](E &e, const Call &c) { return rest::getPerson(e, c.id, personView(c.who)); }},
            {Patch, "/api/people/{id}", Write, Obj, restIdBody(&rest::updatePerson)},
            {Get, "/api/people/{id}/notifications", Auth, None, listNotifications},
            {Post, "/api/people/{id}/badges", Admin, Obj, awardBadge},

            {Post, "/api/activities", Write, Obj, restBody(&rest::recordActivities)},
            {Get, "/api/activities/{id}", View, None, restId(&rest::getActivity)},
            {Post, "/api/activities/{id}/void", Write, Opt, restId(&rest::voidActivity)},

            {Get, "/api/leaderboards/{metric}", View, None,
             [](E &e, const Call &c) { return rest::leaderboard(e, c.arg, c.query); }},
            {Get, "/api/events", View, None, listEvents},

            {Get, "/api/metrics", View, None, restList(&rest::listMetrics)},
            {Post, "/api/metrics", Admin, Obj, restBody(&rest::upsertMetric)},
            {Get, "/api/rules", View, None, restList(&rest::listRules)},
            {Post, "/api/rules", Admin, Obj, restBody(&rest::createRule)},
            {Patch, "/api/rules/{id}", Admin, Obj, restIdBody(&rest::updateRule)},
            {Delete, "/api/rules/{id}", Admin, None, restId(&rest::deleteRule)},
            {Get, "/api/badges", View, None, restList(&rest::listBadges)},
            {Post, "/api/badges", Admin, Obj, restBody(&rest::upsertBadge)},
            {Get, "/api/settings", View, None, restList(&rest::getSettings)},
            {Patch, "/api/settings", Admin, Obj, restBody(&rest::updateSettings)},

            {Get, "/api/contests", View, None, restList(&rest::listContests)},
            {Post, "/api/contests", Write, Obj, restBody(&rest::createContest)},
            {Get, "/api/contests/{id}", View, None, restId(&rest::getContest)},
            {Post, "/api/contests/{id}/start", Write, Opt, restId(&rest::startContest)},
            {Post, "/api/contests/{id}/end", Write, Opt, restId(&rest::endContest)},
            {Post, "/api/contests/{id}/payout", Write, Obj, restIdBody(&rest::recordPayout)},

            {Post, "/api/notifications/{id}/read", Auth, Opt,
             [](E &e, const Call &c) { return rest::markNotificationRead(e, c.id, c.who); }},
            {Get, "/api/announcements", View, None, restList(&rest::listAnnouncements)},
            {Post, "/api/announcements", Write, Obj, restBody(&rest::createAnnouncement)},

            {Get, "/api/sessions", View, None, restList(&rest::listSessions)},
            {Post, "/api/sessions", Auth, Obj, startSession},
            {Post, "/api/sessions/{id}/progress", Auth, Obj, sessionProgress},
            {Post, "/api/sessions/{id}/end", Auth, Opt, endSession},

            {Get, "/api/tokens", Admin, None, restList(&rest::listTokens)},
            {Post, "/api/tokens", Admin, Obj, restBody(&rest::createToken)},
            {Delete, "/api/tokens/{id}", Admin, None, restId(&rest::revokeToken)},

            {Post, "/api/broadcast", Admin, Obj, broadcast},
    };
}

HttpApi::HttpApi(Engine *engine, const Limits &limits, Hub *hub, std::shared_ptr<TokenDirectory> tokens,
                 QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_hub(hub)
    , m_tokens(tokens ? std::move(tokens) : engine->tokens())
    , m_limits(limits)
    , m_limiter(limits.rateLimit)
    , m_routes(routes())
    , m_server(new QHttpServer(this))
{
    registerRoutes();
}

HttpApi::~HttpApi() = default;

void HttpApi::registerRoutes()
{
    if (m_hub)
        registerHubRoutes();
    // Handlers index into m_routes, which is never modified after this.
    for (qsizetype i = 0; i < m_routes.size(); ++i) {
        const Route &r = m_routes.at(i);
        if (r.path.contains(QLatin1Char('{'))) {
            // QHttpServer's own placeholder; the table keeps the documented name.
            static const QRegularExpression param(QStringLiteral("\\{\\w+\\}"));
            const QString pattern = QString(r.path).replace(param, QStringLiteral("<arg>"));
            m_server->route(pattern, r.method,
                            [this, i](const QString &arg, const QHttpServerRequest &req, QHttpServerResponder &&resp) {
                                handle(m_routes.at(i), arg, req, std::move(resp));
                            });
        } else {
            m_server->route(r.path, r.method, [this, i](const QHttpServerRequest &req, QHttpServerResponder &&resp) {
                handle(m_routes.at(i), QString(), req, std::move(resp));
            });
        }
    }
    registerStaticRoutes(m_server);
    m_server->setMissingHandler([this](const QHttpServerRequest &req, QHttpServerResponder &&resp) {
        handleMissing(req, std::move(resp));
    });
}

void HttpApi::setMetricsToken(const QString &token)
{
    m_metricsTokenHash = token.isEmpty() ? QString() : TokenDirectory::hash(token);
}

bool HttpApi::admit(const QHttpServerRequest &request, const QString &token, QHttpServerResponder &responder,
                    Identity *who)
{
    const QString address = request.remoteAddress().toString();
    AuthThrottle::Decision throttled;
    const Identity identity = m_authThrottle->resolve(*m_tokens, token, address, &throttled);
    if (!throttled.allowed) {
        writeThrottled(responder, throttled);
        return false;
    }
    if (who)
        *who = identity;
    return withinRate(identity.kind == Identity::Kind::Anonymous ? QStringLiteral("addr:") + address
                                                                 : QStringLiteral("token:%1").arg(identity.tokenId),
                      responder);
}

bool HttpApi::withinRate(const QString &key, QHttpServerResponder &responder)
{
    const RateLimiter::Decision d = m_limiter.take(key);
    if (!d.allowed) {
        const int secs = d.retryAfterSeconds();
        writeJson(responder, 429,
                  Reply::error(429, "rate_limited",
                               QStringLiteral("more than %1 requests per second; retry after %2 s")
                                       .arg(m_limits.rateLimit)
                                       .arg(secs))
                          .body,
                  QByteArray::number(secs));
        return false;
    }
    return true;
}

void HttpApi::handleMissing(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    bool malformed = false;
    if (!admit(request, bearerToken(request, &malformed), responder))
        return;
    const QString method = QString::fromLatin1(QMetaEnum::fromType<Method>().valueToKey(int(request.method())));
    writeReply(responder,
               Reply::notFound(QStringLiteral("no route for %1 %2").arg(method.toUpper(), request.url().path())));
}

void HttpApi::handle(const Route &route, const QString &arg, const QHttpServerRequest &request,
                     QHttpServerResponder &&responder)
{
    bool malformedAuth = false;
    Call call;
    call.token = bearerToken(request, &malformedAuth);
    if (!admit(request, call.token, responder))
        return;
    if (malformedAuth) {
        writeReply(responder, Reply::unauthorized("header 'Authorization' must be 'Bearer <token>'"));
        return;
    }

    const QByteArray body = request.body();
    if (contentLength(request) > m_limits.maxBody || body.size() > m_limits.maxBody) {
        writeReply(responder,
                   Reply::error(413, "payload_too_large",
                                QStringLiteral("the request body exceeds %1 bytes").arg(m_limits.maxBody)));
        return;
    }

    call.arg = arg;
    if (route.path.contains(QLatin1String("{id}"))) {
        bool ok = false;
        call.id = arg.toLongLong(&ok);
        if (!ok || call.id <= 0) {
            writeReply(responder,
                       Reply::badRequest(
                               QStringLiteral("path parameter 'id' must be a positive integer, not '%1'").arg(arg)));
            return;
        }
    }
    call.query = request.query();
    call.requireViewToken = m_requireViewToken;

    if (route.body != Body::None && !body.trimmed().isEmpty()) {
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
        // Qt only parses objects and arrays at the top level; a bare string
        // or number is still JSON, just not an object.
        const bool scalar = err.error != QJsonParseError::NoError
                && QJsonDocument::fromJson("[" + body + "]").array().size() == 1;
        if (err.error != QJsonParseError::NoError && !scalar) {
            writeReply(responder,
                       Reply::error(400, "invalid_json",
                                    QStringLiteral("the request body is not valid JSON: %1 at offset %2")
                                            .arg(err.errorString())
                                            .arg(err.offset)));
            return;
        }
        if (!doc.isObject()) {
            writeReply(responder, Reply::badRequest("the request body must be a JSON object"));
            return;
        }
        call.body = doc.object();
    } else if (route.body == Body::Object) {
        writeReply(responder, Reply::badRequest("the request body must be a JSON object; it is empty"));
        return;
    }

    dispatch(route, std::move(call), std::move(responder));
}

void HttpApi::dispatch(const Route &route, Call call, QHttpServerResponder &&responder)
{
    // The responder is move-only and std::function needs a copyable callback:
    // share it. Its destructor in Qt 6.4 only frees its private part and never
    // touches the socket, so dropping it unwritten is safe; *writing* to a
    // socket that was deleted is not (6.4 dereferences it unchecked), hence
    // the QPointer. Sockets are deleted (deleteLater) on disconnect.
    auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
    const QPointer<QTcpSocket> socket(held->socket());

    Engine::Job job = [op = route.op, access = route.access, call = std::move(call)](Engine &e) mutable {
        // Resolved again here although admit() resolved it for the throttle:
        // the job must see the token as the requests before it in the engine
        // left it (a token revoked by a request queued ahead is refused).
        call.who = call.token.isEmpty() ? Identity {} : e.authenticate(call.token);
        if (auto denied = checkAccess(access, call))
            return *denied;
        return op(e, call);
    };
    m_engine->run(std::move(job), this, [held, socket](const Reply &reply) {
        if (!socket || socket->state() != QAbstractSocket::ConnectedState) {
            qCDebug(lcHttp) << "client left before the reply; dropping status" << reply.status;
            return;
        }
        writeReply(*held, reply);
    });
}

} // namespace podium
