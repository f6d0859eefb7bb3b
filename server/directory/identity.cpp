#include "directory/identity.h"

#include <QList>
#include <QPair>

namespace podium {

namespace {
const QList<QPair<Identity::Kind, QString>> kKinds{
    {Identity::Kind::Admin, "admin"},
    {Identity::Kind::Integration, "integration"},
    {Identity::Kind::Display, "display"},
    {Identity::Kind::Person, "person"},
};
}

QString identityKindName(Identity::Kind kind)
{
    for (const auto &k : kKinds) {
        if (k.first == kind)
            return k.second;
    }
    return QStringLiteral("anonymous");
}

bool parseIdentityKind(const QString &name, Identity::Kind *out)
{
    for (const auto &k : kKinds) {
        if (k.second == name) {
            *out = k.first;
            return true;
        }
    }
    return false;
}

} // namespace podium
