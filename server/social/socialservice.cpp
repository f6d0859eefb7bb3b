// Social as the other services see it: notifications to a person.
#include "social/socialservice.h"

#include "engine/engine.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace podium {

SocialService::SocialService(Engine &core) : Service(core) { }

bool SocialService::load(QString *error)
{
    Engine &e = core();
    QSqlQuery q = e.m_store.select(error, QStringLiteral("SELECT id, last FROM sessions WHERE ended_at IS NULL"));
    while (q.next())
        e.m_sessions.insert(q.value(0).toLongLong(), QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object());
    return true;
}

void SocialService::reset()
{
    core().m_sessions.clear();
}

void SocialService::notify(qint64 personId, const QString &kind, const QString &title, const QString &body)
{
    Engine &e = core();
    const qint64 id = e.nextId("notifications");
    const QDateTime at = e.now();
    e.write(QStringLiteral("INSERT INTO notifications (id, person_id, kind, title, body, is_read, created_at) "
                           "VALUES (?, ?, ?, ?, ?, 0, ?)"),
            {id, personId, kind, title, body, e.nowText(at)});
    e.emitEvent(Engine::userRoom(personId), "notification:new",
                {{"id", id}, {"person", personId}, {"kind", kind}, {"title", title}, {"body", body}, {"read", false},
                 {"createdAt", e.nowText(at)}});
}

} // namespace podium
