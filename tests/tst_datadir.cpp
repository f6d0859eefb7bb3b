// The data directory and the files in it are their owner's only, whatever
// the umask: the directory 0700, podium.db and its -wal and -shm 0600, for a
// fresh directory and for one an older version left open; and the shipped
// binary's admin-token 0600 too.
#include "serverhost.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace podium;

namespace {

// The permission bits of `path`, or -1 when it does not exist.
int modeOf(const QString &path)
{
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

QByteArray octal(int mode)
{
    return mode < 0 ? QByteArray("missing") : QByteArray::number(mode, 8);
}

} // namespace

class TestDataDir : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void freshDirectoryIsPrivate();
    void openDirectoryIsNarrowed();
    void binaryKeepsEverythingPrivate();

private:
    // Starts a server on `dataDir`, then checks the modes while it runs
    // (the -wal and -shm files exist only while the database is open).
    void startAndCheck(const QString &dataDir);

    QTemporaryDir m_root;
    mode_t m_savedUmask = 0;
};

void TestDataDir::initTestCase()
{
    QVERIFY(m_root.isValid());
    m_savedUmask = ::umask(022); // the usual one, which leaves new files readable by all
}

void TestDataDir::cleanupTestCase()
{
    ::umask(m_savedUmask);
}

void TestDataDir::startAndCheck(const QString &dataDir)
{
    ServerHost host;
    ServerHost::Config config;
    config.dataDir = dataDir;
    config.address = QHostAddress::LocalHost;
    config.port = 0;
    config.adminToken = QStringLiteral("datadir-admin-token");
    QString error;
    QVERIFY2(host.start(config, &error), qPrintable(error));

    const QString db = QDir(dataDir).filePath(QStringLiteral("podium.db"));
    QCOMPARE(octal(modeOf(dataDir)), QByteArray("700"));
    QCOMPARE(octal(modeOf(db)), QByteArray("600"));
    QCOMPARE(octal(modeOf(db + QStringLiteral("-wal"))), QByteArray("600"));
    QCOMPARE(octal(modeOf(db + QStringLiteral("-shm"))), QByteArray("600"));
    host.stop();
}

void TestDataDir::freshDirectoryIsPrivate()
{
    const QString dataDir = m_root.filePath(QStringLiteral("fresh/data"));
    startAndCheck(dataDir);
    // Restarting keeps it so.
    startAndCheck(dataDir);
}

void TestDataDir::openDirectoryIsNarrowed()
{
    // What an older version left: everything readable by everyone.
    const QString dataDir = m_root.filePath(QStringLiteral("open"));
    {
        ServerHost host;
        ServerHost::Config config;
        config.dataDir = dataDir;
        config.address = QHostAddress::LocalHost;
        config.port = 0;
        config.adminToken = QStringLiteral("datadir-admin-token");
        QString error;
        QVERIFY2(host.start(config, &error), qPrintable(error));
        host.stop();
    }
    const QString db = QDir(dataDir).filePath(QStringLiteral("podium.db"));
    QVERIFY(::chmod(QFile::encodeName(dataDir).constData(), 0755) == 0);
    QVERIFY(::chmod(QFile::encodeName(db).constData(), 0644) == 0);
    // A -wal left by a crash keeps its own mode when SQLite reopens it.
    QFile wal(db + QStringLiteral("-wal"));
    QVERIFY(wal.open(QIODevice::WriteOnly));
    wal.close();
    QVERIFY(::chmod(QFile::encodeName(wal.fileName()).constData(), 0644) == 0);
    QCOMPARE(octal(modeOf(dataDir)), QByteArray("755"));

    startAndCheck(dataDir);
}

void TestDataDir::binaryKeepsEverythingPrivate()
{
    // The binary makes the directory itself before the server starts, and
    // writes admin-token (it inherits this umask).
    const QString dataDir = m_root.filePath(QStringLiteral("binary/data"));
    QProcess proc;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("PODIUM_ADMIN_TOKEN"));
    proc.setProcessEnvironment(env);
    proc.start(QStringLiteral(PODIUM_BINARY),
               {"--headless", "--port", "0", "--address", "127.0.0.1", "--data-dir", dataDir});
    QVERIFY(proc.waitForStarted());
    QByteArray out;
    QElapsedTimer timer;
    timer.start();
    while (!out.contains("Podium listening on") && timer.elapsed() < 15000) {
        if (proc.waitForReadyRead(1000))
            out += proc.readAllStandardOutput();
    }
    QVERIFY2(out.contains("Podium listening on"), out + proc.readAllStandardError());

    const QString db = QDir(dataDir).filePath(QStringLiteral("podium.db"));
    QCOMPARE(octal(modeOf(dataDir)), QByteArray("700"));
    QCOMPARE(octal(modeOf(db)), QByteArray("600"));
    QCOMPARE(octal(modeOf(db + QStringLiteral("-wal"))), QByteArray("600"));
    QCOMPARE(octal(modeOf(db + QStringLiteral("-shm"))), QByteArray("600"));
    QCOMPARE(octal(modeOf(QDir(dataDir).filePath(QStringLiteral("admin-token")))), QByteArray("600"));
    // A fresh directory is no news: nothing was open to others.
    proc.terminate();
    QVERIFY(proc.waitForFinished(15000));
    QVERIFY2(!proc.readAllStandardError().contains("was open to others"), "a fresh directory was reported as open");
}

QTEST_GUILESS_MAIN(TestDataDir)

#include "tst_datadir.moc"
