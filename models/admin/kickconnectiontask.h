#pragma once

#include "admintask.h"

namespace podium {

// Closes one live connection (code 4003); a wall reconnects by itself.
class KickConnectionTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(qint64 connectionId MEMBER m_connectionId NOTIFY inputChanged)
    // The id the server kicked, once Succeeded.
    Q_PROPERTY(qint64 kicked READ kicked NOTIFY resultChanged)

public:
    explicit KickConnectionTask(QObject *parent = nullptr);

    qint64 kicked() const { return m_kicked; }

signals:
    void inputChanged();

protected:
    void run() override;

private:
    qint64 m_connectionId = 0;
    qint64 m_kicked = 0;
};

} // namespace podium
