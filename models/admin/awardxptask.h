#pragma once

#include "admintask.h"

namespace podium {

// Awards XP by hand: an activity of `xpAmount` on the XP metric (`xpMetric`,
// the settings' own), source "admin"; levels and tiers follow. Refused
// before any request: XP that is not a number.
class AwardXpTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(qint64 personId MEMBER m_personId NOTIFY inputChanged)
    Q_PROPERTY(QString xpMetric MEMBER m_xpMetric NOTIFY inputChanged)
    Q_PROPERTY(QString xpAmount MEMBER m_xpAmount NOTIFY inputChanged) // the form's text
    // The XP awarded, once Succeeded.
    Q_PROPERTY(double awarded READ awarded NOTIFY resultChanged)

public:
    explicit AwardXpTask(QObject *parent = nullptr);

    double awarded() const { return m_awarded; }

signals:
    void inputChanged();

protected:
    void run() override;

private:
    qint64 m_personId = 0;
    QString m_xpMetric = QStringLiteral("xp");
    QString m_xpAmount;
    double m_awarded = 0;
};

} // namespace podium
