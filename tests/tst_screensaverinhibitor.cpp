// podium::ScreenSaverInhibitor against a session bus of the test's own
// (dbus-daemon --session): no service, a service that grants and releases
// inhibits, one that answers only on KDE's older path, and no bus at all.
// Debian has no screen saver service that runs without a desktop, so the
// service here is a small stand-in exported from a thread of this process.
#include "screensaverinhibitor.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QMutex>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using podium::ScreenSaverInhibitor;

namespace {

// The org.freedesktop.ScreenSaver methods the inhibitor calls, recording them.
class FakeScreenSaver : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.ScreenSaver")

public:
    struct Log
    {
        QStringList calls; // "Inhibit Podium <reason>" / "UnInhibit <cookie>"
        QSet<quint32> active;
    };
    Log log() const
    {
        QMutexLocker lock(&m_mutex);
        return m_log;
    }

public slots:
    quint32 Inhibit(const QString &application, const QString &reason)
    {
        QMutexLocker lock(&m_mutex);
        const quint32 cookie = ++m_next + 1000;
        m_log.calls << QStringLiteral("Inhibit %1 %2").arg(application, reason);
        m_log.active.insert(cookie);
        return cookie;
    }
    void UnInhibit(quint32 cookie)
    {
        QMutexLocker lock(&m_mutex);
        m_log.calls << QStringLiteral("UnInhibit %1").arg(cookie);
        m_log.active.remove(cookie);
    }

private:
    mutable QMutex m_mutex;
    Log m_log;
    quint32 m_next = 0;
};

} // namespace

class TestScreenSaverInhibitor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void noServiceIsUnavailable();
    void inhibitsAndReleases();
    void releaseOnDestruction();
    void releaseWhilePending();
    void olderPathAnswers();
    void noBusIsUnavailable();

private:
    // Exports a stand-in service at `path` on its own connection, on a
    // thread of its own (the inhibitor's calls come from this thread).
    FakeScreenSaver *startService(const QString &path);
    void stopService();

    QProcess m_daemon;
    QString m_address;
    QThread m_serviceThread;
    FakeScreenSaver *m_service = nullptr;
    int m_connections = 0;
};

void TestScreenSaverInhibitor::initTestCase()
{
    m_daemon.start(QStringLiteral("dbus-daemon"), {"--session", "--nofork", "--print-address"});
    QVERIFY2(m_daemon.waitForStarted(10000), "dbus-daemon did not start (packaging/desktop-deps.txt installs it)");
    QTRY_VERIFY_WITH_TIMEOUT(m_daemon.canReadLine(), 10000);
    m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
    QVERIFY(!m_address.isEmpty());
    // Before anything asks for the session bus: it is read once.
    qputenv("DBUS_SESSION_BUS_ADDRESS", m_address.toUtf8());
    QVERIFY(QDBusConnection::sessionBus().isConnected());
}

void TestScreenSaverInhibitor::cleanupTestCase()
{
    m_daemon.terminate();
    m_daemon.waitForFinished(5000);
}

void TestScreenSaverInhibitor::cleanup()
{
    stopService();
}

FakeScreenSaver *TestScreenSaverInhibitor::startService(const QString &path)
{
    m_serviceThread.start();
    m_service = new FakeScreenSaver;
    m_service->moveToThread(&m_serviceThread);
    const QString name = QStringLiteral("service-%1").arg(++m_connections);
    QDBusConnection bus = QDBusConnection::connectToBus(m_address, name);
    if (!bus.isConnected() || !bus.registerObject(path, m_service, QDBusConnection::ExportAllSlots)
        || !bus.registerService(QLatin1String(ScreenSaverInhibitor::kService)))
        return nullptr;
    return m_service;
}

void TestScreenSaverInhibitor::stopService()
{
    if (!m_service)
        return;
    QDBusConnection::disconnectFromBus(QStringLiteral("service-%1").arg(m_connections));
    m_serviceThread.quit();
    m_serviceThread.wait();
    delete m_service;
    m_service = nullptr;
    // The name is gone from the bus before the next test looks for it.
    QTRY_VERIFY(!QDBusConnection::sessionBus().interface()->isServiceRegistered(
            QLatin1String(ScreenSaverInhibitor::kService)));
}

