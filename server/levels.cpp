#include "levels.h"

#include <cmath>

namespace podium {

int LevelCurve::levelFor(double xp) const
{
    if (xp <= 0 || step <= 0)
        return 1;
    // Solve step*(L-1)*L <= xp for the largest integer L, then correct for
    // floating-point error at exact boundaries.
    int level = int(std::floor((1.0 + std::sqrt(1.0 + 4.0 * xp / step)) / 2.0));
    while (level > 1 && xpForLevel(level) > xp)
        --level;
    while (xpForLevel(level + 1) <= xp)
        ++level;
    return std::max(level, 1);
}

double LevelCurve::xpForLevel(int level) const
{
    return step * double(level - 1) * double(level);
}

QList<Tier> defaultTiers()
{
    return {{"bronze", "Bronze", 1},
            {"silver", "Silver", 10},
            {"gold", "Gold", 20},
            {"platinum", "Platinum", 30},
            {"diamond", "Diamond", 40}};
}

Tier tierFor(int level, const QList<Tier> &tiers)
{
    Tier result = tiers.isEmpty() ? Tier{} : tiers.first();
    for (const Tier &t : tiers) {
        if (level >= t.minLevel && t.minLevel >= result.minLevel)
            result = t;
    }
    return result;
}

} // namespace podium
