// The directory: people, teams and tokens.
#include "directory/directoryservice.h"

#include "contests/contestservice.h"
#include "directory/tokendirectory.h"
#include "engine/engine.h"
#include "logging.h"
#include "rooms.h"
#include "scoring/scoringservice.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <algorithm>

namespace podium {

namespace {
QString newTokenText()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// Distinct, readable-on-dark colours for avatars and teams.
const QStringList &palette()
{
    static const QStringList colors {"#F59E0B", "#10B981", "#3B82F6", "#EF4444", "#8B5CF6", "#EC4899",
                                     "#14B8A6", "#F97316", "#84CC16", "#06B6D4", "#A855F7", "#EAB308"};
    return colors;
}

std::optional<DomainError> invalidColor(const QString &color)
{
    static const QRegularExpression re(QStringLiteral("^#[0-9A-Fa-f]{6}$"));
    if (re.match(color).hasMatch())
        return std::nullopt;
    return DomainError::invalid(QStringLiteral("field 'color' must be a #RRGGBB colour"));
}

// Empty (none), or an address.
std::optional<DomainError> invalidEmail(const QString &email)
{
    if (email.isEmpty() || email.contains(QLatin1Char('@')))
        return std::nullopt;
    return DomainError::invalid(QStringLiteral("field 'email' must be an e-mail address"));
}
} // namespace

DirectoryService::DirectoryService(Engine &core)
    : Service(core)
    , m_repository(core)
    , m_tokens(std::make_shared<TokenDirectory>())
{ }

DirectoryService::~DirectoryService() = default;

bool DirectoryService::load(QString *error)
{
    m_repository.loadTeams(&m_teams, error);
    m_repository.loadPeople(&m_people, error);
    m_repository.loadTokens(m_tokens.get(), error);
    return true;
}

void DirectoryService::reset()
{
    m_teams.clear();
    m_people.clear();
    m_tokens->clear();
}

DomainError DirectoryService::noSuchPerson(qint64 id)
{
    return DomainError::notFound(QStringLiteral("person %1 does not exist").arg(id));
}

DomainError DirectoryService::noSuchTeam(qint64 id)
{
    return DomainError::notFound(QStringLiteral("team %1 does not exist").arg(id));
}

const Person *DirectoryService::person(qint64 id) const
{
    return m_people.value(id).get();
}

const Team *DirectoryService::team(qint64 id) const
{
    return m_teams.value(id).get();
}

QList<const Person *> DirectoryService::peopleById() const
{
    QList<const Person *> out;
    out.reserve(m_people.size());
    for (const auto &p : m_people)
        out.append(p.get());
    std::sort(out.begin(), out.end(), [](const Person *a, const Person *b) { return a->id < b->id; });
    return out;
}

QList<TeamListing> DirectoryService::teams() const
{
    QList<TeamListing> out;
    for (const auto &t : m_teams)
        out.append({*t, 0});
    std::sort(out.begin(), out.end(), [](const TeamListing &a, const TeamListing &b) { return a.team.id < b.team.id; });
    for (TeamListing &listing : out) {
        for (const auto &p : m_people)
            listing.activeMembers += (p->teamId == listing.team.id && p->active) ? 1 : 0;
    }
    return out;
}

const Team *DirectoryService::teamNamed(const QString &name, qint64 except) const
{
    // Team names are unique ignoring case, so at most one team matches.
    for (const auto &t : m_teams) {
        if (t->id != except && t->name.compare(name, Qt::CaseInsensitive) == 0)
            return t.get();
    }
    return nullptr;
}

std::optional<DomainError> DirectoryService::teamNameTaken(const QString &name, qint64 except) const
{
    if (const Team *t = teamNamed(name, except))
        return DomainError::conflict(
                QStringLiteral("field 'name': a team called '%1' exists (id %2)").arg(name).arg(t->id));
    return std::nullopt;
}

Outcome<Team> DirectoryService::createTeam(const TeamDraft &draft)
{
    if (auto taken = teamNameTaken(draft.name, 0))
        return *taken;
    const QString color = draft.color.value_or(palette().at(int(m_teams.size() % palette().size())));
    if (auto invalid = invalidColor(color))
        return *invalid;
    auto team = std::make_shared<Team>(Team {m_repository.nextTeamId(), draft.name, color});
    m_repository.insertTeam(*team);
    m_teams.insert(team->id, team);
    return *team;
}

Outcome<Team> DirectoryService::updateTeam(qint64 id, const TeamChange &change)
{
    auto team = m_teams.value(id);
    if (!team)
        return noSuchTeam(id);
    Team next = *team;
    if (change.name) {
        next.name = *change.name;
        // Checked here, not left to the UNIQUE constraint: a failed write
        // would cost this request its batch-mates' work being redone.
        if (auto taken = teamNameTaken(next.name, id))
            return *taken;
    }
    if (change.color) {
        next.color = *change.color;
        if (auto invalid = invalidColor(next.color))
            return *invalid;
    }
    m_repository.updateTeam(next);
    *team = next;
    return next;
}

Outcome<Person> DirectoryService::createPerson(const PersonDraft &draft)
{
    auto p = std::make_shared<Person>();
    p->name = draft.name;
    if (draft.teamId) {
        if (!team(*draft.teamId))
            return DomainError::invalid(QStringLiteral("field 'team': team %1 does not exist").arg(*draft.teamId));
        p->teamId = *draft.teamId;
    } else if (!draft.teamName.isEmpty()) {
        // A new team name creates the team, so an integration can post
        // {"name","team"} without a setup step.
        if (const Team *named = teamNamed(draft.teamName, 0))
            p->teamId = named->id;
        if (!p->teamId) {
            const Outcome<Team> created = createTeam({draft.teamName, std::nullopt});
            if (!created)
                return created.error();
            p->teamId = created->id;
        }
    }
    if (draft.color) {
        if (auto invalid = invalidColor(*draft.color))
            return *invalid;
    }
    p->externalId = draft.externalId;
    if (auto invalid = invalidEmail(draft.email))
        return *invalid;
    p->email = draft.email;
    p->id = m_repository.nextPersonId();
    p->color = draft.color.value_or(palette().at(int((p->id - 1) % palette().size())));
    p->initials = initialsOf(p->name);
    p->createdAt = core().now();
    m_repository.insertPerson(*p);
    m_people.insert(p->id, p);
    return *p;
}

Outcome<Person> DirectoryService::updatePerson(qint64 id, const PersonChange &change)
{
    auto p = m_people.value(id);
    if (!p)
        return noSuchPerson(id);
    Person next = *p;
    if (change.name) {
        next.name = *change.name;
        next.initials = initialsOf(next.name);
    }
    if (change.teamId) {
        if (*change.teamId && !team(*change.teamId))
            return DomainError::invalid(QStringLiteral("field 'team' must be the id of an existing team or null"));
        next.teamId = *change.teamId;
    }
    if (change.color) {
        next.color = *change.color;
        if (auto invalid = invalidColor(next.color))
            return *invalid;
    }
    if (change.active)
        next.active = *change.active;
    if (change.email) {
        if (auto invalid = invalidEmail(*change.email))
            return *invalid;
        next.email = *change.email;
    }
    if (change.externalId)
        next.externalId = *change.externalId;
    m_repository.updatePerson(next);
    const bool activeChanged = p->active != next.active;
    *p = next;
    if (activeChanged) {
        // Boards are rebuilt from the stored totals on next use, with or
        // without this person; every board may show new ranks.
        Engine &e = core();
        e.scoring().forgetBoards();
        e.contests().rebuildAllStandings();
        for (const Metric &m : e.configuration().metrics())
            e.emitEvent(rooms::leaderboard(m.key), "leaderboard:refresh",
                        {{"metric", m.key}, {"reason", next.active ? "reactivated" : "deactivated"}, {"person", id}});
    }
    return next;
}

Identity DirectoryService::authenticate(const QString &token) const
{
    return m_tokens->resolve(token);
}

Outcome<IssuedToken> DirectoryService::issueToken(const TokenDraft &draft)
{
    IssuedToken issued;
    issued.identity.kind = draft.kind;
    if (draft.kind == Identity::Kind::Person) {
        const Person *p = person(draft.personId);
        if (!p)
            return DomainError::invalid(QStringLiteral("field 'person' must be the id of an existing person"));
        issued.identity.personId = p->id;
        issued.identity.teamId = p->teamId;
    }
    issued.label = draft.label;
    issued.token = newTokenText();
    issued.identity.tokenId = m_repository.nextTokenId();
    const QString hash = TokenDirectory::hash(issued.token);
    m_repository.insertToken(hash, issued.identity, issued.label, core().nowText(core().now()));
    m_tokens->insert(hash, issued.identity);
    return issued;
}

Outcome<Done> DirectoryService::revokeToken(qint64 id)
{
    if (!m_tokens->revoke(id))
        return DomainError::notFound(QStringLiteral("token %1 does not exist or is already revoked").arg(id));
    m_repository.revokeToken(id);
    return Done {};
}

QList<Identity> DirectoryService::tokenList() const
{
    QList<Identity> ids = m_tokens->all();
    std::sort(ids.begin(), ids.end(), [](const Identity &a, const Identity &b) { return a.tokenId < b.tokenId; });
    return ids;
}

void DirectoryService::installAdminToken(const QString &token, const QString &label)
{
    Identity identity;
    identity.kind = Identity::Kind::Admin;
    identity.tokenId = m_repository.nextTokenId();
    const QString hash = TokenDirectory::hash(token);
    m_repository.insertToken(hash, identity, label, core().nowText(core().now()));
    m_tokens->insert(hash, identity);
}

QString DirectoryService::ensureAdminToken(const QString &preset)
{
    QString created;
    if (!preset.isEmpty()) {
        // The variable is the one admin token it provides: a rotated value
        // revokes the one installed before (tokens made otherwise stay).
        const QString label = QStringLiteral("PODIUM_ADMIN_TOKEN");
        for (qint64 id : m_repository.adminTokensLabelled(label, TokenDirectory::hash(preset))) {
            m_tokens->revoke(id);
            m_repository.revokeToken(id);
            qCInfo(lcEngine) << "revoked the previous PODIUM_ADMIN_TOKEN, token" << id;
        }
        if (!authenticate(preset).isAdmin())
            installAdminToken(preset, label);
    } else if (!m_tokens->anyAdmin()) {
        created = newTokenText();
        installAdminToken(created, QStringLiteral("first run"));
    }
    core().flush();
    return created;
}

} // namespace podium
