#include "awardxptask.h"

#include "formnumber.h"

namespace podium {

AwardXpTask::AwardXpTask(QObject *parent)
    : AdminTask(parent)
{ }

void AwardXpTask::run()
{
    m_awarded = 0;
    const std::optional<double> xp = m_xpAmount.trimmed().isEmpty() ? std::nullopt : formNumber(m_xpAmount);
    if (!xp)
        return fail(QStringLiteral("XP must be a number"));
    const QJsonObject body {{"person", m_personId}, {"metric", m_xpMetric}, {"delta", *xp}, {"source", "admin"}};
    send("POST", QStringLiteral("/api/activities"), body, [this, xp](int s, const QJsonObject &r) {
        if (s != 201)
            return failWith(s, r);
        m_awarded = *xp;
        succeed();
    });
}

} // namespace podium
