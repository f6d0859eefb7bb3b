// Configuration: metrics, rules, badges and settings.
#include "configuration/configurationservice.h"

#include "engine/engine.h"
#include "logging.h"
#include "scoring/scoringservice.h"

#include <QJsonArray>

namespace podium {

ConfigurationService::ConfigurationService(Engine &core)
    : Service(core)
    , m_repository(core)
{ }

ConfigurationService::~ConfigurationService() = default;

bool ConfigurationService::load(QString *error)
{
    const QJsonObject settings = m_repository.loadSettings(error);
    // Settings stored before their ranges were checked may be out of range:
    // such a value is ignored, not trusted.
    m_levels = LevelCurve();
    const double levelStep = settings.value("levelStep").toDouble(m_levels.step);
    if (LevelCurve::validStep(levelStep))
        m_levels.step = levelStep;
    else
        qCWarning(lcEngine) << "ignoring the stored levelStep" << levelStep << "; using" << m_levels.step;
    m_significantRankMove = std::max(1, settings.value("significantRankMove").toInt(3));
    m_xpMetric = settings.value("xpMetric").toString("xp");
    m_tiers = defaultTiers();
    if (settings.value("tiers").isArray()) {
        m_tiers.clear();
        for (const QJsonValue &t : settings.value("tiers").toArray()) {
            const QJsonObject o = t.toObject();
            m_tiers.append({o.value("key").toString(), o.value("name").toString(), o.value("minLevel").toInt(1)});
        }
    }
    m_repository.loadMetrics(&m_metrics, error);
    for (const QJsonObject &json : m_repository.loadRules(error)) {
        QString invalid;
        if (auto rule = MilestoneRule::fromJson(json, &invalid))
            m_rules.append(*rule);
        else
            qCWarning(lcEngine) << "skipping invalid stored rule" << json.value("id") << invalid;
    }
    m_repository.loadBadges(&m_badges, error);
    return true;
}

void ConfigurationService::reset()
{
    m_metrics.clear();
    m_rules.clear();
    m_badges.clear();
}

const Metric *ConfigurationService::metric(const QString &key) const
{
    const auto it = m_metrics.constFind(key);
    return it == m_metrics.constEnd() ? nullptr : &*it;
}

const MilestoneRule *ConfigurationService::rule(qint64 id) const
{
    for (const MilestoneRule &r : m_rules) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

Settings ConfigurationService::settings() const
{
    return {m_levels.step, m_tiers, m_significantRankMove, m_xpMetric};
}

DomainError ConfigurationService::noSuchRule(qint64 id)
{
    return DomainError::notFound(QStringLiteral("rule %1 does not exist").arg(id));
}

DomainError ConfigurationService::invalidLevelStep()
{
    return DomainError::invalid(QStringLiteral("field 'levelStep' must be a number from %1 to %2")
                                        .arg(LevelCurve::kMinStep)
                                        .arg(LevelCurve::kMaxStep, 0, 'f', 0));
}

DomainError ConfigurationService::aggregationIsFixed()
{
    return DomainError::conflict(QStringLiteral("field 'aggregation' cannot change on a metric that has data"));
}

DomainError ConfigurationService::unknownXpMetric()
{
    return DomainError::invalid(QStringLiteral("field 'xpMetric' must name an existing metric"));
}

Outcome<Saved<Metric>> ConfigurationService::saveMetric(const MetricChange &change)
{
    const bool exists = m_metrics.contains(change.key);
    Metric m = m_metrics.value(change.key);
    m.key = change.key;
    if (change.label)
        m.label = *change.label;
    else if (!exists)
        m.label = change.key;
    if (change.unit)
        m.unit = *change.unit;
    if (change.aggregation) {
        m.aggregation = Metric::Aggregation(*change.aggregation);
        if (exists && m.aggregation != m_metrics.value(change.key).aggregation)
            return aggregationIsFixed();
    }
    if (change.higherIsBetter)
        m.higherIsBetter = *change.higherIsBetter;
    if (change.periods)
        m.periods = *change.periods;
    m_repository.saveMetric(m);
    m_metrics.insert(m.key, m);
    // Boards sort by direction; drop cached ones so they reload.
    core().scoring().forgetBoards(m.key);
    return Saved<Metric> {m, !exists};
}

std::optional<DomainError> ConfigurationService::invalidRule(const MilestoneRule &rule) const
{
    if (rule.metric != QLatin1String("*") && !m_metrics.contains(rule.metric))
        return DomainError::invalid(QStringLiteral("field 'metric': unknown metric '%1'").arg(rule.metric));
    if (!rule.badge.isEmpty() && !m_badges.contains(rule.badge))
        return DomainError::invalid(QStringLiteral("field 'badge': unknown badge '%1'").arg(rule.badge));
    for (const QString &b : rule.badges) {
        if (!m_badges.contains(b))
            return DomainError::invalid(QStringLiteral("field 'badges': unknown badge '%1'").arg(b));
    }
    return std::nullopt;
}

Outcome<MilestoneRule> ConfigurationService::createRule(MilestoneRule rule)
{
    if (auto invalid = invalidRule(rule))
        return *invalid;
    rule.id = m_repository.nextRuleId();
    m_repository.insertRule(rule);
    m_rules.append(rule);
    return rule;
}

Outcome<MilestoneRule> ConfigurationService::replaceRule(qint64 id, MilestoneRule rule)
{
    for (MilestoneRule &existing : m_rules) {
        if (existing.id != id)
            continue;
        if (auto invalid = invalidRule(rule))
            return *invalid;
        rule.id = id;
        m_repository.updateRule(rule);
        existing = rule;
        return rule;
    }
    return noSuchRule(id);
}

Outcome<Done> ConfigurationService::deleteRule(qint64 id)
{
    for (qsizetype i = 0; i < m_rules.size(); ++i) {
        if (m_rules.at(i).id == id) {
            m_repository.deleteRule(id);
            m_rules.removeAt(i);
            return Done {};
        }
    }
    return noSuchRule(id);
}

Outcome<Saved<QJsonObject>> ConfigurationService::saveBadge(const BadgeDraft &draft)
{
    const QJsonObject badge {{"key", draft.key},
                             {"name", draft.name},
                             {"description", draft.description},
                             {"icon", draft.icon.isEmpty() ? QStringLiteral("🏅") : draft.icon},
                             {"rarity", draft.rarity}};
    const bool exists = m_badges.contains(draft.key);
    m_repository.saveBadge(badge);
    m_badges.insert(draft.key, badge);
    return Saved<QJsonObject> {badge, !exists};
}

Outcome<Settings> ConfigurationService::updateSettings(const SettingsChange &change)
{
    if (change.levelStep && !LevelCurve::validStep(*change.levelStep))
        return invalidLevelStep();
    if (change.xpMetric && !m_metrics.contains(*change.xpMetric))
        return unknownXpMetric();
    if (change.levelStep) {
        m_levels.step = *change.levelStep;
        m_repository.saveSetting("levelStep", m_levels.step);
    }
    if (change.significantRankMove) {
        m_significantRankMove = *change.significantRankMove;
        m_repository.saveSetting("significantRankMove", m_significantRankMove);
    }
    if (change.xpMetric) {
        m_xpMetric = *change.xpMetric;
        m_repository.saveSetting("xpMetric", m_xpMetric);
    }
    if (change.tiers) {
        m_tiers = *change.tiers;
        QJsonArray tiers;
        for (const Tier &t : std::as_const(m_tiers))
            tiers.append(QJsonObject {{"key", t.key}, {"name", t.name}, {"minLevel", t.minLevel}});
        m_repository.saveSetting("tiers", tiers);
    }
    return settings();
}

} // namespace podium
