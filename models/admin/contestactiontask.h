#pragma once

#include "admintask.h"

#include <QVariantMap>

namespace podium {

// Starts a scheduled contest now ("start") or ends a live one now ("end").
// The server refuses an action the contest's state does not allow.
class ContestActionTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(qint64 contestId MEMBER m_contestId NOTIFY inputChanged)
    Q_PROPERTY(QString action MEMBER m_action NOTIFY inputChanged)
    // The contest as the server answered, once Succeeded.
    Q_PROPERTY(QVariantMap contest READ contest NOTIFY resultChanged)

public:
    explicit ContestActionTask(QObject *parent = nullptr);

    QVariantMap contest() const { return m_contest; }

signals:
    void inputChanged();

protected:
    void run() override;

private:
    qint64 m_contestId = 0;
    QString m_action;
    QVariantMap m_contest;
};

} // namespace podium
