// ConfigurationService through a real engine on a SQLite file: the seeded
// defaults, its rules in domain values and errors, and what a restart keeps.

#include "configuration/configurationservice.h"
#include "enginefixture.h"

#include <QJsonArray>
#include <QTest>

using namespace podium;
using podium::testing::EngineFixture;

class TestConfigurationService : public QObject
{
    Q_OBJECT

private slots:
    void newDataDirectoryIsSeeded();
    void metricKeepsItsAggregation();
    void rulesNeedKnownMetricsAndBadges();
    void rulesReplaceAndDelete();
    void badgesGetTheDefaultIcon();
    void settingsAreCheckedAndKept();

private:
    static MilestoneRule rule(const QJsonObject &json)
    {
        QString error;
        auto r = MilestoneRule::fromJson(json, &error);
        if (!r)
            qFatal("rule does not parse: %s", qPrintable(error));
        return *r;
    }
};

void TestConfigurationService::newDataDirectoryIsSeeded()
{
    EngineFixture f;
    const ConfigurationService &c = f.engine->configuration();
    QStringList keys = c.metrics().keys();
    keys.sort();
    QCOMPARE(keys, (QStringList {"accuracy", "revenue", "score", "signups", "xp"}));
    QCOMPARE(c.metric("score")->aggregation, Metric::Aggregation::Best);
    QCOMPARE(c.metric("revenue")->unit, QString("currency"));
    QCOMPARE(c.badges().size(), 7);
    QCOMPARE(c.badges().value("millionaire").value("rarity").toString(), QString("legendary"));
    QCOMPARE(c.rules().size(), 8);
    QCOMPARE(c.rules().first().id, 1);
    QCOMPARE(c.rules().last().kind, MilestoneRule::Kind::Level);
    QCOMPARE(c.levels().step, 50.0);
    QCOMPARE(c.xpMetric(), QString("xp"));
    QCOMPARE(c.significantRankMove(), 3);
    QCOMPARE(f.take().size(), 0); // seeding is not news
}

void TestConfigurationService::metricKeepsItsAggregation()
{
    EngineFixture f;
    ConfigurationService &c = f.engine->configuration();
    const Outcome<Saved<Metric>> laps = c.saveMetric(
            {"laps", std::nullopt, QString("count"), int(Metric::Aggregation::Best), false, std::nullopt});
    QVERIFY(laps.ok());
    QVERIFY(laps->created);
    QCOMPARE(laps->value.label, QString("laps")); // a new metric without a label is called by its key
    QCOMPARE(laps->value.periods, allPeriods());

    const Outcome<Saved<Metric>> sum = c.saveMetric(
            {"laps", std::nullopt, std::nullopt, int(Metric::Aggregation::Sum), std::nullopt, std::nullopt});
    QVERIFY(!sum.ok());
    QCOMPARE(sum.error().kind, DomainError::Kind::Conflict);
    QCOMPARE(sum.error().message, QString("field 'aggregation' cannot change on a metric that has data"));

    const Outcome<Saved<Metric>> relabelled
            = c.saveMetric({"laps", QString("Laps"), std::nullopt, std::nullopt, std::nullopt, std::nullopt});
    QVERIFY(!relabelled->created);
    QCOMPARE(relabelled->value.label, QString("Laps"));
    QCOMPARE(relabelled->value.higherIsBetter, false); // kept
    QVERIFY(f.engine->flush());
    f.reopen();
    QCOMPARE(f.engine->configuration().metric("laps")->label, QString("Laps"));
}

