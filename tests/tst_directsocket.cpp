// DirectTcpSocket replaces QTcpSocket's write path for every connection the
// server accepts, so it is held to QTcpSocket's contract with real sockets:
// bytes arrive complete and in order whether the kernel takes them at once or
// not, errors and disconnects are still reported, and a close still delivers
// what was written. The peer is a plain blocking socket, so the test decides
// exactly when it reads.
#include "net/directsocket.h"

#include <QSignalSpy>
#include <QTest>
#include <arpa/inet.h>
#include <memory>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace podium;

namespace {
// A peer that only reads when asked to.
class Peer
{
public:
    explicit Peer(quint16 port, int receiveBuffer = 0)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (receiveBuffer > 0)
            ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
        sockaddr_in addr {};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_connected = ::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0;
    }
    ~Peer()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool connected() const { return m_connected; }

    // Everything readable within `waitMs`, draining until the socket is quiet.
    QByteArray readAvailable(int waitMs = 200)
    {
        QByteArray out;
        char buf[65536];
        pollfd p {m_fd, POLLIN, 0};
        while (::poll(&p, 1, waitMs) > 0) {
            const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
            if (n <= 0) {
                m_eof = true;
                break;
            }
            out.append(buf, n);
            waitMs = 50;
        }
        return out;
    }
    // Reads until `bytes` arrived, turning the server's event loop in between
    // (Qt sends what it queued only from its loop).
    QByteArray readExactly(qint64 bytes, int timeoutMs = 10000)
    {
        QByteArray out;
        QDeadlineTimer deadline(timeoutMs);
        while (out.size() < bytes && !deadline.hasExpired()) {
            out += readAvailable(10);
            QCoreApplication::processEvents();
        }
        return out;
    }
    bool sawEof() const { return m_eof; }
    // Closes with a reset rather than a FIN.
    void reset()
    {
        linger l {1, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        ::close(m_fd);
        m_fd = -1;
    }

private:
    int m_fd = -1;
    bool m_connected = false;
    bool m_eof = false;
};

QByteArray numbered(int count, int size)
{
    QByteArray out;
    for (int i = 0; i < count; ++i) {
        QByteArray chunk = QByteArray::number(i).rightJustified(8, '0');
        chunk += QByteArray(size - chunk.size(), char('a' + i % 26));
        out += chunk;
    }
    return out;
}
} // namespace

class TestDirectSocket : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void acceptsDirectSockets();
    void writeGoesToTheKernelAtOnce_data();
    void writeGoesToTheKernelAtOnce();
    void backlogQueuesInOrderBehindTheKernel();
    void writesAfterABacklogWaitTheirTurn();
    void disconnectDeliversEverythingThenEof();
    void resetPeerIsReported();
    void writeWhenNotConnectedFails();

private:
    // Accepts one connection from a fresh peer.
    DirectTcpSocket *accept(Peer &peer);
    std::unique_ptr<DirectTcpServer> m_server;
    std::unique_ptr<Peer> m_peer;
};

void TestDirectSocket::init()
{
    m_server = std::make_unique<DirectTcpServer>();
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
}

void TestDirectSocket::cleanup()
{
    m_peer.reset();
    m_server.reset();
}

DirectTcpSocket *TestDirectSocket::accept(Peer &peer)
{
    if (!peer.connected() || !m_server->waitForNewConnection(5000))
        return nullptr;
    auto *socket = qobject_cast<DirectTcpSocket *>(m_server->nextPendingConnection());
    // A small send buffer, so a few hundred KiB are enough to fill the kernel.
    if (socket)
        socket->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, 8192);
    return socket;
}

