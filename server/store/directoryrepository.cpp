#include "store/directoryrepository.h"

#include "directory/tokendirectory.h"
#include "event.h"
#include "store/batchwriter.h"
#include "store/store.h"

#include <QSqlQuery>

namespace podium {

namespace {
QVariant orNull(qint64 id)
{
    return id ? QVariant(id) : QVariant();
}
QVariant orNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}
} // namespace

void DirectoryRepository::loadTeams(QHash<qint64, std::shared_ptr<Team>> *teams, QString *error)
{
    QSqlQuery q = m_writer.store().select(error, QStringLiteral("SELECT id, name, color FROM teams"));
    while (q.next())
        teams->insert(
                q.value(0).toLongLong(),
                std::make_shared<Team>(Team {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString()}));
}

void DirectoryRepository::loadPeople(QHash<qint64, std::shared_ptr<Person>> *people, QString *error)
{
    QSqlQuery q = m_writer.store().select(
            error,
            QStringLiteral("SELECT id, name, team_id, color, external_id, email, active, created_at FROM people"));
    while (q.next()) {
        auto p = std::make_shared<Person>();
        p->id = q.value(0).toLongLong();
        p->name = q.value(1).toString();
        p->teamId = q.value(2).toLongLong();
        p->color = q.value(3).toString();
        // Recomputed rather than read: a stored value may predate a fix to
        // the rule (a lone surrogate for a name starting with an emoji).
        p->initials = initialsOf(p->name);
        p->externalId = q.value(4).toString();
        p->email = q.value(5).toString();
        p->active = q.value(6).toInt() != 0;
        p->createdAt = QDateTime::fromString(q.value(7).toString(), Qt::ISODateWithMs);
        people->insert(p->id, p);
    }
}

void DirectoryRepository::loadTokens(TokenDirectory *tokens, QString *error)
{
    QSqlQuery q = m_writer.store().select(
            error, QStringLiteral("SELECT token_hash, id, kind, person_id, team_id FROM tokens WHERE revoked = 0"));
    while (q.next()) {
        Identity id;
        parseIdentityKind(q.value(2).toString(), &id.kind);
        id.tokenId = q.value(1).toLongLong();
        id.personId = q.value(3).toLongLong();
        id.teamId = q.value(4).toLongLong();
        tokens->insert(q.value(0).toString(), id);
    }
}

qint64 DirectoryRepository::nextTeamId()
{
    return m_writer.nextId(QStringLiteral("teams"));
}

qint64 DirectoryRepository::nextPersonId()
{
    return m_writer.nextId(QStringLiteral("people"));
}

qint64 DirectoryRepository::nextTokenId()
{
    return m_writer.nextId(QStringLiteral("tokens"));
}

void DirectoryRepository::insertTeam(const Team &team)
{
    m_writer.write(QStringLiteral("INSERT INTO teams (id, name, color) VALUES (?, ?, ?)"),
                   {team.id, team.name, team.color});
}

void DirectoryRepository::updateTeam(const Team &team)
{
    m_writer.write(QStringLiteral("UPDATE teams SET name = ?, color = ? WHERE id = ?"),
                   {team.name, team.color, team.id});
}

void DirectoryRepository::insertPerson(const Person &p)
{
    m_writer.write(QStringLiteral("INSERT INTO people (id, name, team_id, color, initials, external_id, email, active, "
                                  "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)"),
                   {p.id, p.name, orNull(p.teamId), p.color, p.initials, orNull(p.externalId), orNull(p.email),
                    isoTime(p.createdAt)});
}

void DirectoryRepository::updatePerson(const Person &p)
{
    m_writer.write(QStringLiteral("UPDATE people SET name = ?, team_id = ?, color = ?, initials = ?, external_id = ?, "
                                  "email = ?, active = ? WHERE id = ?"),
                   {p.name, orNull(p.teamId), p.color, p.initials, orNull(p.externalId), orNull(p.email),
                    p.active ? 1 : 0, p.id});
}

void DirectoryRepository::insertToken(const QString &tokenHash, const Identity &identity, const QString &label,
                                      const QString &createdAt)
{
    m_writer.write(QStringLiteral("INSERT INTO tokens (token_hash, id, kind, person_id, team_id, label, created_at, "
                                  "revoked) VALUES (?, ?, ?, ?, ?, ?, ?, 0)"),
                   {tokenHash, identity.tokenId, identityKindName(identity.kind), orNull(identity.personId),
                    orNull(identity.teamId), label, createdAt});
}

void DirectoryRepository::revokeToken(qint64 id)
{
    m_writer.write(QStringLiteral("UPDATE tokens SET revoked = 1 WHERE id = ?"), {id});
}

QList<qint64> DirectoryRepository::adminTokensLabelled(const QString &label, const QString &keptHash)
{
    QSqlQuery &q = m_writer.store().prepared(QStringLiteral(
            "SELECT id FROM tokens WHERE kind = 'admin' AND label = ? AND token_hash <> ? AND revoked = 0"));
    q.bindValue(0, label);
    q.bindValue(1, keptHash);
    QList<qint64> ids;
    if (q.exec()) {
        while (q.next())
            ids.append(q.value(0).toLongLong());
    }
    q.finish();
    return ids;
}

} // namespace podium
