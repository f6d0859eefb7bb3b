#pragma once

#include "admintask.h"

#include <QVariantMap>

namespace podium {

// Creates a badge of the catalogue, or updates the one with that key: its
// name, description, icon and rarity (common, rare, epic, legendary).
class SaveBadgeTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString key MEMBER m_key NOTIFY inputChanged)
    Q_PROPERTY(QString name MEMBER m_name NOTIFY inputChanged)
    Q_PROPERTY(QString description MEMBER m_description NOTIFY inputChanged)
    Q_PROPERTY(QString icon MEMBER m_icon NOTIFY inputChanged)
    Q_PROPERTY(QString rarity MEMBER m_rarity NOTIFY inputChanged)
    // The badge as the server answered, once Succeeded.
    Q_PROPERTY(QVariantMap badge READ badge NOTIFY resultChanged)

public:
    explicit SaveBadgeTask(QObject *parent = nullptr);

    QVariantMap badge() const { return m_badge; }

signals:
    void inputChanged();

protected:
    void run() override;

private:
    QString m_key;
    QString m_name;
    QString m_description;
    QString m_icon;
    QString m_rarity = QStringLiteral("common");
    QVariantMap m_badge;
};

} // namespace podium
