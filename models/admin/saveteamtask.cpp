#include "saveteamtask.h"

namespace podium {

SaveTeamTask::SaveTeamTask(QObject *parent)
    : AdminTask(parent)
{ }

void SaveTeamTask::run()
{
    m_team.clear();
    QJsonObject body {{"name", m_name}};
    if (!m_color.isEmpty())
        body.insert("color", m_color);
    const bool adding = m_teamId == 0;
    const auto done = [this, adding](int s, const QJsonObject &r) {
        if (s != (adding ? 201 : 200))
            return failWith(s, r);
        m_team = r.toVariantMap();
        succeed();
    };
    if (adding)
        send("POST", QStringLiteral("/api/teams"), body, done);
    else
        send("PATCH", QStringLiteral("/api/teams/%1").arg(m_teamId), body, done);
}

} // namespace podium
