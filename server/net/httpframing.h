#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

namespace podium {

// Follows where the requests of one HTTP/1.1 connection begin and end, from
// the raw bytes alone, and says as early as possible when one breaks a limit.
//
// Qt 6.4's QHttpServer reads a request whole into memory before anything of
// ours sees it, and it sets no limit of its own on a request line, a header
// block or a body. This class is fed the same bytes first (in chunks of any
// size: the verdict does not depend on where the stream is split) and
// frames them the way QHttpServer will: whitespace before a request line is
// skipped, a head ends at the first empty line (CRLF or bare LF), a body is
// Content-Length bytes or a chunked body, and Transfer-Encoding: chunked wins
// over Content-Length. Where Qt's reading is lenient enough for the two to
// disagree about a boundary (folded or nameless header lines, a repeated or
// non-numeric Content-Length, chunk lines not ending in CRLF, trailers), the
// request is refused as Malformed instead, so a request that passes is framed
// alike by both.
//
// A request that asks for a WebSocket (Connection: upgrade, Upgrade:
// websocket, which is what makes QHttpServer hand the connection over) ends
// the HTTP stream: feed() answers Upgraded and everything after it belongs to
// the WebSocket.
//
// Pure: no sockets, no clock, no Qt event loop; timeouts are the caller's,
// using phase() and requestsStarted().
class HttpFraming
{
public:
    struct Limits
    {
        qint64 maxBody = 1 << 20; // bytes of one body (decoded, when chunked)
        qint64 maxHead = 32 * 1024; // request line, header lines and their line ends
    };
    // Qt's header parser drops *every* header of a block past these (then
    // the request has no Content-Length for Qt), so they are refused here.
    static constexpr int kMaxHeaderFields = 100;
    static constexpr int kMaxFieldBytes = 8 * 1024; // name, ':' and value of one field
    static constexpr int kMaxChunkLine = 1024; // a chunk-size line with its extensions

    enum class Verdict {
        Continue, // nothing wrong so far; feed more
        Upgraded, // a WebSocket upgrade request ended; the rest is not HTTP
        Malformed, // 400: framing this tracker will not guess at
        HeadTooLarge, // 431: the head is over maxHead, or a field over Qt's limits
        BodyTooLarge, // 413: the announced or received body is over maxBody
    };
    enum class Phase {
        Idle, // between requests (whitespace before a request line included)
        Head, // inside a request line or header block
        Body, // inside a body
        Done, // a verdict other than Continue was reached; input is ignored
    };

    explicit HttpFraming(const Limits &limits);

    // Consumes the next `size` bytes of the stream and returns the verdict
    // (the same as verdict()). Once it is not Continue, later calls change
    // nothing and return it again.
    Verdict feed(const char *data, qsizetype size);
    Verdict feed(QByteArrayView bytes) { return feed(bytes.data(), bytes.size()); }

    // How many of the next bytes are body payload whose content does not
    // matter: skip() may consume up to this many without the bytes at hand.
    qint64 opaqueBytes() const;
    // Consumes `size` <= opaqueBytes() bytes of body without looking at them.
    Verdict skip(qint64 size);

    Verdict verdict() const { return m_verdict; }
    Phase phase() const;
    // Requests whose first byte (after leading whitespace) was seen, and
    // requests read to their end; an Upgraded request counts as ended.
    quint64 requestsStarted() const { return m_started; }
    quint64 requestsCompleted() const { return m_completed; }
    // Why the verdict is Malformed/HeadTooLarge/BodyTooLarge, in the words
    // of an API error message (naming the header); empty otherwise.
    const QString &problem() const { return m_problem; }
    const Limits &limits() const { return m_limits; }

private:
    enum class State {
        Idle,
        RequestLine,
        HeaderLine,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataCr,
        ChunkDataLf,
        LastChunkCr,
        LastChunkLf,
        Done,
    };

    Verdict fail(Verdict verdict, const QString &problem);
    Verdict headTooLarge();
    bool headerLineEnded(QByteArrayView line); // false once a verdict was reached
    bool headEnded();
    bool chunkSizeLineEnded(QByteArrayView line);
    void requestEnded();
    bool countChunkedWire(qint64 bytes);

    Limits m_limits;
    State m_state = State::Idle;
    Verdict m_verdict = Verdict::Continue;
    QString m_problem;
    quint64 m_started = 0;
    quint64 m_completed = 0;

    qint64 m_headBytes = 0;
    QByteArray m_line; // a header or chunk-size line begun in an earlier chunk, without its LF
    int m_fields = 0;
    qint64 m_contentLength = -1;
    bool m_chunked = false;
    bool m_connectionUpgrade = false;
    int m_upgradeFields = 0;
    bool m_upgradeWebSocket = false;

    qint64 m_remaining = 0; // of the Content-Length body or the current chunk
    qint64 m_decoded = 0; // chunk payload so far
    qint64 m_chunkedWire = 0; // chunked body bytes so far, framing included
};

} // namespace podium
