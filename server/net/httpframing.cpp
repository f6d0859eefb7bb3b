#include "httpframing.h"

#include <algorithm>
#include <cstring>

namespace podium {

namespace {
// What QHttpServer skips before a request line.
bool isLeadingSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v';
}

// QByteArray::trimmed()'s set, which Qt's header parser applies to values.
bool isTrimmedSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && isTrimmedSpace(v.front()))
        v = v.sliced(1);
    while (!v.isEmpty() && isTrimmedSpace(v.back()))
        v.chop(1);
    return v;
}

// RFC 9110's tchar, as a table: every header name of every request is checked.
struct TokenChars
{
    bool allowed[256] = {};
    constexpr TokenChars()
    {
        for (int c = '0'; c <= '9'; ++c)
            allowed[c] = true;
        for (int c = 'a'; c <= 'z'; ++c)
            allowed[c] = allowed[c - 'a' + 'A'] = true;
        for (char c : QByteArrayView("!#$%&'*+-.^_`|~"))
            allowed[uchar(c)] = true;
    }
};
constexpr TokenChars kTokenChars;

bool isTokenChar(char c)
{
    return kTokenChars.allowed[uchar(c)];
}

char asciiLower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c;
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView lower)
{
    if (a.size() != lower.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (asciiLower(a[i]) != lower[i])
            return false;
    }
    return true;
}

bool containsIgnoringCase(QByteArrayView haystack, QByteArrayView lowerNeedle)
{
    for (qsizetype i = 0; i + lowerNeedle.size() <= haystack.size(); ++i) {
        if (equalsIgnoringCase(haystack.sliced(i, lowerNeedle.size()), lowerNeedle))
            return true;
    }
    return false;
}

// For messages: a header line or value quoted, cut short.
QString quoted(QByteArrayView text)
{
    constexpr qsizetype kShown = 40;
    QString shown = QString::fromLatin1(text.first(std::min(text.size(), kShown)));
    if (text.size() > kShown)
        shown += QStringLiteral("…");
    return shown;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Framing bytes a chunked body may add to its payload before it counts as
// too large: a client writing small chunks is fine, one sending endless
// chunk lines for a trickle of payload is not.
qint64 chunkedWireLimit(qint64 maxBody)
{
    return 2 * maxBody + 64 * 1024;
}
} // namespace

HttpFraming::HttpFraming(const Limits &limits)
    : m_limits(limits)
{ }

HttpFraming::Phase HttpFraming::phase() const
{
    switch (m_state) {
    case State::Idle:
        return Phase::Idle;
    case State::RequestLine:
    case State::HeaderLine:
        return Phase::Head;
    case State::Done:
        return Phase::Done;
    default:
        return Phase::Body;
    }
}

qint64 HttpFraming::opaqueBytes() const
{
    return m_state == State::Body || m_state == State::ChunkData ? m_remaining : 0;
}

HttpFraming::Verdict HttpFraming::skip(qint64 size)
{
    Q_ASSERT(size <= opaqueBytes());
    size = std::min(size, opaqueBytes());
    if (size <= 0)
        return m_verdict;
    m_remaining -= size;
    if (m_state == State::ChunkData) {
        if (!countChunkedWire(size))
            return m_verdict;
        if (m_remaining == 0)
            m_state = State::ChunkDataCr;
    } else if (m_remaining == 0) {
        requestEnded();
    }
    return m_verdict;
}

HttpFraming::Verdict HttpFraming::fail(Verdict verdict, const QString &problem)
{
    m_verdict = verdict;
    m_problem = problem;
    m_state = State::Done;
    m_line.clear();
    m_line.squeeze();
    return m_verdict;
}

HttpFraming::Verdict HttpFraming::headTooLarge()
{
    return fail(Verdict::HeadTooLarge, QStringLiteral("the request head exceeds %1 bytes").arg(m_limits.maxHead));
}

bool HttpFraming::countChunkedWire(qint64 bytes)
{
    m_chunkedWire += bytes;
    if (m_chunkedWire <= chunkedWireLimit(m_limits.maxBody))
        return true;
    fail(Verdict::BodyTooLarge,
         QStringLiteral("the chunked request body exceeds %1 bytes with its chunk framing")
                 .arg(chunkedWireLimit(m_limits.maxBody)));
    return false;
}

