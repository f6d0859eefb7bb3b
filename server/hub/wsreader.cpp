#include "wsreader.h"

#include <QStringDecoder>

namespace podium {

namespace {
bool isControl(WsOpcode op)
{
    return quint8(op) & 0x8;
}

bool isKnown(quint8 op)
{
    return op <= 0x2 || (op >= 0x8 && op <= 0xA);
}

// Close codes a peer may send (RFC 6455 §7.4): 1000–1003, 1007–1014 and the
// registered/private ranges from 3000; 1004–1006 and 1015 never on the wire.
bool isSendableCloseCode(int code)
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}
} // namespace

QList<WsReader::Message> WsReader::feed(const char *data, qsizetype size)
{
    QList<Message> out;
    if (m_error)
        return out;
    m_buffer.append(data, size);
    while (!m_error && readFrame(out)) { }
    // Drop what was parsed; an idle connection holds no buffer at all.
    if (m_offset >= m_buffer.size())
        m_buffer.clear(); // frees the bytes
    else if (m_offset > 0)
        m_buffer.remove(0, m_offset);
    m_offset = 0;
    return out;
}

bool WsReader::readFrame(QList<Message> &out)
{
    const qsizetype available = m_buffer.size() - m_offset;
    if (available < 2)
        return false;
    const auto *p = reinterpret_cast<const quint8 *>(m_buffer.constData() + m_offset);
    const bool fin = p[0] & 0x80;
    const quint8 opcode = p[0] & 0x0F;
    if (p[0] & 0x70)
        return fail(1002, "reserved bits set");
    if (!isKnown(opcode))
        return fail(1002, "unknown opcode");
    if (!(p[1] & 0x80))
        return fail(1002, "client frames must be masked");
    const auto op = WsOpcode(opcode);
    quint64 length = p[1] & 0x7F;
    qsizetype header = 2;
    if (length == 126) {
        if (available < 4)
            return false;
        length = (quint64(p[2]) << 8) | p[3];
        header = 4;
    } else if (length == 127) {
        if (available < 10)
            return false;
        length = 0;
        for (int i = 0; i < 8; ++i)
            length = (length << 8) | p[2 + i];
        if (length >> 63)
            return fail(1002, "frame length out of range");
        header = 10;
    }
    if (isControl(op)) {
        if (!fin || length > 125)
            return fail(1002, "control frames are unfragmented and at most 125 bytes");
    } else if (op == WsOpcode::Continuation ? !m_inMessage : m_inMessage) {
        return fail(1002,
                    m_inMessage ? "a new message started inside a fragmented one" : "continuation without a message");
    }
    // Refuse an oversize frame as soon as its header says so, before
    // buffering any of it. Unsigned and subtracted, so that no length a
    // client can send overflows the check.
    if (!isControl(op) && length > quint64(m_maxMessageBytes) - quint64(m_message.size()))
        return fail(1009, "message too big");
    if (available < header + 4 + qsizetype(length))
        return false;

    const quint8 *mask = p + header;
    QByteArray payload(qsizetype(length), Qt::Uninitialized);
    const quint8 *src = mask + 4;
    auto *dst = reinterpret_cast<quint8 *>(payload.data());
    for (quint64 i = 0; i < length; ++i)
        dst[i] = src[i] ^ mask[i & 3];
    m_offset += header + 4 + qsizetype(length);

    if (isControl(op)) {
        finishMessage(op, std::move(payload), out);
        return true;
    }
    if (op != WsOpcode::Continuation)
        m_messageKind = op;
    if (fin && !m_inMessage) {
        finishMessage(m_messageKind, std::move(payload), out);
        return true;
    }
    m_message.append(payload);
    m_inMessage = !fin;
    if (fin)
        finishMessage(m_messageKind, std::exchange(m_message, {}), out);
    return true;
}

void WsReader::finishMessage(WsOpcode kind, QByteArray payload, QList<Message> &out)
{
    Message m;
    m.kind = kind;
    if (kind == WsOpcode::Text) {
        QStringDecoder toUtf16(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        m.text = toUtf16(payload);
        if (toUtf16.hasError()) {
            fail(1007, "text is not valid UTF-8");
            return;
        }
    } else if (kind == WsOpcode::Close) {
        if (payload.size() == 1) {
            fail(1002, "close frame with a one-byte payload");
            return;
        }
        m.closeCode = 1005;
        if (payload.size() >= 2) {
            m.closeCode = (quint8(payload.at(0)) << 8) | quint8(payload.at(1));
            if (!isSendableCloseCode(m.closeCode)) {
                fail(1002, "invalid close code");
                return;
            }
            payload.remove(0, 2);
            QStringDecoder toUtf16(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            m.text = toUtf16(payload);
            if (toUtf16.hasError()) {
                fail(1007, "close reason is not valid UTF-8");
                return;
            }
        }
    }
    m.payload = std::move(payload);
    out.append(std::move(m));
}

bool WsReader::fail(int code, const char *reason)
{
    m_error = code;
    m_errorReason = QString::fromLatin1(reason);
    m_buffer.clear();
    m_message.clear();
    return false;
}

} // namespace podium
