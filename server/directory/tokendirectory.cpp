#include "directory/tokendirectory.h"

#include <QCryptographicHash>

namespace podium {

QString TokenDirectory::hash(const QString &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

Identity TokenDirectory::resolve(const QString &token) const
{
    if (token.isEmpty())
        return {};
    const QString h = hash(token);
    QReadLocker lock(&m_lock);
    return m_byHash.value(h);
}

void TokenDirectory::insert(const QString &tokenHash, const Identity &identity)
{
    QWriteLocker lock(&m_lock);
    m_byHash.insert(tokenHash, identity);
}

bool TokenDirectory::revoke(qint64 tokenId)
{
    QWriteLocker lock(&m_lock);
    for (auto it = m_byHash.begin(); it != m_byHash.end(); ++it) {
        if (it->tokenId == tokenId) {
            m_byHash.erase(it);
            return true;
        }
    }
    return false;
}

void TokenDirectory::clear()
{
    QWriteLocker lock(&m_lock);
    m_byHash.clear();
}

QList<Identity> TokenDirectory::all() const
{
    QReadLocker lock(&m_lock);
    return m_byHash.values();
}

bool TokenDirectory::anyAdmin() const
{
    QReadLocker lock(&m_lock);
    return std::any_of(m_byHash.cbegin(), m_byHash.cend(), [](const Identity &i) { return i.isAdmin(); });
}

} // namespace podium
