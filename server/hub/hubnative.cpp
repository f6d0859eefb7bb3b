// The native /ws protocol: what a client's JSON messages ask of the hub
// (hello, join, leave, ping; resume is in hubresume.cpp) and the control
// frames the hub answers with.
#include "hub.h"

#include "directory/tokendirectory.h"
#include "http/auththrottle.h"
#include "hubpeer.h"
#include "wsframe.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace podium {

QJsonObject Hub::welcome(const Peer *p) const
{
    QJsonObject w {{"type", "welcome"},
                   {"server", "podium"},
                   {"protocol", 1},
                   {"connection", p->id},
                   {"seq", m_lastSeq},
                   {"heartbeatMs", m_config.heartbeatIntervalMs},
                   {"identity", identityKindName(p->identity.kind)}};
    if (p->identity.personId)
        w.insert("person", p->identity.personId);
    return w;
}

bool Hub::admit(Peer *p, qint64 now)
{
    switch (spend(p, now)) {
    case Budget::Spent:
        return true;
    case Budget::Flooded:
        closePeer(p, PolicyViolation, QStringLiteral("message flood"));
        return false;
    case Budget::Refused:
        break;
    }
    sendError(p, QStringLiteral("rate_limited"),
              QStringLiteral("more than %1 messages per second").arg(m_config.messagesPerSecond));
    return false;
}

void Hub::onText(Peer *p, const QString &text)
{
    if (!admit(p, m_clock.elapsed()))
        return;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        sendError(p, QStringLiteral("invalid_json"),
                  parseError.error != QJsonParseError::NoError ? QStringLiteral("malformed JSON at offset %1: %2")
                                                                         .arg(parseError.offset)
                                                                         .arg(parseError.errorString())
                                                               : QStringLiteral("a message must be one JSON object"));
        return;
    }
    const QJsonObject msg = doc.object();
    const QString type = msg.value("type").toString();
    if (type == QLatin1String("ping"))
        sendControl(p, {{"type", "pong"}});
    else if (type == QLatin1String("join"))
        handleJoin(p, msg);
    else if (type == QLatin1String("leave"))
        handleLeave(p, msg);
    else if (type == QLatin1String("resume"))
        handleResume(p, msg);
    else if (type == QLatin1String("hello"))
        handleHello(p, msg);
    else {
        sendError(p, QStringLiteral("unknown_type"),
                  QStringLiteral("field 'type' must be hello, join, leave, resume or ping"));
    }
}

void Hub::handleHello(Peer *p, const QJsonObject &msg)
{
    if (!msg.value("token").isString()) {
        sendError(p, QStringLiteral("invalid_request"), QStringLiteral("field 'token' must be a string"));
        return;
    }
    AuthThrottle::Decision throttled;
    const Identity identity = m_authThrottle->resolve(*m_tokens, msg.value("token").toString(), p->address, &throttled);
    if (!throttled.allowed) {
        sendError(p, QStringLiteral("too_many_auth_failures"), throttled.message());
        return;
    }
    if (identity.kind == Identity::Kind::Anonymous) {
        sendError(p, QStringLiteral("invalid_token"), QStringLiteral("field 'token' is not a valid token"));
        return;
    }
    p->identity = identity;
    sendControl(p, welcome(p));
}

void Hub::handleJoin(Peer *p, const QJsonObject &msg)
{
    if (!msg.value("room").isString()) {
        sendError(p, QStringLiteral("invalid_room"), QStringLiteral("field 'room' must be a string"));
        return;
    }
    joinRoom(p, msg.value("room").toString());
}

bool Hub::joinRoom(Peer *p, const QString &room)
{
    const QString denied = join(p, 0, room, p->identity);
    if (!denied.isEmpty()) {
        const QString why = denied == QLatin1String("too_many_rooms")
                ? QStringLiteral("at most %1 rooms per connection").arg(m_config.maxRoomsPerConnection)
                : denied == QLatin1String("invalid_room")
                ? QStringLiteral("room names are 1-128 letters, digits, and _ . : -")
                : denied == QLatin1String("unknown_room") ? QStringLiteral("no such room: '%1'").arg(room)
                                                          : QStringLiteral("not allowed to join '%1'").arg(room);
        sendError(p, denied, why, room);
        return false;
    }
    sendControl(p, {{"type", "joined"}, {"room", room}, {"seq", m_lastSeq}});
    return true;
}

void Hub::handleLeave(Peer *p, const QJsonObject &msg)
{
    const QString room = msg.value("room").toString();
    const RoomList::Removed removed = p->rooms.remove(room);
    if (removed == RoomList::Removed::NotJoined) {
        sendError(p, QStringLiteral("not_joined"), QStringLiteral("not in room '%1'").arg(room), room);
        return;
    }
    leaveRoom(p, room);
    sendControl(p, {{"type", "left"}, {"room", room}});
}

void Hub::sendControl(Peer *p, const QJsonObject &msg)
{
    if (p->closing)
        return;
    // Same path as events: a text frame of our own (QWebSocket's send
    // converts and copies per call).
    write(p, encodeTextFrame(QJsonDocument(msg).toJson(QJsonDocument::Compact)));
}

void Hub::sendError(Peer *p, const QString &code, const QString &message, const QString &room)
{
    m_metrics.rejectedMessages.fetch_add(1, std::memory_order_relaxed);
    QJsonObject error {{"type", "error"}, {"code", code}, {"message", message}};
    if (!room.isNull())
        error.insert("room", room);
    sendControl(p, error);
}

} // namespace podium
