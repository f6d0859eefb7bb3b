// podium::DatabaseBackup through the shipped binary: `podium backup` taken
// while a server ingests is one moment of the database (its boards agree with
// its own event log, which is a prefix of the server's); one taken after the
// writes, restored into a new data directory, serves the same boards and
// /api/events; `podium restore` refuses while a server holds the database,
// and refuses files that are not Podium databases; PostgreSQL gets guidance.
#include "store/databasebackup.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using podium::DatabaseBackup;

namespace {

constexpr char kAdminToken[] = "backup-test-admin-token";

QProcessEnvironment podiumEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PODIUM_ADMIN_TOKEN"), QString::fromLatin1(kAdminToken));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    return env;
}

// `podium ARGS…` to its end: exit code, stdout and stderr. The event loop
// keeps running meanwhile, so requests in flight go on.
struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Run runPodium(const QStringList &args)
{
    QProcess p;
    p.setProcessEnvironment(podiumEnvironment());
    p.start(QStringLiteral(PODIUM_BINARY), args);
    Run r;
    if (!p.waitForStarted(10000))
        return r;
    if (!QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, 60000)) {
        p.kill();
        p.waitForFinished(5000);
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// One headless server on a data directory.
class Server
{
public:
    ~Server() { stop(); }

    bool start(const QString &dataDir, QString *error)
    {
        m_process.setProcessEnvironment(podiumEnvironment());
        m_process.start(
                QStringLiteral(PODIUM_BINARY),
                {"--headless", "--port", "0", "--address", "127.0.0.1", "--data-dir", dataDir, "--rate-limit", "0"});
        static const QRegularExpression listening(QStringLiteral(R"(\(port (\d+)\))"));
        QByteArray out;
        const bool up = QTest::qWaitFor(
                [&] {
                    out += m_process.readAllStandardOutput();
                    const auto m = listening.match(QString::fromUtf8(out));
                    if (m.hasMatch())
                        m_port = m.captured(1).toUShort();
                    return m_port != 0 || m_process.state() == QProcess::NotRunning;
                },
                30000);
        if (!up || m_port == 0) {
            *error = QString::fromUtf8(out + m_process.readAllStandardError());
            return false;
        }
        return true;
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(15000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }
    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(pathAndQuery));
    }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

QNetworkRequest request(const QUrl &url)
{
    QNetworkRequest r(url);
    r.setRawHeader("Authorization", QByteArray("Bearer ") + kAdminToken);
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return r;
}

// GET or POST to its end; the reply's JSON (an empty object on failure).
QJsonObject call(QNetworkAccessManager &nam, const QUrl &url, const QJsonObject *body = nullptr)
{
    std::unique_ptr<QNetworkReply> reply(body ? nam.post(request(url), QJsonDocument(*body).toJson())
                                              : nam.get(request(url)));
    if (!QTest::qWaitFor([&reply] { return reply->isFinished(); }, 30000))
        return {};
    return QJsonDocument::fromJson(reply->readAll()).object();
}

// Every event in the log, oldest first.
QJsonArray allEvents(QNetworkAccessManager &nam, const Server &server)
{
    QJsonArray all;
    qint64 since = 0;
    for (;;) {
        const QJsonArray page = call(nam, server.url(QStringLiteral("/api/events?since=%1&limit=1000").arg(since)))
                                        .value("events")
                                        .toArray();
        if (page.isEmpty())
            return all;
        for (const QJsonValue &e : page)
            all.append(e);
        since = page.last().toObject().value("seq").toInteger();
    }
}

QJsonObject boards(QNetworkAccessManager &nam, const Server &server)
{
    QJsonObject out;
    for (const QString &query :
         {QStringLiteral("period=all"), QStringLiteral("period=day"), QStringLiteral("period=all&scope=teams")})
        out.insert(query, call(nam, server.url(QStringLiteral("/api/leaderboards/revenue?") + query)));
    return out;
}

// Posts activities, several in flight, until stopped.
class Ingest
{
public:
    Ingest(const Server &server, QList<qint64> people)
        : m_server(server)
        , m_people(std::move(people))
    { }
    void start()
    {
        for (int i = 0; i < 8; ++i)
            launch();
    }
    void stop() { m_stopped = true; }
    bool idle() const { return m_inFlight == 0; }
    int acknowledged() const { return m_acknowledged; }
    int failed() const { return m_failed; }

private:
    void launch()
    {
        if (m_stopped)
            return;
        const int n = m_sent++;
        const QJsonObject body {{"person", m_people.at(n % m_people.size())},
                                {"metric", "revenue"},
                                {"delta", 100 + n % 37},
                                {"key", QStringLiteral("backup-%1").arg(n)}};
        QNetworkReply *reply
                = m_nam.post(request(m_server.url(QStringLiteral("/api/activities"))), QJsonDocument(body).toJson());
        ++m_inFlight;
        QObject::connect(reply, &QNetworkReply::finished, reply, [this, reply] {
            --m_inFlight;
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 201)
                ++m_acknowledged;
            else
                ++m_failed;
            reply->deleteLater();
            launch();
        });
    }

    const Server &m_server;
    QList<qint64> m_people;
    QNetworkAccessManager m_nam;
    int m_sent = 0;
    int m_inFlight = 0;
    int m_acknowledged = 0;
    int m_failed = 0;
    bool m_stopped = false;
};

} // namespace

