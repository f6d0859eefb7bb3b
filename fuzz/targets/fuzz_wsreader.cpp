// WsReader (server/hub/wsreader.h): the frames a WebSocket client sends.
//
// Input: byte 0 picks the message size limit, byte 1 seeds how the rest is
// cut into reads; the rest is the byte stream from the client.
//
// Invariants:
//  - the same stream gives the same messages and the same close code however
//    it is split into reads (one read, or many small ones);
//  - the only close codes are the ones the reader assigns (1002, 1007, 1009);
//  - a close frame's code is 1005 (none sent) or one a peer may send;
//  - text messages are the UTF-8 of their payload;
//  - the bytes held never exceed the limit plus one incomplete frame header
//    and control frame; after a violation nothing is held.
#include "fuzzcheck.h"
#include "hub/wsreader.h"

#include <cstdint>

using podium::WsOpcode;
using podium::WsReader;

namespace {

constexpr qint64 kLimits[] = {0, 1, 2, 125, 126, 127, 1000, 65535, 65536, 1 << 20};
// A control frame: 2 header bytes, 4 mask bytes, at most 125 payload bytes.
constexpr qint64 kMaxControlFrame = 2 + 4 + 125;

bool sendableOrNone(int code)
{
    return code == 1005 || (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
            || (code >= 3000 && code <= 4999);
}

bool sameMessage(const WsReader::Message &a, const WsReader::Message &b)
{
    return a.kind == b.kind && a.payload == b.payload && a.text == b.text && a.closeCode == b.closeCode;
}

void checkMessages(const QList<WsReader::Message> &messages)
{
    for (const WsReader::Message &m : messages) {
        switch (m.kind) {
        case WsOpcode::Text:
            FUZZ_CHECK(m.text.toUtf8() == m.payload, "text message differs from its payload");
            break;
        case WsOpcode::Close:
            FUZZ_CHECK(sendableOrNone(m.closeCode), "close code %d", m.closeCode);
            break;
        case WsOpcode::Binary:
        case WsOpcode::Ping:
        case WsOpcode::Pong:
            FUZZ_CHECK(m.text.isEmpty(), "non-text message with text");
            break;
        default:
            FUZZ_CHECK(false, "message of kind %d", int(m.kind));
        }
        if (m.kind == WsOpcode::Ping || m.kind == WsOpcode::Pong || m.kind == WsOpcode::Close)
            FUZZ_CHECK(m.payload.size() <= 125, "control payload of %lld bytes", qint64(m.payload.size()));
    }
}

void checkState(const WsReader &reader, qint64 limit)
{
    const int e = reader.error();
    FUZZ_CHECK(e == 0 || e == 1002 || e == 1007 || e == 1009, "close code %d", e);
    if (e) {
        FUZZ_CHECK(reader.pendingBytes() == 0, "%lld bytes held after a violation", qint64(reader.pendingBytes()));
        FUZZ_CHECK(!reader.errorReason().isEmpty(), "violation without a reason");
    }
    // A message in progress is within the limit; what is buffered beyond it is
    // one incomplete frame: a data frame's header (at most 14 bytes) and part
    // of a payload that fits the limit, or one control frame.
    FUZZ_CHECK(reader.pendingBytes() <= limit + 14 + kMaxControlFrame, "%lld bytes held, limit %lld",
               qint64(reader.pendingBytes()), limit);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const qint64 limit = kLimits[data[0] % (sizeof(kLimits) / sizeof(kLimits[0]))];
    quint32 cut = data[1] | 1u;
    const char *stream = reinterpret_cast<const char *>(data + 2);
    const qsizetype length = qsizetype(size - 2);

    WsReader whole(limit);
    const QList<WsReader::Message> expected = whole.feed(stream, length);
    checkMessages(expected);
    checkState(whole, limit);

    WsReader pieces(limit);
    QList<WsReader::Message> got;
    for (qsizetype at = 0; at < length;) {
        // Reads of 1 to 32 bytes, chosen by a small LCG from byte 1.
        cut = cut * 1103515245u + 12345u;
        const qsizetype n = std::min<qsizetype>(length - at, 1 + (cut >> 16) % 32);
        const QList<WsReader::Message> part = pieces.feed(stream + at, n);
        checkMessages(part);
        checkState(pieces, limit);
        got += part;
        at += n;
    }
    FUZZ_CHECK(pieces.error() == whole.error(), "split stream closed with %d, whole with %d", pieces.error(),
               whole.error());
    FUZZ_CHECK(got.size() == expected.size(), "split stream gave %lld messages, whole %lld", qint64(got.size()),
               qint64(expected.size()));
    FUZZ_CHECK(pieces.pendingBytes() == whole.pendingBytes(), "split stream holds %lld bytes, whole %lld",
               qint64(pieces.pendingBytes()), qint64(whole.pendingBytes()));
    for (qsizetype i = 0; i < got.size(); ++i)
        FUZZ_CHECK(sameMessage(got.at(i), expected.at(i)), "message %lld differs between splits", qint64(i));
    return 0;
}
