#include "store/configurationrepository.h"

#include "engine/engine.h"
#include "scoring/rules.h"
#include "store/batchwriter.h"
#include "store/store.h"

#include <QJsonDocument>
#include <QSqlQuery>

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

const char *aggregationName(Metric::Aggregation aggregation)
{
    static const char *names[] = {"sum", "best", "latest"};
    return names[int(aggregation)];
}

QVariantList ruleColumns(const MilestoneRule &rule)
{
    return {rule.metric,
            ruleKindName(rule.kind),
            periodName(rule.period),
            jsonText(rule.paramsJson()),
            rule.badge.isEmpty() ? QVariant() : QVariant(rule.badge),
            rule.title,
            rule.enabled ? 1 : 0};
}
} // namespace

QJsonObject ConfigurationRepository::loadSettings(QString *error)
{
    QJsonObject settings;
    QSqlQuery q = m_writer.store().select(error, QStringLiteral("SELECT key, value FROM settings"));
    while (q.next())
        settings.insert(q.value(0).toString(),
                        QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object().value("v"));
    return settings;
}

void ConfigurationRepository::loadMetrics(QHash<QString, Metric> *metrics, QString *error)
{
    QSqlQuery q = m_writer.store().select(
            error, QStringLiteral("SELECT key, label, unit, aggregation, higher_is_better, periods FROM metrics"));
    while (q.next()) {
        Metric m;
        m.key = q.value(0).toString();
        m.label = q.value(1).toString();
        m.unit = q.value(2).toString();
        const QString agg = q.value(3).toString();
        m.aggregation = agg == QLatin1String("best") ? Metric::Aggregation::Best
                : agg == QLatin1String("latest")     ? Metric::Aggregation::Latest
                                                     : Metric::Aggregation::Sum;
        m.higherIsBetter = q.value(4).toInt() != 0;
        m.periods.clear();
        for (const QString &name : q.value(5).toString().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            Period p;
            if (parsePeriod(name, &p))
                m.periods.append(p);
        }
        metrics->insert(m.key, m);
    }
}

QList<QJsonObject> ConfigurationRepository::loadRules(QString *error)
{
    QList<QJsonObject> rules;
    QSqlQuery q = m_writer.store().select(
            error,
            QStringLiteral("SELECT id, metric, kind, period, params, badge, title, enabled FROM rules ORDER BY id"));
    while (q.next()) {
        QJsonObject json = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
        json.insert("id", q.value(0).toLongLong());
        json.insert("metric", q.value(1).toString());
        json.insert("kind", q.value(2).toString());
        json.insert("period", q.value(3).toString());
        if (!q.value(5).isNull())
            json.insert("badge", q.value(5).toString());
        json.insert("title", q.value(6).toString());
        json.insert("enabled", q.value(7).toInt() != 0);
        rules.append(json);
    }
    return rules;
}

void ConfigurationRepository::loadBadges(QHash<QString, QJsonObject> *badges, QString *error)
{
    QSqlQuery q
            = m_writer.store().select(error, QStringLiteral("SELECT key, name, description, icon, rarity FROM badges"));
    while (q.next())
        badges->insert(q.value(0).toString(),
                       QJsonObject {{"key", q.value(0).toString()},
                                    {"name", q.value(1).toString()},
                                    {"description", q.value(2).toString()},
                                    {"icon", q.value(3).toString()},
                                    {"rarity", q.value(4).toString()}});
}

void ConfigurationRepository::saveSetting(const QString &key, const QJsonValue &value)
{
    m_writer.write(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                   {key, jsonText(QJsonObject {{"v", value}})});
}

void ConfigurationRepository::saveMetric(const Metric &m)
{
    m_writer.write(QStringLiteral("INSERT INTO metrics (key, label, unit, aggregation, higher_is_better, periods) "
                                  "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET label = excluded.label, "
                                  "unit = excluded.unit, higher_is_better = excluded.higher_is_better, "
                                  "periods = excluded.periods"),
                   {m.key, m.label, m.unit, QString::fromLatin1(aggregationName(m.aggregation)),
                    m.higherIsBetter ? 1 : 0, periodsText(m.periods)});
}

qint64 ConfigurationRepository::nextRuleId()
{
    return m_writer.nextId(QStringLiteral("rules"));
}

void ConfigurationRepository::insertRule(const MilestoneRule &rule)
{
    m_writer.write(QStringLiteral("INSERT INTO rules (id, metric, kind, period, params, badge, title, enabled) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                   QVariantList {rule.id} + ruleColumns(rule));
}

void ConfigurationRepository::updateRule(const MilestoneRule &rule)
{
    m_writer.write(QStringLiteral("UPDATE rules SET metric = ?, kind = ?, period = ?, params = ?, badge = ?, "
                                  "title = ?, enabled = ? WHERE id = ?"),
                   ruleColumns(rule) + QVariantList {rule.id});
}

void ConfigurationRepository::deleteRule(qint64 id)
{
    m_writer.write(QStringLiteral("DELETE FROM rules WHERE id = ?"), {id});
}

void ConfigurationRepository::saveBadge(const QJsonObject &badge)
{
    m_writer.write(QStringLiteral("INSERT INTO badges (key, name, description, icon, rarity) VALUES (?, ?, ?, ?, ?) "
                                  "ON CONFLICT (key) DO UPDATE SET name = excluded.name, "
                                  "description = excluded.description, icon = excluded.icon, rarity = excluded.rarity"),
                   {badge.value("key").toString(), badge.value("name").toString(),
                    badge.value("description").toString(), badge.value("icon").toString(),
                    badge.value("rarity").toString()});
}

} // namespace podium
