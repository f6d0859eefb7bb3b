#pragma once

#include "admintask.h"

#include <QVariantMap>

namespace podium {

// Records an activity by hand (source "admin"), through the same rules as an
// integration's: `amount` is the form's text, sent as `delta` for a metric
// that sums and as `value` for one that keeps the best or latest
// (`aggregation`); a negative amount is a correction. `key` (optional) makes
// a second send count once. Refused before any request: an amount that is
// not a number.
class RecordActivityTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(qint64 personId MEMBER m_personId NOTIFY inputChanged)
    Q_PROPERTY(QString metric MEMBER m_metric NOTIFY inputChanged)
    Q_PROPERTY(QString aggregation MEMBER m_aggregation NOTIFY inputChanged) // sum, best or latest
    Q_PROPERTY(QString amount MEMBER m_amount NOTIFY inputChanged)
    Q_PROPERTY(QString key MEMBER m_key NOTIFY inputChanged)
    // The server's answer (the activity and the events it caused), once Succeeded.
    Q_PROPERTY(QVariantMap activity READ activity NOTIFY resultChanged)

public:
    explicit RecordActivityTask(QObject *parent = nullptr);

    QVariantMap activity() const { return m_activity; }

signals:
    void inputChanged();

protected:
    void run() override;

private:
    qint64 m_personId = 0;
    QString m_metric;
    QString m_aggregation = QStringLiteral("sum");
    QString m_amount;
    QString m_key;
    QVariantMap m_activity;
};

} // namespace podium
