#pragma once

#include "admintask.h"

#include <QVariantMap>

namespace podium {

// Adds a person (personId 0) or saves the one with that id. A new person's
// team goes by name: the server creates a team it does not know. An edit
// needs the team's id: the task looks the name up (case-insensitively) in
// the server's teams and creates the team first when there is none.
// Optional fields are sent only when typed; every field is sent trimmed.
// Refused before any request: an empty name or team.
class SavePersonTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(qint64 personId MEMBER m_personId NOTIFY inputChanged)
    Q_PROPERTY(QString name MEMBER m_name NOTIFY inputChanged)
    Q_PROPERTY(QString team MEMBER m_team NOTIFY inputChanged)
    Q_PROPERTY(QString color MEMBER m_color NOTIFY inputChanged)
    Q_PROPERTY(QString email MEMBER m_email NOTIFY inputChanged)
    Q_PROPERTY(QString externalId MEMBER m_externalId NOTIFY inputChanged)
    // The person as the server answered, once Succeeded.
    Q_PROPERTY(QVariantMap person READ person NOTIFY resultChanged)
    // Whether the last run added a person (rather than saving one).
    Q_PROPERTY(bool created READ created NOTIFY resultChanged)

public:
    explicit SavePersonTask(QObject *parent = nullptr);

    QVariantMap person() const { return m_person; }
    bool created() const { return m_created; }

signals:
    void inputChanged();

protected:
    void run() override;

private:
    void patchPerson(const QJsonObject &body, qint64 teamId);
    void done(int status, const QJsonObject &reply);

    qint64 m_personId = 0;
    QString m_name;
    QString m_team;
    QString m_color;
    QString m_email;
    QString m_externalId;
    QVariantMap m_person;
    bool m_created = false;
};

} // namespace podium
