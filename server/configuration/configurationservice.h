#pragma once

#include "engine/service.h"
#include "scoring/levels.h"
#include "scoring/rules.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

namespace podium {

struct Metric;

// Configuration: metrics, milestone rules, badges and settings (levels,
// tiers, the XP metric, what counts as a significant rank move).
class ConfigurationService : public Service
{
public:
    explicit ConfigurationService(Engine &core);

    bool load(QString *error) override;
    void reset() override;

    // What the other services read.
    const Metric *metric(const QString &key) const;
    const QHash<QString, Metric> &metrics() const;
    const QList<MilestoneRule> &rules() const;
    const QHash<QString, QJsonObject> &badges() const;
    const LevelCurve &levels() const;
    const QList<Tier> &tiers() const;
    const QString &xpMetric() const;
    int significantRankMove() const;
};

} // namespace podium
