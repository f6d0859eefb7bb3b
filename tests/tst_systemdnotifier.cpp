// systemd's notify protocol, received the way systemd receives it: on an
// AF_UNIX datagram socket named by NOTIFY_SOCKET. The shipped binary sends
// READY=1 only once its port accepts connections (and never when it cannot
// listen), feeds the watchdog at half WATCHDOG_USEC, stops feeding it while
// its engine or network thread is held (the test stops that one thread with
// ptrace, nothing else) and says STOPPING=1 on SIGTERM. In process, a job that keeps the engine thread (or a
// call that keeps the network thread) busy stops the pings until it ends.
#include "engine/engine.h"
#include "serverhost.h"
#include "systemdnotifier.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <QDir>

#include <poll.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace podium;

namespace {

// The receiving end of NOTIFY_SOCKET.
class NotifySocket
{
public:
    explicit NotifySocket(const QString &path)
        : m_path(path)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address = {};
        address.sun_family = AF_UNIX;
        const QByteArray name = QFile::encodeName(path);
        qstrncpy(address.sun_path, name.constData(), sizeof address.sun_path);
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~NotifySocket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool isValid() const { return m_fd >= 0; }
    QString path() const { return m_path; }
    // One datagram if one is waiting within `timeoutMs`, else a null array.
    // Blocks in poll(): for a sender in another process.
    QByteArray receive(int timeoutMs)
    {
        pollfd p = {m_fd, POLLIN, 0};
        if (::poll(&p, 1, timeoutMs) <= 0)
            return QByteArray();
        char buffer[4096];
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
        return n < 0 ? QByteArray() : QByteArray(buffer, int(n));
    }
    // The same while this thread's event loop keeps running: for a sender in
    // this process.
    QByteArray receiveProcessingEvents(int timeoutMs)
    {
        QByteArray datagram;
        const bool received = QTest::qWaitFor(
                [&] {
                    datagram = receive(0);
                    return !datagram.isNull();
                },
                timeoutMs);
        return received ? datagram : QByteArray();
    }

private:
    QString m_path;
    int m_fd = -1;
};

// Watchdog pings received within `ms`, the event loop running.
int pingsWithin(NotifySocket &socket, int ms)
{
    int pings = 0;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms) {
        const QByteArray datagram = socket.receiveProcessingEvents(int(ms - timer.elapsed()));
        if (datagram == "WATCHDOG=1")
            ++pings;
    }
    return pings;
}

// The thread of process `pid` that QThread named `name`, or 0.
pid_t threadNamed(qint64 pid, const QByteArray &name)
{
    const QDir tasks(QStringLiteral("/proc/%1/task").arg(pid));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == name)
            return pid_t(tid.toInt());
    }
    return 0;
}

// Stops one thread of another process, and only that one, while it lives
// (PTRACE_INTERRUPT of a seized thread: no signal, no group stop).
class HeldThread
{
public:
    explicit HeldThread(pid_t tid)
        : m_tid(tid)
    {
        int status = 0;
        m_held = tid > 0 && ::ptrace(PTRACE_SEIZE, tid, nullptr, nullptr) == 0
                && ::ptrace(PTRACE_INTERRUPT, tid, nullptr, nullptr) == 0 && ::waitpid(tid, &status, __WALL) == tid
                && WIFSTOPPED(status);
    }
    ~HeldThread() { release(); }
    bool isHeld() const { return m_held; }
    void release()
    {
        if (m_held)
            ::ptrace(PTRACE_DETACH, m_tid, nullptr, nullptr);
        m_held = false;
    }

private:
    pid_t m_tid;
    bool m_held = false;
};

} // namespace

class TestSystemdNotifier : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void cleanup();
    void nothingWithoutNotifySocket();
    void binaryReadyOnlyWhenListening();
    void binaryNeverReadyWithoutItsPort();
    void binaryPingsOnlyWhileThreadsAnswer_data();
    void binaryPingsOnlyWhileThreadsAnswer();
    void blockedEngineStopsPings();
    void blockedNetworkThreadStopsPings();

private:
    // Starts the binary with NOTIFY_SOCKET and WATCHDOG_USEC=`watchdogUsec`
    // and receives its READY; returns the port STATUS names.
    quint16 startBinary(QProcess &podium, NotifySocket &socket, const QString &watchdogUsec);
    // An in-process server with a notifier whose watchdog pings every 100 ms;
    // READY and the first two pings already received.
    void startWatched(ServerHost &host, SystemdNotifier **notifier, NotifySocket &socket);

    QTemporaryDir m_dir;
    int m_servers = 0;
};

void TestSystemdNotifier::cleanup()
{
    qunsetenv("NOTIFY_SOCKET");
    qunsetenv("WATCHDOG_USEC");
}

void TestSystemdNotifier::nothingWithoutNotifySocket()
{
    qputenv("WATCHDOG_USEC", "1000000");
    SystemdNotifier notifier;
    QVERIFY(!notifier.isActive());
    QCOMPARE(notifier.watchdogInterval().count(), 0);
    notifier.ready(QStringLiteral("unused"));
    notifier.stopping();
}