class TestDatabaseBackup : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void backupWhileIngestingRestoresElsewhere();
    void restoreRefusedWhileServerRuns();
    void restoreRefusesWhatIsNotPodium();
    void postgresGetsGuidance();
    void usageErrors();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestDatabaseBackup::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestDatabaseBackup::backupWhileIngestingRestoresElsewhere()
{
    Server server;
    QString error;
    QVERIFY2(server.start(path("live"), &error), qPrintable(error));
    QNetworkAccessManager nam;
    QList<qint64> people;
    for (const char *name : {"Ada Lovelace", "Grace Hopper", "Alan Turing"}) {
        const QJsonObject person {{"name", name}, {"team", "North"}};
        people << call(nam, server.url("/api/people"), &person).value("id").toInteger();
        QVERIFY(people.last() > 0);
    }

    Ingest ingest(server, people);
    ingest.start();
    QTRY_VERIFY_WITH_TIMEOUT(ingest.acknowledged() >= 200, 30000);
    const int before = ingest.acknowledged();
    const Run during = runPodium({"backup", path("during.db"), "--data-dir", path("live")});
    QCOMPARE(during.code, 0);
    QVERIFY2(during.out.startsWith("Backed up "), during.out + during.err);
    // Writes went on while it ran, and after.
    QTRY_VERIFY_WITH_TIMEOUT(ingest.acknowledged() >= before + 200, 30000);
    ingest.stop();
    QTRY_VERIFY_WITH_TIMEOUT(ingest.idle(), 30000);
    QCOMPARE(ingest.failed(), 0);

    const Run after = runPodium({"backup", path("after.db"), "--data-dir", path("live")});
    QCOMPARE(after.code, 0);
    const QJsonArray liveEvents = allEvents(nam, server);
    const QJsonObject liveBoards = boards(nam, server);
    QVERIFY(!liveEvents.isEmpty());
    QVERIFY(!QFileInfo::exists(path("after.db.partial")));
    QCOMPARE(QFileInfo(path("after.db")).permissions() & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());

    // The copy taken during the writes: a prefix of the log, and boards that
    // agree with it (each person's all-time total is the one its last
    // activity:new in the copy reports).
    {
        const Run restored = runPodium({"restore", path("during.db"), "--data-dir", path("during")});
        QCOMPARE(restored.code, 0);
        QVERIFY2(restored.out.startsWith("Restored "), restored.out + restored.err);
        Server copy;
        QVERIFY2(copy.start(path("during"), &error), qPrintable(error));
        const QJsonArray events = allEvents(nam, copy);
        QVERIFY(events.size() > 0);
        QVERIFY2(events.size() < liveEvents.size(), "the copy holds writes made after it was taken");
        for (qsizetype i = 0; i < events.size(); ++i)
            QCOMPARE(events.at(i), liveEvents.at(i));
        QHash<qint64, double> lastTotal;
        for (const QJsonValue &e : events) {
            const QJsonObject event = e.toObject();
            if (event.value("event") == QLatin1String("activity:new")) {
                const QJsonObject data = event.value("data").toObject();
                lastTotal[data.value("person").toInteger()] = data.value("totals").toObject().value("all").toDouble();
            }
        }
        const QJsonArray entries
                = call(nam, copy.url("/api/leaderboards/revenue?period=all")).value("entries").toArray();
        QCOMPARE(entries.size(), lastTotal.size());
        for (const QJsonValue &entry : entries)
            QCOMPARE(entry.toObject().value("value").toDouble(),
                     lastTotal.value(entry.toObject().value("person").toInteger()));
    }

    // The copy taken after them: the same boards and the same log.
    const Run restored = runPodium({"restore", path("after.db"), "--data-dir", path("after")});
    QCOMPARE(restored.code, 0);
    Server copy;
    QVERIFY2(copy.start(path("after"), &error), qPrintable(error));
    QCOMPARE(allEvents(nam, copy), liveEvents);
    QCOMPARE(boards(nam, copy), liveBoards);
}

