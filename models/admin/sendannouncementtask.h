#pragma once

#include "admintask.h"

#include <QVariantMap>

namespace podium {

// Sends an announcement to every wall: a ticker line or a news flash, with
// or without a sound, shown for `duration` minutes (the form's text; empty:
// the server's default). Refused before any request: no text, or a duration
// that is not a positive number of minutes.
class SendAnnouncementTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString text MEMBER m_text NOTIFY inputChanged)
    Q_PROPERTY(QString kind MEMBER m_kind NOTIFY inputChanged) // "ticker" or "flash"
    Q_PROPERTY(bool sound MEMBER m_sound NOTIFY inputChanged)
    Q_PROPERTY(QString duration MEMBER m_duration NOTIFY inputChanged)
    // The announcement as the server answered, once Succeeded.
    Q_PROPERTY(QVariantMap announcement READ announcement NOTIFY resultChanged)

public:
    explicit SendAnnouncementTask(QObject *parent = nullptr);

    QVariantMap announcement() const { return m_announcement; }

signals:
    void inputChanged();

protected:
    void run() override;

private:
    QString m_text;
    QString m_kind = QStringLiteral("ticker");
    bool m_sound = false;
    QString m_duration;
    QVariantMap m_announcement;
};

} // namespace podium
