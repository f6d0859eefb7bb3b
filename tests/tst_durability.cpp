// The kill -9 proof: every write Podium acknowledged survives the process
// being killed without warning, and idempotency keys keep retries of the
// unacknowledged ones from counting twice.
//
// Each round starts a real `podium` child on a fresh data dir, creates a few
// people, drives ingest from several keep-alive connections (~16 requests in
// flight), SIGKILLs the child while requests are in flight, restarts it on the
// same data dir and checks, through the REST API only:
//   - every acknowledged activity is there with its delta;
//   - activities that were not acknowledged may have landed, but only ones we
//     sent, each with its own delta;
//   - each person's all-time revenue equals the sum of the activities the
//     restarted server reports (so ≥ the acknowledged sum);
//   - re-posting every unacknowledged key (and some acknowledged ones) leaves
//     each total at exactly the sum of all unique keys' deltas.

#include <QtTest>

#include <QEventLoop>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>
#include <functional>
#include <memory>
#include <vector>

namespace {

const QByteArray kAdminToken = "durability-admin-token-5f1c9e0a7b3d4c21";
constexpr int kPeople = 4;
constexpr int kInFlight = 16;
constexpr int kConnections = 4; // one QNetworkAccessManager each, 4 requests in flight on each

struct HttpResult
{
    int status = 0; // 0: no HTTP response (connection refused, reset, timed out)
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QJsonObject body;
    QByteArray raw;
};

QNetworkRequest makeRequest(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + kAdminToken);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    // Errors are answers here: never follow or retry anything behind our back.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(30000);
    return request;
}

QNetworkReply *send(QNetworkAccessManager &nam, const QByteArray &verb, const QUrl &url,
                    const QJsonObject &body = {})
{
    const QByteArray payload = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    return nam.sendCustomRequest(makeRequest(url), verb, payload);
}

HttpResult collect(QNetworkReply *reply)
{
    HttpResult r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.error = reply->error();
    r.raw = reply->readAll();
    r.body = QJsonDocument::fromJson(r.raw).object();
    return r;
}

// Runs requests with a fixed number in flight spread over several connections,
// calling `done` for each answer. `next` supplies the requests (verb, path,
// body) until it returns false or stop() is called.
class RequestPool
{
public:
    struct Job
    {
        QByteArray verb;
        QString path;
        QJsonObject body;
        int tag = 0;
    };
    using Next = std::function<bool(Job *)>;
    using Done = std::function<void(const Job &, const HttpResult &)>;

    RequestPool(const QUrl &base, int connections, int inFlight, Next next, Done done)
        : m_base(base), m_inFlightTarget(inFlight), m_next(std::move(next)), m_done(std::move(done))
    {
        for (int i = 0; i < connections; ++i) {
            auto nam = std::make_unique<QNetworkAccessManager>();
            nam->setAutoDeleteReplies(false);
            m_nams.push_back(std::move(nam));
        }
    }

    void start()
    {
        while (!m_stopped && m_inFlight < m_inFlightTarget && launch()) { }
    }
    void stop() { m_stopped = true; }
    int inFlight() const { return m_inFlight; }
    bool drained() const { return m_inFlight == 0 && (m_stopped || m_exhausted); }

    // Runs every job `next` yields to completion.
    bool runToEnd(int timeoutMs)
    {
        start();
        QElapsedTimer t;
        t.start();
        while (!drained() && t.elapsed() < timeoutMs)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        return drained();
    }

private:
    bool launch()
    {
        Job job;
        if (!m_next(&job)) {
            m_exhausted = true;
            return false;
        }
        QUrl url = m_base;
        const int q = job.path.indexOf('?');
        url.setPath(q < 0 ? job.path : job.path.left(q));
        if (q >= 0)
            url.setQuery(job.path.mid(q + 1));
        QNetworkAccessManager &nam = *m_nams[m_launched++ % m_nams.size()];
        QNetworkReply *reply = send(nam, job.verb, url, job.body);
        ++m_inFlight;
        QObject::connect(reply, &QNetworkReply::finished, reply, [this, reply, job] {
            --m_inFlight;
            m_done(job, collect(reply));
            reply->deleteLater();
            if (!m_stopped && !m_exhausted)
                start();
        });
        return true;
    }

