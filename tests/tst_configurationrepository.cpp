// ConfigurationRepository on a real SQLite file: metrics, rules, badges and
// settings come back as they were saved.

#include "configuration/metric.h"
#include "scoring/rules.h"
#include "store/batchwriter.h"
#include "store/configurationrepository.h"
#include "store/store.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace podium;

class TestConfigurationRepository : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void metricsRoundTrip();
    void rulesRoundTripInIdOrder();
    void badgesAndSettingsRoundTrip();

private:
    void reopen();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<DirectWriter> m_writer;
    std::unique_ptr<ConfigurationRepository> m_repo;
};

void TestConfigurationRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    reopen();
}

void TestConfigurationRepository::cleanup()
{
    m_repo.reset();
    m_writer.reset();
    m_store.reset();
}

void TestConfigurationRepository::reopen()
{
    m_repo.reset();
    m_writer.reset();
    m_store = std::make_unique<Store>();
    QString error;
    QVERIFY2(m_store->open(m_dir->filePath("podium.db"), &error), qPrintable(error));
    m_writer = std::make_unique<DirectWriter>(*m_store);
    m_repo = std::make_unique<ConfigurationRepository>(*m_writer);
}

void TestConfigurationRepository::metricsRoundTrip()
{
    Metric laps;
    laps.key = "laps";
    laps.label = "Laps";
    laps.unit = "count";
    laps.aggregation = Metric::Aggregation::Best;
    laps.higherIsBetter = false;
    laps.periods = {Period::Day, Period::AllTime};
    m_repo->saveMetric(laps);
    laps.label = "Fastest laps";
    m_repo->saveMetric(laps); // an update of the same key
    reopen();

    QHash<QString, Metric> metrics;
    QString error;
    m_repo->loadMetrics(&metrics, &error);
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
    threshold->id = m_repo->nextRuleId();
    QCOMPARE(threshold->id, 1);
    m_repo->insertRule(*threshold);
    every->id = m_repo->nextRuleId();
    m_repo->insertRule(*every);
    every->enabled = false;
    m_repo->updateRule(*every);
    auto gone = *every;
    gone.id = m_repo->nextRuleId();
    m_repo->insertRule(gone);
    m_repo->deleteRule(gone.id);
    reopen();

    const QList<QJsonObject> rules = m_repo->loadRules(&error);
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
    m_repo->saveBadge(badge);
    m_repo->saveSetting("levelStep", 75);
    m_repo->saveSetting("xpMetric", "score");
    m_repo->saveSetting("levelStep", 80);
    m_repo->saveSetting("tiers", QJsonArray {QJsonObject {{"key", "gold"}, {"name", "Gold"}, {"minLevel", 3}}});
    reopen();

    QHash<QString, QJsonObject> badges;
    QString error;
    m_repo->loadBadges(&badges, &error);
    QCOMPARE(badges.value("on-fire"), badge);
    const QJsonObject settings = m_repo->loadSettings(&error);
    QCOMPARE(error, QString());
    QCOMPARE(settings.value("levelStep").toDouble(), 80.0);
    QCOMPARE(settings.value("xpMetric").toString(), QString("score"));
    QCOMPARE(settings.value("tiers").toArray().at(0).toObject().value("minLevel").toInt(), 3);
}

QTEST_GUILESS_MAIN(TestConfigurationRepository)
#include "tst_configurationrepository.moc"
