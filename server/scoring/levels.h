#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace podium {

// Level from total XP. XP needed to reach level L is step * (L-1) * L, so each
// level costs `step` more than the one before (step 50: level 2 at 100 XP,
// level 10 at 4,500 XP, level 11 at 5,500 XP).
struct LevelCurve
{
    // What settings accept for `step`, and the highest level there is: no
    // amount of XP, and no stored step, makes levelFor() count further.
    static constexpr double kMinStep = 1;
    static constexpr double kMaxStep = 1e6;
    static constexpr int kMaxLevel = 1000000;
    static bool validStep(double step) { return step >= kMinStep && step <= kMaxStep; }

    double step = 50;

    int levelFor(double xp) const;
    double xpForLevel(int level) const;
};

// Tiers over level ranges: a tier starts at `minLevel` and lasts until the next.
struct Tier
{
    QString key;
    QString name;
    int minLevel = 1;
};

QList<Tier> defaultTiers();
Tier tierFor(int level, const QList<Tier> &tiers);

} // namespace podium
