// Engine: tokens, teams and people.
#include "engine/engine.h"

#include "http/fields.h"
#include "logging.h"
#include "rooms.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTextBoundaryFinder>

namespace podium {

namespace {
QString hashToken(const QString &token)
{
    return TokenDirectory::hash(token);
}

QString newTokenText()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// Distinct, readable-on-dark colours for avatars and teams.
const QStringList &palette()
{
    static const QStringList colors{"#F59E0B", "#10B981", "#3B82F6", "#EF4444", "#8B5CF6", "#EC4899",
                                    "#14B8A6", "#F97316", "#84CC16", "#06B6D4", "#A855F7", "#EAB308"};
    return colors;
}

} // namespace

// The first character of the first two words. A character is a whole
// grapheme cluster (an emoji with its skin tone or ZWJ sequence, a letter
// with its accents), never half of a surrogate pair.
QString initialsOf(const QString &name)
{
    QString out;
    int words = 0;
    for (const QString &part : name.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, part);
        const qsizetype end = graphemes.toNextBoundary();
        out += part.left(end > 0 ? end : part.size()).toUpper();
        if (++words == 2)
            break;
    }
    return out.isEmpty() ? QStringLiteral("?") : out;
}

namespace {

bool validColor(const QString &c)
{
    static const QRegularExpression re(QStringLiteral("^#[0-9A-Fa-f]{6}$"));
    return re.match(c).hasMatch();
}

// The e-mail rule of create and update: empty (none), or an address.
std::optional<Reply> readEmail(const QJsonValue &value, QString *out)
{
    if (auto invalid = fields::email.read(value, out))
        return invalid;
    if (!out->isEmpty() && !out->contains(QLatin1Char('@')))
        return Reply::badRequest("field 'email' must be an e-mail address");
    return std::nullopt;
}
} // namespace

Identity Engine::authenticate(const QString &token) const
{
    return directory().authenticate(token);
}

QString Engine::ensureAdminToken(const QString &preset)
{
    const auto insert = [this](const QString &token, const QString &label) {
        const qint64 id = nextId("tokens");
        write(QStringLiteral("INSERT INTO tokens (token_hash, id, kind, person_id, team_id, label, created_at, revoked) "
                             "VALUES (?, ?, 'admin', NULL, NULL, ?, ?, 0)"),
              {hashToken(token), id, label, nowText(now())});
        Identity identity;
        identity.kind = Identity::Kind::Admin;
        identity.tokenId = id;
        m_tokens->insert(hashToken(token), identity);
    };
    QString created;
    if (!preset.isEmpty()) {
        // The variable is the one admin token it provides: a rotated value
        // revokes the one installed before (tokens made otherwise stay).
        const QString label = QStringLiteral("PODIUM_ADMIN_TOKEN");
        QSqlQuery &q = m_store.prepared(QStringLiteral(
                "SELECT id FROM tokens WHERE kind = 'admin' AND label = ? AND token_hash <> ? AND revoked = 0"));
        q.bindValue(0, label);
        q.bindValue(1, hashToken(preset));
        QList<qint64> previous;
        if (q.exec()) {
            while (q.next())
                previous.append(q.value(0).toLongLong());
        }
        q.finish();
        for (qint64 id : std::as_const(previous)) {
            m_tokens->revoke(id);
            write(QStringLiteral("UPDATE tokens SET revoked = 1 WHERE id = ?"), {id});
            qCInfo(lcEngine) << "revoked the previous PODIUM_ADMIN_TOKEN, token" << id;
        }
        if (!authenticate(preset).isAdmin())
            insert(preset, label);
    } else {
        if (!m_tokens->anyAdmin()) {
            created = newTokenText();
            insert(created, QStringLiteral("first run"));
        }
    }
    flush();
    return created;
}

