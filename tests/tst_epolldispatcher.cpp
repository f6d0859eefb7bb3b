// The epoll dispatcher replaces a core Qt mechanism on network threads, so it
// is held to Qt's contract: timers, socket notifiers, posted events,
// cross-thread wake-ups, deferred deletes, interrupt — with real sockets.
#include "net/epolldispatcher.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <memory>
#include <numeric>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace podium;

namespace {
// A thread whose event loop runs on the epoll dispatcher.
std::unique_ptr<QThread> epollThread()
{
    auto t = std::make_unique<QThread>();
    t->setEventDispatcher(new EpollEventDispatcher);
    t->start();
    return t;
}

// A socket pair whose read end is watched: made ready on purpose, its
// activation shows that the loop has been through an epoll round since.
struct Sentinel
{
    Sentinel()
    {
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
        writeFd = fds[1];
        notifier = std::make_unique<QSocketNotifier>(fds[0], QSocketNotifier::Read);
        QObject::connect(notifier.get(), &QSocketNotifier::activated, notifier.get(), [this] {
            char c;
            activated |= ::read(fds[0], &c, 1) == 1;
        });
    }
    ~Sentinel()
    {
        notifier.reset();
        ::close(fds[0]);
        ::close(fds[1]);
    }
    int fds[2] = {-1, -1};
    int writeFd = -1;
    std::unique_ptr<QSocketNotifier> notifier;
    bool activated = false;
};

template<typename F>
void runIn(QThread *thread, F &&f)
{
    QMetaObject::invokeMethod(thread->eventDispatcher(), std::forward<F>(f), Qt::BlockingQueuedConnection);
}

// Waits until `thread` is idle in its loop: it has run a call, and the kernel
// then reports it asleep (in epoll_wait, the only place an idle loop blocks).
bool waitUntilAsleep(QThread *thread)
{
    pid_t tid = 0;
    runIn(thread, [&tid] { tid = pid_t(::syscall(SYS_gettid)); });
    return QTest::qWaitFor(
            [tid] {
                QFile stat(QStringLiteral("/proc/self/task/%1/stat").arg(tid));
                if (!stat.open(QIODevice::ReadOnly))
                    return false;
                const QByteArray fields = stat.readAll();
                const qsizetype name = fields.lastIndexOf(')'); // the state follows the name
                return name > 0 && fields.mid(name + 2, 1) == "S";
            },
            5000);
}
} // namespace

class TestEpollDispatcher : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void timersFireInOrder_data();
    void timersFireInOrder();
    void singleShotFiresOnce();
    void timerStoppedInsideAnotherTimer();
    void zeroTimerDoesNotStarvePostedEvents();
    void remainingTimeAndRegisteredTimers();
    void crossThreadPostWakesTheLoop();
    void deleteLaterRuns();
    void socketNotifierReadAndWrite();
    void notifierDeletedInsideActivation();
    void tcpEchoManyClients();
    void quitFromAnotherThread();
};

void TestEpollDispatcher::initTestCase()
{
    // The test thread itself runs on the epoll dispatcher too (installed in
    // main below), so QTRY_* and QSignalSpy::wait exercise it directly.
    QVERIFY(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance()));
}

void TestEpollDispatcher::timersFireInOrder_data()
{
    QTest::addColumn<QList<int>>("intervals");
    QTest::newRow("ascending") << QList<int>{10, 20, 30};
    QTest::newRow("descending") << QList<int>{60, 40, 20, 5};
    QTest::newRow("equal intervals keep start order") << QList<int>{15, 15, 15};
}

void TestEpollDispatcher::timersFireInOrder()
{
    QFETCH(QList<int>, intervals);
    QList<int> fired;
    std::vector<std::unique_ptr<QTimer>> timers;
    for (int i = 0; i < intervals.size(); ++i) {
        auto t = std::make_unique<QTimer>();
        t->setSingleShot(true);
        t->setTimerType(Qt::PreciseTimer);
        connect(t.get(), &QTimer::timeout, this, [&fired, i] { fired << i; });
        t->start(intervals.at(i));
        timers.push_back(std::move(t));
    }
    QTRY_COMPARE_WITH_TIMEOUT(fired.size(), intervals.size(), 2000);
    QList<int> expected(intervals.size());
    std::iota(expected.begin(), expected.end(), 0);
    std::stable_sort(expected.begin(), expected.end(), [&](int a, int b) { return intervals.at(a) < intervals.at(b); });
    QCOMPARE(fired, expected);
}

