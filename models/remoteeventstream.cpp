#include "remoteeventstream.h"

#include "wallogging.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>

namespace podium {

RemoteEventStream::RemoteEventStream(const QUrl &url, const QString &token, QObject *parent)
    : EventStream(parent), m_token(token), m_http(new QNetworkAccessManager(this))
{
    m_socketUrl = url;
    if (m_socketUrl.path().isEmpty() || m_socketUrl.path() == QLatin1String("/"))
        m_socketUrl.setPath(QStringLiteral("/ws"));
    m_httpBase = url;
    m_httpBase.setScheme(url.scheme() == QLatin1String("wss") ? QStringLiteral("https") : QStringLiteral("http"));
    m_httpBase.setPath(QString());
    m_httpBase.setQuery(QString());

    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &RemoteEventStream::connectNow);
    connect(&m_pingTimer, &QTimer::timeout, this, &RemoteEventStream::onPingTimer);
    connect(&m_socket, &QWebSocket::connected, this, &RemoteEventStream::onConnected);
    connect(&m_socket, &QWebSocket::disconnected, this, &RemoteEventStream::onDisconnected);
    connect(&m_socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this, [this](QAbstractSocket::SocketError) {
        qCDebug(lcStream) << "socket error:" << m_socket.errorString();
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &RemoteEventStream::onMessage);
    connect(&m_socket, &QWebSocket::pong, this, [this] { m_sinceTraffic.restart(); });
}

RemoteEventStream::~RemoteEventStream()
{
    m_stopping = true;
    m_socket.abort();
}

void RemoteEventStream::setTimings(std::chrono::milliseconds backoffStart, std::chrono::milliseconds backoffCap,
                                   std::chrono::milliseconds pingInterval)
{
    m_backoff = Backoff(backoffStart, backoffCap);
    m_pingInterval = pingInterval;
}

void RemoteEventStream::start()
{
    connectNow();
}

void RemoteEventStream::connectNow()
{
    m_retryTimer.stop();
    m_welcomed = false;
    setState(Connecting);
    m_sinceTraffic.restart();
    m_pingTimer.start(m_pingInterval);
    m_socket.open(m_socketUrl);
}

void RemoteEventStream::onConnected()
{
    m_sinceTraffic.restart();
    if (!m_token.isEmpty())
        send({{"type", "hello"}, {"token", m_token}});
    for (const QString &room : rooms())
        send({{"type", "join"}, {"room", room}});
    // Only a stream that was live before has a position worth resuming from;
    // a first connection takes snapshots instead.
    if (m_everWelcomed && lastSeq() > 0)
        send({{"type", "resume"}, {"since", lastSeq()}});
}

void RemoteEventStream::onDisconnected()
{
    m_welcomed = false;
    m_pingTimer.stop();
    setState(Offline);
    scheduleReconnect();
}

void RemoteEventStream::scheduleReconnect()
{
    if (m_stopping || m_retryTimer.isActive())
        return;
    const auto delay = m_backoff.next();
    qCInfo(lcStream) << "offline; reconnecting to" << m_socketUrl.toString() << "in" << delay.count() << "ms";
    m_retryTimer.start(delay);
}

void RemoteEventStream::onPingTimer()
{
    // A socket that has said nothing for three intervals (not even a pong) is
    // dead, also when TCP has not noticed yet: drop it and start over.
    if (m_sinceTraffic.elapsed() > 3 * m_pingInterval.count()) {
        qCInfo(lcStream) << "no traffic for" << m_sinceTraffic.elapsed() << "ms; dropping the connection";
        m_socket.abort();
        if (m_socket.state() == QAbstractSocket::UnconnectedState && !m_retryTimer.isActive())
            onDisconnected();
        return;
    }
    if (m_socket.state() == QAbstractSocket::ConnectedState)
        send({{"type", "ping"}});
}

void RemoteEventStream::roomAdded(const QString &room)
{
    if (m_socket.state() == QAbstractSocket::ConnectedState)
        send({{"type", "join"}, {"room", room}});
}

void RemoteEventStream::send(const QJsonObject &object)
{
    m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

void RemoteEventStream::onMessage(const QString &text)
{
    m_sinceTraffic.restart();
    const QJsonObject msg = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = msg.value("type").toString();
    if (type == QLatin1String("event")) {
        deliver(Event::fromJson(msg));
    } else if (type == QLatin1String("welcome")) {
        const bool first = !m_everWelcomed;
        const qint64 serverSeq = msg.value("seq").toInteger(-1);
        m_welcomed = true;
        m_everWelcomed = true;
        m_backoff.reset();
        if (state() != Live)
            qCInfo(lcStream) << "live on" << m_socketUrl.toString() << "at seq" << serverSeq;
        setState(Live);
        if (first) {
            setLastSeq(serverSeq);
            emit reset();
        }
    } else if (type == QLatin1String("reset")) {
        // The server cannot replay what we missed. Its `seq` is where its log
        // stands: lower than ours means a new database, so ours restarts too
        // (the welcome's seq is not used for this: it may lag after a restart).
        const qint64 serverSeq = msg.value("seq").toInteger(-1);
        if (serverSeq >= 0 && serverSeq < lastSeq())
            restartSeq(serverSeq);
        emit reset();
    } else if (type == QLatin1String("resumed")) {
        setLastSeq(msg.value("seq").toInteger());
        emit resumed(msg.value("count").toInt());
    } else if (type == QLatin1String("error")) {
        qCWarning(lcStream) << "server error" << msg.value("code").toString() << msg.value("message").toString();
    }
}

void RemoteEventStream::fetch(const QString &path, const QUrlQuery &query, QObject *context, SnapshotCallback callback)
{
    QUrl url = m_httpBase;
    url.setPath(path);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setTransferTimeout(10000);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    QNetworkReply *reply = m_http->get(request);
    QPointer<QObject> ctx(context);
    connect(reply, &QNetworkReply::finished, this, [reply, ctx, callback] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (ctx)
            callback(status, QJsonDocument::fromJson(reply->readAll()).object());
    });
}

} // namespace podium
