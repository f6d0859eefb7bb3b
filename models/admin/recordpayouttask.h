#pragma once

#include "admintask.h"

#include <QVariantMap>

namespace podium {

// Records what an ended contest paid out for one place: `amount` is the
// form's text (a number, checked by the server), `note` what was given.
class RecordPayoutTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(qint64 contestId MEMBER m_contestId NOTIFY inputChanged)
    Q_PROPERTY(int place MEMBER m_place NOTIFY inputChanged)
    Q_PROPERTY(QString amount MEMBER m_amount NOTIFY inputChanged)
    Q_PROPERTY(QString note MEMBER m_note NOTIFY inputChanged)
    // The contest as the server answered, once Succeeded.
    Q_PROPERTY(QVariantMap contest READ contest NOTIFY resultChanged)

public:
    explicit RecordPayoutTask(QObject *parent = nullptr);

    QVariantMap contest() const { return m_contest; }

signals:
    void inputChanged();

protected:
    void run() override;

private:
    qint64 m_contestId = 0;
    int m_place = 1;
    QString m_amount;
    QString m_note;
    QVariantMap m_contest;
};

} // namespace podium
