#include "wsframe.h"

namespace podium {

QByteArray encodeTextFrame(const QByteArray &payload)
{
    const qint64 n = payload.size();
    QByteArray frame;
    frame.reserve(int(n + 10));
    frame.append(char(0x81)); // FIN + text
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

} // namespace podium
