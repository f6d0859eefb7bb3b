#pragma once

#include "admintask.h"

#include <QVariantMap>

namespace podium {

// Adds a team (teamId 0) or renames the one with that id; `color` is sent
// only when typed, so saving a team without one keeps its colour.
class SaveTeamTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(qint64 teamId MEMBER m_teamId NOTIFY inputChanged)
    Q_PROPERTY(QString name MEMBER m_name NOTIFY inputChanged)
    Q_PROPERTY(QString color MEMBER m_color NOTIFY inputChanged)
    // The team as the server answered, once Succeeded.
    Q_PROPERTY(QVariantMap team READ team NOTIFY resultChanged)

public:
    explicit SaveTeamTask(QObject *parent = nullptr);

    QVariantMap team() const { return m_team; }

signals:
    void inputChanged();

protected:
    void run() override;

private:
    qint64 m_teamId = 0;
    QString m_name;
    QString m_color;
    QVariantMap m_team;
};

} // namespace podium
