// Who may connect: the Origin check (Podium's own pages and the allow-list)
// and the per-address connection cap, for every transport on the port.
#include "hub.h"

#include <QHostInfo>
#include <QNetworkInterface>
#include <QUrl>

namespace podium {

bool Hub::reserveAddress(const QString &address)
{
    const auto it = m_perAddress.constFind(address);
    if (it != m_perAddress.cend() && *it >= m_config.maxConnectionsPerAddress)
        return false;
    ++m_perAddress[address];
    return true;
}

void Hub::releaseAddress(const QString &address)
{
    auto it = m_perAddress.find(address);
    if (it != m_perAddress.end() && --*it <= 0)
        m_perAddress.erase(it);
}

void Hub::setServedAddress(const QHostAddress &address, quint16 port)
{
    m_servedAddress = address;
    m_servedPort = port;
    refreshOwnHosts();
}

void Hub::refreshOwnHosts() const
{
    m_ownAddresses = QNetworkInterface::allAddresses();
    if (!m_servedAddress.isNull() && m_servedAddress != QHostAddress::Any && m_servedAddress != QHostAddress::AnyIPv4
        && m_servedAddress != QHostAddress::AnyIPv6)
        m_ownAddresses.append(m_servedAddress);
    m_ownNames = QStringList {QStringLiteral("localhost")};
    const QString name = QHostInfo::localHostName().toLower();
    if (!name.isEmpty()) {
        m_ownNames << name << name + QLatin1String(".local");
        const QString domain = QHostInfo::localDomainName().toLower();
        if (!domain.isEmpty())
            m_ownNames << name + QLatin1Char('.') + domain;
    }
    m_ownHostsAge.start();
}

bool Hub::isOwnHost(const QString &host) const
{
    const QString name = host.toLower();
    if (name.endsWith(QLatin1String(".localhost")))
        return true; // always loopback (RFC 6761)
    const QHostAddress address(name);
    if (!address.isNull() && address.isLoopback())
        return true;
    const auto known = [&] { return address.isNull() ? m_ownNames.contains(name) : m_ownAddresses.contains(address); };
    if (known())
        return true;
    // An interface that came up since the last look.
    if (!address.isNull() && (!m_ownHostsAge.isValid() || m_ownHostsAge.hasExpired(10000))) {
        refreshOwnHosts();
        return known();
    }
    return false;
}

bool Hub::originAllowed(const QString &origin) const
{
    if (origin.isEmpty())
        return true;
    if (m_config.allowedOrigins.contains(QStringLiteral("*")) || m_config.allowedOrigins.contains(origin))
        return true;
    const QUrl url(origin, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return false;
    const QString host = url.host(QUrl::FullyDecoded).toLower();
    const int port = url.port(scheme == QLatin1String("https") ? 443 : 80);
    for (const QString &name : m_config.publicNames) {
        // HOST or HOST:PORT ([v6]:PORT); without a port, any port.
        const QUrl pub(QStringLiteral("http://") + name);
        if (pub.isValid() && pub.host().compare(host, Qt::CaseInsensitive) == 0
            && (pub.port() < 0 || pub.port() == port))
            return true;
    }
    return m_servedPort != 0 && port == m_servedPort && isOwnHost(host);
}

} // namespace podium
