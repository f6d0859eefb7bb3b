#pragma once

#include "admintask.h"

namespace podium {

// Awards a badge of the catalogue (`badge`, its key) to a person by hand,
// with an optional reason shown to them.
class AwardBadgeTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(qint64 personId MEMBER m_personId NOTIFY inputChanged)
    Q_PROPERTY(QString badge MEMBER m_badge NOTIFY inputChanged)
    Q_PROPERTY(QString reason MEMBER m_reason NOTIFY inputChanged)

public:
    explicit AwardBadgeTask(QObject *parent = nullptr);

signals:
    void inputChanged();

protected:
    void run() override;

private:
    qint64 m_personId = 0;
    QString m_badge;
    QString m_reason;
};

} // namespace podium
