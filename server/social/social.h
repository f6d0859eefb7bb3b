#pragma once

#include "scoring/activity.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace podium {

// A message to one person (a badge, a contest place, …).
struct Notification
{
    qint64 id = 0;
    qint64 person = 0;
    QString kind;
    QString title;
    QString body;
    bool read = false;
    QString createdAt; // ISO 8601, as stored
};

// A person's newest notifications, and how many of all theirs are unread.
struct NotificationPage
{
    QList<Notification> notifications;
    qint64 unread = 0;
};

// A line for the walls: a ticker item or a flash.
struct Announcement
{
    qint64 id = 0;
    QString text;
    QString kind;
    bool sound = false;
    QString createdAt; // ISO 8601, as stored
    QString expiresAt; // empty: it never expires
};

struct AnnouncementDraft
{
    QString text;
    QString kind = QStringLiteral("ticker");
    bool sound = false;
    std::optional<qint64> durationSeconds; // none: it never expires
};

struct SessionDraft
{
    qint64 person = 0;
    QString kind = QStringLiteral("practice");
    QString title;
};

// A session as it ended, with the activities its results recorded.
struct EndedSession
{
    QJsonObject session;
    QList<RecordedActivity> activities;
};

} // namespace podium