void TestEpollDispatcher::singleShotFiresOnce()
{
    int count = 0;
    QElapsedTimer clock;
    clock.start();
    qint64 firedAt = -1;
    QTimer::singleShot(30, this, [&] {
        ++count;
        firedAt = clock.elapsed();
    });
    QTRY_COMPARE(count, 1);
    // Barrier: timers fire in deadline order, so a repeat 30 ms after the
    // first shot would come before a timer due 60 ms from now.
    QTimer later;
    later.setSingleShot(true);
    later.setTimerType(Qt::PreciseTimer);
    QSignalSpy passed(&later, &QTimer::timeout);
    later.start(60);
    QVERIFY(passed.wait());
    QCOMPARE(count, 1);
    QVERIFY2(firedAt >= 29, qPrintable(QString::number(firedAt)));
    QCOMPARE(static_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance())->remainingTime(-5), -1);
}

void TestEpollDispatcher::timerStoppedInsideAnotherTimer()
{
    QTimer first;
    QTimer second;
    int secondFired = 0;
    first.setSingleShot(true);
    second.setSingleShot(true);
    connect(&first, &QTimer::timeout, this, [&] { second.stop(); });
    connect(&second, &QTimer::timeout, this, [&] { ++secondFired; });
    first.start(10);
    second.start(10); // due in the same turn as `first`
    // Barrier: started last with a later deadline, this fires after both.
    QTimer after;
    after.setSingleShot(true);
    QSignalSpy passed(&after, &QTimer::timeout);
    after.start(20);
    QVERIFY(passed.wait());
    QCOMPARE(secondFired, 0);
}

void TestEpollDispatcher::zeroTimerDoesNotStarvePostedEvents()
{
    QTimer busy;
    int spins = 0;
    connect(&busy, &QTimer::timeout, this, [&] { ++spins; });
    busy.start(0);
    bool posted = false;
    QMetaObject::invokeMethod(this, [&] { posted = true; }, Qt::QueuedConnection);
    QTRY_VERIFY(posted);
    busy.stop();
    QVERIFY(spins >= 1);
}

void TestEpollDispatcher::remainingTimeAndRegisteredTimers()
{
    auto *d = static_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance());
    QObject owner;
    const int before = d->timerCount();
    const int id = owner.startTimer(5000, Qt::CoarseTimer);
    QVERIFY(id > 0);
    QCOMPARE(d->timerCount(), before + 1);
    const int left = d->remainingTime(id);
    QVERIFY2(left > 4800 && left <= 5000, qPrintable(QString::number(left)));
    const auto infos = d->registeredTimers(&owner);
    QCOMPARE(infos.size(), 1);
    QCOMPARE(infos.first().interval, 5000);
    QCOMPARE(infos.first().timerType, Qt::CoarseTimer);
    QVERIFY(d->unregisterTimers(&owner));
    QCOMPARE(d->timerCount(), before);
    QVERIFY(!d->unregisterTimers(&owner));
}

void TestEpollDispatcher::crossThreadPostWakesTheLoop()
{
    auto thread = epollThread();
    QObject receiver;
    receiver.moveToThread(thread.get());
    QThread *seen = nullptr;
    QElapsedTimer clock;
    // The loop is blocked in epoll_wait with no timers: only the eventfd
    // wake-up can get it to run the posted call.
    QVERIFY(waitUntilAsleep(thread.get()));
    clock.start();
    std::atomic<qint64> latency{-1};
    QMetaObject::invokeMethod(&receiver, [&] {
        seen = QThread::currentThread();
        latency = clock.elapsed();
    }, Qt::QueuedConnection);
    QTRY_VERIFY(latency >= 0);
    QCOMPARE(seen, thread.get());
    QVERIFY2(latency < 200, qPrintable(QString::number(latency)));
    runIn(thread.get(), [&] { receiver.moveToThread(QCoreApplication::instance()->thread()); });
    thread->quit();
    QVERIFY(thread->wait(2000));
}

void TestEpollDispatcher::deleteLaterRuns()
{
    QPointer<QObject> object = new QObject;
    object->deleteLater();
    QTRY_VERIFY(object.isNull());
}