Reply Engine::createToken(const QJsonObject &input)
{
    Identity identity;
    if (!parseIdentityKind(input.value("kind").toString(), &identity.kind))
        return Reply::badRequest("field 'kind' must be one of admin, integration, display, person");
    if (identity.kind == Identity::Kind::Person) {
        identity.personId = input.value("person").toInteger();
        const Person *p = person(identity.personId);
        if (!p)
            return Reply::badRequest("field 'person' must be the id of an existing person");
        identity.teamId = p->teamId;
    }
    QString label;
    if (auto invalid = fields::tokenLabel.read(input.value("label"), &label))
        return *invalid;
    const QString token = newTokenText();
    identity.tokenId = nextId("tokens");
    write(QStringLiteral("INSERT INTO tokens (token_hash, id, kind, person_id, team_id, label, created_at, revoked) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, 0)"),
          {hashToken(token), identity.tokenId, identityKindName(identity.kind),
           identity.personId ? QVariant(identity.personId) : QVariant(),
           identity.teamId ? QVariant(identity.teamId) : QVariant(), label, nowText(now())});
    m_tokens->insert(hashToken(token), identity);
    return {201,
            {{"id", identity.tokenId},
             {"token", token},
             {"kind", identityKindName(identity.kind)},
             {"person", identity.personId ? QJsonValue(identity.personId) : QJsonValue()},
             {"label", label}}};
}

Reply Engine::revokeToken(qint64 id)
{
    if (m_tokens->revoke(id)) {
        write(QStringLiteral("UPDATE tokens SET revoked = 1 WHERE id = ?"), {id});
        return {200, {{"revoked", id}}};
    }
    return Reply::notFound(QStringLiteral("token %1 does not exist or is already revoked").arg(id));
}

Reply Engine::listTokens() const
{
    QJsonArray arr;
    QList<Identity> ids = m_tokens->all();
    std::sort(ids.begin(), ids.end(), [](const Identity &a, const Identity &b) { return a.tokenId < b.tokenId; });
    for (const Identity &i : ids)
        arr.append(QJsonObject{{"id", i.tokenId},
                               {"kind", identityKindName(i.kind)},
                               {"person", i.personId ? QJsonValue(i.personId) : QJsonValue()}});
    return {200, {{"tokens", arr}}};
}

Reply Engine::createTeam(const QJsonObject &input)
{
    QString name;
    if (auto invalid = fields::teamName.read(input.value("name"), &name))
        return *invalid;
    if (auto taken = teamNameTaken(name, 0))
        return *taken;
    const QString color = input.value("color").toString(palette().at(int(m_teams.size() % palette().size())));
    if (!validColor(color))
        return Reply::badRequest("field 'color' must be a #RRGGBB colour");
    auto team = std::make_shared<Team>(Team{nextId("teams"), name, color});
    write(QStringLiteral("INSERT INTO teams (id, name, color) VALUES (?, ?, ?)"), {team->id, name, color});
    m_teams.insert(team->id, team);
    return {201, {{"id", team->id}, {"name", name}, {"color", color}}};
}

std::optional<Reply> Engine::teamNameTaken(const QString &name, qint64 except) const
{
    for (const auto &t : std::as_const(m_teams)) {
        if (t->id != except && t->name.compare(name, Qt::CaseInsensitive) == 0)
            return Reply::conflict(
                    QStringLiteral("field 'name': a team called '%1' exists (id %2)").arg(name).arg(t->id));
    }
    return std::nullopt;
}

Reply Engine::updateTeam(qint64 id, const QJsonObject &input)
{
    auto team = m_teams.value(id);
    if (!team)
        return Reply::notFound(QStringLiteral("team %1 does not exist").arg(id));
    Team next = *team;
    if (input.contains("name")) {
        if (auto invalid = fields::teamName.read(input.value("name"), &next.name))
            return *invalid;
        // Checked here, not left to the UNIQUE constraint: a failed write
        // would cost this request its batch-mates' work being redone.
        if (auto taken = teamNameTaken(next.name, id))
            return *taken;
    }
    if (input.contains("color")) {
        next.color = input.value("color").toString();
        if (!validColor(next.color))
            return Reply::badRequest("field 'color' must be a #RRGGBB colour");
    }
    write(QStringLiteral("UPDATE teams SET name = ?, color = ? WHERE id = ?"), {next.name, next.color, id});
    *team = next;
    return {200, {{"id", id}, {"name", next.name}, {"color", next.color}}};
}

