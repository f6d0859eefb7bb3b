#pragma once

#include "http/auththrottle.h"
#include "http/reply.h"

#include <QByteArray>
#include <QJsonObject>

class QHttpServerRequest;
class QHttpServerResponder;

// Reading requests and writing replies, for every route of HttpApi.
namespace podium::http {

// A JSON reply written by hand rather than with QHttpServerResponder's
// QJsonDocument overload, which serialises indented, twice, and takes no
// header list built at run time (Retry-After).
void writeJsonBytes(QHttpServerResponder &responder, int status, const QByteArray &json,
                    const QByteArray &retryAfter = {});
void writeJson(QHttpServerResponder &responder, int status, const QJsonObject &body, const QByteArray &retryAfter = {});
void writeReply(QHttpServerResponder &responder, const Reply &reply);
// An address over the failed-authentication limit sent a token.
void writeThrottled(QHttpServerResponder &responder, const AuthThrottle::Decision &throttled);
// The bearer token, or an empty string. `malformed` is set when an
// Authorization header is present but is not "Bearer <token>".
QString bearerToken(const QHttpServerRequest &request, bool *malformed);
QByteArray header(const QHttpServerRequest &request, const char *name);
// -1 without a Content-Length header.
qint64 contentLength(const QHttpServerRequest &request);

} // namespace podium::http
