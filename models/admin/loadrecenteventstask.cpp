#include "loadrecenteventstask.h"

#include <QJsonArray>

namespace podium {

LoadRecentEventsTask::LoadRecentEventsTask(QObject *parent)
    : AdminTask(parent)
{ }

void LoadRecentEventsTask::run()
{
    m_events.clear();
    send("GET", QStringLiteral("/api/health"), QJsonValue(), [this](int s, const QJsonObject &health) {
        if (s != 200)
            return failWith(s, health);
        const qint64 since = qMax<qint64>(0, health.value("seq").toInteger() - m_window);
        QString path = QStringLiteral("/api/events?");
        if (!m_rooms.isEmpty())
            path += QStringLiteral("rooms=%1&").arg(m_rooms);
        path += QStringLiteral("limit=%1&since=%2").arg(m_limit).arg(since);
        send("GET", path, QJsonValue(), [this](int s2, const QJsonObject &r) {
            if (s2 != 200)
                return failWith(s2, r);
            const QJsonArray events = r.value("events").toArray();
            for (const QJsonValue &e : events) {
                if (m_event.isEmpty() || e.toObject().value("event").toString() == m_event)
                    m_events.append(e.toObject().toVariantMap());
            }
            succeed();
        });
    });
}

} // namespace podium