void TestConfigurationService::rulesNeedKnownMetricsAndBadges()
{
    EngineFixture f;
    ConfigurationService &c = f.engine->configuration();
    const QJsonObject base {{"metric", "laps"}, {"kind", "threshold"}, {"period", "day"}, {"values", QJsonArray {5}}};
    QCOMPARE(c.createRule(rule(base)).error().message, QString("field 'metric': unknown metric 'laps'"));
    QJsonObject withBadge = base;
    withBadge.insert("metric", "revenue");
    withBadge.insert("badge", "nope");
    QCOMPARE(c.createRule(rule(withBadge)).error().message, QString("field 'badge': unknown badge 'nope'"));
    withBadge.remove("badge");
    withBadge.insert("badges", QJsonObject {{"5", "missing"}});
    QCOMPARE(c.createRule(rule(withBadge)).error().message, QString("field 'badges': unknown badge 'missing'"));
    QCOMPARE(c.rules().size(), 8); // none added
    QJsonObject any = base;
    any.insert("metric", "*");
    any.insert("kind", "streak");
    const Outcome<MilestoneRule> created = c.createRule(rule(any));
    QVERIFY(created.ok());
    QCOMPARE(created->id, 9);
    QCOMPARE(c.rule(9)->metric, QString("*"));
}

void TestConfigurationService::rulesReplaceAndDelete()
{
    EngineFixture f;
    ConfigurationService &c = f.engine->configuration();
    MilestoneRule changed = *c.rule(2);
    changed.enabled = false;
    QVERIFY(c.replaceRule(2, changed).ok());
    QCOMPARE(c.rule(2)->enabled, false);
    QCOMPARE(c.replaceRule(99, changed).error().message, QString("rule 99 does not exist"));
    QVERIFY(c.deleteRule(3).ok());
    QVERIFY(!c.rule(3));
    QCOMPARE(c.deleteRule(3).error().kind, DomainError::Kind::NotFound);
    QVERIFY(f.engine->flush());
    f.reopen();
    QCOMPARE(f.engine->configuration().rule(2)->enabled, false);
    QVERIFY(!f.engine->configuration().rule(3));
    QCOMPARE(f.engine->configuration().rules().size(), 7);
}

void TestConfigurationService::badgesGetTheDefaultIcon()
{
    EngineFixture f;
    ConfigurationService &c = f.engine->configuration();
    const Outcome<Saved<QJsonObject>> saved = c.saveBadge({"closer", "Closer", QString(), QString(), "rare"});
    QVERIFY(saved->created);
    QCOMPARE(saved->value.value("icon").toString(), QString("🏅"));
    QVERIFY(!c.saveBadge({"closer", "The Closer", QString(), QString("🤝"), "epic"})->created);
    QCOMPARE(c.badges().value("closer").value("name").toString(), QString("The Closer"));
    QCOMPARE(c.badges().value("closer").value("icon").toString(), QString("🤝"));
}

void TestConfigurationService::settingsAreCheckedAndKept()
{
    EngineFixture f;
    ConfigurationService &c = f.engine->configuration();
    SettingsChange bad;
    bad.levelStep = 0.5;
    QCOMPARE(c.updateSettings(bad).error().message, QString("field 'levelStep' must be a number from 1 to 1000000"));
    SettingsChange unknown;
    unknown.xpMetric = "laps";
    QCOMPARE(c.updateSettings(unknown).error().message, QString("field 'xpMetric' must name an existing metric"));
    QCOMPARE(c.xpMetric(), QString("xp"));

    SettingsChange change;
    change.levelStep = 80;
    change.xpMetric = "score";
    change.tiers = QList<Tier> {{"gold", "Gold", 1}};
    const Outcome<Settings> updated = c.updateSettings(change);
    QVERIFY(updated.ok());
    QCOMPARE(updated->levelStep, 80.0);
    QCOMPARE(updated->significantRankMove, 3); // not given, kept
    QVERIFY(f.engine->flush());
    f.reopen();
    const Settings kept = f.engine->configuration().settings();
    QCOMPARE(kept.levelStep, 80.0);
    QCOMPARE(kept.xpMetric, QString("score"));
    QCOMPARE(kept.tiers.size(), 1);
    QCOMPARE(kept.tiers.first().key, QString("gold"));
}

QTEST_GUILESS_MAIN(TestConfigurationService)
#include "tst_configurationservice.moc"
