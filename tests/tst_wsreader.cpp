// WsReader is what stands between the network and the hub for every plain-TCP
// client: each rule of RFC 6455 §5 a server must enforce, with the close code
// the RFC gives its violation, and messages cut at any byte boundary.
#include "hub/wsreader.h"

#include <QTest>

using namespace podium;

namespace {
// A client frame: masked with a fixed key unless `masked` is false.
QByteArray frame(quint8 head, const QByteArray &payload, bool masked = true)
{
    QByteArray out;
    out.append(char(head));
    const char maskBit = masked ? char(0x80) : char(0);
    const qsizetype n = payload.size();
    if (n < 126) {
        out.append(char(maskBit | n));
    } else if (n <= 0xffff) {
        out.append(char(maskBit | 126));
        out.append(char(n >> 8));
        out.append(char(n & 0xff));
    } else {
        out.append(char(maskBit | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            out.append(char((quint64(n) >> shift) & 0xff));
    }
    const char key[4] = {'\x12', '\x34', '\x56', '\x78'};
    if (masked)
        out.append(key, 4);
    for (qsizetype i = 0; i < n; ++i)
        out.append(masked ? char(payload.at(i) ^ key[i % 4]) : payload.at(i));
    return out;
}

QByteArray closePayload(int code, const QByteArray &reason = {})
{
    QByteArray p;
    p.append(char(code >> 8));
    p.append(char(code & 0xff));
    return p + reason;
}
} // namespace

class TestWsReader : public QObject
{
    Q_OBJECT

private slots:
    void messages_data();
    void messages();
    void violations_data();
    void violations();
    void anySplitGivesTheSameMessages();
    void idleReaderHoldsNothing();
    void nothingIsReadAfterAViolation();
};

void TestWsReader::messages_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected"); // "kind:payload" per message

    QTest::newRow("text") << frame(0x81, R"({"type":"ping"})") << QStringList {R"(text:{"type":"ping"})"};
    QTest::newRow("UTF-8 text") << frame(0x81, "Zoë 🏆") << QStringList {"text:Zoë 🏆"};
    QTest::newRow("empty text") << frame(0x81, "") << QStringList {"text:"};
    QTest::newRow("binary") << frame(0x82, "\x01\x02") << QStringList {"binary:\x01\x02"};
    QTest::newRow("16-bit length") << frame(0x81, QByteArray(300, 'a')) << QStringList {"text:" + QString(300, 'a')};
    QTest::newRow("64-bit length") << frame(0x81, QByteArray(70000, 'b'))
                                   << QStringList {"text:" + QString(70000, 'b')};
    QTest::newRow("ping and pong") << frame(0x89, "hi") + frame(0x8A, "yo") << QStringList {"ping:hi", "pong:yo"};
    QTest::newRow("fragments with a ping between") << frame(0x01, "ab") + frame(0x89, "p") + frame(0x00, "cd")
                    + frame(0x80, "ef") << QStringList {"ping:p", "text:abcdef"};
    QTest::newRow("UTF-8 split across fragments")
            << frame(0x01, QByteArray("\xc3")) + frame(0x80, QByteArray("\xab")) << QStringList {"text:ë"};
    QTest::newRow("close with code and reason")
            << frame(0x88, closePayload(1000, "bye")) << QStringList {"close:1000:bye"};
    QTest::newRow("close without code") << frame(0x88, "") << QStringList {"close:1005:"};
    QTest::newRow("private close code") << frame(0x88, closePayload(4000)) << QStringList {"close:4000:"};
    QTest::newRow("two messages in one read")
            << frame(0x81, "one") + frame(0x81, "two") << QStringList {"text:one", "text:two"};
}

static QStringList describe(const QList<WsReader::Message> &messages)
{
    QStringList out;
    for (const auto &m : messages) {
        switch (m.kind) {
        case WsOpcode::Text:
            out << "text:" + m.text;
            break;
        case WsOpcode::Binary:
            out << "binary:" + QString::fromLatin1(m.payload);
            break;
        case WsOpcode::Ping:
            out << "ping:" + QString::fromLatin1(m.payload);
            break;
        case WsOpcode::Pong:
            out << "pong:" + QString::fromLatin1(m.payload);
            break;
        case WsOpcode::Close:
            out << QStringLiteral("close:%1:%2").arg(m.closeCode).arg(m.text);
            break;
        default:
            out << "?";
        }
    }
    return out;
}

void TestWsReader::messages()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    WsReader reader(100000);
    QCOMPARE(describe(reader.feed(input.constData(), input.size())), expected);
    QCOMPARE(reader.error(), 0);
    QCOMPARE(reader.pendingBytes(), 0);
}

