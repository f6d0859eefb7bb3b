#pragma once

// A real Podium server (ServerHost: engine thread + network thread) on a free
// port, and Qt WebSocket clients that record every message they get.
#include "hub/hub.h"
#include "serverhost.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <memory>

namespace podium::testing {

inline const QString kAdminToken = QStringLiteral("hub-test-admin-token");

struct HubServer
{
    explicit HubServer(const Hub::Config &hub = {}, const QString &tlsCert = {}, const QString &tlsKey = {})
    {
        ServerHost::Config c;
        c.dataDir = dir.path();
        c.address = QHostAddress::LocalHost;
        c.port = 0;
        c.adminToken = kAdminToken;
        c.rateLimit = 0;
        c.hub = hub;
        // The suite runs twice: with the hub's own links (the default) and,
        // under PODIUM_TEST_HUB_LINKS=qt, with QWebSocket carrying every
        // connection, so both implementations meet the same tests.
        if (qgetenv("PODIUM_TEST_HUB_LINKS") == "qt")
            c.hub.directLinks = false;
        c.tlsCertificate = tlsCert;
        c.tlsKey = tlsKey;
        QString error;
        started = host.start(c, &error);
        if (!started)
            qWarning() << "server did not start:" << error;
    }

    QString base(const char *scheme = "http") const
    {
        return QStringLiteral("%1://127.0.0.1:%2").arg(QLatin1String(scheme)).arg(host.port());
    }

    // A blocking REST call from the test thread.
    QJsonObject request(const QByteArray &verb, const QString &path, const QJsonObject &body = {},
                        int *status = nullptr, const QString &token = kAdminToken)
    {
        QNetworkRequest req(QUrl(base() + path));
        req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        if (!token.isEmpty())
            req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        QNetworkReply *reply = nam.sendCustomRequest(req, verb, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson());
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            done.wait(10000);
        if (status)
            *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray data = reply->readAll();
        reply->deleteLater();
        if (data.startsWith("{"))
            return QJsonDocument::fromJson(data).object();
        return {{"raw", QString::fromUtf8(data)}};
    }

    // The hub's open connections, as /metrics reports them (the hub lives
    // on the network thread: asked over HTTP, not read across threads).
    int connections()
    {
        const QString metrics = request("GET", "/metrics").value("raw").toString();
        const qsizetype at = metrics.indexOf(QLatin1String("\npodium_connections "));
        if (at < 0)
            return -1;
        const qsizetype from = at + int(strlen("\npodium_connections "));
        return metrics.mid(from, metrics.indexOf(QLatin1Char('\n'), from) - from).toInt();
    }

    qint64 broadcast(const QString &room, const QString &event, const QJsonObject &data = {})
    {
        return request("POST", "/api/broadcast", {{"room", room}, {"event", event}, {"data", data}})
            .value("seq")
            .toInteger();
    }

    QTemporaryDir dir;
    ServerHost host;
    QNetworkAccessManager nam;
    bool started = false;
};

// A well-behaved client built on QWebSocket.
struct Client
{
    explicit Client(const QString &url, const QNetworkRequest &base = QNetworkRequest())
    {
        QObject::connect(&ws, &QWebSocket::textMessageReceived, &ws, [this](const QString &text) {
            messages.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
        QObject::connect(&ws, &QWebSocket::disconnected, &ws, [this] { closeCode = ws.closeCode(); });
        QNetworkRequest req = base;
        req.setUrl(QUrl(url));
        ws.open(req);
    }

    bool waitConnected()
    {
        return QTest::qWaitFor([this] { return ws.state() == QAbstractSocket::ConnectedState && !ofType("welcome").isEmpty(); },
                               5000);
    }

    void send(const QJsonObject &msg) { ws.sendTextMessage(QString::fromUtf8(QJsonDocument(msg).toJson(QJsonDocument::Compact))); }

    QList<QJsonObject> ofType(const QString &type) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &m : messages) {
            if (m.value("type").toString() == type)
                out.append(m);
        }
        return out;
    }

    QList<QJsonObject> events(const QString &name = QString()) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &m : messages) {
            if (m.value("type").toString() == "event" && (name.isEmpty() || m.value("event").toString() == name))
                out.append(m);
        }
        return out;
    }

    // Sends `msg` and waits for the next message of one of `types`.
    QJsonObject exchange(const QJsonObject &msg, const QStringList &types = {"joined", "left", "error", "pong", "welcome"})
    {
        const int before = int(messages.size());
        send(msg);
        QJsonObject reply;
        const bool answered = QTest::qWaitFor([&] {
            for (int i = before; i < messages.size(); ++i) {
                if (types.contains(messages.at(i).value("type").toString())) {
                    reply = messages.at(i);
                    return true;
                }
            }
            return false;
        }, 5000);
        if (!answered)
            qWarning() << "no reply to" << msg;
        return reply;
    }

    bool join(const QString &room) { return exchange({{"type", "join"}, {"room", room}}).value("type") == "joined"; }

    QWebSocket ws;
    QList<QJsonObject> messages;
    int closeCode = -1;
};

} // namespace podium::testing
