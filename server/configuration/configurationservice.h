#pragma once

#include "configuration/metric.h"
#include "engine/outcome.h"
#include "engine/service.h"
#include "scoring/levels.h"
#include "scoring/periods.h"
#include "scoring/rules.h"
#include "store/configurationrepository.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <optional>

namespace podium {

// A metric to create or change, by key; an absent field keeps its value
// (or its default, for a new metric).
struct MetricChange
{
    QString key;
    std::optional<QString> label;
    std::optional<QString> unit;
    std::optional<int> aggregation; // a Metric::Aggregation
    std::optional<bool> higherIsBetter;
    std::optional<QList<Period>> periods;
};

// A badge of the catalogue, as every screen shows it.
struct BadgeDraft
{
    QString key;
    QString name;
    QString description;
    QString icon; // empty: the default medal
    QString rarity; // common, rare, epic, legendary
};

// The settings the engine scores by.
struct Settings
{
    double levelStep = 0;
    QList<Tier> tiers;
    int significantRankMove = 0;
    QString xpMetric;
};

struct SettingsChange
{
    std::optional<double> levelStep;
    std::optional<int> significantRankMove;
    std::optional<QString> xpMetric;
    std::optional<QList<Tier>> tiers;
};

template<typename T> struct Saved
{
    T value;
    bool created = false;
};

// Configuration: metrics, milestone rules, badges and settings (levels,
// tiers, the XP metric, what counts as a significant rank move).
class ConfigurationService : public Service
{
public:
    explicit ConfigurationService(Engine &core);
    ~ConfigurationService() override;

    bool load(QString *error) override;
    void reset() override;
    // What a new data directory starts with: the seeds' metrics, badges,
    // milestone rules and settings.
    void seedDefaults();

    const Metric *metric(const QString &key) const;
    const QHash<QString, Metric> &metrics() const { return m_metrics; }
    const QList<MilestoneRule> &rules() const { return m_rules; }
    const MilestoneRule *rule(qint64 id) const;
    const QHash<QString, QJsonObject> &badges() const { return m_badges; }
    const LevelCurve &levels() const { return m_levels; }
    const QList<Tier> &tiers() const { return m_tiers; }
    const QString &xpMetric() const { return m_xpMetric; }
    int significantRankMove() const { return m_significantRankMove; }
    Settings settings() const;

    Outcome<Saved<Metric>> saveMetric(const MetricChange &change);
    // A rule must watch an existing metric (or "*") and name only badges
    // of the catalogue.
    Outcome<MilestoneRule> createRule(MilestoneRule rule);
    Outcome<MilestoneRule> replaceRule(qint64 id, MilestoneRule rule);
    Outcome<Done> deleteRule(qint64 id);
    Outcome<Saved<QJsonObject>> saveBadge(const BadgeDraft &draft);
    Outcome<Settings> updateSettings(const SettingsChange &change);

    static DomainError noSuchRule(qint64 id);
    static DomainError unknownXpMetric();
    static DomainError invalidLevelStep();
    static DomainError aggregationIsFixed();

private:
    std::optional<DomainError> invalidRule(const MilestoneRule &rule) const;

    ConfigurationRepository m_repository;
    QHash<QString, Metric> m_metrics;
    QList<MilestoneRule> m_rules;
    QHash<QString, QJsonObject> m_badges;
    LevelCurve m_levels;
    QList<Tier> m_tiers = defaultTiers();
    QString m_xpMetric = QStringLiteral("xp");
    int m_significantRankMove = 3;
};

} // namespace podium
