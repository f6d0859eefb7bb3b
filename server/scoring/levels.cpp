#include "scoring/levels.h"

#include <algorithm>
#include <cmath>

namespace podium {

int LevelCurve::levelFor(double xp) const
{
    if (!(xp > 0) || !(step > 0) || !std::isfinite(step))
        return 1;
    // Solve step*(L-1)*L <= xp for the largest integer L, clamped to the
    // levels there are (a tiny step would otherwise overflow the int), then
    // correct for floating-point error at exact boundaries: a step or two.
    const double estimate = std::floor((1.0 + std::sqrt(1.0 + 4.0 * xp / step)) / 2.0);
    int level = int(std::clamp(std::isfinite(estimate) ? estimate : double(kMaxLevel), 1.0, double(kMaxLevel)));
    for (int i = 0; i < 4 && level > 1 && xpForLevel(level) > xp; ++i)
        --level;
    for (int i = 0; i < 4 && level < kMaxLevel && xpForLevel(level + 1) <= xp; ++i)
        ++level;
    return level;
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
