#pragma once

#include "admintask.h"

#include <QVariantMap>

namespace podium {

// Saves the level curve and the tiers from the form's texts, then reads the
// settings back as the server now has them. `tiers` is "Name:first level"
// items separated by commas ("Bronze:1, Silver:5"); a tier's key is its
// name in lower case. Refused before any request: a tier not written as
// Name:level.
class SaveSettingsTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString xpMetric MEMBER m_xpMetric NOTIFY inputChanged)
    Q_PROPERTY(QString levelStep MEMBER m_levelStep NOTIFY inputChanged)
    Q_PROPERTY(QString significantRankMove MEMBER m_rankMove NOTIFY inputChanged)
    Q_PROPERTY(QString tiers MEMBER m_tiers NOTIFY inputChanged)
    // GET /api/settings after the save, once Succeeded.
    Q_PROPERTY(QVariantMap settings READ settings NOTIFY resultChanged)

public:
    explicit SaveSettingsTask(QObject *parent = nullptr);

    QVariantMap settings() const { return m_settings; }

signals:
    void inputChanged();

protected:
    void run() override;

private:
    QString m_xpMetric;
    QString m_levelStep;
    QString m_rankMove;
    QString m_tiers;
    QVariantMap m_settings;
};

} // namespace podium
