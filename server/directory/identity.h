#pragma once

#include <QString>

namespace podium {

// Who is calling, as resolved from a bearer token.
//  admin        everything, including publishing and token management
//  integration  a CRM/LMS/judge: records people and activity
//  display      a TV: reads everything, joins team rooms
//  person       one person's own rooms, notifications and live sessions
struct Identity
{
    enum class Kind { Anonymous, Admin, Integration, Display, Person };

    Kind kind = Kind::Anonymous;
    qint64 tokenId = 0;
    qint64 personId = 0;
    qint64 teamId = 0;

    bool isAdmin() const { return kind == Kind::Admin; }
    bool canWrite() const { return kind == Kind::Admin || kind == Kind::Integration; }
    bool canView() const { return kind != Kind::Anonymous; }
    bool isPerson(qint64 id) const { return kind == Kind::Person && personId == id; }
};

QString identityKindName(Identity::Kind kind);
bool parseIdentityKind(const QString &name, Identity::Kind *out);

} // namespace podium
