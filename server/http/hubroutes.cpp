// HttpApi: the routes that belong to the hub — the WebSocket upgrade,
// /metrics, and the admin's view of connections.
#include "http/httpapi.h"

#include "directory/tokendirectory.h"
#include "engine/engine.h"
#include "http/responses.h"
#include "hub/hub.h"
#include "hub/hubmetrics.h"
#include "logging.h"

#include <QHttpServer>
#include <QHttpServerResponder>

namespace podium {

using namespace http;
using Method = QHttpServerRequest::Method;

void HttpApi::registerHubRoutes()
{
    m_hub->attach(m_server);
    m_server->route(
            QStringLiteral("/ws"), Method::Get,
            [this](const QHttpServerRequest &req, QHttpServerResponder &&resp) { upgrade(req, std::move(resp)); });
    m_server->route(
            QStringLiteral("/metrics"), Method::Get,
            [this](const QHttpServerRequest &req, QHttpServerResponder &&resp) { metrics(req, std::move(resp)); });
    m_server->route(QStringLiteral("/api/connections"), Method::Get,
                    [this](const QHttpServerRequest &req, QHttpServerResponder &&resp) {
                        if (adminOnly(req, resp))
                            writeJson(resp, 200, {{"connections", m_hub->connectionsJson()}});
                    });
    m_server->route(QStringLiteral("/api/connections/<arg>/kick"), Method::Post,
                    [this](const QString &arg, const QHttpServerRequest &req, QHttpServerResponder &&resp) {
                        if (!adminOnly(req, resp))
                            return;
                        const qint64 id = arg.toLongLong();
                        if (!m_hub->kick(id)) {
                            writeReply(resp, Reply::notFound(QStringLiteral("connection '%1' is not open").arg(arg)));
                            return;
                        }
                        writeJson(resp, 200, {{"kicked", id}});
                    });
}

void HttpApi::upgrade(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    // Qt 6.4 turns this request into a WebSocket only when the route stays
    // silent; anything written here refuses the upgrade.
    if (header(request, "upgrade").compare("websocket", Qt::CaseInsensitive) != 0) {
        writeReply(responder,
                   Reply::error(426, "upgrade_required",
                                "GET /ws is the WebSocket endpoint; send an Upgrade: websocket request"));
        return;
    }
    const QString origin = QString::fromUtf8(header(request, "origin"));
    if (!m_hub->originAllowed(origin)) {
        if (m_hub->refusalLog().allow("refused WebSocket upgrades"))
            qCInfo(lcHub) << "refused a WebSocket from origin" << origin;
        writeReply(responder,
                   Reply::forbidden(QStringLiteral("header 'Origin': %1 is not an allowed origin").arg(origin)));
        m_hub->refuseUpgrade(responder.socket());
        return;
    }
    m_hub->expectUpgrade(responder.socket());
}

void HttpApi::metrics(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    if (!m_metricsTokenHash.isEmpty()) {
        bool malformed = false;
        const QString token = bearerToken(request, &malformed);
        if (!token.isEmpty() && TokenDirectory::hash(token) == m_metricsTokenHash) {
            // Not in the token directory, but under the same throttle.
            const QString address = request.remoteAddress().toString();
            const AuthThrottle::Decision throttled = m_authThrottle->check(address, m_authThrottle->nowMs());
            if (!throttled.allowed) {
                writeThrottled(responder, throttled);
                return;
            }
            if (!withinRate(QStringLiteral("addr:") + address, responder))
                return;
        } else if (!adminOnly(request, responder,
                              QStringLiteral("GET /metrics needs the metrics token or an admin token"))) {
            return;
        }
    }
    const EngineCounters &c = m_engine->counters();
    QString text = m_hub->metricsText();
    auto series = [&text](const char *name, const char *help, qint64 value) {
        appendSeries(text, name, "counter", help, value);
    };
    series("podium_ingest_activities_total", "Activities applied by the engine.", c.activities);
    series("podium_events_total", "Events committed to the log.", c.events);
    series("podium_commits_total", "Group commits (one transaction each).", c.batches);
    series("podium_failed_commits_total", "Group commits rolled back.", c.failedBatches);
    const QByteArray body = text.toUtf8();
    responder.writeStatusLine(QHttpServerResponder::StatusCode::Ok);
    responder.writeHeader("Content-Type", "text/plain; version=0.0.4");
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    responder.writeBody(body);
}

bool HttpApi::adminOnly(const QHttpServerRequest &request, QHttpServerResponder &responder, const QString &needs)
{
    bool malformed = false;
    const QString token = bearerToken(request, &malformed);
    Identity who;
    if (!admit(request, token, responder, &who))
        return false;
    if (token.isEmpty() || malformed) {
        writeReply(responder, Reply::unauthorized(needs + QStringLiteral(" in header 'Authorization'")));
        return false;
    }
    if (!who.isAdmin()) {
        writeReply(responder,
                   who.kind == Identity::Kind::Anonymous
                           ? Reply::unauthorized("the bearer token in header 'Authorization' is not valid")
                           : Reply::forbidden(needs));
        return false;
    }
    return true;
}

} // namespace podium
