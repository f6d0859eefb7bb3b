#include "configuration/metric.h"

#include "format.h"

#include <QJsonArray>

namespace podium {

QJsonObject Metric::toJson() const
{
    QJsonArray ps;
    for (Period p : periods)
        ps.append(periodName(p));
    static const char *aggNames[] = {"sum", "best", "latest"};
    return {{"key", key},
            {"label", label},
            {"unit", unit},
            {"aggregation", QString::fromLatin1(aggNames[int(aggregation)])},
            {"higherIsBetter", higherIsBetter},
            {"periods", ps}};
}

QString Metric::format(double value) const
{
    return formatValue(value, unit);
}

double Metric::fold(std::optional<double> previous, double amount) const
{
    switch (aggregation) {
    case Aggregation::Sum:
        return previous.value_or(0) + amount;
    case Aggregation::Latest:
        return amount;
    case Aggregation::Best:
        if (!previous)
            return amount;
        return (higherIsBetter ? amount > *previous : amount < *previous) ? amount : *previous;
    }
    return amount;
}

} // namespace podium
