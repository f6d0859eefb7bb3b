#include "awardbadgetask.h"

namespace podium {

AwardBadgeTask::AwardBadgeTask(QObject *parent)
    : AdminTask(parent)
{ }

void AwardBadgeTask::run()
{
    QJsonObject body {{"badge", m_badge}};
    if (!m_reason.isEmpty())
        body.insert("reason", m_reason);
    send("POST", QStringLiteral("/api/people/%1/badges").arg(m_personId), body, [this](int s, const QJsonObject &r) {
        if (s != 201)
            return failWith(s, r);
        succeed();
    });
}

} // namespace podium
