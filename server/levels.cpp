#include "levels.h"

#include <cmath>

namespace podium {

int LevelCurve::levelFor(double xp) const
{
    if (xp <= 0 || step <= 0)
        return 1;
    // Solve step*(L-1)*L <= xp for the largest integer L, then correct for
    // floating-point error at exact boundaries.
    const double estimate = std::floor((1.0 + std::sqrt(1.0 + 4.0 * xp / step)) / 2.0);
    // Converting an estimate beyond int is undefined (in practice INT_MIN,
    // from which the loop below never ends): cap it first.
    if (!(estimate < kMaxLevel))
        return kMaxLevel;
    int level = int(estimate);
    while (level > 1 && xpForLevel(level) > xp)
        --level;
    while (level < kMaxLevel && xpForLevel(level + 1) <= xp)
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
    // The tier with the highest start at or below `level`, whatever order the
    // list is in; below every start, the lowest tier.
    const Tier *best = nullptr;
    const Tier *lowest = nullptr;
    for (const Tier &t : tiers) {
        if (!lowest || t.minLevel < lowest->minLevel)
            lowest = &t;
        if (t.minLevel <= level && (!best || t.minLevel > best->minLevel))
            best = &t;
    }
    if (best)
        return *best;
    return lowest ? *lowest : Tier{};
}

} // namespace podium
