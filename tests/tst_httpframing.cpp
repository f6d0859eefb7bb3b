// HttpFraming, the socket-free tracker of request boundaries and limits:
// each stream below has one verdict, and it is the same however the stream
// is split into chunks.
#include "net/httpframing.h"

#include <QTest>

using podium::HttpFraming;
using Verdict = HttpFraming::Verdict;

Q_DECLARE_METATYPE(HttpFraming::Verdict)

namespace {
constexpr qint64 kMaxBody = 100;

struct Outcome
{
    Verdict verdict = Verdict::Continue;
    quint64 started = 0;
    quint64 completed = 0;
    HttpFraming::Phase phase = HttpFraming::Phase::Idle;
    QString problem;

    bool operator==(const Outcome &o) const
    {
        return verdict == o.verdict && started == o.started && completed == o.completed && phase == o.phase
                && problem == o.problem;
    }
};

char *toString(const Outcome &o)
{
    return qstrdup(QStringLiteral("verdict %1, %2 started, %3 completed, phase %4, '%5'")
                           .arg(int(o.verdict))
                           .arg(o.started)
                           .arg(o.completed)
                           .arg(int(o.phase))
                           .arg(o.problem)
                           .toUtf8()
                           .constData());
}

Outcome outcomeOf(const HttpFraming &f)
{
    return {f.verdict(), f.requestsStarted(), f.requestsCompleted(), f.phase(), f.problem()};
}

HttpFraming::Limits limitsFor(qint64 maxHead)
{
    return {kMaxBody, maxHead};
}

// Feeds `stream` in the chunks that `cuts` (ascending offsets) make.
Outcome feedCut(const QByteArray &stream, const QList<qsizetype> &cuts, qint64 maxHead)
{
    HttpFraming f(limitsFor(maxHead));
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        f.feed(stream.constData() + from, cut - from);
        from = cut;
    }
    f.feed(stream.constData() + from, stream.size() - from);
    return outcomeOf(f);
}

// Feeds like the socket gate does: body payload skipped unseen, the rest fed.
Outcome feedSkipping(const QByteArray &stream, qsizetype chunk, qint64 maxHead)
{
    HttpFraming f(limitsFor(maxHead));
    for (qsizetype at = 0; at < stream.size(); at += chunk) {
        qint64 fresh = std::min(chunk, stream.size() - at);
        const qint64 opaque = std::min(fresh, f.opaqueBytes());
        f.skip(opaque);
        if (fresh > opaque)
            f.feed(stream.constData() + at + opaque, fresh - opaque);
    }
    return outcomeOf(f);
}

QByteArray get(const QByteArray &path = "/api/health")
{
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
}

QByteArray post(const QByteArray &body)
{
    return "POST /api/activities HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray chunked(const QList<QByteArray> &chunks, const QByteArray &end = "0\r\n\r\n")
{
    QByteArray s = "POST /api/people HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (const QByteArray &c : chunks)
        s += QByteArray::number(c.size(), 16) + "\r\n" + c + "\r\n";
    return s + end;
}
} // namespace

class TestHttpFraming : public QObject
{
    Q_OBJECT

private slots:
    void everySplitAgrees_data();
    void everySplitAgrees();
    void bodyOverLimitIsRefusedOnTheHead();
    void verdictIsFinal();
    void phases();
};

