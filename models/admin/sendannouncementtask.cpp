#include "sendannouncementtask.h"

#include "formnumber.h"

#include <cmath>

namespace podium {

SendAnnouncementTask::SendAnnouncementTask(QObject *parent)
    : AdminTask(parent)
{ }

void SendAnnouncementTask::run()
{
    m_announcement.clear();
    const QString text = m_text.trimmed();
    if (text.isEmpty())
        return fail(QStringLiteral("field 'text' is empty: write what the wall should say"));
    QJsonObject body {{"text", text}, {"kind", m_kind}, {"sound", m_sound}};
    if (!m_duration.isEmpty()) {
        const std::optional<double> minutes = formNumber(m_duration);
        if (!minutes || *minutes <= 0)
            return fail(QStringLiteral("duration: '%1' is not a positive number of minutes").arg(m_duration));
        // Half a second rounds up, as the form always did (Math.round).
        body.insert("durationSeconds", std::floor(*minutes * 60 + 0.5));
    }
    send("POST", QStringLiteral("/api/announcements"), body, [this](int s, const QJsonObject &r) {
        if (s != 201)
            return failWith(s, r);
        m_announcement = r.toVariantMap();
        succeed();
    });
}

} // namespace podium