quint16 TestSystemdNotifier::startBinary(QProcess &podium, NotifySocket &socket, const QString &watchdogUsec)
{
    if (!socket.isValid())
        return 0;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NOTIFY_SOCKET"), socket.path());
    env.insert(QStringLiteral("WATCHDOG_USEC"), watchdogUsec);
    env.insert(QStringLiteral("PODIUM_ADMIN_TOKEN"), QStringLiteral("notify-admin-token-0123"));
    env.insert(QStringLiteral("PODIUM_CONFIG"), QStringLiteral("/dev/null"));
    podium.setProcessEnvironment(env);
    podium.start(QStringLiteral(PODIUM_BINARY),
                 {QStringLiteral("--headless"), QStringLiteral("--address"), QStringLiteral("127.0.0.1"),
                  QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"),
                  m_dir.filePath(QStringLiteral("binary-data-%1").arg(++m_servers))});
    if (!podium.waitForStarted())
        return 0;
    // The first thing systemd hears is READY, with the port in STATUS.
    const QByteArray ready = socket.receive(30000);
    if (!ready.startsWith("READY=1\nSTATUS=Listening on http://127.0.0.1:")) {
        qWarning("not READY first: '%s'", ready.constData());
        return 0;
    }
    return quint16(ready.mid(ready.lastIndexOf(':') + 1).toUInt());
}

void TestSystemdNotifier::binaryReadyOnlyWhenListening()
{
    NotifySocket socket(m_dir.filePath(QStringLiteral("binary.sock")));
    QProcess podium;
    const quint16 port = startBinary(podium, socket, QStringLiteral("1000000"));
    QVERIFY(port != 0);
    // Connected the moment READY arrived: the port already accepts.
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(client.waitForConnected(2000));

    // Pings at half of WATCHDOG_USEC, and no second READY among them.
    QElapsedTimer clock;
    clock.start();
    QList<qint64> pings;
    while (clock.elapsed() < 3200) {
        const QByteArray datagram = socket.receive(int(3200 - clock.elapsed()));
        if (datagram.isNull())
            continue;
        QCOMPARE(datagram, QByteArray("WATCHDOG=1"));
        pings << clock.elapsed();
    }
    QVERIFY2(pings.size() >= 5 && pings.size() <= 7, qPrintable(QString::number(pings.size())));
    const double mean = double(pings.last() - pings.first()) / double(pings.size() - 1);
    QVERIFY2(mean > 400 && mean < 650, qPrintable(QString::number(mean)));

    podium.terminate();
    QCOMPARE(socket.receive(10000), QByteArray("STOPPING=1\nSTATUS=Stopping"));
    QVERIFY(podium.waitForFinished(20000));
    QCOMPARE(podium.exitCode(), 0);
    QCOMPARE(socket.receive(0), QByteArray());
}

void TestSystemdNotifier::binaryNeverReadyWithoutItsPort()
{
    // The port is taken: the database opens, listening fails, and systemd
    // hears nothing before the process exits.
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    NotifySocket socket(m_dir.filePath(QStringLiteral("taken.sock")));
    QVERIFY(socket.isValid());
    QProcess podium;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NOTIFY_SOCKET"), socket.path());
    env.insert(QStringLiteral("WATCHDOG_USEC"), QStringLiteral("400000"));
    env.insert(QStringLiteral("PODIUM_ADMIN_TOKEN"), QStringLiteral("notify-admin-token-0123"));
    env.insert(QStringLiteral("PODIUM_CONFIG"), QStringLiteral("/dev/null"));
    podium.setProcessEnvironment(env);
    podium.start(QStringLiteral(PODIUM_BINARY),
                 {QStringLiteral("--headless"), QStringLiteral("--address"), QStringLiteral("127.0.0.1"),
                  QStringLiteral("--port"), QString::number(squatter.serverPort()), QStringLiteral("--data-dir"),
                  m_dir.filePath(QStringLiteral("taken-data"))});
    QVERIFY(podium.waitForFinished(20000));
    QCOMPARE(podium.exitCode(), 1);
    QVERIFY(podium.readAllStandardError().contains("cannot listen on 127.0.0.1 port"));
    QCOMPARE(socket.receive(0), QByteArray());
}

void TestSystemdNotifier::binaryPingsOnlyWhileThreadsAnswer_data()
{
    QTest::addColumn<QByteArray>("thread");
    QTest::addColumn<QByteArray>("logged");
    QTest::newRow("engine") << QByteArray("podium-engine") << QByteArray("engine");
    QTest::newRow("network") << QByteArray("podium-net") << QByteArray("network");
}

