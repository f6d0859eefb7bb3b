#include "store/socialrepository.h"

#include "store/batchwriter.h"
#include "store/store.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace podium {

namespace {
QString compact(const QJsonObject &json)
{
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}
} // namespace

qint64 SocialRepository::nextId(const QString &table)
{
    return m_writer.nextId(table);
}

void SocialRepository::insertNotification(const Notification &n)
{
    m_writer.write(QStringLiteral("INSERT INTO notifications (id, person_id, kind, title, body, is_read, created_at) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?)"),
                   {n.id, n.person, n.kind, n.title, n.body, n.read ? 1 : 0, n.createdAt});
}

QList<Notification> SocialRepository::notifications(qint64 person, bool unreadOnly, int limit)
{
    QSqlQuery &q = m_writer.store().prepared(
            unreadOnly ? QStringLiteral("SELECT id, kind, title, body, is_read, created_at FROM notifications "
                                        "WHERE person_id = ? AND is_read = 0 ORDER BY id DESC LIMIT ?")
                       : QStringLiteral("SELECT id, kind, title, body, is_read, created_at FROM notifications "
                                        "WHERE person_id = ? ORDER BY id DESC LIMIT ?"));
    q.bindValue(0, person);
    q.bindValue(1, limit);
    QList<Notification> out;
    if (q.exec()) {
        while (q.next())
            out.append({q.value(0).toLongLong(), person, q.value(1).toString(), q.value(2).toString(),
                        q.value(3).toString(), q.value(4).toInt() != 0, q.value(5).toString()});
    }
    q.finish();
    return out;
}

qint64 SocialRepository::unreadCount(qint64 person)
{
    return m_writer.store()
            .scalar(QStringLiteral("SELECT COUNT(*) FROM notifications WHERE person_id = ? AND is_read = 0"), {person})
            .toLongLong();
}

std::optional<qint64> SocialRepository::notificationOwner(qint64 id)
{
    const QVariant owner
            = m_writer.store().scalar(QStringLiteral("SELECT person_id FROM notifications WHERE id = ?"), {id});
    if (owner.isNull())
        return std::nullopt;
    return owner.toLongLong();
}

void SocialRepository::markRead(qint64 id)
{
    m_writer.write(QStringLiteral("UPDATE notifications SET is_read = 1 WHERE id = ?"), {id});
}

void SocialRepository::insertAnnouncement(const Announcement &a)
{
    m_writer.write(QStringLiteral("INSERT INTO announcements (id, text, kind, sound, created_at, expires_at) "
                                  "VALUES (?, ?, ?, ?, ?, ?)"),
                   {a.id, a.text, a.kind, a.sound ? 1 : 0, a.createdAt,
                    a.expiresAt.isEmpty() ? QVariant() : QVariant(a.expiresAt)});
}

QList<Announcement> SocialRepository::announcements(const QString &now)
{
    QSqlQuery &q = m_writer.store().prepared(
            QStringLiteral("SELECT id, text, kind, sound, created_at, expires_at FROM announcements "
                           "WHERE expires_at IS NULL OR expires_at > ? ORDER BY id DESC LIMIT 50"));
    q.bindValue(0, now);
    QList<Announcement> out;
    if (q.exec()) {
        while (q.next())
            out.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toInt() != 0,
                        q.value(4).toString(), q.value(5).isNull() ? QString() : q.value(5).toString()});
    }
    q.finish();
    return out;
}

void SocialRepository::loadLiveSessions(QHash<qint64, QJsonObject> *sessions, QString *error)
{
    QSqlQuery q
            = m_writer.store().select(error, QStringLiteral("SELECT id, last FROM sessions WHERE ended_at IS NULL"));
    while (q.next())
        sessions->insert(q.value(0).toLongLong(), QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object());
}

void SocialRepository::insertSession(qint64 id, qint64 person, const QString &kind, const QString &startedAt,
                                     const QJsonObject &last)
{
    m_writer.write(QStringLiteral("INSERT INTO sessions (id, person_id, kind, started_at, ended_at, last) "
                                  "VALUES (?, ?, ?, ?, NULL, ?)"),
                   {id, person, kind, startedAt, compact(last)});
}

void SocialRepository::updateSession(qint64 id, const QJsonObject &last)
{
    m_writer.write(QStringLiteral("UPDATE sessions SET last = ? WHERE id = ?"), {compact(last), id});
}

void SocialRepository::endSession(qint64 id, const QString &endedAt, const QJsonObject &last)
{
    m_writer.write(QStringLiteral("UPDATE sessions SET ended_at = ?, last = ? WHERE id = ?"),
                   {endedAt, compact(last), id});
}

} // namespace podium
