#pragma once

#include "directory/identity.h"

#include <QHash>
#include <QReadWriteLock>
#include <QString>

namespace podium {

// Bearer tokens by their SHA-256, readable from any thread. The engine writes
// it (create, revoke); the hub and the HTTP layer resolve tokens without a
// round trip to the engine thread.
class TokenDirectory
{
public:
    static QString hash(const QString &token);

    Identity resolve(const QString &token) const;
    void insert(const QString &tokenHash, const Identity &identity);
    bool revoke(qint64 tokenId);
    void clear();
    QList<Identity> all() const;
    bool anyAdmin() const;

private:
    mutable QReadWriteLock m_lock;
    QHash<QString, Identity> m_byHash;
};

} // namespace podium
