#pragma once

#include "admintask.h"

namespace podium {

// Revokes a token: it stops working at once.
class RevokeTokenTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(qint64 tokenId MEMBER m_tokenId NOTIFY inputChanged)
    // The id the server revoked, once Succeeded.
    Q_PROPERTY(qint64 revoked READ revoked NOTIFY resultChanged)

public:
    explicit RevokeTokenTask(QObject *parent = nullptr);

    qint64 revoked() const { return m_revoked; }

signals:
    void inputChanged();

protected:
    void run() override;

private:
    qint64 m_tokenId = 0;
    qint64 m_revoked = 0;
};

} // namespace podium
