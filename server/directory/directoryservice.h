#pragma once

#include "directory/identity.h"
#include "directory/people.h"
#include "engine/outcome.h"
#include "engine/service.h"
#include "store/directoryrepository.h"

#include <QHash>
#include <QList>
#include <memory>
#include <optional>

namespace podium {

class TokenDirectory;

// A new team. Without a colour it gets the next one of the palette.
struct TeamDraft
{
    QString name;
    std::optional<QString> color;
};

// What a team update changes; an absent field stays.
struct TeamChange
{
    std::optional<QString> name;
    std::optional<QString> color;
};

struct TeamListing
{
    Team team;
    int activeMembers = 0;
};

// A new person. Their team is named by id (`teamId`), or by name
// (`teamName`, created when no team has it), or not at all.
struct PersonDraft
{
    QString name;
    std::optional<qint64> teamId;
    QString teamName;
    std::optional<QString> color;
    QString externalId;
    QString email;
};

// What a person update changes; an absent field stays. `teamId` 0 is "no team".
struct PersonChange
{
    std::optional<QString> name;
    std::optional<qint64> teamId;
    std::optional<QString> color;
    std::optional<bool> active;
    std::optional<QString> email;
    std::optional<QString> externalId;
};

struct TokenDraft
{
    Identity::Kind kind = Identity::Kind::Integration;
    qint64 personId = 0; // for a person token
    QString label;
};

// A token as issued: the plaintext exists only here, once.
struct IssuedToken
{
    Identity identity;
    QString token;
    QString label;
};

// The directory: people, teams and the tokens that act for them. Field
// messages name the wire's fields, as docs/API.md lists them.
class DirectoryService : public Service
{
public:
    explicit DirectoryService(Engine &core);
    ~DirectoryService() override;

    bool load(QString *error) override;
    void reset() override;

    const Person *person(qint64 id) const;
    static DomainError noSuchPerson(qint64 id);
    static DomainError noSuchTeam(qint64 id);
    const Team *team(qint64 id) const;
    const QHash<qint64, std::shared_ptr<Person>> &people() const { return m_people; }
    // Everyone, by id.
    QList<const Person *> peopleById() const;
    QList<TeamListing> teams() const;

    Outcome<Team> createTeam(const TeamDraft &draft);
    Outcome<Team> updateTeam(qint64 id, const TeamChange &change);
    Outcome<Person> createPerson(const PersonDraft &draft);
    Outcome<Person> updatePerson(qint64 id, const PersonChange &change);

    Identity authenticate(const QString &token) const;
    // Shared with the network threads, which resolve tokens themselves.
    std::shared_ptr<TokenDirectory> tokens() const { return m_tokens; }
    Outcome<IssuedToken> issueToken(const TokenDraft &draft);
    Outcome<Done> revokeToken(qint64 id);
    // Every live token, by id.
    QList<Identity> tokenList() const;
    // Makes sure an admin token exists: `preset` (PODIUM_ADMIN_TOKEN) is
    // installed as one, revoking the one it replaced; otherwise, on a
    // database without any, a new one is made. Returns the plaintext only
    // when it was made here.
    QString ensureAdminToken(const QString &preset);

private:
    // The team called `name` ignoring case, other than team `except`.
    const Team *teamNamed(const QString &name, qint64 except) const;
    std::optional<DomainError> teamNameTaken(const QString &name, qint64 except) const;
    void installAdminToken(const QString &token, const QString &label);

    DirectoryRepository m_repository;
    QHash<qint64, std::shared_ptr<Team>> m_teams;
    QHash<qint64, std::shared_ptr<Person>> m_people;
    std::shared_ptr<TokenDirectory> m_tokens;
};

} // namespace podium