void TestDatabaseBackup::restoreRefusedWhileServerRuns()
{
    QString error;
    {
        Server first;
        QVERIFY2(first.start(path("data"), &error), qPrintable(error));
    }
    QCOMPARE(runPodium({"backup", path("copy.db"), "--data-dir", path("data")}).code, 0);

    Server server;
    QVERIFY2(server.start(path("data"), &error), qPrintable(error));
    const QByteArray db = QFile::encodeName(path("data/podium.db"));
    const Run refused = runPodium({"restore", path("copy.db"), "--data-dir", path("data")});
    QCOMPARE(refused.code, 1);
    QCOMPARE(refused.err, "podium: restore refused: a Podium server is using '" + db + "'; stop it first\n");
    QVERIFY(!QFileInfo::exists(path("data/podium.db.before-restore")));
    // A backup is fine meanwhile, and so is the restore once it has stopped.
    QCOMPARE(runPodium({"backup", path("copy.db"), "--data-dir", path("data")}).code, 0);
    server.stop();
    const Run restored = runPodium({"restore", path("copy.db"), "--data-dir", path("data")});
    QCOMPARE(restored.code, 0);
    QVERIFY(restored.out.contains("The database it replaced is kept as " + db + ".before-restore\n"));
    QVERIFY(QFileInfo::exists(path("data/podium.db.before-restore")));
    QVERIFY(!QFileInfo::exists(path("data/podium.db-wal")));
    QVERIFY2(server.start(path("data"), &error), qPrintable(error));
}

