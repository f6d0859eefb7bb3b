#pragma once

#include "admintask.h"

#include <QVariantMap>

namespace podium {

// Creates a metric, or updates the one with that key: its label, unit
// (count, currency, points, percent) and how activity folds in (sum, best,
// latest).
class SaveMetricTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString key MEMBER m_key NOTIFY inputChanged)
    Q_PROPERTY(QString label MEMBER m_label NOTIFY inputChanged)
    Q_PROPERTY(QString unit MEMBER m_unit NOTIFY inputChanged)
    Q_PROPERTY(QString aggregation MEMBER m_aggregation NOTIFY inputChanged)
    // The metric as the server answered, once Succeeded.
    Q_PROPERTY(QVariantMap metric READ metric NOTIFY resultChanged)

public:
    explicit SaveMetricTask(QObject *parent = nullptr);

    QVariantMap metric() const { return m_metric; }

signals:
    void inputChanged();

protected:
    void run() override;

private:
    QString m_key;
    QString m_label;
    QString m_unit = QStringLiteral("count");
    QString m_aggregation = QStringLiteral("sum");
    QVariantMap m_metric;
};

} // namespace podium
