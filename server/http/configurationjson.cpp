#include "http/configurationjson.h"

#include "engine/engine.h"
#include "http/domainreply.h"
#include "http/fields.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <cmath>

namespace podium::rest {

namespace {
// Limits of the settings besides the level curve's own (see LevelCurve).
constexpr int kMaxSignificantRankMove = 1000;
constexpr int kMaxTiers = 20;

bool wholeNumberIn(const QJsonValue &v, double low, double high)
{
    return v.isDouble() && v.toDouble() == std::floor(v.toDouble()) && v.toDouble() >= low && v.toDouble() <= high;
}

Reply settingsReply(Engine &engine, const Settings &s)
{
    QJsonArray tiers;
    for (const Tier &t : s.tiers)
        tiers.append(QJsonObject {{"key", t.key}, {"name", t.name}, {"minLevel", t.minLevel}});
    return {200,
            {{"levelStep", s.levelStep},
             {"tiers", tiers},
             {"significantRankMove", s.significantRankMove},
             {"xpMetric", s.xpMetric},
             {"timeZone", QString::fromUtf8(engine.calendar().zone().id())}}};
}

// The rule of `json`, or the reply that refuses it.
std::optional<MilestoneRule> parseRule(const QJsonObject &json, Reply *refusal)
{
    QString error;
    auto rule = MilestoneRule::fromJson(json, &error);
    if (!rule)
        *refusal = Reply::badRequest(error);
    return rule;
}

QJsonObject ruleJson(const MilestoneRule &rule)
{
    return rule.toJson();
}
} // namespace

Reply listMetrics(Engine &engine)
{
    const auto &metrics = engine.configuration().metrics();
    QStringList keys = metrics.keys();
    keys.sort();
    QJsonArray arr;
    for (const QString &k : keys)
        arr.append(metrics.value(k).toJson());
    return {200, {{"metrics", arr}}};
}

Reply upsertMetric(Engine &engine, const QJsonObject &input)
{
    MetricChange change;
    change.key = input.value("key").toString();
    static const QRegularExpression keyPattern(QStringLiteral("^[a-z][a-z0-9_]{0,39}$"));
    if (!keyPattern.match(change.key).hasMatch())
        return Reply::badRequest("field 'key' must be lowercase letters, digits or _ (e.g. revenue)");
    if (input.contains("label")) {
        QString label;
        if (auto invalid = fields::metricLabel.read(input.value("label"), &label))
            return *invalid;
        change.label = label;
    }
    if (input.contains("unit")) {
        static const QStringList units {"currency", "count", "points", "percent"};
        if (!units.contains(input.value("unit").toString()))
            return Reply::badRequest("field 'unit' must be one of currency, count, points, percent");
        change.unit = input.value("unit").toString();
    }
    if (input.contains("aggregation")) {
        static const QStringList aggregations {"sum", "best", "latest"}; // in Metric::Aggregation's order
        const qsizetype index = aggregations.indexOf(input.value("aggregation").toString());
        if (index < 0)
            return Reply::badRequest("field 'aggregation' must be one of sum, best, latest");
        change.aggregation = int(index);
        // Checked before the fields after it, as it always was.
        const Metric *existing = engine.configuration().metric(change.key);
        if (existing && int(existing->aggregation) != index)
            return replyFor(ConfigurationService::aggregationIsFixed());
    }
    if (input.contains("higherIsBetter")) {
        if (!input.value("higherIsBetter").isBool())
            return Reply::badRequest("field 'higherIsBetter' must be true or false");
        change.higherIsBetter = input.value("higherIsBetter").toBool();
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
        change.periods = periods;
    }
    const Outcome<Saved<Metric>> saved = engine.configuration().saveMetric(change);
    if (!saved)
        return replyFor(saved.error());
    return {saved->created ? 201 : 200, saved->value.toJson()};
}

Reply listRules(Engine &engine)
{
    QJsonArray arr;
    for (const MilestoneRule &r : engine.configuration().rules())
        arr.append(r.toJson());
    return {200, {{"rules", arr}}};
}

Reply createRule(Engine &engine, const QJsonObject &input)
{
    Reply refusal;
    auto rule = parseRule(input, &refusal);
    if (!rule)
        return refusal;
    return replyFor(engine.configuration().createRule(*rule), ruleJson, 201);
}

Reply updateRule(Engine &engine, qint64 id, const QJsonObject &input)
{
    const MilestoneRule *existing = engine.configuration().rule(id);
    if (!existing)
        return replyFor(ConfigurationService::noSuchRule(id));
    QJsonObject merged = existing->toJson();
    if (input.contains("values") || input.contains("step")) {
        merged.remove("values");
        merged.remove("step");
    }
    for (auto it = input.begin(); it != input.end(); ++it)
        merged.insert(it.key(), it.value());
    Reply refusal;
    auto rule = parseRule(merged, &refusal);
    if (!rule)
        return refusal;
    return replyFor(engine.configuration().replaceRule(id, *rule), ruleJson);
}

Reply deleteRule(Engine &engine, qint64 id)
{
    return replyFor(engine.configuration().deleteRule(id), [id](Done) { return QJsonObject {{"deleted", id}}; });
}

Reply listBadges(Engine &engine)
{
    const auto &badges = engine.configuration().badges();
    QStringList keys = badges.keys();
    keys.sort();
    QJsonArray arr;
    for (const QString &k : keys)
        arr.append(badges.value(k));
    return {200, {{"badges", arr}}};
}

Reply upsertBadge(Engine &engine, const QJsonObject &input)
{
    BadgeDraft draft;
    draft.key = input.value("key").toString();
    static const QRegularExpression keyPattern(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,39}$"));
    if (!keyPattern.match(draft.key).hasMatch())
        return Reply::badRequest("field 'key' must be lowercase letters, digits, - or _");
    if (auto invalid = fields::badgeName.read(input.value("name"), &draft.name))
        return *invalid;
    if (auto invalid = fields::badgeDescription.read(input.value("description"), &draft.description))
        return *invalid;
    if (auto invalid = fields::badgeIcon.read(input.value("icon"), &draft.icon))
        return *invalid;
    static const QStringList rarities {"common", "rare", "epic", "legendary"};
    draft.rarity = input.value("rarity").toString("common");
    if (!rarities.contains(draft.rarity))
        return Reply::badRequest("field 'rarity' must be one of common, rare, epic, legendary");
    const Outcome<Saved<QJsonObject>> saved = engine.configuration().saveBadge(draft);
    if (!saved)
        return replyFor(saved.error());
    return {saved->created ? 201 : 200, saved->value};
}

Reply getSettings(Engine &engine)
{
    return settingsReply(engine, engine.configuration().settings());
}

Reply updateSettings(Engine &engine, const QJsonObject &input)
{
    SettingsChange change;
    if (input.contains("levelStep")) {
        const QJsonValue step = input.value("levelStep");
        if (!step.isDouble() || !LevelCurve::validStep(step.toDouble()))
            return replyFor(ConfigurationService::invalidLevelStep());
        change.levelStep = step.toDouble();
    }
    if (input.contains("significantRankMove")) {
        const QJsonValue move = input.value("significantRankMove");
        if (!wholeNumberIn(move, 1, kMaxSignificantRankMove))
            return Reply::badRequest(QStringLiteral("field 'significantRankMove' must be a whole number from 1 to %1")
                                             .arg(kMaxSignificantRankMove));
        change.significantRankMove = move.toInt();
    }
    if (input.contains("xpMetric")) {
        // Checked before the tiers, as it always was.
        if (!input.value("xpMetric").isString() || !engine.configuration().metric(input.value("xpMetric").toString()))
            return replyFor(ConfigurationService::unknownXpMetric());
        change.xpMetric = input.value("xpMetric").toString();
    }
    if (input.contains("tiers")) {
        if (!input.value("tiers").isArray() || input.value("tiers").toArray().size() > kMaxTiers)
            return Reply::badRequest(
                    QStringLiteral("field 'tiers' must be an array of at most %1 tiers").arg(kMaxTiers));
        QList<Tier> tiers;
        for (const QJsonValue &v : input.value("tiers").toArray()) {
            const QJsonObject o = v.toObject();
            if (!v.isObject() || !wholeNumberIn(o.value("minLevel"), 1, LevelCurve::kMaxLevel))
                return Reply::badRequest(
                        QStringLiteral("field 'tiers' must list objects with 'key', 'name' and a whole "
                                       "'minLevel' from 1 to %1")
                                .arg(LevelCurve::kMaxLevel));
            Tier tier;
            tier.minLevel = o.value("minLevel").toInt();
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
        change.tiers = tiers;
    }
    const Outcome<Settings> updated = engine.configuration().updateSettings(change);
    if (!updated)
        return replyFor(updated.error());
    return settingsReply(engine, *updated);
}

} // namespace podium::rest