void TestWsReader::violations_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("code");
    QTest::addColumn<QStringList>("before"); // messages delivered before it

    QTest::newRow("unmasked") << frame(0x81, "x", false) << 1002 << QStringList {};
    QTest::newRow("reserved bit 1") << frame(0xC1, "x") << 1002 << QStringList {};
    QTest::newRow("reserved bit 3") << frame(0x91, "x") << 1002 << QStringList {};
    QTest::newRow("opcode 3") << frame(0x83, "x") << 1002 << QStringList {};
    QTest::newRow("opcode 11") << frame(0x8B, "x") << 1002 << QStringList {};
    QTest::newRow("continuation first") << frame(0x80, "x") << 1002 << QStringList {};
    QTest::newRow("text inside a fragmented message") << frame(0x01, "a") + frame(0x81, "b") << 1002 << QStringList {};
    QTest::newRow("fragmented ping") << frame(0x09, "x") << 1002 << QStringList {};
    QTest::newRow("ping over 125 bytes") << frame(0x89, QByteArray(126, 'p')) << 1002 << QStringList {};
    QTest::newRow("invalid UTF-8") << frame(0x81, "ok") + frame(0x81, "\xff") << 1007 << QStringList {"text:ok"};
    QTest::newRow("truncated UTF-8") << frame(0x81, "\xe2\x82") << 1007 << QStringList {};
    QTest::newRow("one-byte close") << frame(0x88, "\x03") << 1002 << QStringList {};
    QTest::newRow("close code 1005 on the wire") << frame(0x88, closePayload(1005)) << 1002 << QStringList {};
    QTest::newRow("close code 999") << frame(0x88, closePayload(999)) << 1002 << QStringList {};
    QTest::newRow("close reason not UTF-8") << frame(0x88, closePayload(1000, "\xff")) << 1007 << QStringList {};
    QTest::newRow("frame over the limit") << frame(0x81, QByteArray(1025, 'a')).left(20) << 1009 << QStringList {};
    // A continuation claiming nearly 2^63 bytes behind a held fragment: the
    // size check must not wrap around.
    QByteArray huge = frame(0x01, "held");
    huge += QByteArray("\x80\xff\x7f\xff\xff\xff\xff\xff\xff\xff", 10) + QByteArray(4, '\0');
    QTest::newRow("continuation of 2^63-1 bytes") << huge << 1009 << QStringList {};
    QByteArray nearly = frame(0x01, QByteArray(20, 'h'));
    nearly += QByteArray("\x80\xff\x7f\xff\xff\xff\xff\xff\xff\xf1", 10) + QByteArray(4, '\0');
    QTest::newRow("continuation of 2^63-15 bytes") << nearly << 1009 << QStringList {};
    QTest::newRow("fragments over the limit")
            << frame(0x01, QByteArray(600, 'a')) + frame(0x80, QByteArray(600, 'a')) << 1009 << QStringList {};
}

void TestWsReader::violations()
{
    QFETCH(QByteArray, input);
    QFETCH(int, code);
    QFETCH(QStringList, before);
    WsReader reader(1024);
    QCOMPARE(describe(reader.feed(input.constData(), input.size())), before);
    QCOMPARE(reader.error(), code);
    QVERIFY(!reader.errorReason().isEmpty());
}

void TestWsReader::anySplitGivesTheSameMessages()
{
    const QByteArray input = frame(0x81, "first") + frame(0x01, "sec") + frame(0x89, "p") + frame(0x80, "ond")
            + frame(0x81, QByteArray(200, 'z')) + frame(0x88, closePayload(1001, "away"));
    const QStringList expected {"text:first", "ping:p", "text:second", "text:" + QString(200, 'z'), "close:1001:away"};
    for (qsizetype chunk = 1; chunk <= input.size(); ++chunk) {
        WsReader reader(1000);
        QList<WsReader::Message> got;
        for (qsizetype at = 0; at < input.size(); at += chunk)
            got += reader.feed(input.constData() + at, std::min(chunk, input.size() - at));
        QCOMPARE(describe(got), expected);
    }
}

void TestWsReader::idleReaderHoldsNothing()
{
    WsReader reader(1000);
    const QByteArray half = frame(0x81, "hello").left(4);
    reader.feed(half.constData(), half.size());
    QCOMPARE(reader.pendingBytes(), 4);
    const QByteArray rest = frame(0x81, "hello").mid(4);
    QCOMPARE(describe(reader.feed(rest.constData(), rest.size())), QStringList {"text:hello"});
    QCOMPARE(reader.pendingBytes(), 0);
}

void TestWsReader::nothingIsReadAfterAViolation()
{
    WsReader reader(1000);
    const QByteArray bad = frame(0x81, "x", false);
    reader.feed(bad.constData(), bad.size());
    QCOMPARE(reader.error(), 1002);
    const QByteArray good = frame(0x81, "later");
    QVERIFY(reader.feed(good.constData(), good.size()).isEmpty());
    QCOMPARE(reader.error(), 1002);
    QCOMPARE(reader.pendingBytes(), 0);
}

QTEST_GUILESS_MAIN(TestWsReader)
#include "tst_wsreader.moc"
