#pragma once

#include <QJSValue>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>
#include <QVariant>
#include <QtQml/qqmlregistration.h>
#include <functional>

namespace podium {

// The admin console's only path to the data: the REST API of a Podium base
// URL (the local server's http://127.0.0.1:PORT, or a remote one) with an
// admin token. Every call ends in exactly one answer: a QML callback
// `function(status, body)` and/or the `finished` signal. A failed call's body
// is the server's `{"error":{"code","message"}}`, passed on verbatim; network
// failures are reported in the same shape (status 0, code "network").
class AdminApi : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QUrl baseUrl READ baseUrl WRITE setBaseUrl NOTIFY baseUrlChanged)
    Q_PROPERTY(QString token READ token WRITE setToken NOTIFY tokenChanged)
    Q_PROPERTY(int pending READ pending NOTIFY pendingChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)

public:
    using Callback = std::function<void(int status, const QJsonObject &body)>;

    explicit AdminApi(QObject *parent = nullptr);

    QUrl baseUrl() const { return m_baseUrl; }
    void setBaseUrl(const QUrl &url);
    QString token() const { return m_token; }
    void setToken(const QString &token);
    int pending() const { return m_pending; }
    QString lastError() const { return m_lastError; }

    // From QML. `body` is a JS object (or undefined); `callback` optional.
    Q_INVOKABLE void get(const QString &path, const QJSValue &callback = QJSValue());
    Q_INVOKABLE void post(const QString &path, const QVariant &body = QVariant(), const QJSValue &callback = QJSValue());
    Q_INVOKABLE void patch(const QString &path, const QVariant &body, const QJSValue &callback = QJSValue());
    Q_INVOKABLE void del(const QString &path, const QJSValue &callback = QJSValue());
    Q_INVOKABLE void request(const QString &method, const QString &path, const QVariant &body,
                             const QJSValue &callback = QJSValue());

    // From C++.
    void send(const QByteArray &method, const QString &path, const QJsonValue &body, Callback callback);

    // "message" of an error body, else a generic text for the status.
    Q_INVOKABLE static QString errorText(int status, const QVariant &body);

signals:
    void baseUrlChanged();
    void tokenChanged();
    void pendingChanged();
    void lastErrorChanged();
    void finished(const QString &method, const QString &path, int status, const QVariant &body);

private:
    QNetworkAccessManager m_nam;
    QUrl m_baseUrl;
    QString m_token;
    int m_pending = 0;
    QString m_lastError;
};

} // namespace podium
