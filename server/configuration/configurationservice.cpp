// Configuration: metrics, rules, badges and settings as the other services read them.
#include "configuration/configurationservice.h"

#include "engine/engine.h"
#include "logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace podium {

ConfigurationService::ConfigurationService(Engine &core) : Service(core) { }

bool ConfigurationService::load(QString *error)
{
    Engine &e = core();
    const QJsonObject settings = [&] {
        QJsonObject s;
        QSqlQuery q = e.m_store.select(error, QStringLiteral("SELECT key, value FROM settings"));
        while (q.next())
            s.insert(q.value(0).toString(), QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object().value("v"));
        return s;
    }();
    // Settings stored before their ranges were checked may be out of range:
    // such a value is ignored, not trusted.
    e.m_levels = LevelCurve();
    const double levelStep = settings.value("levelStep").toDouble(e.m_levels.step);
    if (LevelCurve::validStep(levelStep))
        e.m_levels.step = levelStep;
    else
        qCWarning(lcEngine) << "ignoring the stored levelStep" << levelStep << "; using" << e.m_levels.step;
    e.m_significantRankMove = std::max(1, settings.value("significantRankMove").toInt(3));
    e.m_xpMetric = settings.value("xpMetric").toString("xp");
    e.m_tiers = defaultTiers();
    if (settings.value("tiers").isArray()) {
        e.m_tiers.clear();
        for (const QJsonValue &t : settings.value("tiers").toArray()) {
            const QJsonObject o = t.toObject();
            e.m_tiers.append({o.value("key").toString(), o.value("name").toString(), o.value("minLevel").toInt(1)});
        }
    }

    QSqlQuery q = e.m_store.select(error, QStringLiteral("SELECT key, label, unit, aggregation, higher_is_better, periods FROM metrics"));
    while (q.next()) {
        Metric m;
        m.key = q.value(0).toString();
        m.label = q.value(1).toString();
        m.unit = q.value(2).toString();
        const QString agg = q.value(3).toString();
        m.aggregation = agg == QLatin1String("best")     ? Metric::Aggregation::Best
                        : agg == QLatin1String("latest") ? Metric::Aggregation::Latest
                                                         : Metric::Aggregation::Sum;
        m.higherIsBetter = q.value(4).toInt() != 0;
        m.periods.clear();
        for (const QString &name : q.value(5).toString().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            Period p;
            if (parsePeriod(name, &p))
                m.periods.append(p);
        }
        e.m_metrics.insert(m.key, m);
    }

    q = e.m_store.select(error, QStringLiteral("SELECT id, metric, kind, period, params, badge, title, enabled FROM rules ORDER BY id"));
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
        QString err;
        if (auto rule = MilestoneRule::fromJson(json, &err))
            e.m_rules.append(*rule);
        else
            qCWarning(lcEngine) << "skipping invalid stored rule" << q.value(0) << err;
    }

    q = e.m_store.select(error, QStringLiteral("SELECT key, name, description, icon, rarity FROM badges"));
    while (q.next())
        e.m_badges.insert(q.value(0).toString(), QJsonObject{{"key", q.value(0).toString()},
                                                           {"name", q.value(1).toString()},
                                                           {"description", q.value(2).toString()},
                                                           {"icon", q.value(3).toString()},
                                                           {"rarity", q.value(4).toString()}});
    return true;
}

void ConfigurationService::reset()
{
    Engine &e = core();
    e.m_metrics.clear();
    e.m_rules.clear();
    e.m_badges.clear();
}

const Metric *ConfigurationService::metric(const QString &key) const
{
    const auto it = core().m_metrics.constFind(key);
    return it == core().m_metrics.constEnd() ? nullptr : &*it;
}

const QHash<QString, Metric> &ConfigurationService::metrics() const { return core().m_metrics; }
const QList<MilestoneRule> &ConfigurationService::rules() const { return core().m_rules; }
const QHash<QString, QJsonObject> &ConfigurationService::badges() const { return core().m_badges; }
const LevelCurve &ConfigurationService::levels() const { return core().m_levels; }
const QList<Tier> &ConfigurationService::tiers() const { return core().m_tiers; }
const QString &ConfigurationService::xpMetric() const { return core().m_xpMetric; }
int ConfigurationService::significantRankMove() const { return core().m_significantRankMove; }

} // namespace podium
