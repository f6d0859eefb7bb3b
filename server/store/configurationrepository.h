#pragma once

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>

namespace podium {

class BatchWriter;
struct Metric;
struct MilestoneRule;

// Configuration's rows: metrics, milestone rules, the badge catalogue and
// settings (each a JSON value under its key).
class ConfigurationRepository
{
public:
    explicit ConfigurationRepository(BatchWriter &writer)
        : m_writer(writer)
    { }

    // A failed read sets `error`.
    QJsonObject loadSettings(QString *error);
    void loadMetrics(QHash<QString, Metric> *metrics, QString *error);
    // Each stored rule as MilestoneRule::fromJson reads it, by id.
    QList<QJsonObject> loadRules(QString *error);
    void loadBadges(QHash<QString, QJsonObject> *badges, QString *error);

    void saveSetting(const QString &key, const QJsonValue &value);
    // Inserts or updates; an existing metric keeps its aggregation.
    void saveMetric(const Metric &metric);
    qint64 nextRuleId();
    void insertRule(const MilestoneRule &rule);
    void updateRule(const MilestoneRule &rule);
    void deleteRule(qint64 id);
    void saveBadge(const QJsonObject &badge);

private:
    BatchWriter &m_writer;
};

} // namespace podium
