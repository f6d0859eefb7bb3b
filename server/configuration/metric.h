#pragma once

#include "scoring/periods.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace podium {

// What is counted and ranked: revenue, signups, XP, a best score.
struct Metric
{
    enum class Aggregation { Sum, Best, Latest };
    QString key;
    QString label;
    QString unit = "count"; // currency, count, points, percent
    Aggregation aggregation = Aggregation::Sum;
    bool higherIsBetter = true;
    QList<Period> periods = allPeriods();

    QJsonObject toJson() const;
    QString format(double value) const;
    // A board's value after `amount` is added to (or kept over) `previous`.
    double fold(std::optional<double> previous, double amount) const;
};

} // namespace podium