void TestEpollDispatcher::socketNotifierReadAndWrite()
{
    int fds[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    QSocketNotifier reader(fds[0], QSocketNotifier::Read);
    QSocketNotifier writer(fds[1], QSocketNotifier::Write);
    QByteArray got;
    connect(&reader, &QSocketNotifier::activated, this, [&] {
        char buf[64];
        const ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n > 0)
            got.append(buf, n);
    });
    int writable = 0;
    connect(&writer, &QSocketNotifier::activated, this, [&] {
        ++writable;
        writer.setEnabled(false); // as QAbstractSocket does once its buffer drains
        QCOMPARE(::write(fds[1], "hello", 5), ssize_t(5));
    });
    QTRY_COMPARE(got, QByteArray("hello"));
    QCOMPARE(writable, 1);
    // Disabled notifiers stay silent; re-enabled ones fire again.
    QCOMPARE(::write(fds[1], "!", 1), ssize_t(1));
    reader.setEnabled(false);
    // Barrier: a notifier made ready after the "!" is reported in the same
    // epoll round or a later one, and a round's activations all run in one pass.
    Sentinel sentinel;
    QCOMPARE(::write(sentinel.writeFd, "s", 1), ssize_t(1));
    QTRY_VERIFY(sentinel.activated);
    QCOMPARE(got, QByteArray("hello"));
    reader.setEnabled(true);
    QTRY_COMPARE(got, QByteArray("hello!"));
    ::close(fds[0]);
    ::close(fds[1]);
}

void TestEpollDispatcher::notifierDeletedInsideActivation()
{
    int fds[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    auto *reader = new QSocketNotifier(fds[0], QSocketNotifier::Read);
    auto *writer = new QSocketNotifier(fds[0], QSocketNotifier::Write);
    int activations = 0;
    // Readable and writable in the same turn; the read handler deletes both.
    connect(reader, &QSocketNotifier::activated, this, [&] {
        ++activations;
        delete writer;
        writer = nullptr;
        reader->deleteLater();
    });
    connect(writer, &QSocketNotifier::activated, this, [&] { ++activations; });
    QCOMPARE(::write(fds[1], "x", 1), ssize_t(1));
    QTRY_VERIFY(activations >= 1);
    // Barrier: see socketNotifierReadAndWrite.
    Sentinel sentinel;
    QCOMPARE(::write(sentinel.writeFd, "s", 1), ssize_t(1));
    QTRY_VERIFY(sentinel.activated);
    QVERIFY(activations <= 2);
    ::close(fds[0]);
    ::close(fds[1]);
}

void TestEpollDispatcher::tcpEchoManyClients()
{
    // A server thread on the epoll dispatcher echoes for 500 clients at once.
    auto thread = epollThread();
    QTcpServer *server = nullptr;
    quint16 port = 0;
    runIn(thread.get(), [&] {
        server = new QTcpServer;
        server->setListenBacklogSize(1024);
        QVERIFY(server->listen(QHostAddress::LocalHost, 0));
        port = server->serverPort();
        QObject::connect(server, &QTcpServer::newConnection, server, [server] {
            while (QTcpSocket *s = server->nextPendingConnection()) {
                QObject::connect(s, &QTcpSocket::readyRead, s, [s] { s->write(s->readAll()); });
                QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    });
    constexpr int kClients = 500;
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    int echoed = 0;
    for (int i = 0; i < kClients; ++i) {
        auto c = std::make_unique<QTcpSocket>();
        QTcpSocket *raw = c.get();
        const QByteArray message = QByteArray::number(i) + '\n';
        connect(raw, &QTcpSocket::connected, this, [raw, message] { raw->write(message); });
        connect(raw, &QTcpSocket::readyRead, this, [raw, message, &echoed] {
            if (raw->canReadLine() && raw->readLine() == message)
                ++echoed;
        });
        c->connectToHost(QHostAddress::LocalHost, port);
        clients.push_back(std::move(c));
    }
    QTRY_COMPARE_WITH_TIMEOUT(echoed, kClients, 20000);
    clients.clear();
    runIn(thread.get(), [&] { delete server; });
    thread->quit();
    QVERIFY(thread->wait(5000));
}

void TestEpollDispatcher::quitFromAnotherThread()
{
    auto thread = epollThread();
    QVERIFY(waitUntilAsleep(thread.get()));
    QElapsedTimer clock;
    clock.start();
    thread->quit();
    QVERIFY(thread->wait(2000));
    QVERIFY(clock.elapsed() < 500);
}

int main(int argc, char **argv)
{
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    TestEpollDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolldispatcher.moc"