Reply Engine::listTeams() const
{
    QList<qint64> ids = m_teams.keys();
    std::sort(ids.begin(), ids.end());
    QJsonArray arr;
    for (qint64 id : ids) {
        const Team &t = *m_teams.value(id);
        int members = 0;
        for (const auto &p : m_people)
            members += (p->teamId == id && p->active) ? 1 : 0;
        arr.append(QJsonObject{{"id", t.id}, {"name", t.name}, {"color", t.color}, {"members", members}});
    }
    return {200, {{"teams", arr}}};
}

QJsonObject Engine::personJson(const Person &p) const
{
    const Team *t = team(p.teamId);
    return {{"id", p.id},
            {"name", p.name},
            {"team", t ? QJsonValue(t->id) : QJsonValue()},
            {"teamName", t ? QJsonValue(t->name) : QJsonValue()},
            {"color", p.color},
            {"initials", p.initials},
            {"externalId", p.externalId.isEmpty() ? QJsonValue() : QJsonValue(p.externalId)},
            {"email", p.email.isEmpty() ? QJsonValue() : QJsonValue(p.email)},
            {"active", p.active}};
}

Reply Engine::createPerson(const QJsonObject &input)
{
    QString name;
    if (auto invalid = fields::personName.read(input.value("name"), &name))
        return *invalid;
    auto p = std::make_shared<Person>();
    p->name = name;
    // `team` may name an existing team by id or by name; a new name creates it,
    // so an integration can post {"name","team"} without a setup step.
    const QJsonValue teamValue = input.value("team");
    if (teamValue.isDouble()) {
        if (!team(teamValue.toInteger()))
            return Reply::badRequest(QStringLiteral("field 'team': team %1 does not exist").arg(teamValue.toInteger()));
        p->teamId = teamValue.toInteger();
    } else if (teamValue.isString() && !teamValue.toString().trimmed().isEmpty()) {
        QString teamName;
        if (auto invalid = fields::teamName.read(teamValue, &teamName))
            return Reply::badRequest(
                    QStringLiteral("field 'team' must be a team id or a team name of at most %1 characters")
                            .arg(fields::teamName.maxLength));
        for (const auto &t : std::as_const(m_teams)) {
            if (t->name.compare(teamName, Qt::CaseInsensitive) == 0)
                p->teamId = t->id;
        }
        if (!p->teamId) {
            const Reply created = createTeam({{"name", teamName}});
            if (!created.ok())
                return created;
            p->teamId = created.body.value("id").toInteger();
        }
    } else if (!teamValue.isUndefined() && !teamValue.isNull() && !(teamValue.isString())) {
        return Reply::badRequest("field 'team' must be a team id or a team name");
    }
    if (input.contains("color") && !validColor(input.value("color").toString()))
        return Reply::badRequest("field 'color' must be a #RRGGBB colour");
    if (auto invalid = fields::externalId.read(input.value("externalId"), &p->externalId))
        return *invalid;
    if (auto invalid = readEmail(input.value("email"), &p->email))
        return *invalid;
    p->id = nextId("people");
    p->color = input.value("color").toString(palette().at(int((p->id - 1) % palette().size())));
    p->initials = initialsOf(name);
    p->createdAt = now();
    write(QStringLiteral("INSERT INTO people (id, name, team_id, color, initials, external_id, email, active, created_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)"),
          {p->id, p->name, p->teamId ? QVariant(p->teamId) : QVariant(), p->color, p->initials,
           p->externalId.isEmpty() ? QVariant() : QVariant(p->externalId),
           p->email.isEmpty() ? QVariant() : QVariant(p->email), isoTime(p->createdAt)});
    m_people.insert(p->id, p);
    return {201, personJson(*p)};
}

