#include "recordpayouttask.h"

#include "formnumber.h"

#include <QJsonArray>

namespace podium {

RecordPayoutTask::RecordPayoutTask(QObject *parent)
    : AdminTask(parent)
{ }

void RecordPayoutTask::run()
{
    m_contest.clear();
    const QJsonObject payout {{"place", m_place}, {"amount", formNumberOrNull(m_amount)}, {"note", m_note}};
    send("POST", QStringLiteral("/api/contests/%1/payout").arg(m_contestId),
         QJsonObject {{"payouts", QJsonArray {payout}}}, [this](int s, const QJsonObject &r) {
             if (s != 200)
                 return failWith(s, r);
             m_contest = r.toVariantMap();
             succeed();
         });
}

} // namespace podium
