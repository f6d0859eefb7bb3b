#pragma once

#include "directory/identity.h"
#include "directory/people.h"

#include <QHash>
#include <QList>
#include <memory>

namespace podium {

class BatchWriter;
class TokenDirectory;

// The directory's rows: teams, people and tokens (only a token's hash is
// stored; the plaintext is shown once, when it is issued).
class DirectoryRepository
{
public:
    explicit DirectoryRepository(BatchWriter &writer)
        : m_writer(writer)
    { }

    void loadTeams(QHash<qint64, std::shared_ptr<Team>> *teams, QString *error);
    void loadPeople(QHash<qint64, std::shared_ptr<Person>> *people, QString *error);
    // Every token that is not revoked, by hash. A failed read sets `error`.
    void loadTokens(TokenDirectory *tokens, QString *error);

    qint64 nextTeamId();
    qint64 nextPersonId();
    qint64 nextTokenId();
    void insertTeam(const Team &team);
    void updateTeam(const Team &team);
    void insertPerson(const Person &person);
    void updatePerson(const Person &person);
    void insertToken(const QString &tokenHash, const Identity &identity, const QString &label,
                     const QString &createdAt);
    void revokeToken(qint64 id);
    // Admin tokens called `label` other than the one hashed `keptHash`.
    QList<qint64> adminTokensLabelled(const QString &label, const QString &keptHash);

private:
    BatchWriter &m_writer;
};

} // namespace podium
