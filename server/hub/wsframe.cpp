#include "wsframe.h"

#include <algorithm>

namespace podium {

QByteArray encodeFrame(WsOpcode opcode, const QByteArray &payload)
{
    const qint64 n = payload.size();
    QByteArray frame;
    frame.reserve(int(n + 10));
    frame.append(char(0x80 | quint8(opcode))); // FIN + opcode
    if (n < 126) {
        frame.append(char(n));
    } else if (n <= 0xffff) {
        frame.append(char(126));
        frame.append(char((n >> 8) & 0xff));
        frame.append(char(n & 0xff));
    } else {
        frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((n >> shift) & 0xff));
    }
    frame.append(payload);
    return frame;
}

QByteArrayView framePayload(const QByteArray &frame)
{
    if (frame.size() < 2)
        return {};
    const quint8 length = quint8(frame.at(1)) & 0x7f;
    const qsizetype header = length < 126 ? 2 : length == 126 ? 4 : 10;
    return QByteArrayView(frame).sliced(std::min(header, frame.size()));
}

QByteArray encodeCloseFrame(int code, const QString &reason)
{
    QByteArray payload;
    payload.append(char((code >> 8) & 0xff));
    payload.append(char(code & 0xff));
    QByteArray text = reason.toUtf8();
    if (text.size() > 123) {
        // Cut on a character boundary: never inside a UTF-8 sequence.
        qsizetype cut = 123;
        while (cut > 0 && (quint8(text.at(cut)) & 0xC0) == 0x80)
            --cut;
        text.truncate(cut);
    }
    payload.append(text);
    return encodeFrame(WsOpcode::Close, payload);
}

} // namespace podium
