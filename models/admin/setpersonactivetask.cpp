#include "setpersonactivetask.h"

namespace podium {

SetPersonActiveTask::SetPersonActiveTask(QObject *parent)
    : AdminTask(parent)
{ }

void SetPersonActiveTask::run()
{
    m_person.clear();
    send("PATCH", QStringLiteral("/api/people/%1").arg(m_personId), QJsonObject {{"active", m_active}},
         [this](int s, const QJsonObject &r) {
             if (s != 200)
                 return failWith(s, r);
             m_person = r.toVariantMap();
             succeed();
         });
}

} // namespace podium
