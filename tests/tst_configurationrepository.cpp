// ConfigurationRepository on a real SQLite file: metrics, rules, badges and
// settings come back as they were saved.

#include "configuration/metric.h"
#include "repositoryfixture.h"
#include "scoring/rules.h"
#include "store/configurationrepository.h"

#include <QJsonArray>
#include <QTest>

using namespace podium;

class TestConfigurationRepository : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_f = std::make_unique<podium::testing::RepositoryFixture<ConfigurationRepository>>(); }
    void cleanup() { m_f.reset(); }
    void metricsRoundTrip();
    void rulesRoundTripInIdOrder();
    void badgesAndSettingsRoundTrip();

private:
    std::unique_ptr<podium::testing::RepositoryFixture<ConfigurationRepository>> m_f;
};

void TestConfigurationRepository::metricsRoundTrip()
{
    Metric laps;
    laps.key = "laps";
    laps.label = "Laps";
    laps.unit = "count";
    laps.aggregation = Metric::Aggregation::Best;
    laps.higherIsBetter = false;
    laps.periods = {Period::Day, Period::AllTime};
    m_f->repository->saveMetric(laps);
    laps.label = "Fastest laps";
    m_f->repository->saveMetric(laps); // an update of the same key
    m_f->reopen();

    QHash<QString, Metric> metrics;
    QString error;
    m_f->repository->loadMetrics(&metrics, &error);
    QCOMPARE(error, QString());
    QCOMPARE(metrics.size(), 1);
    const Metric &m = metrics.value("laps");
    QCOMPARE(m.label, QString("Fastest laps"));
    QCOMPARE(m.aggregation, Metric::Aggregation::Best);
    QCOMPARE(m.higherIsBetter, false);
    QCOMPARE(m.periods, (QList<Period> {Period::Day, Period::AllTime}));
}

void TestConfigurationRepository::rulesRoundTripInIdOrder()
{
    QString error;
    auto every
            = MilestoneRule::fromJson({{"metric", "xp"}, {"kind", "every"}, {"period", "all"}, {"step", 1000}}, &error);
    QVERIFY2(every, qPrintable(error));
    auto threshold = MilestoneRule::fromJson({{"metric", "revenue"},
                                              {"kind", "threshold"},
                                              {"period", "month"},
                                              {"values", QJsonArray {100, 200}},
                                              {"badge", "first-10k"},
                                              {"title", "Big month"}},
                                             &error);
    QVERIFY2(threshold, qPrintable(error));
    threshold->id = m_f->repository->nextRuleId();
    QCOMPARE(threshold->id, 1);
    m_f->repository->insertRule(*threshold);
    every->id = m_f->repository->nextRuleId();
    m_f->repository->insertRule(*every);
    every->enabled = false;
    m_f->repository->updateRule(*every);
    auto gone = *every;
    gone.id = m_f->repository->nextRuleId();
    m_f->repository->insertRule(gone);
    m_f->repository->deleteRule(gone.id);
    m_f->reopen();

    const QList<QJsonObject> rules = m_f->repository->loadRules(&error);
    QCOMPARE(error, QString());
    QCOMPARE(rules.size(), 2);
    auto first = MilestoneRule::fromJson(rules.at(0), &error);
    QVERIFY2(first, qPrintable(error));
    QCOMPARE(first->toJson(), threshold->toJson());
    auto second = MilestoneRule::fromJson(rules.at(1), &error);
    QVERIFY2(second, qPrintable(error));
    QCOMPARE(second->id, 2);
    QCOMPARE(second->enabled, false);
    QCOMPARE(second->toJson(), every->toJson());
}

void TestConfigurationRepository::badgesAndSettingsRoundTrip()
{
    const QJsonObject badge {
            {"key", "on-fire"}, {"name", "On Fire"}, {"description", "Seven days"}, {"icon", "🔥"}, {"rarity", "rare"}};
    m_f->repository->saveBadge(badge);
    m_f->repository->saveSetting("levelStep", 75);
    m_f->repository->saveSetting("xpMetric", "score");
    m_f->repository->saveSetting("levelStep", 80);
    m_f->repository->saveSetting("tiers",
                                 QJsonArray {QJsonObject {{"key", "gold"}, {"name", "Gold"}, {"minLevel", 3}}});
    m_f->reopen();

    QHash<QString, QJsonObject> badges;
    QString error;
    m_f->repository->loadBadges(&badges, &error);
    QCOMPARE(badges.value("on-fire"), badge);
    const QJsonObject settings = m_f->repository->loadSettings(&error);
    QCOMPARE(error, QString());
    QCOMPARE(settings.value("levelStep").toDouble(), 80.0);
    QCOMPARE(settings.value("xpMetric").toString(), QString("score"));
    QCOMPARE(settings.value("tiers").toArray().at(0).toObject().value("minLevel").toInt(), 3);
}

QTEST_GUILESS_MAIN(TestConfigurationRepository)
#include "tst_configurationrepository.moc"