Reply Engine::updatePerson(qint64 id, const QJsonObject &input)
{
    auto p = m_people.value(id);
    if (!p)
        return Reply::notFound(QStringLiteral("person %1 does not exist").arg(id));
    Person next = *p;
    if (input.contains("name")) {
        if (auto invalid = fields::personName.read(input.value("name"), &next.name))
            return *invalid;
        next.initials = initialsOf(next.name);
    }
    if (input.contains("team")) {
        const QJsonValue t = input.value("team");
        if (t.isNull())
            next.teamId = 0;
        else if (!t.isDouble() || !team(t.toInteger()))
            return Reply::badRequest("field 'team' must be the id of an existing team or null");
        else
            next.teamId = t.toInteger();
    }
    if (input.contains("color")) {
        next.color = input.value("color").toString();
        if (!validColor(next.color))
            return Reply::badRequest("field 'color' must be a #RRGGBB colour");
    }
    if (input.contains("active")) {
        if (!input.value("active").isBool())
            return Reply::badRequest("field 'active' must be true or false");
        next.active = input.value("active").toBool();
    }
    if (input.contains("email")) {
        if (auto invalid = readEmail(input.value("email"), &next.email))
            return *invalid;
    }
    if (input.contains("externalId")) {
        if (auto invalid = fields::externalId.read(input.value("externalId"), &next.externalId))
            return *invalid;
    }
    write(QStringLiteral("UPDATE people SET name = ?, team_id = ?, color = ?, initials = ?, external_id = ?, email = ?, "
                         "active = ? WHERE id = ?"),
          {next.name, next.teamId ? QVariant(next.teamId) : QVariant(), next.color, next.initials,
           next.externalId.isEmpty() ? QVariant() : QVariant(next.externalId),
           next.email.isEmpty() ? QVariant() : QVariant(next.email), next.active ? 1 : 0, id});
    const bool activeChanged = p->active != next.active;
    *p = next;
    if (activeChanged) {
        // Boards are rebuilt from the stored totals on next use, with or
        // without this person; every board may show new ranks.
        scoring().forgetBoards();
        contests().rebuildAllStandings();
        for (const Metric &m : configuration().metrics())
            emitEvent(rooms::leaderboard(m.key), "leaderboard:refresh",
                      {{"metric", m.key}, {"reason", next.active ? "reactivated" : "deactivated"}, {"person", id}});
    }
    return {200, personJson(next)};
}

namespace {
QJsonObject inView(QJsonObject person, Engine::PersonView view)
{
    if (view != Engine::PersonView::Full) {
        person.remove(QStringLiteral("email"));
        person.remove(QStringLiteral("externalId"));
    }
    return person;
}
} // namespace

Reply Engine::getPerson(qint64 id, PersonView view)
{
    const Person *p = person(id);
    if (!p)
        return Reply::notFound(QStringLiteral("person %1 does not exist").arg(id));
    QJsonObject json = inView(personJson(*p), view);
    // Standing across every metric's all-time board, plus XP level and streak.
    QJsonObject totals;
    for (const Metric &m : configuration().metrics()) {
        Board &b = board(m.key, Period::AllTime, calendar().key(Period::AllTime, now()));
        if (auto v = b.value(id))
            totals.insert(m.key, *v);
    }
    json.insert("totals", totals);
    const double xp = totals.value(configuration().xpMetric()).toDouble();
    const int level = configuration().levels().levelFor(xp);
    json.insert("xp", xp);
    json.insert("level", level);
    json.insert("tier", tierFor(level, configuration().tiers()).key);
    json.insert("nextLevelXp", configuration().levels().xpForLevel(level + 1));
    QSqlQuery &q = m_store.prepared(
        QStringLiteral("SELECT current_days, best_days, last_day FROM streaks WHERE person_id = ?"));
    q.bindValue(0, id);
    if (q.exec() && q.next())
        json.insert("streak", QJsonObject{{"current", q.value(0).toInt()},
                                          {"best", q.value(1).toInt()},
                                          {"lastDay", q.value(2).toString()}});
    q.finish();
    QJsonArray badges;
    QSqlQuery &bq = m_store.prepared(QStringLiteral("SELECT badge, at FROM badge_awards WHERE person_id = ? ORDER BY at"));
    bq.bindValue(0, id);
    if (bq.exec()) {
        while (bq.next()) {
            QJsonObject b = configuration().badges().value(bq.value(0).toString());
            b.insert("awardedAt", bq.value(1).toString());
            badges.append(b);
        }
    }
    bq.finish();
    json.insert("badges", badges);
    return {200, json};
}

Reply Engine::listPeople(PersonView view) const
{
    QList<qint64> ids = m_people.keys();
    std::sort(ids.begin(), ids.end());
    QJsonArray arr;
    for (qint64 id : ids)
        arr.append(inView(personJson(*m_people.value(id)), view));
    return {200, {{"people", arr}}};
}

} // namespace podium

