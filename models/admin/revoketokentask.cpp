#include "revoketokentask.h"

namespace podium {

RevokeTokenTask::RevokeTokenTask(QObject *parent)
    : AdminTask(parent)
{ }

void RevokeTokenTask::run()
{
    m_revoked = 0;
    send("DELETE", QStringLiteral("/api/tokens/%1").arg(m_tokenId), QJsonValue(), [this](int s, const QJsonObject &r) {
        if (s != 200)
            return failWith(s, r);
        m_revoked = r.value("revoked").toInteger();
        succeed();
    });
}

} // namespace podium