void TestSystemdNotifier::binaryPingsOnlyWhileThreadsAnswer()
{
    QFETCH(QByteArray, thread);
    QFETCH(QByteArray, logged);
    NotifySocket socket(m_dir.filePath(QStringLiteral("held-%1.sock").arg(QString::fromLatin1(thread))));
    QProcess podium;
    // A ping every 200 ms.
    QVERIFY(startBinary(podium, socket, QStringLiteral("400000")) != 0);
    QCOMPARE(socket.receive(2000), QByteArray("WATCHDOG=1"));
    QCOMPARE(socket.receive(2000), QByteArray("WATCHDOG=1"));

    const pid_t tid = threadNamed(podium.processId(), thread);
    QVERIFY2(tid != 0, thread.constData());
    {
        HeldThread held(tid);
        QVERIFY2(held.isHeld(), qPrintable(qt_error_string(errno)));
        // A probe answered just before the thread stopped may earn one ping.
        QElapsedTimer clock;
        clock.start();
        int early = 0;
        while (clock.elapsed() < 450)
            early += socket.receive(int(450 - clock.elapsed())) == "WATCHDOG=1";
        QVERIFY(early <= 2);
        // Then none, for longer than the whole watchdog interval.
        QCOMPARE(socket.receive(1200), QByteArray());
        // Only that thread stopped: the process runs on.
        QCOMPARE(podium.state(), QProcess::Running);
    }
    // Released, the thread answers and the pings come back.
    QCOMPARE(socket.receive(2000), QByteArray("WATCHDOG=1"));
    QCOMPARE(socket.receive(2000), QByteArray("WATCHDOG=1"));
    podium.terminate();
    QVERIFY(podium.waitForFinished(20000));
    QCOMPARE(podium.exitCode(), 0);
    const QByteArray err = podium.readAllStandardError();
    QVERIFY2(err.contains("podium.systemd: the " + logged + " thread has not answered for "), err.constData());
}

void TestSystemdNotifier::startWatched(ServerHost &host, SystemdNotifier **notifier, NotifySocket &socket)
{
    QVERIFY(socket.isValid());
    qputenv("NOTIFY_SOCKET", QFile::encodeName(socket.path()));
    qputenv("WATCHDOG_USEC", "200000");
    ServerHost::Config config;
    config.dataDir = m_dir.filePath(QStringLiteral("data-%1").arg(++m_servers));
    config.address = QHostAddress::LocalHost;
    config.port = 0;
    config.adminToken = QStringLiteral("notify-admin-token-0123");
    QString error;
    QVERIFY2(host.start(config, &error), qPrintable(error));
    *notifier = new SystemdNotifier(&host);
    QVERIFY((*notifier)->isActive());
    QCOMPARE((*notifier)->watchdogInterval().count(), 200000);
    (*notifier)->watchServer(host);
    (*notifier)->ready(QStringLiteral("in process"));
    QCOMPARE(socket.receiveProcessingEvents(5000), QByteArray("READY=1\nSTATUS=in process"));
    QCOMPARE(socket.receiveProcessingEvents(5000), QByteArray("WATCHDOG=1"));
    QCOMPARE(socket.receiveProcessingEvents(5000), QByteArray("WATCHDOG=1"));
}

void TestSystemdNotifier::blockedEngineStopsPings()
{
    NotifySocket socket(m_dir.filePath(QStringLiteral("engine.sock")));
    ServerHost host;
    SystemdNotifier *notifier = nullptr;
    startWatched(host, &notifier, socket);
    if (QTest::currentTestFailed())
        return;

    // A job that holds the engine thread for 1.5 s, through the engine's own
    // entry point. A probe answered just before it may still earn one ping.
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("^the engine thread has not answered for \\d+ ms; "
                                                           "the watchdog is not fed$")));
    bool done = false;
    QObject context;
    host.engine()->run(
            [](Engine &) {
                QThread::msleep(1500);
                return Reply {};
            },
            &context, [&done](const Reply &) { done = true; });
    QVERIFY(pingsWithin(socket, 300) <= 2);
    QCOMPARE(pingsWithin(socket, 1000), 0);
    QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
    // Pings resume once the engine answers again.
    QCOMPARE(socket.receiveProcessingEvents(2000), QByteArray("WATCHDOG=1"));
    QVERIFY(pingsWithin(socket, 500) >= 3);
    notifier->stopping();
    QCOMPARE(socket.receiveProcessingEvents(2000), QByteArray("STOPPING=1\nSTATUS=Stopping"));
    QCOMPARE(pingsWithin(socket, 300), 0);
    host.stop();
}

void TestSystemdNotifier::blockedNetworkThreadStopsPings()
{
    NotifySocket socket(m_dir.filePath(QStringLiteral("network.sock")));
    ServerHost host;
    SystemdNotifier *notifier = nullptr;
    startWatched(host, &notifier, socket);
    if (QTest::currentTestFailed())
        return;

    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("^the network thread has not answered for \\d+ ms; "
                                                           "the watchdog is not fed$")));
    std::atomic<bool> done {false};
    QMetaObject::invokeMethod(
            host.hub(),
            [&done] {
                QThread::msleep(1500);
                done = true;
            },
            Qt::QueuedConnection);
    QVERIFY(pingsWithin(socket, 300) <= 2);
    QCOMPARE(pingsWithin(socket, 1000), 0);
    QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
    QCOMPARE(socket.receiveProcessingEvents(2000), QByteArray("WATCHDOG=1"));
    notifier->stopping();
    host.stop();
}

QTEST_GUILESS_MAIN(TestSystemdNotifier)
#include "tst_systemdnotifier.moc"
