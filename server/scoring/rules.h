#pragma once

#include "scoring/periods.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace podium {

// Milestone rules are data: an admin edits them and the engine evaluates them.
//  threshold  values crossed by a period total (revenue 10K, 25K, ...)
//  every      each multiple of `step` crossed (XP every 1,000)
//  rank       entering the top N of a period's board (10, 5, 1)
//  streak     a streak of consecutive active days reaching a length (7, 30, 100)
//  level      reaching a level (every `step` levels, or listed levels)
//  perfect    one activity whose value equals `values[0]` (accuracy 100 %)
struct MilestoneRule
{
    enum class Kind { Threshold, Every, Rank, Streak, Level, Perfect };

    qint64 id = 0;
    QString metric; // "*" for streak and level rules that watch any activity
    Kind kind = Kind::Threshold;
    Period period = Period::Month;
    QList<double> values;
    double step = 0;
    QString badge;                    // awarded whenever the rule fires
    QHash<QString, QString> badges;   // or per value: {"100000": "100k-club"}
    QString title;
    bool enabled = true;

    static std::optional<MilestoneRule> fromJson(const QJsonObject &json, QString *error);
    QJsonObject toJson() const;
    QJsonObject paramsJson() const;
    // The badge a firing at `value` awards, if any.
    QString badgeFor(double value) const;

    // Milestone values passed on the way from `before` to `after`, in the order
    // they were passed (ascending). Empty when nothing new was crossed.
    QList<double> crossed(double before, double after) const;
    // Rank thresholds entered when moving from `previous` (nullopt: not on the
    // board) to `now`, widest first (10, then 5, then 1).
    QList<double> ranksEntered(std::optional<int> previous, int now) const;
};

QString ruleKindName(MilestoneRule::Kind kind);
bool parseRuleKind(const QString &name, MilestoneRule::Kind *out);

} // namespace podium
