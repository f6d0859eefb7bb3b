#pragma once

#include "wsframe.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace podium {

// Reads the frames a WebSocket client sends (RFC 6455 §5) from a byte
// stream, whole messages at a time.
//
// It checks what a server must: every frame masked, no reserved bits (no
// extension is ever negotiated), known opcodes, control frames short and
// unfragmented, continuations only inside a message, text valid UTF-8 and
// messages within the size limit. The first violation ends the stream with
// the close code the RFC assigns to it. Between messages it holds no memory:
// bytes are kept only while a frame is incomplete.
class WsReader
{
public:
    struct Message
    {
        WsOpcode kind = WsOpcode::Text; // Text, Binary, Ping, Pong or Close
        QByteArray payload; // unmasked; for Close, the reason
        QString text; // Text only: the payload decoded
        int closeCode = 0; // Close only; 1005 when none was sent
    };

    explicit WsReader(qint64 maxMessageBytes)
        : m_maxMessageBytes(maxMessageBytes)
    { }

    // Appends `size` bytes and returns every message they complete. After a
    // violation, error() holds its close code and nothing more is read.
    QList<Message> feed(const char *data, qsizetype size);

    int error() const { return m_error; }
    QString errorReason() const { return m_errorReason; }
    // Bytes held for an incomplete frame or message.
    qsizetype pendingBytes() const { return m_buffer.size() + m_message.size(); }

private:
    // Parses one frame from m_buffer at m_offset; false when more bytes are needed.
    bool readFrame(QList<Message> &out);
    // Records the violation; returns false so a parse step can end with it.
    bool fail(int code, const char *reason);
    void finishMessage(WsOpcode kind, QByteArray payload, QList<Message> &out);

    qint64 m_maxMessageBytes;
    QByteArray m_buffer; // unparsed input
    qsizetype m_offset = 0;
    QByteArray m_message; // fragments of a message in progress
    WsOpcode m_messageKind = WsOpcode::Text;
    bool m_inMessage = false;
    int m_error = 0;
    QString m_errorReason;
};

} // namespace podium
