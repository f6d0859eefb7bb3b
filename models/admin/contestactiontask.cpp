#include "contestactiontask.h"

namespace podium {

ContestActionTask::ContestActionTask(QObject *parent)
    : AdminTask(parent)
{ }

void ContestActionTask::run()
{
    m_contest.clear();
    if (m_action != QLatin1String("start") && m_action != QLatin1String("end"))
        return fail(QStringLiteral("a contest can be started or ended, not '%1'").arg(m_action));
    send("POST", QStringLiteral("/api/contests/%1/%2").arg(m_contestId).arg(m_action), QJsonValue(),
         [this](int s, const QJsonObject &r) {
             if (s != 200)
                 return failWith(s, r);
             m_contest = r.toVariantMap();
             succeed();
         });
}

} // namespace podium
