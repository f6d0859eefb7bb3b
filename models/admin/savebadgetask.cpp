#include "savebadgetask.h"

namespace podium {

SaveBadgeTask::SaveBadgeTask(QObject *parent)
    : AdminTask(parent)
{ }

void SaveBadgeTask::run()
{
    m_badge.clear();
    const QJsonObject body {
            {"key", m_key}, {"name", m_name}, {"description", m_description}, {"icon", m_icon}, {"rarity", m_rarity}};
    send("POST", QStringLiteral("/api/badges"), body, [this](int s, const QJsonObject &r) {
        if (s != 200 && s != 201)
            return failWith(s, r);
        m_badge = r.toVariantMap();
        succeed();
    });
}

} // namespace podium