    QUrl m_base;
    int m_inFlightTarget;
    Next m_next;
    Done m_done;
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_nams;
    int m_inFlight = 0;
    quint64 m_launched = 0;
    bool m_stopped = false;
    bool m_exhausted = false;
};

// One `podium` child process on a data directory.
class PodiumProcess
{
public:
    ~PodiumProcess() { stop(); }

    bool start(const QString &dataDir, QString *error)
    {
        m_stdout.clear();
        m_stderr.clear();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("PODIUM_ADMIN_TOKEN", QString::fromLatin1(kAdminToken));
        env.insert("QT_QPA_PLATFORM", "offscreen");
        m_process.setProcessEnvironment(env);
        m_process.setProgram(QStringLiteral(PODIUM_BINARY));
        m_process.setArguments({"--headless", "--port", "0", "--address", "127.0.0.1", "--data-dir", dataDir,
                                "--rate-limit", "0"});
        // Keep reading both pipes while the child runs, so a chatty log can
        // never fill a pipe and stall the server under test.
        QObject::disconnect(&m_process, nullptr, nullptr, nullptr);
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process,
                         [this] { keepTail(&m_stdout, m_process.readAllStandardOutput()); });
        QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
                         [this] { keepTail(&m_stderr, m_process.readAllStandardError()); });
        m_process.start();
        if (!m_process.waitForStarted(10000)) {
            *error = "podium did not start: " + m_process.errorString();
            return false;
        }
        static const QRegularExpression listening(
                R"(Podium listening on http://(\S+):(\d+) \(port (\d+)\))");
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 30000) {
            const QRegularExpressionMatch m = listening.match(QString::fromUtf8(m_stdout));
            if (m.hasMatch()) {
                m_port = m.captured(3).toUShort();
                if (m_port == 0 || m.captured(2) != m.captured(3)) {
                    *error = "podium printed an inconsistent port: " + m.captured(0);
                    return false;
                }
                return true;
            }
            if (m_process.state() == QProcess::NotRunning) {
                *error = "podium exited before listening:\n" + log();
                return false;
            }
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        }
        *error = "podium did not print its port within 30 s:\n" + log();
        return false;
    }

    // SIGKILL: no destructor, no flush, no goodbye.
    void kill()
    {
        m_process.kill();
        m_process.waitForFinished(10000);
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    QUrl base() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }
    QProcess &process() { return m_process; }
    QString log() const
    {
        return QString::fromUtf8("--- stdout ---\n" + m_stdout + "\n--- stderr ---\n" + m_stderr);
    }

private:
    static void keepTail(QByteArray *buffer, const QByteArray &chunk)
    {
        buffer->append(chunk);
        constexpr qsizetype keep = 64 * 1024;
        if (buffer->size() > keep)
            buffer->remove(0, buffer->size() - keep);
    }

    QProcess m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
    quint16 m_port = 0;
};

// One activity we sent, and what came of it.
struct Sent
{
    qint64 person = 0;
    qint64 delta = 0;
    bool acknowledged = false;
    qint64 id = 0; // from the acknowledgement
};

} // namespace

class TestDurability : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killDuringIngest_data();
    void killDuringIngest();

private:
    HttpResult call(const QUrl &base, const QByteArray &verb, const QString &path, const QJsonObject &body = {});
    QHash<qint64, qint64> revenueTotals(const QUrl &base, bool *ok);
};

void TestDurability::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(PODIUM_BINARY)).isExecutable(), PODIUM_BINARY " is not built");
}

