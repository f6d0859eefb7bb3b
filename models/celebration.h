#pragma once

#include "event.h"

#include <QVariantMap>

namespace podium {

// What the wall needs to show one achievement, read from an
// `achievement:celebration` event.
struct Celebration
{
    qint64 seq = 0;
    QString title;
    QString description;
    QString icon;
    QString rarity; // common, rare, epic, legendary
    QString achievementType;
    QString name;
    QString initials;
    QString color;
    QString teamName;
    QString badgeName;

    static Celebration fromEvent(const Event &e);
    QVariantMap toMap() const;
};

} // namespace podium
