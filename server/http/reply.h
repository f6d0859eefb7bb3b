#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace podium {

// What every engine operation returns: an HTTP-style status and a JSON body.
// REST, the admin console and tests all read the same shape; errors are
// {"error":{"code","message"}} with a message naming the offending field.
struct Reply
{
    int status = 200;
    QJsonObject body;
    // The body already encoded, for the hot routes that write their JSON
    // directly (POST /api/activities); when set, HTTP sends it verbatim and
    // `body` stays empty until materialise() parses it for in-process readers.
    QByteArray raw;

    Reply &materialise()
    {
        if (!raw.isEmpty() && body.isEmpty())
            body = QJsonDocument::fromJson(raw).object();
        return *this;
    }

    bool ok() const { return status < 400; }
    QString errorCode() const { return body.value("error").toObject().value("code").toString(); }
    QString errorMessage() const { return body.value("error").toObject().value("message").toString(); }

    static Reply error(int status, const QString &code, const QString &message)
    {
        return {status, QJsonObject{{"error", QJsonObject{{"code", code}, {"message", message}}}}};
    }
    static Reply badRequest(const QString &message) { return error(400, "invalid_request", message); }
    static Reply notFound(const QString &message) { return error(404, "not_found", message); }
    static Reply conflict(const QString &message) { return error(409, "conflict", message); }
    static Reply forbidden(const QString &message) { return error(403, "forbidden", message); }
    static Reply unauthorized(const QString &message) { return error(401, "unauthorized", message); }
};

} // namespace podium
