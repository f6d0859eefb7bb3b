#pragma once

#include "admintask.h"

#include <QVariantMap>

namespace podium {

// Creates a contest, or schedules it when it starts in the future. `prizes`
// is the form's text, one prize per line with the first place first; blank
// lines are dropped and each prize is trimmed. Times are ISO 8601 and
// checked by the server, whose message a refused contest fails with.
class CreateContestTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString name MEMBER m_name NOTIFY inputChanged)
    Q_PROPERTY(QString metric MEMBER m_metric NOTIFY inputChanged)
    Q_PROPERTY(QString mode MEMBER m_mode NOTIFY inputChanged) // "individuals" or "teams"
    Q_PROPERTY(QString startsAt MEMBER m_startsAt NOTIFY inputChanged)
    Q_PROPERTY(QString endsAt MEMBER m_endsAt NOTIFY inputChanged)
    Q_PROPERTY(QString prizes MEMBER m_prizes NOTIFY inputChanged)
    // The contest as the server answered, once Succeeded.
    Q_PROPERTY(QVariantMap contest READ contest NOTIFY resultChanged)

public:
    explicit CreateContestTask(QObject *parent = nullptr);

    QVariantMap contest() const { return m_contest; }

signals:
    void inputChanged();

protected:
    void run() override;

private:
    QString m_name;
    QString m_metric;
    QString m_mode = QStringLiteral("individuals");
    QString m_startsAt;
    QString m_endsAt;
    QString m_prizes;
    QVariantMap m_contest;
};

} // namespace podium
