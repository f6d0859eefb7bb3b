// The web wall's files, straight from the compiled-in resources.
#include "http/staticfiles.h"

#include "logging.h"

#include <QFile>
#include <QHash>
#include <QHttpServer>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QRegularExpression>

#include <optional>

namespace podium {

namespace {

const QString kRoot = QStringLiteral(":/web/");

struct Asset
{
    QByteArray body;
    QByteArray type;
    QByteArray etag;
};

// Resources never change while the process runs, so each file is read once.
// Only the handful of files under :/web can ever be cached here, because a
// name is stored only after it opened as a resource. Several servers (tests)
// may serve from different network threads, hence the lock.
std::optional<Asset> asset(const QString &name)
{
    static QMutex lock;
    static QHash<QString, Asset> cache;
    const QMutexLocker locker(&lock);
    const auto it = cache.constFind(name);
    if (it != cache.constEnd())
        return *it;
    QFile file(kRoot + name);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    Asset a;
    a.body = file.readAll();
    a.type = staticContentType(name);
    // The resource bytes are fixed at build time: a hash of them is a
    // stable validator across restarts of the same binary.
    a.etag = '"' + QByteArray::number(qHash(a.body), 16) + '"';
    cache.insert(name, a);
    return a;
}

// Sent with every static response. The wall is its own files only — no
// inline script or style, no other origin (its WebSocket is same-origin,
// which CSP's 'self' covers for ws: and wss:) — and is never to be framed.
void writeSecurityHeaders(QHttpServerResponder &responder)
{
    responder.writeHeader("Content-Security-Policy", staticContentSecurityPolicy());
    responder.writeHeader("X-Frame-Options", "DENY");
    responder.writeHeader("X-Content-Type-Options", "nosniff");
}

void writeNotFound(QHttpServerResponder &responder, const QString &path)
{
    const QByteArray json = QJsonDocument(QJsonObject{{"error", QJsonObject{{"code", "not_found"},
                                                                            {"message", QStringLiteral("no file '%1'").arg(path)}}}})
                                .toJson(QJsonDocument::Compact);
    responder.writeStatusLine(QHttpServerResponder::StatusCode::NotFound);
    responder.writeHeader("Content-Type", "application/json");
    responder.writeHeader("Content-Length", QByteArray::number(json.size()));
    writeSecurityHeaders(responder);
    responder.writeBody(json);
}

QByteArray requestHeader(const QHttpServerRequest &request, const char *name)
{
    const auto headers = request.headers();
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second.trimmed();
    }
    return {};
}

void serve(const QString &name, const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    const std::optional<Asset> a = isSafeStaticName(name) ? asset(name) : std::nullopt;
    if (!a) {
        writeNotFound(responder, request.url().path());
        return;
    }
    // The page must pick up a new server's client after an upgrade, so it is
    // always revalidated; the ETag keeps that to a 304 on a TV that reloads.
    const QByteArray cacheControl = "no-cache";
    if (requestHeader(request, "if-none-match") == a->etag) {
        responder.writeStatusLine(QHttpServerResponder::StatusCode::NotModified);
        responder.writeHeader("ETag", a->etag);
        responder.writeHeader("Cache-Control", cacheControl);
        responder.writeHeader("Content-Length", "0");
        writeSecurityHeaders(responder);
        responder.writeBody(QByteArray());
        return;
    }
    responder.writeStatusLine(QHttpServerResponder::StatusCode::Ok);
    responder.writeHeader("Content-Type", a->type);
    responder.writeHeader("Content-Length", QByteArray::number(a->body.size()));
    responder.writeHeader("Cache-Control", cacheControl);
    responder.writeHeader("ETag", a->etag);
    writeSecurityHeaders(responder);
    responder.writeBody(a->body);
}

} // namespace

QByteArray staticContentSecurityPolicy()
{
    return "default-src 'self'; base-uri 'none'; object-src 'none'; form-action 'none'; frame-ancestors 'none'";
}

QByteArray staticContentType(const QString &fileName)
{
    static const QHash<QString, QByteArray> types{
        {QStringLiteral("html"), "text/html; charset=utf-8"},
        {QStringLiteral("js"), "text/javascript; charset=utf-8"},
        {QStringLiteral("mjs"), "text/javascript; charset=utf-8"},
        {QStringLiteral("css"), "text/css; charset=utf-8"},
        {QStringLiteral("svg"), "image/svg+xml"},
        {QStringLiteral("png"), "image/png"},
        {QStringLiteral("ico"), "image/x-icon"},
        {QStringLiteral("json"), "application/json"},
        {QStringLiteral("woff2"), "font/woff2"},
        {QStringLiteral("txt"), "text/plain; charset=utf-8"},
    };
    const qsizetype dot = fileName.lastIndexOf(QLatin1Char('.'));
    const QString ext = dot < 0 ? QString() : fileName.mid(dot + 1).toLower();
    return types.value(ext, "application/octet-stream");
}

bool isSafeStaticName(const QString &name)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$"));
    return plain.match(name).hasMatch() && !name.contains(QLatin1String(".."));
}

void registerStaticRoutes(QHttpServer *server)
{
    using Method = QHttpServerRequest::Method;
    server->route(QStringLiteral("/"), Method::Get, [](const QHttpServerRequest &req, QHttpServerResponder &&resp) {
        serve(QStringLiteral("index.html"), req, resp);
    });
    // QHttpServer's <arg> for a QString stops at '/', and the name is checked
    // again, so nothing outside :/web is ever opened.
    server->route(QStringLiteral("/web/<arg>"), Method::Get,
                  [](const QString &name, const QHttpServerRequest &req, QHttpServerResponder &&resp) {
                      serve(name, req, resp);
                  });
    qCDebug(lcHttp) << "web wall served from" << kRoot;
}

} // namespace podium
