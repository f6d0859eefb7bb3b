#pragma once

#include "admintask.h"

#include <QVariantMap>

namespace podium {

// Deactivates a person (active false) or makes them active again. A
// deactivated person keeps their history and leaves the boards.
class SetPersonActiveTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(qint64 personId MEMBER m_personId NOTIFY inputChanged)
    Q_PROPERTY(bool active MEMBER m_active NOTIFY inputChanged)
    // The person as the server answered, once Succeeded.
    Q_PROPERTY(QVariantMap person READ person NOTIFY resultChanged)

public:
    explicit SetPersonActiveTask(QObject *parent = nullptr);

    QVariantMap person() const { return m_person; }

signals:
    void inputChanged();

protected:
    void run() override;

private:
    qint64 m_personId = 0;
    bool m_active = true;
    QVariantMap m_person;
};

} // namespace podium