HttpResult TestDurability::call(const QUrl &base, const QByteArray &verb, const QString &path,
                                const QJsonObject &body)
{
    // A fresh manager per call: no connection is shared with the load.
    QNetworkAccessManager nam;
    QUrl url = base;
    const int q = path.indexOf('?');
    url.setPath(q < 0 ? path : path.left(q));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    QNetworkReply *reply = send(nam, verb, url, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    if (!reply->isFinished())
        reply->abort();
    HttpResult r = collect(reply);
    delete reply;
    return r;
}

// person id -> all-time revenue, from the leaderboard every screen shows.
QHash<qint64, qint64> TestDurability::revenueTotals(const QUrl &base, bool *ok)
{
    *ok = false;
    QHash<qint64, qint64> totals;
    const HttpResult r = call(base, "GET", "/api/leaderboards/revenue?period=all&limit=100");
    if (r.status != 200) {
        qWarning() << "leaderboard answered" << r.status << r.raw;
        return totals;
    }
    const QJsonArray entries = r.body.value("entries").toArray();
    for (const QJsonValue &v : entries) {
        const QJsonObject e = v.toObject();
        const qint64 person = e.value("person").isObject() ? e.value("person").toObject().value("id").toInteger()
                                                           : e.value("person").toInteger();
        totals.insert(person, qRound64(e.value("value").toDouble()));
    }
    *ok = true;
    return totals;
}

void TestDurability::killDuringIngest_data()
{
    // The kill lands after this many acknowledged writes: early, mid-way and
    // late in the load, however fast the machine is today.
    QTest::addColumn<int>("acknowledgedBeforeKill");
    QTest::newRow("kill after 400 acknowledged") << 400;
    QTest::newRow("kill after 1100 acknowledged") << 1100;
    QTest::newRow("kill after 1800 acknowledged") << 1800;
}

void TestDurability::killDuringIngest()
{
    QFETCH(int, acknowledgedBeforeKill);
    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());

    auto podium = std::make_unique<PodiumProcess>();
    QString error;
    QVERIFY2(podium->start(dataDir.path(), &error), qPrintable(error));
    const QUrl firstBase = podium->base();

    // People to credit.
    QList<qint64> people;
    for (int i = 0; i < kPeople; ++i) {
        const HttpResult r = call(firstBase, "POST", "/api/people",
                                  {{"name", QStringLiteral("Rep %1").arg(i + 1)},
                                   {"team", i % 2 ? "Durable North" : "Durable South"}});
        QVERIFY2(r.status == 201, r.raw.constData());
        QVERIFY2(r.body.value("id").isDouble(), r.raw.constData());
        people.append(r.body.value("id").toInteger());
    }

    // Ingest load: unique keys k-N and unique deltas N (whole numbers, so
    // every sum below is exact in a double).
    QHash<QString, Sent> sent;
    int serial = 0;
    int acknowledgedSoFar = 0;
    int unexpected = 0;
    QByteArray firstUnexpected;
    RequestPool load(
            firstBase, kConnections, kInFlight,
            [&](RequestPool::Job *job) {
                ++serial;
                const QString key = QStringLiteral("k-%1").arg(serial);
                Sent s;
                s.person = people.at(serial % people.size());
                s.delta = serial;
                sent.insert(key, s);
                job->verb = "POST";
                job->path = "/api/activities";
                job->body = {{"person", s.person}, {"metric", "revenue"}, {"delta", s.delta}, {"key", key}};
                return true;
            },
            [&](const RequestPool::Job &job, const HttpResult &r) {
                const QString key = job.body.value("key").toString();
                const bool success = r.status >= 200 && r.status < 300;
                if (success && r.error == QNetworkReply::NoError) {
                    // Only a complete answer counts as an acknowledgement; one
                    // cut short by the kill leaves the activity "unknown".
                    Sent &s = sent[key];
                    s.acknowledged = true;
                    ++acknowledgedSoFar;
                    s.id = r.body.value("id").toInteger();
                    if (s.id <= 0 && !unexpected++)
                        firstUnexpected = "2xx without an id: " + r.raw;
                } else if (r.status != 0 && !success && !unexpected++) {
                    // Any HTTP answer but 2xx means the server refused a valid write.
                    firstUnexpected = QByteArray::number(r.status) + " " + r.raw;
                }
            });
    load.start();
    QVERIFY2(QTest::qWaitFor([&] { return acknowledgedSoFar >= acknowledgedBeforeKill || unexpected > 0; }, 60000),
             qPrintable(QStringLiteral("%1 acknowledged").arg(acknowledgedSoFar)));
    const int inFlightAtKill = load.inFlight();
    podium->kill();
    load.stop();
    QVERIFY2(load.runToEnd(60000), "requests in flight at the kill did not finish");
    QCOMPARE(podium->process().exitStatus(), QProcess::CrashExit);
    QVERIFY2(unexpected == 0, firstUnexpected.constData());
    QVERIFY2(inFlightAtKill > 0, "the kill must land while requests are in flight");

    QHash<qint64, Sent> acknowledgedById;
    QStringList unacknowledged;
    for (auto it = sent.cbegin(); it != sent.cend(); ++it) {
        if (it->acknowledged)
            acknowledgedById.insert(it->id, *it);
        else
            unacknowledged.append(it.key());
    }
    const int acknowledged = int(sent.size()) - int(unacknowledged.size());
    QVERIFY2(acknowledged > 0, "no activity was acknowledged before the kill");
    QCOMPARE(acknowledgedById.size(), acknowledged); // ids are unique
    qInfo("%d activities sent, %d acknowledged, %d in flight at the kill", int(sent.size()), acknowledged,
          inFlightAtKill);

    // Restart on the same data dir.
    podium = std::make_unique<PodiumProcess>();
    QVERIFY2(podium->start(dataDir.path(), &error), qPrintable(error));
    const QUrl base = podium->base();

    // Every acknowledged activity is there, with its delta, key and person.
    qint64 maxId = 0;
    for (auto it = acknowledgedById.cbegin(); it != acknowledgedById.cend(); ++it)
        maxId = qMax(maxId, it.key());
    // The server reports activities by id; probe past the highest
    // acknowledged id far enough to find any unacknowledged one that landed.
    const qint64 probeTo = maxId + unacknowledged.size() + 64;
    QHash<QString, qint64> landedByKey; // key -> id, everything the restarted server reports
    QHash<qint64, qint64> landedSum;    // person -> sum of reported deltas
    QStringList problems;
    qint64 nextProbe = 1;
    RequestPool probe(
            base, kConnections, kInFlight,
            [&](RequestPool::Job *job) {
                if (nextProbe > probeTo)
                    return false;
                job->verb = "GET";
                job->path = QStringLiteral("/api/activities/%1").arg(nextProbe);
                job->tag = int(nextProbe);
                ++nextProbe;
                return true;
            },
            [&](const RequestPool::Job &job, const HttpResult &r) {
                const qint64 id = job.tag;
                const bool wasAcknowledged = acknowledgedById.contains(id);
                if (r.status == 404) {
                    if (wasAcknowledged)
                        problems << QStringLiteral("acknowledged activity %1 is gone").arg(id);
                    return;
                }
                if (r.status != 200) {
                    problems << QStringLiteral("GET activity %1 answered %2: %3")
                                        .arg(id)
                                        .arg(r.status)
                                        .arg(QString::fromUtf8(r.raw));
                    return;
                }
                const QString key = r.body.value("key").toString();
                const qint64 person = r.body.value("person").toInteger();
                const double delta = r.body.value("delta").toDouble();
                if (!sent.contains(key)) {
                    problems << QStringLiteral("activity %1 has a key we never sent: %2")
                                        .arg(id)
                                        .arg(QString::fromUtf8(r.raw));
                    return;
                }
                const Sent &s = sent[key];
                if (wasAcknowledged && s.id != id)
                    problems << QStringLiteral("activity %1 carries key %2, acknowledged as id %3").arg(id).arg(key).arg(s.id);
                if (delta != double(s.delta) || person != s.person)
                    problems << QStringLiteral("activity %1 (%2): person %3 delta %4, sent person %5 delta %6")
                                        .arg(id)
                                        .arg(key)
                                        .arg(person)
                                        .arg(delta)
                                        .arg(s.person)
                                        .arg(s.delta);
                if (landedByKey.contains(key))
                    problems << QStringLiteral("key %1 landed twice (ids %2 and %3)").arg(key).arg(landedByKey[key]).arg(id);
                landedByKey.insert(key, id);
                landedSum[s.person] += s.delta;
            });
    QVERIFY2(probe.runToEnd(120000), "reading the activities back did not finish");
    QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 20).join('\n')));
    int acknowledgedFound = 0;
    for (auto it = sent.cbegin(); it != sent.cend(); ++it)
        if (it->acknowledged && landedByKey.value(it.key()) == it->id)
            ++acknowledgedFound;
    QCOMPARE(acknowledgedFound, acknowledged);
    qInfo("after the restart: %d acknowledged found, %d unacknowledged landed", acknowledgedFound,
          int(landedByKey.size()) - acknowledgedFound);

    // Totals: what the leaderboard says equals what the activities add up to,
    // and covers at least everything acknowledged.
    QHash<qint64, qint64> acknowledgedSum;
    QHash<qint64, qint64> allSum;
    for (auto it = sent.cbegin(); it != sent.cend(); ++it) {
        if (it->acknowledged)
            acknowledgedSum[it->person] += it->delta;
        allSum[it->person] += it->delta;
    }
    bool ok = false;
    QHash<qint64, qint64> totals = revenueTotals(base, &ok);
    QVERIFY(ok);
    for (qint64 person : std::as_const(people)) {
        QCOMPARE(totals.value(person), landedSum.value(person));
        QVERIFY2(totals.value(person) >= acknowledgedSum.value(person),
                 qPrintable(QStringLiteral("person %1: total %2 < acknowledged %3")
                                    .arg(person)
                                    .arg(totals.value(person))
                                    .arg(acknowledgedSum.value(person))));
    }

    // Retry every unacknowledged key, and the first acknowledged ones: each
    // key counts once, and a key that had landed answers with its first id.
    QStringList retry = unacknowledged;
    int acknowledgedRetries = 0;
    for (int n = 1; n <= serial && acknowledgedRetries < 32; ++n) {
        const QString key = QStringLiteral("k-%1").arg(n);
        if (sent[key].acknowledged) {
            retry.append(key);
            ++acknowledgedRetries;
        }
    }
    int nextRetry = 0;
    RequestPool retries(
            base, kConnections, kInFlight,
            [&](RequestPool::Job *job) {
                if (nextRetry >= retry.size())
                    return false;
                const QString key = retry.at(nextRetry++);
                const Sent &s = sent[key];
                job->verb = "POST";
                job->path = "/api/activities";
                job->body = {{"person", s.person}, {"metric", "revenue"}, {"delta", s.delta}, {"key", key}};
                return true;
            },
            [&](const RequestPool::Job &job, const HttpResult &r) {
                const QString key = job.body.value("key").toString();
                if (r.status < 200 || r.status >= 300) {
                    problems << QStringLiteral("re-posting %1 answered %2: %3")
                                        .arg(key)
                                        .arg(r.status)
                                        .arg(QString::fromUtf8(r.raw));
                    return;
                }
                const qint64 id = r.body.value("id").toInteger();
                if (landedByKey.contains(key) && landedByKey[key] != id)
                    problems << QStringLiteral("re-posting %1 answered id %2, it landed as %3")
                                        .arg(key)
                                        .arg(id)
                                        .arg(landedByKey[key]);
            });
    QVERIFY2(retries.runToEnd(120000), "re-posting did not finish");
    QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 20).join('\n')));

    totals = revenueTotals(base, &ok);
    QVERIFY(ok);
    for (qint64 person : std::as_const(people))
        QCOMPARE(totals.value(person), allSum.value(person));

    podium->stop();
    QCOMPARE(podium->process().exitStatus(), QProcess::NormalExit);
}

QTEST_MAIN(TestDurability)
#include "tst_durability.moc"
