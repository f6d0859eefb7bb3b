#pragma once

#include "admintask.h"

namespace podium {

// Issues a token of a kind (display, integration, person, admin) with a
// label. A person token belongs to personId; without one the task refuses
// before any request. The server shows a token's text once: it stays in
// `token` until the next request, so a refused input does not lose it.
class IssueTokenTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString kind MEMBER m_kind NOTIFY inputChanged)
    Q_PROPERTY(QString label MEMBER m_label NOTIFY inputChanged)
    Q_PROPERTY(qint64 personId MEMBER m_personId NOTIFY inputChanged)
    Q_PROPERTY(qint64 tokenId READ tokenId NOTIFY resultChanged)
    Q_PROPERTY(QString token READ token NOTIFY resultChanged)

public:
    explicit IssueTokenTask(QObject *parent = nullptr);

    qint64 tokenId() const { return m_tokenId; }
    QString token() const { return m_token; }

signals:
    void inputChanged();

protected:
    void run() override;

private:
    QString m_kind = QStringLiteral("display");
    QString m_label;
    qint64 m_personId = 0;
    qint64 m_tokenId = 0;
    QString m_token;
};

} // namespace podium
