#include "kickconnectiontask.h"

namespace podium {

KickConnectionTask::KickConnectionTask(QObject *parent)
    : AdminTask(parent)
{ }

void KickConnectionTask::run()
{
    m_kicked = 0;
    send("POST", QStringLiteral("/api/connections/%1/kick").arg(m_connectionId), QJsonValue(),
         [this](int s, const QJsonObject &r) {
             if (s != 200)
                 return failWith(s, r);
             m_kicked = r.value("kicked").toInteger();
             succeed();
         });
}

} // namespace podium
