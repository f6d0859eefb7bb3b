// The directory: people, teams and tokens as the other services read them.
#include "directory/directoryservice.h"

#include "directory/tokendirectory.h"
#include "engine/engine.h"

#include <QSqlQuery>

namespace podium {

DirectoryService::DirectoryService(Engine &core) : Service(core) { }

bool DirectoryService::load(QString *error)
{
    Engine &e = core();
    QSqlQuery q = e.m_store.select(error, QStringLiteral("SELECT id, name, color FROM teams"));
    while (q.next())
        e.m_teams.insert(q.value(0).toLongLong(),
                       std::make_shared<Team>(Team{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString()}));

    q = e.m_store.select(error, QStringLiteral(
        "SELECT id, name, team_id, color, initials, external_id, email, active, created_at FROM people"));
    while (q.next()) {
        auto p = std::make_shared<Person>();
        p->id = q.value(0).toLongLong();
        p->name = q.value(1).toString();
        p->teamId = q.value(2).toLongLong();
        p->color = q.value(3).toString();
        // Recomputed rather than read: a stored value may predate a fix to
        // the rule (a lone surrogate for a name starting with an emoji).
        p->initials = initialsOf(p->name);
        p->externalId = q.value(5).toString();
        p->email = q.value(6).toString();
        p->active = q.value(7).toInt() != 0;
        p->createdAt = QDateTime::fromString(q.value(8).toString(), Qt::ISODateWithMs);
        e.m_people.insert(p->id, p);
    }

    q = e.m_store.select(error, QStringLiteral("SELECT token_hash, id, kind, person_id, team_id FROM tokens WHERE revoked = 0"));
    while (q.next()) {
        Identity id;
        parseIdentityKind(q.value(2).toString(), &id.kind);
        id.tokenId = q.value(1).toLongLong();
        id.personId = q.value(3).toLongLong();
        id.teamId = q.value(4).toLongLong();
        e.m_tokens->insert(q.value(0).toString(), id);
    }
    return true;
}

void DirectoryService::reset()
{
    Engine &e = core();
    e.m_teams.clear();
    e.m_people.clear();
    e.m_tokens->clear();
}

const Person *DirectoryService::person(qint64 id) const { return core().m_people.value(id).get(); }
const Team *DirectoryService::team(qint64 id) const { return core().m_teams.value(id).get(); }
const QHash<qint64, std::shared_ptr<Person>> &DirectoryService::people() const { return core().m_people; }
Identity DirectoryService::authenticate(const QString &token) const { return core().m_tokens->resolve(token); }
std::shared_ptr<TokenDirectory> DirectoryService::tokens() const { return core().m_tokens; }

} // namespace podium
