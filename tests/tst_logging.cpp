// Log lines for a terminal and for the systemd journal: the journal is
// recognised by JOURNAL_STREAM naming stderr's device and inode, and then
// gets `<N>` priorities and no timestamps; --log-level's threshold. The
// message handler's real output is captured by pointing stderr at a file;
// the shipped binary is started with its stderr on a "journal" file too.
#include "logging.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace podium;

namespace {

// Points file descriptor 2 at a file while it lives; what the handler wrote
// is read back with text().
class CapturedStderr
{
public:
    explicit CapturedStderr(const QString &path)
        : m_path(path)
    {
        std::fflush(stderr);
        m_saved = ::dup(2);
        const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(fd, 2);
        ::close(fd);
    }
    ~CapturedStderr()
    {
        std::fflush(stderr);
        ::dup2(m_saved, 2);
        ::close(m_saved);
    }
    // "DEV:INODE" of the file, as systemd sets JOURNAL_STREAM.
    QByteArray journalStream() const
    {
        struct stat st = {};
        ::fstat(2, &st);
        return QByteArray::number(qulonglong(st.st_dev)) + ':' + QByteArray::number(qulonglong(st.st_ino));
    }
    QByteArray text() const
    {
        std::fflush(stderr);
        QFile file(m_path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(unreadable)");
    }

private:
    QString m_path;
    int m_saved = -1;
};

} // namespace

class TestLogging : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void priorities();
    void journalLines();
    void terminalLines();
    void levels();
    void journalDetected();
    void handlerWritesJournalLines();
    void handlerKeepsTerminalFormat();
    void handlerFiltersByLevel();
    void binaryLogsToTheJournal();

private:
    QTemporaryDir m_dir;
    QtMessageHandler m_testHandler = nullptr;
    int m_captures = 0;
    QString nextPath() { return m_dir.filePath(QStringLiteral("stderr-%1.txt").arg(++m_captures)); }
};

void TestLogging::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Qt Test's own handler, put back after each test that installs Podium's.
    m_testHandler = qInstallMessageHandler(nullptr);
    qInstallMessageHandler(m_testHandler);
}

void TestLogging::cleanup()
{
    qInstallMessageHandler(m_testHandler);
    QLoggingCategory::setFilterRules(QString());
    qunsetenv("JOURNAL_STREAM");
}

void TestLogging::priorities()
{
    QCOMPARE(logging::syslogPriority(QtDebugMsg), 7);
    QCOMPARE(logging::syslogPriority(QtInfoMsg), 6);
    QCOMPARE(logging::syslogPriority(QtWarningMsg), 4);
    QCOMPARE(logging::syslogPriority(QtCriticalMsg), 3);
    QCOMPARE(logging::syslogPriority(QtFatalMsg), 2);
}

void TestLogging::journalLines()
{
    const QMessageLogContext http(nullptr, 0, nullptr, "podium.http");
    QCOMPARE(logging::formatLines(logging::Sink::Journal, QtWarningMsg, http, QStringLiteral("slow client")),
             QByteArray("<4>podium.http: slow client\n"));
    QCOMPARE(logging::formatLines(logging::Sink::Journal, QtInfoMsg, http, QStringLiteral("two\nlines")),
             QByteArray("<6>podium.http: two\n<6>podium.http: lines\n"));
    const QMessageLogContext plain(nullptr, 0, nullptr, "default");
    QCOMPARE(logging::formatLines(logging::Sink::Journal, QtCriticalMsg, plain, QStringLiteral("broken")),
             QByteArray("<3>broken\n"));
}

void TestLogging::terminalLines()
{
    const QMessageLogContext http(nullptr, 0, nullptr, "podium.http");
    QCOMPARE(logging::formatLines(logging::Sink::Terminal, QtWarningMsg, http, QStringLiteral("slow client")),
             QByteArray("podium.http: slow client\n"));
}

void TestLogging::levels()
{
    QtMsgType type = QtFatalMsg;
    QVERIFY(logging::parseLevel(QStringLiteral("debug"), &type));
    QCOMPARE(type, QtDebugMsg);
    QVERIFY(logging::parseLevel(QStringLiteral("info"), &type));
    QCOMPARE(type, QtInfoMsg);
    QVERIFY(logging::parseLevel(QStringLiteral("warning"), &type));
    QCOMPARE(type, QtWarningMsg);
    QVERIFY(logging::parseLevel(QStringLiteral("error"), &type));
    QCOMPARE(type, QtCriticalMsg);
    QVERIFY(!logging::parseLevel(QStringLiteral("loud"), &type));
}

void TestLogging::journalDetected()
{
    CapturedStderr captured(nextPath());
    QCOMPARE(logging::detectSink(), logging::Sink::Terminal);
    qputenv("JOURNAL_STREAM", captured.journalStream());
    QCOMPARE(logging::detectSink(), logging::Sink::Journal);
    // Inherited by a process whose stderr goes elsewhere: not the journal.
    qputenv("JOURNAL_STREAM", captured.journalStream() + '1');
    QCOMPARE(logging::detectSink(), logging::Sink::Terminal);
    qputenv("JOURNAL_STREAM", "garbage");
    QCOMPARE(logging::detectSink(), logging::Sink::Terminal);
}