void TestHttpFraming::everySplitAgrees_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<qint64>("maxHead");
    QTest::addColumn<Verdict>("verdict");
    QTest::addColumn<int>("completed");
    QTest::addColumn<QString>("problem");

    const qint64 head = 1024;
    const QString tooLarge = QStringLiteral("the request body exceeds 100 bytes");

    QTest::newRow("one GET") << get() << head << Verdict::Continue << 1 << QString();
    QTest::newRow("pipelined") << get() + post("{\"a\":1}") + get("/api/teams") << head << Verdict::Continue << 3
                               << QString();
    QTest::newRow("body exactly at the limit")
            << post(QByteArray(kMaxBody, 'x')) + get() << head << Verdict::Continue << 2 << QString();
    QTest::newRow("body one over the limit")
            << post(QByteArray(kMaxBody + 1, 'x')) << head << Verdict::BodyTooLarge << 0 << tooLarge;
    QTest::newRow("Content-Length 0") << QByteArray("POST /x HTTP/1.1\r\nContent-Length: 0\r\n\r\n") + get() << head
                                      << Verdict::Continue << 2 << QString();
    QTest::newRow("LF line ends") << QByteArray("GET / HTTP/1.1\nHost: a\n\nGET / HTTP/1.1\n\n") << head
                                  << Verdict::Continue << 2 << QString();
    QTest::newRow("no header fields") << QByteArray("GET / HTTP/1.1\r\n\r\n") << head << Verdict::Continue << 1
                                      << QString();
    QTest::newRow("whitespace between requests")
            << "\r\n" + get() + "\r\n\r\n \t" + get() << head << Verdict::Continue << 2 << QString();
    QTest::newRow("unfinished head") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n") << head << Verdict::Continue << 0
                                     << QString();
    QTest::newRow("unfinished body") << post("{}").chopped(1) << head << Verdict::Continue << 0 << QString();

    QTest::newRow("chunked") << chunked({"{\"na", "me\":\"x\"}"}) + get() << head << Verdict::Continue << 2
                             << QString();
    QTest::newRow("chunked with extensions")
            << chunked({"abc"}).replace("3\r\n", "3;name=v\r\n") << head << Verdict::Continue << 1 << QString();
    QTest::newRow("chunked exactly at the limit")
            << chunked({QByteArray(60, 'a'), QByteArray(40, 'b')}) << head << Verdict::Continue << 1 << QString();
    QTest::newRow("chunked over the limit")
            << chunked({QByteArray(60, 'a'), QByteArray(41, 'b')}) << head << Verdict::BodyTooLarge << 0 << tooLarge;
    QTest::newRow("chunked wins over Content-Length")
            << QByteArray("POST /x HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: "
                          "chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n")
                    + get()
            << head << Verdict::Continue << 2 << QString();
    QTest::newRow("other transfer coding keeps Content-Length")
            << QByteArray("POST /x HTTP/1.1\r\nTransfer-Encoding: gzip\r\nContent-Length: 2\r\n\r\nab") + get() << head
            << Verdict::Continue << 2 << QString();
    QTest::newRow("chunk framing without end")
            << chunked({"a"}, "0\r\n") << head << Verdict::Continue << 0 << QString();
    QByteArray framing = chunked({});
    framing.chop(5); // no last chunk yet
    for (int i = 0; i < 70; ++i) // 70 bytes of payload in 70 KB of chunk lines
        framing += "1;" + QByteArray(1000, 'e') + "\r\na\r\n";
    QTest::newRow("endless chunk framing")
            << framing << head << Verdict::BodyTooLarge << 0
            << QStringLiteral("the chunked request body exceeds 65736 bytes with its chunk framing");

    QTest::newRow("head over the limit") << "GET /" + QByteArray(1100, 'a') + " HTTP/1.1\r\n\r\n"
                                         << head << Verdict::HeadTooLarge << 0
                                         << QStringLiteral("the request head exceeds 1024 bytes");
    QTest::newRow("whitespace over the limit") << QByteArray(1025, '\n') << head << Verdict::HeadTooLarge << 0
                                               << QStringLiteral("the request head exceeds 1024 bytes");
    QTest::newRow("head exactly at the limit")
            << "GET / HTTP/1.1\r\nX-Pad: " + QByteArray(1024 - 16 - 11, 'p') + "\r\n\r\n"
            << head << Verdict::Continue << 1 << QString();
    QTest::newRow("field over 8 KiB") << "GET / HTTP/1.1\r\nX-Big: " + QByteArray(8200, 'b') + "\r\n\r\n"
                                      << qint64(65536) << Verdict::HeadTooLarge << 0
                                      << QStringLiteral("header 'X-Big' exceeds 8192 bytes");
    QTest::newRow("field over 8 KiB, head limit further")
            << "GET / HTTP/1.1\r\nX-Big: " + QByteArray(20000, 'b') << qint64(16384) << Verdict::HeadTooLarge << 0
            << QStringLiteral("header 'X-Big' exceeds 8192 bytes");
    QTest::newRow("field over 8 KiB, head limit nearer")
            << "GET / HTTP/1.1\r\nX-Big: " + QByteArray(20000, 'b') << qint64(4096) << Verdict::HeadTooLarge << 0
            << QStringLiteral("the request head exceeds 4096 bytes");
    QTest::newRow("field exactly 8 KiB") << "GET / HTTP/1.1\r\nX-Big:" + QByteArray(8192 - 6, 'b') + "\r\n\r\n"
                                         << qint64(65536) << Verdict::Continue << 1 << QString();
    QByteArray fields = "GET / HTTP/1.1\r\n";
    for (int i = 0; i < 101; ++i)
        fields += "X-" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("101 fields") << fields + "\r\n"
                                << qint64(65536) << Verdict::HeadTooLarge << 0
                                << QStringLiteral("the request head has more than 100 header fields");

    const QByteArray upgrade
            = "GET /ws HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, Upgrade\r\nUpgrade: WebSocket\r\n"
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    QTest::newRow("upgrade, then frames") << upgrade + QByteArray("\x81\x85\x37\xfa\x21\x3d\x7f\x9f\x4d\x51\x58", 11)
                                          << head << Verdict::Upgraded << 1 << QString();
    QTest::newRow("upgrade after a request")
            << get() + upgrade + "GET garbage" << head << Verdict::Upgraded << 2 << QString();
    QTest::newRow("Upgrade twice is no upgrade")
            << QByteArray("GET /ws HTTP/1.1\r\nConnection: upgrade\r\nUpgrade: websocket\r\nUpgrade: websocket\r\n\r\n")
                    + get()
            << head << Verdict::Continue << 2 << QString();
    QTest::newRow("upgrade without Connection") << QByteArray("GET /ws HTTP/1.1\r\nUpgrade: websocket\r\n\r\n") + get()
                                                << head << Verdict::Continue << 2 << QString();
    QTest::newRow("upgrade to something else")
            << QByteArray("GET / HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n") + get() << head
            << Verdict::Continue << 2 << QString();
    QTest::newRow("upgrade with a body") << QByteArray(
            "GET /ws HTTP/1.1\r\nConnection: upgrade\r\nUpgrade: websocket\r\nContent-Length: 3\r\n\r\nabc")
                                         << head << Verdict::Upgraded << 1 << QString();

    QTest::newRow("folded line") << QByteArray("GET / HTTP/1.1\r\nX-A: 1\r\n  more\r\n\r\n") << head
                                 << Verdict::Malformed << 0
                                 << QStringLiteral("folded header lines are not accepted ('more')");
    QTest::newRow("line without colon") << QByteArray("GET / HTTP/1.1\r\nnonsense\r\n\r\n") << head
                                        << Verdict::Malformed << 0
                                        << QStringLiteral("header line 'nonsense' has no ':'");
    QTest::newRow("name with a space") << QByteArray("GET / HTTP/1.1\r\nContent-Length : 5\r\n\r\n") << head
                                       << Verdict::Malformed << 0
                                       << QStringLiteral("header name 'Content-Length ' is not a token");
    QTest::newRow("Content-Length not a number")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 0x10\r\n\r\n") << head << Verdict::Malformed << 0
            << QStringLiteral("header 'Content-Length' must be a non-negative integer, not '0x10'");
    QTest::newRow("Content-Length twice")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\ncontent-length: 1\r\n\r\nab") << head
            << Verdict::Malformed << 0 << QStringLiteral("header 'Content-Length' appears more than once");
    QTest::newRow("huge Content-Length") << QByteArray(
            "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n")
                                         << head << Verdict::BodyTooLarge << 0 << tooLarge;
    QTest::newRow("chunk size not hex") << chunked({}, "zz\r\n") << head << Verdict::Malformed << 0
                                        << QStringLiteral("chunk size 'zz' is not hexadecimal");
    QTest::newRow("chunk line ends in LF") << chunked({}, "1\nabc") << head << Verdict::Malformed << 0
                                           << QStringLiteral("a chunk-size line must end with CRLF");
    QTest::newRow("chunk data without CRLF") << chunked({"ab"}).replace("ab\r\n", "abXY") << head << Verdict::Malformed
                                             << 0 << QStringLiteral("a chunk's data must be followed by CRLF");
    QTest::newRow("trailers") << chunked({"ab"}, "0\r\nX-Sum: 1\r\n\r\n") << head << Verdict::Malformed << 0
                              << QStringLiteral("a chunked body must end with an empty line after the last chunk "
                                                "(trailers are not accepted)");
    QTest::newRow("chunk announced over the limit")
            << chunked({}, "65\r\n") << head << Verdict::BodyTooLarge << 0 << tooLarge;
}

