#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace podium {

// RFC 6455 opcodes (§5.2).
enum class WsOpcode : quint8 {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

// One unfragmented server-to-client frame (FIN set, no mask) around
// `payload`. Server frames are never masked, so the same bytes go to every
// member of a room: the hub builds a broadcast frame once and hands that one
// buffer, shared, to each connection.
QByteArray encodeFrame(WsOpcode opcode, const QByteArray &payload);
inline QByteArray encodeTextFrame(const QByteArray &payload)
{
    return encodeFrame(WsOpcode::Text, payload);
}
// The payload of a frame encodeFrame() built (server frames: no mask), for
// a transport that carries the same message without WebSocket framing.
QByteArrayView framePayload(const QByteArray &frame);
// A close frame: the code (network byte order), then the UTF-8 reason, cut
// so that the payload stays within the 125 bytes a control frame may carry.
QByteArray encodeCloseFrame(int code, const QString &reason);

} // namespace podium
