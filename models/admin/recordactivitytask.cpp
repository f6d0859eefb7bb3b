#include "recordactivitytask.h"

#include "formnumber.h"

namespace podium {

RecordActivityTask::RecordActivityTask(QObject *parent)
    : AdminTask(parent)
{ }

void RecordActivityTask::run()
{
    m_activity.clear();
    const std::optional<double> amount = m_amount.trimmed().isEmpty() ? std::nullopt : formNumber(m_amount);
    if (!amount)
        return fail(QStringLiteral("the amount must be a number"));
    QJsonObject body {{"person", m_personId}, {"metric", m_metric}, {"source", "admin"}};
    body.insert(m_aggregation == QLatin1String("sum") ? "delta" : "value", *amount);
    if (!m_key.isEmpty())
        body.insert("key", m_key);
    send("POST", QStringLiteral("/api/activities"), body, [this](int s, const QJsonObject &r) {
        if (s != 201 && s != 200)
            return failWith(s, r);
        m_activity = r.toVariantMap();
        succeed();
    });
}

} // namespace podium