HttpFraming::Verdict HttpFraming::feed(const char *data, qsizetype size)
{
    const char *p = data;
    const char *const end = data + size;
    while (p < end && m_verdict == Verdict::Continue) {
        switch (m_state) {
        case State::Idle: {
            const char *start = p;
            while (p < end && isLeadingSpace(*p))
                ++p;
            // Qt holds skipped whitespace in memory too until a request ends.
            m_headBytes += p - start;
            if (m_headBytes > m_limits.maxHead)
                return headTooLarge();
            if (p < end) {
                ++m_started;
                m_state = State::RequestLine;
                m_fields = 0;
                m_contentLength = -1;
                m_chunked = false;
                m_connectionUpgrade = false;
                m_upgradeFields = 0;
                m_upgradeWebSocket = false;
            }
            break;
        }
        case State::RequestLine: {
            // QHttpServer parses (or refuses, closing) the line itself; only
            // its length and its end matter here.
            const char *lf = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
            const qsizetype taken = (lf ? lf + 1 : end) - p;
            m_headBytes += taken;
            if (m_headBytes > m_limits.maxHead)
                return headTooLarge();
            p += taken;
            if (lf)
                m_state = State::HeaderLine;
            break;
        }
        case State::HeaderLine:
        case State::ChunkSize: {
            const bool header = m_state == State::HeaderLine;
            const char *lf = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
            const qsizetype taken = (lf ? lf : end) - p;
            const qint64 consumed = taken + (lf ? 1 : 0);
            // Of two limits crossed in this chunk, the one crossed at the
            // earlier byte is reported, as if the bytes came one by one.
            // One CR beyond a line's limit may still be its end.
            const qint64 lineLimit = header ? kMaxFieldBytes + 1 : kMaxChunkLine;
            const qint64 lineOver = m_line.size() + taken > lineLimit ? lineLimit - m_line.size() : consumed;
            if (header) {
                const qint64 headOver
                        = m_headBytes + consumed > m_limits.maxHead ? m_limits.maxHead - m_headBytes : consumed;
                if (headOver < consumed && headOver <= lineOver)
                    return headTooLarge();
                m_headBytes += consumed;
                if (lineOver < consumed) {
                    // Enough of the line to find its name, whatever the split.
                    m_line.append(p, std::min<qsizetype>(taken, kMaxFieldBytes + 2 - m_line.size()));
                    const qsizetype colon = m_line.indexOf(':');
                    return fail(Verdict::HeadTooLarge,
                                colon > 0 ? QStringLiteral("header '%1' exceeds %2 bytes")
                                                    .arg(quoted(QByteArrayView(m_line).first(colon)))
                                                    .arg(kMaxFieldBytes)
                                          : QStringLiteral("a header line exceeds %1 bytes").arg(kMaxFieldBytes));
                }
            } else {
                const qint64 wireOver = std::max<qint64>(0, chunkedWireLimit(m_limits.maxBody) - m_chunkedWire);
                if (wireOver < consumed && wireOver <= lineOver) {
                    countChunkedWire(consumed);
                    return m_verdict;
                }
                if (lineOver < consumed)
                    return fail(Verdict::Malformed,
                                QStringLiteral("a chunk-size line exceeds %1 bytes").arg(kMaxChunkLine));
                countChunkedWire(consumed);
            }
            if (!lf) {
                m_line.append(p, taken);
                p += taken;
                break;
            }
            // A line wholly in this chunk (the usual case) is read in place.
            QByteArrayView line(p, taken);
            if (!m_line.isEmpty()) {
                m_line.append(p, taken);
                line = m_line;
            }
            p += consumed;
            const bool ok = header ? headerLineEnded(line) : chunkSizeLineEnded(line);
            m_line.clear();
            if (!ok)
                return m_verdict;
            break;
        }
        case State::Body:
        case State::ChunkData: {
            const qint64 taken = std::min<qint64>(end - p, m_remaining);
            p += taken;
            skip(taken);
            break;
        }
        case State::ChunkDataCr:
        case State::ChunkDataLf:
        case State::LastChunkCr:
        case State::LastChunkLf: {
            const bool cr = m_state == State::ChunkDataCr || m_state == State::LastChunkCr;
            const bool last = m_state == State::LastChunkCr || m_state == State::LastChunkLf;
            if (*p != (cr ? '\r' : '\n')) {
                return fail(Verdict::Malformed,
                            last ? QStringLiteral("a chunked body must end with an empty line after "
                                                  "the last chunk (trailers are not accepted)")
                                 : QStringLiteral("a chunk's data must be followed by CRLF"));
            }
            ++p;
            if (!countChunkedWire(1))
                return m_verdict;
            if (cr)
                m_state = last ? State::LastChunkLf : State::ChunkDataLf;
            else if (last)
                requestEnded();
            else
                m_state = State::ChunkSize;
            break;
        }
        case State::Done:
            return m_verdict;
        }
    }
    return m_verdict;
}

