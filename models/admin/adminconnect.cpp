#include "adminconnect.h"

#include <QDir>
#include <QFile>

namespace podium {

QUrl localAdminBase(const QHostAddress &address, quint16 port)
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    const bool any = address == QHostAddress::Any || address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6
        || address.isNull();
    url.setHost(any ? QStringLiteral("127.0.0.1") : address.toString());
    url.setPort(port);
    return url;
}

QUrl remoteAdminBase(const QUrl &connect)
{
    const QString scheme = connect.scheme();
    QString http;
    if (scheme == QLatin1String("ws") || scheme == QLatin1String("http"))
        http = QStringLiteral("http");
    else if (scheme == QLatin1String("wss") || scheme == QLatin1String("https"))
        http = QStringLiteral("https");
    if (http.isEmpty() || connect.host().isEmpty())
        return {};
    QUrl url;
    url.setScheme(http);
    url.setHost(connect.host());
    url.setPort(connect.port());
    return url;
}

QString localAdminToken(const QString &environmentToken, const QString &createdToken, const QString &dataDir)
{
    if (!environmentToken.isEmpty())
        return environmentToken;
    if (!createdToken.isEmpty())
        return createdToken;
    QFile file(QDir(dataDir).filePath(QStringLiteral("admin-token")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed();
}

} // namespace podium
