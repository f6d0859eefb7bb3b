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
    // Levels stop here: a tiny step or a huge total would otherwise put the
    // level beyond what an int holds.
    static constexpr int kMaxLevel = 1'000'000;

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
