#include "voidactivitytask.h"

#include <QRegularExpression>

namespace podium {

VoidActivityTask::VoidActivityTask(QObject *parent)
    : AdminTask(parent)
{ }

void VoidActivityTask::run()
{
    m_activity.clear();
    static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
    if (!digits.match(m_activityId).hasMatch())
        return fail(QStringLiteral("type the activity's id (a number)"));
    send("POST", QStringLiteral("/api/activities/%1/void").arg(m_activityId), QJsonValue(),
         [this](int s, const QJsonObject &r) {
             if (s != 200)
                 return failWith(s, r);
             m_activity = r.toVariantMap();
             succeed();
         });
}

} // namespace podium