bool HttpFraming::headerLineEnded(QByteArrayView line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty())
        return headEnded();
    const qsizetype colon = line.indexOf(':');
    if (line.size() > kMaxFieldBytes) {
        fail(Verdict::HeadTooLarge,
             colon > 0
                     ? QStringLiteral("header '%1' exceeds %2 bytes").arg(quoted(line.first(colon))).arg(kMaxFieldBytes)
                     : QStringLiteral("a header line exceeds %1 bytes").arg(kMaxFieldBytes));
        return false;
    }
    if (line.front() == ' ' || line.front() == '\t') {
        fail(Verdict::Malformed,
             QStringLiteral("folded header lines are not accepted ('%1')").arg(quoted(trimmed(line))));
        return false;
    }
    if (colon < 0) {
        fail(Verdict::Malformed, QStringLiteral("header line '%1' has no ':'").arg(quoted(line)));
        return false;
    }
    const QByteArrayView name = line.first(colon);
    if (name.isEmpty() || !std::all_of(name.begin(), name.end(), isTokenChar)) {
        fail(Verdict::Malformed, QStringLiteral("header name '%1' is not a token").arg(quoted(name)));
        return false;
    }
    if (++m_fields > kMaxHeaderFields) {
        fail(Verdict::HeadTooLarge,
             QStringLiteral("the request head has more than %1 header fields").arg(kMaxHeaderFields));
        return false;
    }
    const QByteArrayView value = trimmed(line.sliced(colon + 1));
    if (equalsIgnoringCase(name, "content-length")) {
        if (m_contentLength >= 0) {
            fail(Verdict::Malformed, QStringLiteral("header 'Content-Length' appears more than once"));
            return false;
        }
        if (value.isEmpty() || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            fail(Verdict::Malformed,
                 QStringLiteral("header 'Content-Length' must be a non-negative integer, not '%1'").arg(quoted(value)));
            return false;
        }
        // Anything over 18 digits is over every limit; keep it from overflowing.
        qint64 length = 0;
        for (char c : value) {
            length = length * 10 + (c - '0');
            if (length > m_limits.maxBody) {
                length = m_limits.maxBody + 1;
                break;
            }
        }
        m_contentLength = length;
    } else if (equalsIgnoringCase(name, "transfer-encoding")) {
        m_chunked = m_chunked || containsIgnoringCase(value, "chunked");
    } else if (equalsIgnoringCase(name, "connection")) {
        m_connectionUpgrade = m_connectionUpgrade || containsIgnoringCase(value, "upgrade");
    } else if (equalsIgnoringCase(name, "upgrade")) {
        // Qt joins repeated fields with ", ": only a single "websocket" matches.
        ++m_upgradeFields;
        m_upgradeWebSocket = equalsIgnoringCase(value, "websocket");
    }
    return true;
}

bool HttpFraming::headEnded()
{
    if (m_chunked) {
        m_state = State::ChunkSize;
        m_decoded = 0;
        m_chunkedWire = 0;
        return true;
    }
    if (m_contentLength > m_limits.maxBody) {
        fail(Verdict::BodyTooLarge, QStringLiteral("the request body exceeds %1 bytes").arg(m_limits.maxBody));
        return false;
    }
    if (m_contentLength > 0) {
        m_state = State::Body;
        m_remaining = m_contentLength;
        return true;
    }
    requestEnded();
    return true;
}

bool HttpFraming::chunkSizeLineEnded(QByteArrayView line)
{
    if (!line.endsWith('\r')) {
        fail(Verdict::Malformed, QStringLiteral("a chunk-size line must end with CRLF"));
        return false;
    }
    line.chop(1);
    const qsizetype extension = line.indexOf(';');
    const QByteArrayView digits = trimmed(extension < 0 ? line : line.first(extension));
    qint64 chunk = 0;
    bool valid = !digits.isEmpty();
    for (char c : digits) {
        const int v = hexValue(c);
        if (v < 0) {
            valid = false;
            break;
        }
        chunk = chunk * 16 + v;
        if (chunk > m_limits.maxBody) // also keeps it from overflowing
            break;
    }
    if (!valid) {
        fail(Verdict::Malformed, QStringLiteral("chunk size '%1' is not hexadecimal").arg(quoted(digits)));
        return false;
    }
    // Refused on the announcement, before any of the chunk is read.
    if (chunk > m_limits.maxBody - m_decoded) {
        fail(Verdict::BodyTooLarge, QStringLiteral("the request body exceeds %1 bytes").arg(m_limits.maxBody));
        return false;
    }
    m_decoded += chunk;
    if (chunk == 0) {
        m_state = State::LastChunkCr;
    } else {
        m_state = State::ChunkData;
        m_remaining = chunk;
    }
    return true;
}

void HttpFraming::requestEnded()
{
    ++m_completed;
    m_headBytes = 0;
    if (m_connectionUpgrade && m_upgradeFields == 1 && m_upgradeWebSocket) {
        m_verdict = Verdict::Upgraded;
        m_state = State::Done;
        return;
    }
    m_state = State::Idle;
}

} // namespace podium