void TestScreenSaverInhibitor::noServiceIsUnavailable()
{
    ScreenSaverInhibitor inhibitor;
    QSignalSpy changes(&inhibitor, &ScreenSaverInhibitor::stateChanged);
    inhibitor.inhibit(QStringLiteral("test"));
    QCOMPARE(inhibitor.state(), ScreenSaverInhibitor::State::Pending);
    QTRY_COMPARE(inhibitor.state(), ScreenSaverInhibitor::State::Unavailable);
    QCOMPARE(changes.size(), 2);
    inhibitor.release(); // nothing to release, nothing sent
    QCOMPARE(inhibitor.state(), ScreenSaverInhibitor::State::Unavailable);
}

void TestScreenSaverInhibitor::inhibitsAndReleases()
{
    FakeScreenSaver *service = startService(QStringLiteral("/org/freedesktop/ScreenSaver"));
    QVERIFY(service);
    ScreenSaverInhibitor inhibitor;
    inhibitor.inhibit(QStringLiteral("The Podium TV wall is on show"));
    QTRY_COMPARE(inhibitor.state(), ScreenSaverInhibitor::State::Held);
    QCOMPARE(service->log().calls, QStringList {"Inhibit Podium The Podium TV wall is on show"});
    QCOMPARE(service->log().active, QSet<quint32> {inhibitor.cookie()});
    // Asking twice holds one inhibit.
    inhibitor.inhibit(QStringLiteral("again"));
    const quint32 cookie = inhibitor.cookie();
    inhibitor.release();
    QCOMPARE(inhibitor.state(), ScreenSaverInhibitor::State::Idle);
    QTRY_VERIFY(service->log().active.isEmpty());
    QCOMPARE(service->log().calls.last(), QStringLiteral("UnInhibit %1").arg(cookie));
    QCOMPARE(service->log().calls.size(), 2);
}

void TestScreenSaverInhibitor::releaseOnDestruction()
{
    FakeScreenSaver *service = startService(QStringLiteral("/org/freedesktop/ScreenSaver"));
    QVERIFY(service);
    {
        ScreenSaverInhibitor inhibitor;
        inhibitor.inhibit(QStringLiteral("wall"));
        QTRY_COMPARE(inhibitor.state(), ScreenSaverInhibitor::State::Held);
        QCOMPARE(service->log().active.size(), 1);
    }
    QTRY_VERIFY(service->log().active.isEmpty());
}

void TestScreenSaverInhibitor::releaseWhilePending()
{
    // The wall closed before the service answered: the cookie, once it
    // comes, is handed straight back.
    FakeScreenSaver *service = startService(QStringLiteral("/org/freedesktop/ScreenSaver"));
    QVERIFY(service);
    ScreenSaverInhibitor inhibitor;
    inhibitor.inhibit(QStringLiteral("wall"));
    inhibitor.release();
    QTRY_COMPARE(inhibitor.state(), ScreenSaverInhibitor::State::Idle);
    QTRY_COMPARE(service->log().calls.size(), 2);
    QVERIFY(service->log().active.isEmpty());
}

void TestScreenSaverInhibitor::olderPathAnswers()
{
    FakeScreenSaver *service = startService(QStringLiteral("/ScreenSaver"));
    QVERIFY(service);
    ScreenSaverInhibitor inhibitor;
    inhibitor.inhibit(QStringLiteral("wall"));
    QTRY_COMPARE(inhibitor.state(), ScreenSaverInhibitor::State::Held);
    inhibitor.release();
    QTRY_VERIFY(service->log().active.isEmpty());
    QCOMPARE(service->log().calls.size(), 2);
}

void TestScreenSaverInhibitor::noBusIsUnavailable()
{
    ScreenSaverInhibitor inhibitor(QDBusConnection(QStringLiteral("never-connected")));
    inhibitor.inhibit(QStringLiteral("wall"));
    QCOMPARE(inhibitor.state(), ScreenSaverInhibitor::State::Unavailable);
}

QTEST_GUILESS_MAIN(TestScreenSaverInhibitor)

#include "tst_screensaverinhibitor.moc"