void TestHttpFraming::everySplitAgrees()
{
    QFETCH(QByteArray, stream);
    QFETCH(qint64, maxHead);
    QFETCH(Verdict, verdict);
    QFETCH(int, completed);
    QFETCH(QString, problem);

    const Outcome whole = feedCut(stream, {}, maxHead);
    QCOMPARE(whole.verdict, verdict);
    QCOMPARE(whole.completed, quint64(completed));
    QCOMPARE(whole.problem, problem);

    // Every split into two (every 1/2048th of the long streams, which are
    // long for their runs of one byte), and byte by byte.
    const qsizetype stride = std::max<qsizetype>(1, stream.size() / 2048);
    for (qsizetype cut = 0; cut <= stream.size(); cut += stride)
        QCOMPARE(feedCut(stream, {cut}, maxHead), whole);
    QList<qsizetype> everyByte;
    for (qsizetype i = 1; i < stream.size(); ++i)
        everyByte.append(i);
    QCOMPARE(feedCut(stream, everyByte, maxHead), whole);
    // Split into three, at strides that cross every boundary kind.
    if (stream.size() <= 2048) {
        for (qsizetype a = 1; a < stream.size(); a += 7) {
            for (qsizetype b = a; b < stream.size(); b += 13)
                QCOMPARE(feedCut(stream, {a, b}, maxHead), whole);
        }
    }
    // As the gate feeds it: payload skipped unseen.
    for (qsizetype chunk : {1, 2, 3, 5, 64, 4096})
        QCOMPARE(feedSkipping(stream, chunk, maxHead), whole);
}