void TestDirectSocket::acceptsDirectSockets()
{
    m_peer = std::make_unique<Peer>(m_server->serverPort());
    DirectTcpSocket *socket = accept(*m_peer);
    QVERIFY(socket);
    QCOMPARE(socket->state(), QAbstractSocket::ConnectedState);
    QCOMPARE(socket->peerAddress(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(socket->parent(), m_server.get());
    // Back-to-back small writes must not wait for delayed ACKs.
    QCOMPARE(socket->socketOption(QAbstractSocket::LowDelayOption).toInt(), 1);
}

void TestDirectSocket::writeGoesToTheKernelAtOnce_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("one byte") << 1;
    QTest::newRow("a 101 reply") << 129;
    QTest::newRow("an event frame") << 260;
    QTest::newRow("16 KiB") << 16 * 1024;
}

void TestDirectSocket::writeGoesToTheKernelAtOnce()
{
    QFETCH(int, size);
    m_peer = std::make_unique<Peer>(m_server->serverPort());
    DirectTcpSocket *socket = accept(*m_peer);
    QVERIFY(socket);
    const QByteArray data = numbered(1, std::max(size, 8)).left(size);
    QCOMPARE(socket->write(data), qint64(size));
    // QTcpSocket would report the bytes as pending until its next loop turn;
    // here they are already in the kernel, before any event is processed.
    QCOMPARE(socket->bytesToWrite(), qint64(0));
    QCOMPARE(m_peer->readAvailable(), data);
}

void TestDirectSocket::backlogQueuesInOrderBehindTheKernel()
{
    m_peer = std::make_unique<Peer>(m_server->serverPort(), 4096);
    DirectTcpSocket *socket = accept(*m_peer);
    QVERIFY(socket);
    QSignalSpy written(socket, &QIODevice::bytesWritten);
    // Far more than a small receive buffer and the send buffer hold: the
    // kernel takes a prefix and Qt must queue the rest.
    const QByteArray data = numbered(256, 1024);
    QCOMPARE(socket->write(data), qint64(data.size()));
    const qint64 queued = socket->bytesToWrite();
    QVERIFY2(queued > 0 && queued < data.size(), qPrintable(QString::number(queued)));
    const QByteArray received = m_peer->readExactly(data.size());
    QCOMPARE(received.size(), data.size());
    QCOMPARE(received, data);
    QTRY_COMPARE(socket->bytesToWrite(), qint64(0));
    // What Qt queued is reported as written when it leaves Qt's buffer.
    qint64 reported = 0;
    for (const auto &args : std::as_const(written))
        reported += args.at(0).toLongLong();
    QCOMPARE(reported, queued);
}

void TestDirectSocket::writesAfterABacklogWaitTheirTurn()
{
    m_peer = std::make_unique<Peer>(m_server->serverPort(), 4096);
    DirectTcpSocket *socket = accept(*m_peer);
    QVERIFY(socket);
    const QByteArray first = numbered(200, 1024);
    socket->write(first);
    QVERIFY(socket->bytesToWrite() > 0);
    // While Qt holds a backlog, a small write must not jump the queue even
    // when the peer has drained enough for the kernel to take it.
    QByteArray all = first;
    QByteArray received;
    for (int i = 0; i < 50; ++i) {
        const QByteArray more = "[" + QByteArray::number(i) + "]";
        QCOMPARE(socket->write(more), qint64(more.size()));
        all += more;
        if (i % 10 == 0)
            received += m_peer->readAvailable(1);
    }
    received += m_peer->readExactly(all.size() - received.size());
    QCOMPARE(received.size(), all.size());
    QCOMPARE(received, all);
    QTRY_COMPARE(socket->bytesToWrite(), qint64(0));
}

void TestDirectSocket::disconnectDeliversEverythingThenEof()
{
    m_peer = std::make_unique<Peer>(m_server->serverPort(), 4096);
    DirectTcpSocket *socket = accept(*m_peer);
    QVERIFY(socket);
    QSignalSpy disconnected(socket, &QAbstractSocket::disconnected);
    const QByteArray data = numbered(128, 1024);
    socket->write(data);
    socket->disconnectFromHost();
    const QByteArray received = m_peer->readExactly(data.size());
    QCOMPARE(received, data);
    QTRY_COMPARE(disconnected.size(), 1);
    m_peer->readAvailable();
    QVERIFY(m_peer->sawEof());
}

void TestDirectSocket::resetPeerIsReported()
{
    m_peer = std::make_unique<Peer>(m_server->serverPort());
    DirectTcpSocket *socket = accept(*m_peer);
    QVERIFY(socket);
    QSignalSpy disconnected(socket, &QAbstractSocket::disconnected);
    QSignalSpy errors(socket, &QAbstractSocket::errorOccurred);
    m_peer->reset();
    // The first send() after the reset fails; Qt's own write path takes the
    // bytes and reports the broken connection the way it always does. Written
    // until it is reported (the reset may not have landed yet), a bounded loop.
    QVERIFY(QTest::qWaitFor(
            [&] {
                if (!disconnected.isEmpty())
                    return true;
                socket->write("after the reset");
                return false;
            },
            5000));
    QTRY_COMPARE(disconnected.size(), 1);
    QVERIFY(!errors.isEmpty());
    QCOMPARE(errors.first().at(0).value<QAbstractSocket::SocketError>(), QAbstractSocket::RemoteHostClosedError);
}

void TestDirectSocket::writeWhenNotConnectedFails()
{
    DirectTcpSocket socket;
    QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (podium::DirectTcpSocket): device not open");
    QCOMPARE(socket.write("nobody listens"), qint64(-1));
    QCOMPARE(socket.bytesToWrite(), qint64(0));
}

QTEST_GUILESS_MAIN(TestDirectSocket)
#include "tst_directsocket.moc"
