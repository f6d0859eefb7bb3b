#include "switchruletask.h"

namespace podium {

SwitchRuleTask::SwitchRuleTask(QObject *parent)
    : AdminTask(parent)
{ }

void SwitchRuleTask::run()
{
    m_rule.clear();
    const QString path = QStringLiteral("/api/rules/%1").arg(m_ruleId);
    const auto done = [this](int s, const QJsonObject &r) {
        if (s != 200)
            return failWith(s, r);
        m_rule = r.toVariantMap();
        succeed();
    };
    if (m_remove)
        send("DELETE", path, QJsonValue(), done);
    else
        send("PATCH", path, QJsonObject {{"enabled", m_enabled}}, done);
}

} // namespace podium
