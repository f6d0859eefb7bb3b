#include "http/directoryjson.h"

#include "directory/tokendirectory.h"
#include "engine/engine.h"
#include "http/domainreply.h"
#include "http/fields.h"

#include <QJsonArray>

namespace podium::rest {

namespace {

QJsonValue idOrNull(qint64 id)
{
    return id ? QJsonValue(id) : QJsonValue();
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QJsonObject teamJson(const Team &t)
{
    return {{"id", t.id}, {"name", t.name}, {"color", t.color}};
}

QJsonObject personJson(const DirectoryService &directory, const Person &p, PersonView view)
{
    const Team *t = directory.team(p.teamId);
    QJsonObject json {{"id", p.id},
                      {"name", p.name},
                      {"team", t ? QJsonValue(t->id) : QJsonValue()},
                      {"teamName", t ? QJsonValue(t->name) : QJsonValue()},
                      {"color", p.color},
                      {"initials", p.initials},
                      {"active", p.active}};
    if (view == PersonView::Full) {
        json.insert("externalId", textOrNull(p.externalId));
        json.insert("email", textOrNull(p.email));
    }
    return json;
}

// A colour field as given: the service checks its form.
std::optional<QString> colorField(const QJsonObject &input)
{
    if (!input.contains("color"))
        return std::nullopt;
    return input.value("color").toString();
}

} // namespace

Reply listTeams(Engine &engine)
{
    QJsonArray arr;
    for (const TeamListing &listing : engine.directory().teams()) {
        QJsonObject json = teamJson(listing.team);
        json.insert("members", listing.activeMembers);
        arr.append(json);
    }
    return {200, {{"teams", arr}}};
}

Reply createTeam(Engine &engine, const QJsonObject &input)
{
    TeamDraft draft;
    if (auto invalid = fields::teamName.read(input.value("name"), &draft.name))
        return *invalid;
    draft.color = colorField(input);
    return replyFor(engine.directory().createTeam(draft), teamJson, 201);
}

Reply updateTeam(Engine &engine, qint64 id, const QJsonObject &input)
{
    // An unknown team is named before any field is read.
    if (!engine.directory().team(id))
        return replyFor(DirectoryService::noSuchTeam(id));
    TeamChange change;
    if (input.contains("name")) {
        QString name;
        if (auto invalid = fields::teamName.read(input.value("name"), &name))
            return *invalid;
        change.name = name;
    }
    change.color = colorField(input);
    return replyFor(engine.directory().updateTeam(id, change), teamJson);
}

Reply listPeople(Engine &engine, PersonView view)
{
    QJsonArray arr;
    for (const Person *p : engine.directory().peopleById())
        arr.append(personJson(engine.directory(), *p, view));
    return {200, {{"people", arr}}};
}

Reply createPerson(Engine &engine, const QJsonObject &input)
{
    PersonDraft draft;
    if (auto invalid = fields::personName.read(input.value("name"), &draft.name))
        return *invalid;
    // `team` names an existing team by id, or a team by name.
    const QJsonValue team = input.value("team");
    if (team.isDouble()) {
        draft.teamId = team.toInteger();
    } else if (team.isString() && !team.toString().trimmed().isEmpty()) {
        if (fields::teamName.read(team, &draft.teamName))
            return Reply::badRequest(
                    QStringLiteral("field 'team' must be a team id or a team name of at most %1 characters")
                            .arg(fields::teamName.maxLength));
    } else if (!team.isUndefined() && !team.isNull() && !team.isString()) {
        return Reply::badRequest("field 'team' must be a team id or a team name");
    }
    draft.color = colorField(input);
    if (auto invalid = fields::externalId.read(input.value("externalId"), &draft.externalId))
        return *invalid;
    if (auto invalid = fields::email.read(input.value("email"), &draft.email))
        return *invalid;
    const DirectoryService &directory = engine.directory();
    return replyFor(
            engine.directory().createPerson(draft),
            [&directory](const Person &p) { return personJson(directory, p, PersonView::Full); }, 201);
}

Reply updatePerson(Engine &engine, qint64 id, const QJsonObject &input)
{
    // An unknown person is named before any field is read.
    if (!engine.directory().person(id))
        return replyFor(DirectoryService::noSuchPerson(id));
    PersonChange change;
    if (input.contains("name")) {
        QString name;
        if (auto invalid = fields::personName.read(input.value("name"), &name))
            return *invalid;
        change.name = name;
    }
    if (input.contains("team")) {
        const QJsonValue t = input.value("team");
        if (!t.isNull() && (!t.isDouble() || t.toInteger() == 0))
            return Reply::badRequest("field 'team' must be the id of an existing team or null");
        change.teamId = t.isNull() ? 0 : t.toInteger();
    }
    change.color = colorField(input);
    if (input.contains("active")) {
        if (!input.value("active").isBool())
            return Reply::badRequest("field 'active' must be true or false");
        change.active = input.value("active").toBool();
    }
    if (input.contains("email")) {
        QString email;
        if (auto invalid = fields::email.read(input.value("email"), &email))
            return *invalid;
        change.email = email;
    }
    if (input.contains("externalId")) {
        QString externalId;
        if (auto invalid = fields::externalId.read(input.value("externalId"), &externalId))
            return *invalid;
        change.externalId = externalId;
    }
    const DirectoryService &directory = engine.directory();
    return replyFor(engine.directory().updatePerson(id, change),
                    [&directory](const Person &p) { return personJson(directory, p, PersonView::Full); });
}

Reply getPerson(Engine &engine, qint64 id, PersonView view)
{
    const Person *p = engine.directory().person(id);
    if (!p)
        return replyFor(DirectoryService::noSuchPerson(id));
    QJsonObject json = personJson(engine.directory(), *p, view);
    // Standing across every metric's all-time board, plus XP level and streak.
    const ConfigurationService &configuration = engine.configuration();
    const QString allTime = engine.calendar().key(Period::AllTime, engine.clock()->now());
    QJsonObject totals;
    for (const Metric &m : configuration.metrics()) {
        if (auto v = engine.scoring().board(m.key, Period::AllTime, allTime).value(id))
            totals.insert(m.key, *v);
    }
    json.insert("totals", totals);
    const double xp = totals.value(configuration.xpMetric()).toDouble();
    const int level = configuration.levels().levelFor(xp);
    json.insert("xp", xp);
    json.insert("level", level);
    json.insert("tier", tierFor(level, configuration.tiers()).key);
    json.insert("nextLevelXp", configuration.levels().xpForLevel(level + 1));
    if (const auto streak = engine.scoring().storedStreak(id))
        json.insert("streak",
                    QJsonObject {{"current", streak->current},
                                 {"best", streak->best},
                                 {"lastDay", streak->last.toString(Qt::ISODate)}});
    QJsonArray badges;
    for (const BadgeAward &award : engine.scoring().badgeAwards(id)) {
        QJsonObject b = configuration.badges().value(award.badge);
        b.insert("awardedAt", award.at);
        badges.append(b);
    }
    json.insert("badges", badges);
    return {200, json};
}

Reply listTokens(Engine &engine)
{
    QJsonArray arr;
    for (const Identity &i : engine.directory().tokenList())
        arr.append(
                QJsonObject {{"id", i.tokenId}, {"kind", identityKindName(i.kind)}, {"person", idOrNull(i.personId)}});
    return {200, {{"tokens", arr}}};
}

Reply createToken(Engine &engine, const QJsonObject &input)
{
    TokenDraft draft;
    if (!parseIdentityKind(input.value("kind").toString(), &draft.kind))
        return Reply::badRequest("field 'kind' must be one of admin, integration, display, person");
    if (draft.kind == Identity::Kind::Person)
        draft.personId = input.value("person").toInteger();
    if (auto invalid = fields::tokenLabel.read(input.value("label"), &draft.label))
        return *invalid;
    return replyFor(
            engine.directory().issueToken(draft),
            [](const IssuedToken &t) {
                return QJsonObject {{"id", t.identity.tokenId},
                                    {"token", t.token},
                                    {"kind", identityKindName(t.identity.kind)},
                                    {"person", idOrNull(t.identity.personId)},
                                    {"label", t.label}};
            },
            201);
}

Reply revokeToken(Engine &engine, qint64 id)
{
    return replyFor(engine.directory().revokeToken(id), [id](Done) { return QJsonObject {{"revoked", id}}; });
}

} // namespace podium::rest
