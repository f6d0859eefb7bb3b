#pragma once

#include "http/reply.h"

#include <QJsonObject>

namespace podium {

class Engine;
struct Identity;

// Social's REST shapes: notifications, announcements, live sessions and
// free broadcasts read from and written as JSON (docs/API.md). Runs on the
// engine thread.
namespace rest {

Reply listNotifications(Engine &engine, qint64 person, bool unreadOnly, int limit);
Reply markNotificationRead(Engine &engine, qint64 id, const Identity &who);

Reply createAnnouncement(Engine &engine, const QJsonObject &input);
Reply listAnnouncements(Engine &engine);

Reply startSession(Engine &engine, const QJsonObject &input);
Reply sessionProgress(Engine &engine, qint64 id, const QJsonObject &input, const Identity &who);
Reply endSession(Engine &engine, qint64 id, const QJsonObject &input, const Identity &who);
Reply listSessions(Engine &engine);

Reply broadcast(Engine &engine, const QString &room, const QString &event, const QJsonObject &data);

} // namespace rest
} // namespace podium
