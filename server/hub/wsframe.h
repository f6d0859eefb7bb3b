#pragma once

#include <QByteArray>

namespace podium {

// One server-to-client WebSocket text frame (RFC 6455 §5.2: FIN set, opcode
// 1, no mask) around `payload`. Server frames are never masked, so the same
// bytes go to every member of a room: the hub builds a broadcast frame once
// and appends that one buffer, shared, to each socket's write queue.
QByteArray encodeTextFrame(const QByteArray &payload);

} // namespace podium
