// What a new data directory starts with.
#include "configuration/configurationservice.h"

#include "logging.h"

#include <QJsonArray>

namespace podium {

void ConfigurationService::seedDefaults()
{
    // The seeds' metrics and milestone rules: a sales floor (revenue,
    // signups), a training platform (xp), practice suites (score, accuracy).
    using A = Metric::Aggregation;
    const QList<MetricChange> metrics {
            {"revenue", QString("Revenue"), QString("currency"), int(A::Sum), std::nullopt, std::nullopt},
            {"signups", QString("Signups"), QString("count"), int(A::Sum), std::nullopt, std::nullopt},
            {"xp", QString("XP"), QString("points"), int(A::Sum), std::nullopt, std::nullopt},
            {"score", QString("Score"), QString("points"), int(A::Best), std::nullopt, std::nullopt},
            {"accuracy", QString("Accuracy"), QString("percent"), int(A::Best), std::nullopt, std::nullopt},
    };
    for (const MetricChange &m : metrics)
        saveMetric(m);
    const QList<BadgeDraft> badges {
            {"first-10k", "Five Figures", "First $10K month", "💵", "common"},
            {"100k-club", "100K Club", "$100K in one month", "💎", "epic"},
            {"millionaire", "Millionaire", "$1M in one month", "👑", "legendary"},
            {"top-dog", "Top Dog", "Reached #1 on the monthly revenue board", "🏆", "rare"},
            {"week-streak", "On Fire", "Seven active days in a row", "🔥", "common"},
            {"month-streak", "Unstoppable", "Thirty active days in a row", "⚡", "epic"},
            {"perfectionist", "Perfectionist", "A run with 100% accuracy", "🎯", "rare"},
    };
    for (const BadgeDraft &b : badges)
        saveBadge(b);
    const QList<QJsonObject> rules {
            {{"metric", "revenue"},
             {"kind", "threshold"},
             {"period", "month"},
             {"values", QJsonArray {10000, 25000, 50000, 100000, 250000, 500000, 1000000}},
             {"badges", QJsonObject {{"10000", "first-10k"}, {"100000", "100k-club"}, {"1000000", "millionaire"}}}},
            {{"metric", "signups"},
             {"kind", "threshold"},
             {"period", "month"},
             {"values", QJsonArray {10, 25, 50, 100, 250, 500, 1000}}},
            {{"metric", "xp"}, {"kind", "every"}, {"period", "all"}, {"step", 1000}},
            {{"metric", "revenue"},
             {"kind", "rank"},
             {"period", "month"},
             {"values", QJsonArray {10, 5, 1}},
             {"badges", QJsonObject {{"1", "top-dog"}}}},
            {{"metric", "*"},
             {"kind", "streak"},
             {"values", QJsonArray {7, 30, 100}},
             {"badges", QJsonObject {{"7", "week-streak"}, {"30", "month-streak"}}}},
            {{"metric", "score"}, {"kind", "threshold"}, {"period", "all"}, {"values", QJsonArray {100, 500, 1000}}},
            {{"metric", "accuracy"},
             {"kind", "perfect"},
             {"period", "day"},
             {"values", QJsonArray {100}},
             {"badge", "perfectionist"}},
            {{"metric", "*"}, {"kind", "level"}, {"step", 1}},
    };
    for (const QJsonObject &json : rules) {
        QString invalid;
        if (auto rule = MilestoneRule::fromJson(json, &invalid))
            createRule(*rule);
        else
            qCCritical(lcEngine) << "a default rule does not parse:" << invalid;
    }
    m_repository.saveSetting("levelStep", 50);
    m_repository.saveSetting("significantRankMove", 3);
    m_repository.saveSetting("xpMetric", "xp");
}

} // namespace podium
