#include "celebration.h"

namespace podium {

Celebration Celebration::fromEvent(const Event &e)
{
    const QJsonObject d = e.data();
    Celebration c;
    c.seq = e.seq;
    c.title = d.value("title").toString();
    c.description = d.value("description").toString();
    c.icon = d.value("icon").toString();
    c.rarity = d.value("rarity").toString(QStringLiteral("common"));
    c.achievementType = d.value("achievementType").toString();
    c.name = d.value("userName").toString(d.value("name").toString());
    c.initials = d.value("initials").toString();
    c.color = d.value("color").toString();
    c.teamName = d.value("teamName").toString();
    c.badgeName = d.value("badgeName").toString();
    return c;
}

QVariantMap Celebration::toMap() const
{
    return {{"seq", seq},
            {"title", title},
            {"description", description},
            {"icon", icon},
            {"rarity", rarity},
            {"achievementType", achievementType},
            {"name", name},
            {"initials", initials},
            {"color", color},
            {"teamName", teamName},
            {"badgeName", badgeName}};
}

} // namespace podium
