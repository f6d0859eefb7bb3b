#pragma once

#include "social/social.h"

#include <QHash>
#include <QJsonObject>

namespace podium {

class BatchWriter;

// Notifications', announcements' and sessions' rows. A session is stored as
// the last JSON it reported.
class SocialRepository
{
public:
    explicit SocialRepository(BatchWriter &writer)
        : m_writer(writer)
    { }

    qint64 nextId(const QString &table);

    void insertNotification(const Notification &n);
    // The person's newest first, at most `limit`.
    QList<Notification> notifications(qint64 person, bool unreadOnly, int limit);
    qint64 unreadCount(qint64 person);
    // Whose notification `id` is; none if there is no such notification.
    std::optional<qint64> notificationOwner(qint64 id);
    void markRead(qint64 id);

    void insertAnnouncement(const Announcement &a);
    // The newest 50 that have not expired at `now` (ISO 8601).
    QList<Announcement> announcements(const QString &now);

    // Sessions not ended, by id. A failed read sets `error`.
    void loadLiveSessions(QHash<qint64, QJsonObject> *sessions, QString *error);
    void insertSession(qint64 id, qint64 person, const QString &kind, const QString &startedAt,
                       const QJsonObject &last);
    void updateSession(qint64 id, const QJsonObject &last);
    void endSession(qint64 id, const QString &endedAt, const QJsonObject &last);

private:
    BatchWriter &m_writer;
};

} // namespace podium