void TestLogging::handlerWritesJournalLines()
{
    CapturedStderr captured(nextPath());
    qputenv("JOURNAL_STREAM", captured.journalStream());
    logging::install(QtInfoMsg, logging::detectSink());
    qCInfo(lcHttp) << "listening";
    qCWarning(lcHub) << "slow consumer";
    qCCritical(lcStore) << "disk full";
    qCDebug(lcEngine) << "not at info";
    qInstallMessageHandler(m_testHandler);
    QCOMPARE(captured.text(),
             QByteArray("<6>podium.http: listening\n<4>podium.hub: slow consumer\n<3>podium.store: disk full\n"));
}

void TestLogging::handlerKeepsTerminalFormat()
{
    CapturedStderr captured(nextPath());
    logging::install(QtInfoMsg, logging::detectSink());
    qCInfo(lcHttp) << "listening";
    qCWarning(lcHub) << "slow consumer";
    qInstallMessageHandler(m_testHandler);
    QCOMPARE(captured.text(), QByteArray("podium.http: listening\npodium.hub: slow consumer\n"));
}

void TestLogging::handlerFiltersByLevel()
{
    CapturedStderr captured(nextPath());
    qputenv("JOURNAL_STREAM", captured.journalStream());
    logging::install(QtDebugMsg, logging::detectSink());
    qCDebug(lcEngine) << "debug shows";
    logging::install(QtWarningMsg, logging::detectSink());
    qCInfo(lcEngine) << "info hidden";
    qCWarning(lcEngine) << "warning shows";
    logging::install(QtCriticalMsg, logging::detectSink());
    qCWarning(lcEngine) << "warning hidden";
    qCCritical(lcEngine) << "error shows";
    logging::install(QtInfoMsg, logging::detectSink());
    qCDebug(lcEngine) << "debug hidden again";
    qCInfo(lcEngine) << "info shows";
    qInstallMessageHandler(m_testHandler);
    QCOMPARE(captured.text(),
             QByteArray("<7>podium.engine: debug shows\n<4>podium.engine: warning shows\n"
                        "<3>podium.engine: error shows\n<6>podium.engine: info shows\n"));
}

void TestLogging::binaryLogsToTheJournal()
{
    // The file stands for the journal's stream: stdout and stderr both go
    // there, and JOURNAL_STREAM names it.
    const QString journal = nextPath();
    QByteArray stream;
    {
        CapturedStderr probe(journal); // creates the file, to learn its inode
        stream = probe.journalStream();
    }
    const QString dataDir = m_dir.filePath(QStringLiteral("journal-data"));
    QProcess podium;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("JOURNAL_STREAM"), QString::fromLatin1(stream));
    env.insert(QStringLiteral("PODIUM_CONFIG"), QStringLiteral("/dev/null"));
    env.insert(QStringLiteral("PODIUM_LOG_LEVEL"), QStringLiteral("debug"));
    env.remove(QStringLiteral("PODIUM_ADMIN_TOKEN")); // a token is created, and must not be printed
    podium.setProcessEnvironment(env);
    podium.setProcessChannelMode(QProcess::MergedChannels);
    podium.setStandardOutputFile(journal, QIODevice::Append);
    podium.start(QStringLiteral(PODIUM_BINARY),
                 {QStringLiteral("--headless"), QStringLiteral("--address"), QStringLiteral("127.0.0.1"),
                  QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"), dataDir});
    QVERIFY(podium.waitForStarted());
    QFile log(journal);
    QVERIFY(log.open(QIODevice::ReadOnly));
    QByteArray text;
    QTRY_VERIFY_WITH_TIMEOUT((text += log.readAll()).contains("Podium listening"), 20000);
    podium.terminate();
    QVERIFY(podium.waitForFinished(20000));
    QCOMPARE(podium.exitCode(), 0);
    text += log.readAll();

    QVERIFY2(text.contains("<6>podium.engine: engine open: 0 people"), text.constData());
    QVERIFY2(text.contains("<6>podium.app: shutting down\n"), text.constData());
    QFile tokenFile(QDir(dataDir).filePath(QStringLiteral("admin-token")));
    QVERIFY(tokenFile.open(QIODevice::ReadOnly));
    const QByteArray token = tokenFile.readAll().trimmed();
    QVERIFY(token.size() >= 16);
    QVERIFY2(!text.contains(token), text.constData());
    QVERIFY2(text.contains("Admin token created, saved to " + QFile::encodeName(tokenFile.fileName())
                           + " (readable by its owner only)\n"),
             text.constData());
    // Every log line of Podium's own carries a priority; none a timestamp.
    for (const QByteArray &line : text.split('\n')) {
        if (line.contains("podium."))
            QVERIFY2(line.startsWith('<') && line.at(2) == '>' && line.indexOf("podium.") == 3, line.constData());
    }
}

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
