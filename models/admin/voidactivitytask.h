#pragma once

#include "admintask.h"

#include <QVariantMap>

namespace podium {

// Takes a wrong activity back out of every total, board and contest.
// `activityId` is the form's text; refused before any request when it is
// not a whole number.
class VoidActivityTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString activityId MEMBER m_activityId NOTIFY inputChanged)
    // The voided activity as the server answered, once Succeeded.
    Q_PROPERTY(QVariantMap activity READ activity NOTIFY resultChanged)

public:
    explicit VoidActivityTask(QObject *parent = nullptr);

    QVariantMap activity() const { return m_activity; }

signals:
    void inputChanged();

protected:
    void run() override;

private:
    QString m_activityId;
    QVariantMap m_activity;
};

} // namespace podium
