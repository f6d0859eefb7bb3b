#include "http/responses.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>

namespace podium::http {

// Writes a JSON reply by hand rather than with QHttpServerResponder's
// QJsonDocument overload, which serialises indented, twice, and takes no
// header list built at run time (Retry-After).
void writeJsonBytes(QHttpServerResponder &responder, int status, const QByteArray &json, const QByteArray &retryAfter)
{
    responder.writeStatusLine(QHttpServerResponder::StatusCode(status));
    responder.writeHeader("Content-Type", "application/json");
    responder.writeHeader("Content-Length", QByteArray::number(json.size()));
    if (!retryAfter.isEmpty())
        responder.writeHeader("Retry-After", retryAfter);
    responder.writeBody(json);
}

void writeJson(QHttpServerResponder &responder, int status, const QJsonObject &body, const QByteArray &retryAfter)
{
    writeJsonBytes(responder, status, QJsonDocument(body).toJson(QJsonDocument::Compact), retryAfter);
}

void writeReply(QHttpServerResponder &responder, const Reply &reply)
{
    if (!reply.raw.isEmpty())
        writeJsonBytes(responder, reply.status, reply.raw);
    else
        writeJson(responder, reply.status, reply.body);
}

// An address over the failed-authentication limit sent a token.
void writeThrottled(QHttpServerResponder &responder, const AuthThrottle::Decision &throttled)
{
    writeJson(responder, 429, Reply::error(429, "too_many_auth_failures", throttled.message()).body,
              QByteArray::number(throttled.retryAfterSeconds()));
}

// The bearer token, or an empty string. `malformed` is set when an
// Authorization header is present but is not "Bearer <token>".
QString bearerToken(const QHttpServerRequest &request, bool *malformed)
{
    *malformed = false;
    const auto headers = request.headers();
    for (const auto &h : headers) {
        if (h.first.compare("authorization", Qt::CaseInsensitive) != 0)
            continue;
        const QByteArray value = h.second.trimmed();
        if (value.size() > 7 && value.first(7).compare("bearer ", Qt::CaseInsensitive) == 0)
            return QString::fromUtf8(value.mid(7).trimmed());
        *malformed = true;
        return {};
    }
    return {};
}

QByteArray header(const QHttpServerRequest &request, const char *name)
{
    const auto headers = request.headers();
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second.trimmed();
    }
    return {};
}

qint64 contentLength(const QHttpServerRequest &request)
{
    const QByteArray value = header(request, "content-length");
    return value.isEmpty() ? -1 : value.toLongLong();
}

} // namespace podium::http
