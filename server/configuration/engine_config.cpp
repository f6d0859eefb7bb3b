// Engine configuration: metrics, milestone rules, badges, settings, and the
// defaults a fresh data directory starts with.
#include "engine/engine.h"

#include "http/fields.h"
#include "logging.h"

#include <QJsonDocument>
#include <cmath>

namespace podium {

namespace {
QString jsonText(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString periodsText(const QList<Period> &periods)
{
    QStringList names;
    for (Period p : periods)
        names << periodName(p);
    return names.join(QLatin1Char(','));
}

// Limits of the settings besides the level curve's own (see LevelCurve).
constexpr int kMaxSignificantRankMove = 1000;
constexpr int kMaxTiers = 20;

const QRegularExpression &keyPattern()
{
    static const QRegularExpression re(QStringLiteral("^[a-z][a-z0-9_]{0,39}$"));
    return re;
}
} // namespace

void Engine::seedDefaults()
{
    // The seeds' metrics and milestone rules: a sales floor (revenue,
    // signups), a training platform (xp), practice suites (score, accuracy).
    const QList<QJsonObject> metrics{
        {{"key", "revenue"}, {"label", "Revenue"}, {"unit", "currency"}, {"aggregation", "sum"}},
        {{"key", "signups"}, {"label", "Signups"}, {"unit", "count"}, {"aggregation", "sum"}},
        {{"key", "xp"}, {"label", "XP"}, {"unit", "points"}, {"aggregation", "sum"}},
        {{"key", "score"}, {"label", "Score"}, {"unit", "points"}, {"aggregation", "best"}},
        {{"key", "accuracy"}, {"label", "Accuracy"}, {"unit", "percent"}, {"aggregation", "best"}},
    };
    for (const QJsonObject &m : metrics)
        upsertMetric(m);
    const QList<QJsonObject> badges{
        {{"key", "first-10k"}, {"name", "Five Figures"}, {"description", "First $10K month"}, {"icon", "💵"}, {"rarity", "common"}},
        {{"key", "100k-club"}, {"name", "100K Club"}, {"description", "$100K in one month"}, {"icon", "💎"}, {"rarity", "epic"}},
        {{"key", "millionaire"}, {"name", "Millionaire"}, {"description", "$1M in one month"}, {"icon", "👑"}, {"rarity", "legendary"}},
        {{"key", "top-dog"}, {"name", "Top Dog"}, {"description", "Reached #1 on the monthly revenue board"}, {"icon", "🏆"}, {"rarity", "rare"}},
        {{"key", "week-streak"}, {"name", "On Fire"}, {"description", "Seven active days in a row"}, {"icon", "🔥"}, {"rarity", "common"}},
        {{"key", "month-streak"}, {"name", "Unstoppable"}, {"description", "Thirty active days in a row"}, {"icon", "⚡"}, {"rarity", "epic"}},
        {{"key", "perfectionist"}, {"name", "Perfectionist"}, {"description", "A run with 100% accuracy"}, {"icon", "🎯"}, {"rarity", "rare"}},
    };
    for (const QJsonObject &b : badges)
        upsertBadge(b);
    const QList<QJsonObject> rules{
        {{"metric", "revenue"}, {"kind", "threshold"}, {"period", "month"},
         {"values", QJsonArray{10000, 25000, 50000, 100000, 250000, 500000, 1000000}},
         {"badges", QJsonObject{{"10000", "first-10k"}, {"100000", "100k-club"}, {"1000000", "millionaire"}}}},
        {{"metric", "signups"}, {"kind", "threshold"}, {"period", "month"},
         {"values", QJsonArray{10, 25, 50, 100, 250, 500, 1000}}},
        {{"metric", "xp"}, {"kind", "every"}, {"period", "all"}, {"step", 1000}},
        {{"metric", "revenue"}, {"kind", "rank"}, {"period", "month"}, {"values", QJsonArray{10, 5, 1}},
         {"badges", QJsonObject{{"1", "top-dog"}}}},
        {{"metric", "*"}, {"kind", "streak"}, {"values", QJsonArray{7, 30, 100}},
         {"badges", QJsonObject{{"7", "week-streak"}, {"30", "month-streak"}}}},
        {{"metric", "score"}, {"kind", "threshold"}, {"period", "all"}, {"values", QJsonArray{100, 500, 1000}}},
        {{"metric", "accuracy"}, {"kind", "perfect"}, {"period", "day"}, {"values", QJsonArray{100}}, {"badge", "perfectionist"}},
        {{"metric", "*"}, {"kind", "level"}, {"step", 1}},
    };
    for (const QJsonObject &r : rules)
        createRule(r);
    saveSetting("levelStep", 50);
    saveSetting("significantRankMove", 3);
    saveSetting("xpMetric", "xp");
    m_batchEvents.clear(); // seeding is not news
}

Reply Engine::listMetrics() const
{
    QJsonArray arr;
    QStringList keys = m_metrics.keys();
    keys.sort();
    for (const QString &k : keys)
        arr.append(m_metrics.value(k).toJson());
    return {200, {{"metrics", arr}}};
}

Reply Engine::upsertMetric(const QJsonObject &input)
{
    const QString key = input.value("key").toString();
    if (!keyPattern().match(key).hasMatch())
        return Reply::badRequest("field 'key' must be lowercase letters, digits or _ (e.g. revenue)");
    Metric m = m_metrics.value(key);
    const bool exists = m_metrics.contains(key);
    m.key = key;
    if (input.contains("label")) {
        if (auto invalid = fields::metricLabel.read(input.value("label"), &m.label))
            return *invalid;
    } else if (!exists) {
        m.label = key;
    }
    if (input.contains("unit")) {
        static const QStringList units{"currency", "count", "points", "percent"};
        if (!units.contains(input.value("unit").toString()))
            return Reply::badRequest("field 'unit' must be one of currency, count, points, percent");
        m.unit = input.value("unit").toString();
    }
    if (input.contains("aggregation")) {
        const QString agg = input.value("aggregation").toString();
        if (agg == QLatin1String("sum"))
            m.aggregation = Metric::Aggregation::Sum;
        else if (agg == QLatin1String("best"))
            m.aggregation = Metric::Aggregation::Best;
        else if (agg == QLatin1String("latest"))
            m.aggregation = Metric::Aggregation::Latest;
        else
            return Reply::badRequest("field 'aggregation' must be one of sum, best, latest");
        if (exists && m.aggregation != m_metrics.value(key).aggregation)
            return Reply::conflict("field 'aggregation' cannot change on a metric that has data");
    }
    if (input.contains("higherIsBetter")) {
        if (!input.value("higherIsBetter").isBool())
            return Reply::badRequest("field 'higherIsBetter' must be true or false");
        m.higherIsBetter = input.value("higherIsBetter").toBool();
    }
    if (input.contains("periods")) {
        QList<Period> periods;
        for (const QJsonValue &v : input.value("periods").toArray()) {
            Period p;
            if (!parsePeriod(v.toString(), &p))
                return Reply::badRequest("field 'periods' must list day, week, month or all");
            periods.append(p);
        }
        if (periods.isEmpty())
            return Reply::badRequest("field 'periods' must list at least one period");
        m.periods = periods;
    }
    static const char *aggNames[] = {"sum", "best", "latest"};
    write(QStringLiteral("INSERT INTO metrics (key, label, unit, aggregation, higher_is_better, periods) "
                         "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET label = excluded.label, "
                         "unit = excluded.unit, higher_is_better = excluded.higher_is_better, "
                         "periods = excluded.periods"),
          {m.key, m.label, m.unit, QString::fromLatin1(aggNames[int(m.aggregation)]), m.higherIsBetter ? 1 : 0,
           periodsText(m.periods)});
    m_metrics.insert(key, m);
    // Boards sort by direction; drop cached ones so they reload.
    scoring().forgetBoards(key);
    return {exists ? 200 : 201, m.toJson()};
}

std::optional<MilestoneRule> Engine::parseRule(const QJsonObject &input, Reply *error) const
{
    // A rule must parse, watch an existing metric (or "*") and name only
    // badges in the catalogue.
    QString err;
    auto rule = MilestoneRule::fromJson(input, &err);
    if (rule && rule->metric != QLatin1String("*") && !m_metrics.contains(rule->metric))
        err = QStringLiteral("field 'metric': unknown metric '%1'").arg(rule->metric);
    else if (rule)
        err = unknownBadge(*rule);
    if (!err.isEmpty()) {
        *error = Reply::badRequest(err);
        return std::nullopt;
    }
    return rule;
}

QString Engine::unknownBadge(const MilestoneRule &rule) const
{
    if (!rule.badge.isEmpty() && !m_badges.contains(rule.badge))
        return QStringLiteral("field 'badge': unknown badge '%1'").arg(rule.badge);
    for (const QString &b : rule.badges) {
        if (!m_badges.contains(b))
            return QStringLiteral("field 'badges': unknown badge '%1'").arg(b);
    }
    return {};
}

Reply Engine::listRules() const
{
    QJsonArray arr;
    for (const MilestoneRule &r : m_rules)
        arr.append(r.toJson());
    return {200, {{"rules", arr}}};
}

Reply Engine::createRule(const QJsonObject &input)
{
    Reply invalid;
    auto rule = parseRule(input, &invalid);
    if (!rule)
        return invalid;
    rule->id = nextId("rules");
    write(QStringLiteral("INSERT INTO rules (id, metric, kind, period, params, badge, title, enabled) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
          {rule->id, rule->metric, ruleKindName(rule->kind), periodName(rule->period), jsonText(rule->paramsJson()),
           rule->badge.isEmpty() ? QVariant() : QVariant(rule->badge), rule->title, rule->enabled ? 1 : 0});
    m_rules.append(*rule);
    return {201, rule->toJson()};
}

Reply Engine::updateRule(qint64 id, const QJsonObject &input)
{
    for (MilestoneRule &existing : m_rules) {
        if (existing.id != id)
            continue;
        QJsonObject merged = existing.toJson();
        if (input.contains("values") || input.contains("step")) {
            merged.remove("values");
            merged.remove("step");
        }
        for (auto it = input.begin(); it != input.end(); ++it)
            merged.insert(it.key(), it.value());
        Reply invalid;
        auto rule = parseRule(merged, &invalid);
        if (!rule)
            return invalid;
        rule->id = id;
        write(QStringLiteral("UPDATE rules SET metric = ?, kind = ?, period = ?, params = ?, badge = ?, title = ?, "
                             "enabled = ? WHERE id = ?"),
              {rule->metric, ruleKindName(rule->kind), periodName(rule->period), jsonText(rule->paramsJson()),
               rule->badge.isEmpty() ? QVariant() : QVariant(rule->badge), rule->title, rule->enabled ? 1 : 0, id});
        existing = *rule;
        return {200, rule->toJson()};
    }
    return Reply::notFound(QStringLiteral("rule %1 does not exist").arg(id));
}

Reply Engine::deleteRule(qint64 id)
{
    for (int i = 0; i < m_rules.size(); ++i) {
        if (m_rules.at(i).id == id) {
            write(QStringLiteral("DELETE FROM rules WHERE id = ?"), {id});
            m_rules.removeAt(i);
            return {200, {{"deleted", id}}};
        }
    }
    return Reply::notFound(QStringLiteral("rule %1 does not exist").arg(id));
}

Reply Engine::listBadges() const
{
    QJsonArray arr;
    QStringList keys = m_badges.keys();
    keys.sort();
    for (const QString &k : keys)
        arr.append(m_badges.value(k));
    return {200, {{"badges", arr}}};
}

Reply Engine::upsertBadge(const QJsonObject &input)
{
    static const QStringList rarities{"common", "rare", "epic", "legendary"};
    const QString key = input.value("key").toString();
    static const QRegularExpression re(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,39}$"));
    if (!re.match(key).hasMatch())
        return Reply::badRequest("field 'key' must be lowercase letters, digits, - or _");
    QString name;
    QString description;
    QString icon;
    if (auto invalid = fields::badgeName.read(input.value("name"), &name))
        return *invalid;
    if (auto invalid = fields::badgeDescription.read(input.value("description"), &description))
        return *invalid;
    if (auto invalid = fields::badgeIcon.read(input.value("icon"), &icon))
        return *invalid;
    const QString rarity = input.value("rarity").toString("common");
    if (!rarities.contains(rarity))
        return Reply::badRequest("field 'rarity' must be one of common, rare, epic, legendary");
    const QJsonObject badge {{"key", key},
                             {"name", name},
                             {"description", description},
                             {"icon", icon.isEmpty() ? QStringLiteral("🏅") : icon},
                             {"rarity", rarity}};
    const bool exists = m_badges.contains(key);
    write(QStringLiteral("INSERT INTO badges (key, name, description, icon, rarity) VALUES (?, ?, ?, ?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET name = excluded.name, description = excluded.description, "
                         "icon = excluded.icon, rarity = excluded.rarity"),
          {key, badge.value("name").toString(), badge.value("description").toString(), badge.value("icon").toString(),
           rarity});
    m_badges.insert(key, badge);
    return {exists ? 200 : 201, badge};
}

Reply Engine::getSettings() const
{
    QJsonArray tiers;
    for (const Tier &t : m_tiers)
        tiers.append(QJsonObject{{"key", t.key}, {"name", t.name}, {"minLevel", t.minLevel}});
    return {200,
            {{"levelStep", m_levels.step},
             {"tiers", tiers},
             {"significantRankMove", m_significantRankMove},
             {"xpMetric", m_xpMetric},
             {"timeZone", QString::fromUtf8(m_calendar.zone().id())}}};
}

Reply Engine::updateSettings(const QJsonObject &input)
{
    if (input.contains("levelStep")) {
        const QJsonValue step = input.value("levelStep");
        if (!step.isDouble() || !LevelCurve::validStep(step.toDouble()))
            return Reply::badRequest(QStringLiteral("field 'levelStep' must be a number from %1 to %2")
                                             .arg(LevelCurve::kMinStep)
                                             .arg(LevelCurve::kMaxStep, 0, 'f', 0));
    }
    if (input.contains("significantRankMove")) {
        const QJsonValue move = input.value("significantRankMove");
        if (!move.isDouble() || move.toDouble() != std::floor(move.toDouble()) || move.toDouble() < 1
            || move.toDouble() > kMaxSignificantRankMove)
            return Reply::badRequest(QStringLiteral("field 'significantRankMove' must be a whole number from 1 to %1")
                                             .arg(kMaxSignificantRankMove));
    }
    if (input.contains("xpMetric")
        && (!input.value("xpMetric").isString() || !m_metrics.contains(input.value("xpMetric").toString())))
        return Reply::badRequest("field 'xpMetric' must name an existing metric");
    QList<Tier> tiers = m_tiers;
    if (input.contains("tiers")) {
        if (!input.value("tiers").isArray() || input.value("tiers").toArray().size() > kMaxTiers)
            return Reply::badRequest(
                    QStringLiteral("field 'tiers' must be an array of at most %1 tiers").arg(kMaxTiers));
        tiers.clear();
        for (const QJsonValue &v : input.value("tiers").toArray()) {
            const QJsonObject o = v.toObject();
            const QJsonValue minLevel = o.value("minLevel");
            if (!v.isObject() || !minLevel.isDouble() || minLevel.toDouble() != std::floor(minLevel.toDouble())
                || minLevel.toDouble() < 1 || minLevel.toDouble() > LevelCurve::kMaxLevel)
                return Reply::badRequest(
                        QStringLiteral("field 'tiers' must list objects with 'key', 'name' and a whole "
                                       "'minLevel' from 1 to %1")
                                .arg(LevelCurve::kMaxLevel));
            Tier tier;
            tier.minLevel = minLevel.toInt();
            if (auto invalid = fields::tierKey.read(o.value("key"), &tier.key))
                return *invalid;
            if (auto invalid = fields::tierName.read(o.value("name"), &tier.name))
                return *invalid;
            if (tier.name.isEmpty())
                tier.name = tier.key;
            tiers.append(tier);
        }
        if (tiers.isEmpty())
            return Reply::badRequest("field 'tiers' must list at least one tier");
    }
    if (input.contains("levelStep")) {
        m_levels.step = input.value("levelStep").toDouble();
        saveSetting("levelStep", m_levels.step);
    }
    if (input.contains("significantRankMove")) {
        m_significantRankMove = input.value("significantRankMove").toInt();
        saveSetting("significantRankMove", m_significantRankMove);
    }
    if (input.contains("xpMetric")) {
        m_xpMetric = input.value("xpMetric").toString();
        saveSetting("xpMetric", m_xpMetric);
    }
    if (input.contains("tiers")) {
        m_tiers = tiers;
        saveSetting("tiers", getSettings().body.value("tiers"));
    }
    return getSettings();
}

} // namespace podium
