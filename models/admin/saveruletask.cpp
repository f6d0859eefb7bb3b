#include "saveruletask.h"

#include "formnumber.h"

#include <QJsonArray>

namespace podium {

SaveRuleTask::SaveRuleTask(QObject *parent)
    : AdminTask(parent)
{ }

void SaveRuleTask::run()
{
    m_rule.clear();
    QJsonObject body {{"metric", m_metric.trimmed()}, {"kind", m_kind}};
    if (!m_period.isEmpty())
        body.insert("period", m_period);
    if (!m_values.trimmed().isEmpty()) {
        QJsonArray values;
        const QStringList parts = m_values.split(QLatin1Char(','));
        for (const QString &part : parts) {
            const QString item = part.trimmed();
            if (item.isEmpty())
                continue;
            const std::optional<double> v = formNumber(item);
            if (!v)
                return fail(QStringLiteral("values: '%1' is not a number").arg(item));
            values.append(*v);
        }
        body.insert("values", values);
    }
    if (!m_step.trimmed().isEmpty()) {
        const std::optional<double> step = formNumber(m_step);
        if (!step)
            return fail(QStringLiteral("step: '%1' is not a number").arg(m_step));
        body.insert("step", *step);
    }
    if (!m_badge.trimmed().isEmpty())
        body.insert("badge", m_badge.trimmed());
    if (!m_title.trimmed().isEmpty())
        body.insert("title", m_title.trimmed());

    const auto done = [this](int s, const QJsonObject &r) {
        if (s != 200 && s != 201)
            return failWith(s, r);
        m_rule = r.toVariantMap();
        succeed();
    };
    if (m_ruleId)
        send("PATCH", QStringLiteral("/api/rules/%1").arg(m_ruleId), body, done);
    else
        send("POST", QStringLiteral("/api/rules"), body, done);
}

} // namespace podium