void TestHttpFraming::bodyOverLimitIsRefusedOnTheHead()
{
    HttpFraming f(limitsFor(1024));
    QCOMPARE(f.feed(QByteArrayView("POST /api/activities HTTP/1.1\r\nContent-Length: 314572800\r\n")),
             Verdict::Continue);
    QCOMPARE(f.feed(QByteArrayView("\r\n")), Verdict::BodyTooLarge); // no byte of the body needed
    QCOMPARE(f.problem(), QStringLiteral("the request body exceeds 100 bytes"));
}

void TestHttpFraming::verdictIsFinal()
{
    HttpFraming f(limitsFor(1024));
    QCOMPARE(f.feed(QByteArrayView("GET / HTTP/1.1\r\nbad\r\n")), Verdict::Malformed);
    QCOMPARE(f.feed(get()), Verdict::Malformed);
    QCOMPARE(f.requestsCompleted(), quint64(0));
    QCOMPARE(f.phase(), HttpFraming::Phase::Done);
}

void TestHttpFraming::phases()
{
    HttpFraming f(limitsFor(1024));
    QCOMPARE(f.phase(), HttpFraming::Phase::Idle);
    f.feed(QByteArrayView("\r\n"));
    QCOMPARE(f.phase(), HttpFraming::Phase::Idle);
    QCOMPARE(f.requestsStarted(), quint64(0));
    f.feed(QByteArrayView("P"));
    QCOMPARE(f.phase(), HttpFraming::Phase::Head);
    QCOMPARE(f.requestsStarted(), quint64(1));
    f.feed(QByteArrayView("OST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nab"));
    QCOMPARE(f.phase(), HttpFraming::Phase::Body);
    QCOMPARE(f.opaqueBytes(), qint64(2));
    f.skip(2);
    QCOMPARE(f.phase(), HttpFraming::Phase::Idle);
    QCOMPARE(f.requestsCompleted(), quint64(1));
}

QTEST_APPLESS_MAIN(TestHttpFraming)
#include "tst_httpframing.moc"
