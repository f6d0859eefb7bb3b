#include "adminapi.h"

#include "adminlogging.h"

#include <QJSEngine>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QQmlEngine>

namespace podium {

AdminApi::AdminApi(QObject *parent) : QObject(parent) {}

void AdminApi::setBaseUrl(const QUrl &url)
{
    if (url == m_baseUrl)
        return;
    m_baseUrl = url;
    emit baseUrlChanged();
}

void AdminApi::setToken(const QString &token)
{
    if (token == m_token)
        return;
    m_token = token;
    emit tokenChanged();
}

void AdminApi::get(const QString &path, const QJSValue &callback)
{
    request(QStringLiteral("GET"), path, QVariant(), callback);
}

void AdminApi::post(const QString &path, const QVariant &body, const QJSValue &callback)
{
    request(QStringLiteral("POST"), path, body, callback);
}

void AdminApi::patch(const QString &path, const QVariant &body, const QJSValue &callback)
{
    request(QStringLiteral("PATCH"), path, body, callback);
}

void AdminApi::del(const QString &path, const QJSValue &callback)
{
    request(QStringLiteral("DELETE"), path, QVariant(), callback);
}

void AdminApi::request(const QString &method, const QString &path, const QVariant &body, const QJSValue &callback)
{
    // A JS object arrives as a QJSValue inside the QVariant: unwrap it first.
    QVariant plain = body;
    if (plain.userType() == qMetaTypeId<QJSValue>())
        plain = plain.value<QJSValue>().toVariant();
    const QJsonValue json = plain.isValid() && !plain.isNull() ? QJsonValue::fromVariant(plain) : QJsonValue();
    QJSValue cb = callback;
    send(method.toUtf8(), path, json, [this, cb](int status, const QJsonObject &reply) mutable {
        if (!cb.isCallable())
            return;
        QJSEngine *engine = qjsEngine(this);
        if (!engine)
            return;
        const QJSValue result = cb.call({QJSValue(status), engine->toScriptValue(reply.toVariantMap())});
        if (result.isError())
            qCWarning(lcAdmin) << "callback failed:" << result.toString()
                               << result.property(QStringLiteral("lineNumber")).toInt();
    });
}

void AdminApi::send(const QByteArray &method, const QString &path, const QJsonValue &body, Callback callback)
{
    QUrl url = m_baseUrl;
    const int query = path.indexOf(QLatin1Char('?'));
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0)
                + (query < 0 ? path : path.left(query)));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!m_token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    QByteArray payload;
    if (body.isObject())
        payload = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        payload = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);

    QNetworkReply *reply = m_nam.sendCustomRequest(req, method, payload);
    ++m_pending;
    emit pendingChanged();
    const QString methodText = QString::fromLatin1(method);
    connect(reply, &QNetworkReply::finished, this, [this, reply, callback, methodText, path] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray data = reply->readAll();
        QJsonObject body;
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
        if (doc.isObject()) {
            body = doc.object();
        } else if (status == 0) {
            body = {{"error", QJsonObject{{"code", "network"}, {"message", reply->errorString()}}}};
        } else {
            body = {{"raw", QString::fromUtf8(data)}}; // e.g. GET /metrics
        }
        --m_pending;
        emit pendingChanged();
        if (status < 200 || status >= 300) {
            m_lastError = errorText(status, body.toVariantMap());
            emit lastErrorChanged();
            qCInfo(lcAdmin) << methodText << path << status << m_lastError;
        }
        if (callback)
            callback(status, body);
        emit finished(methodText, path, status, body.toVariantMap());
    });
}

QString AdminApi::errorText(int status, const QVariant &body)
{
    const QVariantMap error = body.toMap().value(QStringLiteral("error")).toMap();
    const QString message = error.value(QStringLiteral("message")).toString();
    if (!message.isEmpty())
        return message;
    if (status == 0)
        return QStringLiteral("the server did not answer");
    return QStringLiteral("the server answered %1").arg(status);
}

} // namespace podium