void TestDatabaseBackup::restoreRefusesWhatIsNotPodium()
{
    QFile text(path("notes.txt"));
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.write("not a database at all\n");
    text.close();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
        db.setDatabaseName(path("other.db"));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec("CREATE TABLE recipes (name TEXT)"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("other"));

    const Run notDb = runPodium({"restore", path("notes.txt"), "--data-dir", path("data")});
    QCOMPARE(notDb.code, 1);
    QCOMPARE(notDb.err,
             "podium: restore refused: '" + QFile::encodeName(path("notes.txt"))
                     + "' is not an intact SQLite database: file is not a database\n");
    const Run other = runPodium({"restore", path("other.db"), "--data-dir", path("data")});
    QCOMPARE(other.code, 1);
    QCOMPARE(other.err,
             "podium: restore refused: '" + QFile::encodeName(path("other.db"))
                     + "' is not a Podium database (it has no schema_version table)\n");
    const Run missing = runPodium({"restore", path("absent.db"), "--data-dir", path("data")});
    QCOMPARE(missing.code, 1);
    QVERIFY(!QFileInfo::exists(path("data/podium.db")));

    // A Podium database from a newer release is refused with the start's message.
    QString error;
    {
        Server server;
        QVERIFY2(server.start(path("source"), &error), qPrintable(error));
    }
    QCOMPARE(runPodium({"backup", path("newer.db"), "--data-dir", path("source")}).code, 0);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
        db.setDatabaseName(path("newer.db"));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(podium::Store::latestSchemaVersion() + 1)));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("newer"));
    DatabaseBackup::Summary summary;
    QVERIFY(!DatabaseBackup::validate(path("newer.db"), &summary, &error));
    QCOMPARE(summary.schemaVersion, podium::Store::latestSchemaVersion() + 1);
    const Run newer = runPodium({"restore", path("newer.db"), "--data-dir", path("data")});
    QCOMPARE(newer.code, 3);
    QCOMPARE(newer.err,
             QStringLiteral("podium: the database at %1 has schema version %2, newer than this Podium (%3); "
                            "upgrade Podium\n")
                     .arg(path("newer.db"))
                     .arg(podium::Store::latestSchemaVersion() + 1)
                     .arg(podium::Store::latestSchemaVersion())
                     .toUtf8());
    QVERIFY(!QFileInfo::exists(path("data/podium.db")));
}

void TestDatabaseBackup::postgresGetsGuidance()
{
    for (const char *command : {"backup", "restore"}) {
        const Run r
                = runPodium({command, path("x.dump"), "--database", "postgres://podium:secret@db.example:5432/podium"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("pg_dump --format=custom --file=FILE 'postgres://podium@db.example:5432/podium'"),
                 r.err);
        QVERIFY2(r.err.contains("pg_restore --clean --if-exists"), r.err);
        QVERIFY2(!r.err.contains("secret"), "the password is shown");
        QVERIFY(!QFileInfo::exists(path("x.dump")));
    }
}

void TestDatabaseBackup::usageErrors()
{
    const Run noFile = runPodium({"backup"});
    QCOMPARE(noFile.code, 2);
    QCOMPARE(noFile.err, QByteArray("podium: usage: podium backup FILE [--data-dir DIR | --database URL]\n"));
    const Run unknown = runPodium({"bakcup", path("x.db")});
    QCOMPARE(unknown.code, 2);
    QCOMPARE(unknown.err,
             QByteArray("podium: unknown command 'bakcup' (commands: backup FILE, restore FILE; see podium --help)\n"));
    // FILE the database itself: refused, the database untouched.
    QString error;
    {
        Server server;
        QVERIFY2(server.start(path("data"), &error), qPrintable(error));
    }
    const QByteArray db = QFile::encodeName(path("data/podium.db"));
    const Run itself = runPodium({"backup", path("data/podium.db"), "--data-dir", path("data")});
    QCOMPARE(itself.code, 1);
    QCOMPARE(itself.err, "podium: backup failed: '" + db + "' is the database itself; back it up to another file\n");
    const Run back = runPodium({"restore", path("data/../data/podium.db"), "--data-dir", path("data")});
    QCOMPARE(back.code, 1);
    QCOMPARE(back.err, "podium: restore refused: '" + db + "' is the database itself\n");
    DatabaseBackup::Summary summary;
    QVERIFY2(DatabaseBackup::validate(path("data/podium.db"), &summary, &error), qPrintable(error));
    QCOMPARE(summary.schemaVersion, podium::Store::latestSchemaVersion());

    const Run nothing = runPodium({"backup", path("x.db"), "--data-dir", path("empty")});
    QCOMPARE(nothing.code, 1);
    QCOMPARE(nothing.err,
             "podium: backup failed: there is no database at '" + QFile::encodeName(path("empty/podium.db")) + "'\n");
}

QTEST_GUILESS_MAIN(TestDatabaseBackup)

#include "tst_databasebackup.moc"
