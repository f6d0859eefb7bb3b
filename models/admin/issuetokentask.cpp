#include "issuetokentask.h"

namespace podium {

IssueTokenTask::IssueTokenTask(QObject *parent)
    : AdminTask(parent)
{ }

void IssueTokenTask::run()
{
    QJsonObject body {{"kind", m_kind}, {"label", m_label}};
    if (m_kind == QLatin1String("person")) {
        if (m_personId == 0)
            return fail(QStringLiteral("pick a person in the list first"));
        body.insert("person", m_personId);
    }
    m_tokenId = 0;
    m_token.clear();
    send("POST", QStringLiteral("/api/tokens"), body, [this](int s, const QJsonObject &r) {
        if (s != 201)
            return failWith(s, r);
        m_tokenId = r.value("id").toInteger();
        m_token = r.value("token").toString();
        succeed();
    });
}

} // namespace podium
