#pragma once

#include "engine/outcome.h"
#include "engine/service.h"
#include "social/social.h"
#include "store/socialrepository.h"

#include <QHash>
#include <QJsonObject>
#include <optional>

namespace podium {

struct Identity;

// Social: notifications, announcements, live sessions and free broadcasts.
class SocialService : public Service
{
public:
    // Live sessions are held in memory until they end, and a person's own
    // token may start them: what one person and what everyone may keep open.
    static constexpr int kMaxLiveSessions = 1000;
    static constexpr int kMaxLiveSessionsPerPerson = 3;

    explicit SocialService(Engine &core);

    bool load(QString *error) override;
    void reset() override;

    // Refusals the HTTP layer names before it reads a later field.
    static DomainError unknownSessionPerson();
    static DomainError sessionNotLive(qint64 id);
    static DomainError unknownResultMetric(const QString &key);
    // `value` of a live session's `field` (wpm, accuracy, score, elapsed,
    // progress) outside its range; the error names `path`.
    static std::optional<DomainError> sessionValueError(const QString &field, const QJsonValue &value,
                                                        const QString &path);
    // Session `id` is not live, or `who` may not steer it.
    std::optional<DomainError> steeringError(qint64 id, const Identity &who) const;
    // Why result `metric` of a session may not be `value` or not be
    // recorded by `who`: results are numbers of known metrics, and a
    // person's own token records only their practice run.
    std::optional<DomainError> resultError(const QString &metric, const QJsonValue &value, const Identity &who) const;

    Outcome<NotificationPage> notifications(qint64 person, bool unreadOnly, int limit);
    Outcome<Done> markNotificationRead(qint64 id, const Identity &who);
    // What the other services call.
    void notify(qint64 personId, const QString &kind, const QString &title, const QString &body);

    Outcome<Announcement> announce(const AnnouncementDraft &draft);
    QList<Announcement> announcements();
    static QJsonObject json(const Announcement &a);

    // Sessions are their wire shape (docs/API.md), as stored.
    Outcome<QJsonObject> startSession(const SessionDraft &draft);
    // Merges the session fields of `values` in; the seq of the progress event.
    Outcome<qint64> reportProgress(qint64 id, const QJsonObject &values, const Identity &who);
    // `results`: metric keys and numbers, recorded as activities.
    Outcome<EndedSession> endSession(qint64 id, const QJsonObject &results, const Identity &who);
    // By id.
    QList<QJsonObject> liveSessions() const;

    // An event to any room; its seq.
    Outcome<qint64> broadcast(const QString &room, const QString &event, const QJsonObject &data);

private:
    SocialRepository m_repository;
    QHash<qint64, QJsonObject> m_sessions; // live sessions
};

} // namespace podium
