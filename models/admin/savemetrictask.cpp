#include "savemetrictask.h"

namespace podium {

SaveMetricTask::SaveMetricTask(QObject *parent)
    : AdminTask(parent)
{ }

void SaveMetricTask::run()
{
    m_metric.clear();
    const QJsonObject body {{"key", m_key}, {"label", m_label}, {"unit", m_unit}, {"aggregation", m_aggregation}};
    send("POST", QStringLiteral("/api/metrics"), body, [this](int s, const QJsonObject &r) {
        if (s != 200 && s != 201)
            return failWith(s, r);
        m_metric = r.toVariantMap();
        succeed();
    });
}

} // namespace podium
