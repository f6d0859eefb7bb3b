#pragma once

#include <QJsonArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace podium::sio {

// Engine.IO v4 packet types: the first character of every packet.
enum class EioType : char {
    Open = '0',
    Close = '1',
    Ping = '2',
    Pong = '3',
    Message = '4',
    Upgrade = '5',
    Noop = '6',
};

// Packets of one HTTP long-polling payload are joined by this record
// separator (Engine.IO v4; v3's length prefixes are gone).
constexpr QChar kRecordSeparator = QChar(0x1e);

QStringList splitPayload(const QString &payload);
QString joinPayload(const QStringList &packets);

// Socket.IO v5 packet types, carried inside an Engine.IO message.
enum class SioType : int {
    Connect = 0,
    Disconnect = 1,
    Event = 2,
    Ack = 3,
    ConnectError = 4,
    BinaryEvent = 5,
    BinaryAck = 6,
};

// One decoded Socket.IO packet: `<type>[/nsp,][ackId][json]`.
struct SioPacket
{
    SioType type = SioType::Connect;
    QString nsp = QStringLiteral("/");
    qint64 ackId = -1; // -1: the sender wants no acknowledgement
    QJsonValue data = QJsonValue(QJsonValue::Undefined); // when the packet has no payload
};

// Decodes the text after the Engine.IO message type. Returns false for
// anything malformed, and for binary packets, which Podium does not take.
bool decodeSio(const QString &text, SioPacket *out);

// What a client's event asks of its rooms. The seeds' join events name a
// native room (join:team + 7 → team:7; join:tv-display, join:feed need no
// argument); "join"/"leave" take the room itself. `room` is empty when the
// argument names none; any other event is Unknown.
struct SioRoomRequest
{
    enum class Kind { Join, Leave, Unknown };
    Kind kind = Kind::Unknown;
    QString name; // the event name, args[0]
    QString room;
};

// Reads an event packet's arguments: ["name", arg, ...].
SioRoomRequest roomRequest(const QJsonArray &args);

// Encodes a complete Engine.IO message packet ("4" + Socket.IO packet).
// `json` is already serialised (compact) and spliced in as it is.
QString encodeSio(SioType type, const QString &nsp, const QByteArray &json, qint64 ackId = -1);
// The frame of an event: 42/nsp,["name",data].
QString encodeEvent(const QString &nsp, const QString &name, const QByteArray &dataJson);

// Engine.IO session and Socket.IO socket ids: 120 random bits, URL-safe.
QString randomId();

} // namespace podium::sio
