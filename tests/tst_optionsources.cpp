// Options from three sources: the command line over the environment
// (PODIUM_<NAME>) over the config file over the defaults, for a value, a
// flag and a list option; config file lines refused with the file, the line
// and the key; and the shipped binary started with a file, a variable and a
// flag, listening where the winner says.
#include "options.h"
#include "optionsources.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace podium;

namespace {

// A port nothing listens on right now.
quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace

class TestOptionSources : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void valuePrecedence_data();
    void valuePrecedence();
    void flagPrecedence_data();
    void flagPrecedence();
    void listPrecedence_data();
    void listPrecedence();
    void whichFile();
    void badLines_data();
    void badLines();
    void badValuesNameTheirSource();
    void metricsTokenFromTheEnvironment();
    void binaryTakesEachLayer();

private:
    // Writes `text` to a config file and returns its path.
    QString writeConfig(const QByteArray &text);
    // parseOptions with `env` only (no system file), `file` as PODIUM_CONFIG when given.
    bool parse(const QStringList &args, QProcessEnvironment env, const QByteArray &file, Options *options,
               QString *error);

    QTemporaryDir m_dir;
    int m_files = 0;
};

QString TestOptionSources::writeConfig(const QByteArray &text)
{
    const QString path = m_dir.filePath(QStringLiteral("podium-%1.conf").arg(++m_files));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        return QString();
    return path;
}

bool TestOptionSources::parse(const QStringList &args, QProcessEnvironment env, const QByteArray &file,
                              Options *options, QString *error)
{
    if (!file.isNull())
        env.insert(QStringLiteral("PODIUM_CONFIG"), writeConfig(file));
    return parseOptions(QStringList {QStringLiteral("podium")} + args, env,
                        m_dir.filePath(QStringLiteral("no-such-system.conf")), options, error);
}

void TestOptionSources::valuePrecedence_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("env");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("port");
    QTest::newRow("default") << QByteArray() << QString() << QStringList() << 5000;
    QTest::newRow("file") << QByteArray("port = 5001\n") << QString() << QStringList() << 5001;
    QTest::newRow("env over file") << QByteArray("port = 5001\n") << "5002" << QStringList() << 5002;
    QTest::newRow("command line over env and file")
            << QByteArray("port = 5001\n") << "5002" << QStringList {"--port", "5003"} << 5003;
    QTest::newRow("command line over file")
            << QByteArray("port=5001") << QString() << QStringList {"--port", "5003"} << 5003;
    QTest::newRow("empty variable is unset") << QByteArray("port = 5001\n") << "" << QStringList() << 5001;
}

void TestOptionSources::valuePrecedence()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, env);
    QFETCH(QStringList, args);
    QFETCH(int, port);
    QProcessEnvironment environment;
    if (!env.isNull())
        environment.insert(QStringLiteral("PODIUM_PORT"), env);
    Options options;
    QString error;
    QVERIFY2(parse(args, environment, file, &options, &error), qPrintable(error));
    QCOMPARE(int(options.server.port), port);
}

void TestOptionSources::flagPrecedence_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("env");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("headless");
    QTest::newRow("default") << QByteArray() << QString() << QStringList() << false;
    QTest::newRow("file true") << QByteArray("headless = true\n") << QString() << QStringList() << true;
    QTest::newRow("file false") << QByteArray("headless = false\n") << QString() << QStringList() << false;
    QTest::newRow("env false over file true") << QByteArray("headless = true\n") << "false" << QStringList() << false;
    QTest::newRow("env true over file false") << QByteArray("headless = false\n") << "true" << QStringList() << true;
    QTest::newRow("command line over env false") << QByteArray() << "false" << QStringList {"--headless"} << true;
}

void TestOptionSources::flagPrecedence()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, env);
    QFETCH(QStringList, args);
    QFETCH(bool, headless);
    QProcessEnvironment environment;
    if (!env.isNull())
        environment.insert(QStringLiteral("PODIUM_HEADLESS"), env);
    Options options;
    QString error;
    QVERIFY2(parse(args, environment, file, &options, &error), qPrintable(error));
    QCOMPARE(options.headless, headless);
}

void TestOptionSources::listPrecedence_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("env");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("origins");
    QTest::newRow("default") << QByteArray() << QString() << QStringList() << QStringList();
    QTest::newRow("file repeats") << QByteArray(
            "allowed-origin = https://a.example\n# a comment\n\nallowed-origin = https://b.example\n")
                                  << QString() << QStringList()
                                  << QStringList {"https://a.example", "https://b.example"};
    QTest::newRow("env replaces file") << QByteArray("allowed-origin = https://a.example\n")
                                       << "https://c.example, https://d.example" << QStringList()
                                       << QStringList {"https://c.example", "https://d.example"};
    QTest::newRow("command line replaces env and file")
            << QByteArray("allowed-origin = https://a.example\n") << "https://c.example"
            << QStringList {"--allowed-origin", "https://e.example", "--allowed-origin", "https://f.example"}
            << QStringList {"https://e.example", "https://f.example"};
}

void TestOptionSources::listPrecedence()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, env);
    QFETCH(QStringList, args);
    QFETCH(QStringList, origins);
    QProcessEnvironment environment;
    if (!env.isNull())
        environment.insert(QStringLiteral("PODIUM_ALLOWED_ORIGIN"), env);
    Options options;
    QString error;
    QVERIFY2(parse(args, environment, file, &options, &error), qPrintable(error));
    QCOMPARE(options.server.hub.allowedOrigins, origins);
}

void TestOptionSources::whichFile()
{
    const QString system = writeConfig("port = 6001\n");
    const QString named = writeConfig("port = 6002\n");
    const QString given = writeConfig("port = 6003\n");
    QProcessEnvironment env;
    QCOMPARE(OptionSources::configFile(QString(), env, system), system);
    QCOMPARE(OptionSources::configFile(QString(), env, system + QStringLiteral(".missing")), QString());
    env.insert(QStringLiteral("PODIUM_CONFIG"), named);
    QCOMPARE(OptionSources::configFile(QString(), env, system), named);
    QCOMPARE(OptionSources::configFile(given, env, system), given);

    Options options;
    QString error;
    QVERIFY2(parseOptions({"podium", "--config", given}, env, system, &options, &error), qPrintable(error));
    QCOMPARE(options.configFile, given);
    QCOMPARE(int(options.server.port), 6003);
    QVERIFY2(parseOptions({"podium"}, QProcessEnvironment(), system, &options, &error), qPrintable(error));
    QCOMPARE(int(options.server.port), 6001);

    // A file that is named must be there.
    const QString missing = m_dir.filePath(QStringLiteral("missing.conf"));
    QVERIFY(!parseOptions({"podium", "--config", missing}, env, system, &options, &error));
    QCOMPARE(error, QStringLiteral("cannot read the config file %1: No such file or directory").arg(missing));
}

void TestOptionSources::badLines_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("error"); // after "FILE:"
    QTest::newRow("unknown key") << QByteArray("port = 5000\nsize = 3\n") << "2: unknown key 'size'";
    QTest::newRow("not key = value") << QByteArray("# fine\nheadless\n") << "2: expected 'key = value', not 'headless'";
    QTest::newRow("flag not boolean") << QByteArray("headless = yes\n") << "1: headless takes true or false, not 'yes'";
    QTest::newRow("no value") << QByteArray("\n\ndata-dir =\n") << "3: data-dir has no value";
    QTest::newRow("value twice") << QByteArray("port = 1\nport = 2\n")
                                 << "2: port is set twice (only a list option may repeat)";
    QTest::newRow("bad number") << QByteArray("demo = true\nport = many\n")
                                << "2: port must be a number from 0 to 65535, not 'many'";
    QTest::newRow("bad address") << QByteArray("address = here\n") << "1: address must be an IP address, not 'here'";
    QTest::newRow("bad public name") << QByteArray("public-name = a/b\n")
                                     << "1: public-name 'a/b': expected HOST or HOST:PORT";
    QTest::newRow("bad log level") << QByteArray("log-level = loud\n")
                                   << "1: log-level must be debug, info, warning or error, not 'loud'";
    QTest::newRow("config names no file") << QByteArray("config = /etc/other.conf\n") << "1: unknown key 'config'";
}

void TestOptionSources::badLines()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, error);
    const QString path = writeConfig(file);
    Options options;
    QString why;
    QVERIFY(!parseOptions({"podium", "--config", path}, QProcessEnvironment(), QString(), &options, &why));
    QCOMPARE(why, path + QLatin1Char(':') + error);
}

void TestOptionSources::badValuesNameTheirSource()
{
    Options options;
    QString error;
    QProcessEnvironment env;
    env.insert(QStringLiteral("PODIUM_PORT"), QStringLiteral("70000"));
    QVERIFY(!parse({}, env, QByteArray(), &options, &error));
    QCOMPARE(error, QStringLiteral("PODIUM_PORT must be a number from 0 to 65535, not '70000'"));
    QVERIFY(!parse({"--port", "x"}, env, QByteArray(), &options, &error));
    QCOMPARE(error, QStringLiteral("--port must be a number from 0 to 65535, not 'x'"));

    env.clear();
    env.insert(QStringLiteral("PODIUM_REQUIRE_VIEW_TOKEN"), QStringLiteral("1"));
    QVERIFY(!parse({}, env, QByteArray(), &options, &error));
    QCOMPARE(error, QStringLiteral("PODIUM_REQUIRE_VIEW_TOKEN takes true or false, not '1'"));

    env.clear();
    env.insert(QStringLiteral("PODIUM_HEARTBEAT"), QStringLiteral("0"));
    QVERIFY(!parse({}, env, QByteArray(), &options, &error));
    QCOMPARE(error, QStringLiteral("PODIUM_HEARTBEAT must be a number from 1 to 3600, not '0'"));

    env.clear();
    env.insert(QStringLiteral("PODIUM_LOG_LEVEL"), QStringLiteral("debug"));
    QVERIFY2(parse({}, env, "log-level = error\n", &options, &error), qPrintable(error));
    QCOMPARE(options.logLevel, QtDebugMsg);
    QVERIFY2(parse({}, QProcessEnvironment(), "log-level = warning\n", &options, &error), qPrintable(error));
    QCOMPARE(options.logLevel, QtWarningMsg);
    QVERIFY2(parse({"--log-level", "error"}, env, QByteArray(), &options, &error), qPrintable(error));
    QCOMPARE(options.logLevel, QtCriticalMsg);
}

void TestOptionSources::metricsTokenFromTheEnvironment()
{
    QCOMPARE(OptionSources::environmentName(QStringLiteral("max-connections-per-address")),
             QStringLiteral("PODIUM_MAX_CONNECTIONS_PER_ADDRESS"));
    QProcessEnvironment env;
    env.insert(QStringLiteral("PODIUM_METRICS_TOKEN"), QStringLiteral("metrics-from-env-0123"));
    Options options;
    QString error;
    QVERIFY2(parse({}, env, "metrics-token = metrics-from-file-0123\n", &options, &error), qPrintable(error));
    QCOMPARE(options.server.metricsToken, QStringLiteral("metrics-from-env-0123"));
    QVERIFY2(parse({"--metrics-token", "metrics-from-flag-0123"}, env, QByteArray(), &options, &error),
             qPrintable(error));
    QCOMPARE(options.server.metricsToken, QStringLiteral("metrics-from-flag-0123"));
}

void TestOptionSources::binaryTakesEachLayer()
{
    const quint16 filePort = freePort();
    const quint16 flagPort = freePort();
    QVERIFY(filePort != 0 && flagPort != 0 && filePort != flagPort);
    const QString fileDir = m_dir.filePath(QStringLiteral("from-file"));
    const QString envDir = m_dir.filePath(QStringLiteral("from-env"));
    const QString config = writeConfig(QStringLiteral("# what the package ships, more or less\n"
                                                      "headless = true\n"
                                                      "address = 127.0.0.1\n"
                                                      "port = %1\n"
                                                      "data-dir = %2\n")
                                               .arg(filePort)
                                               .arg(fileDir)
                                               .toUtf8());

    QProcess podium;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PODIUM_CONFIG"), config);
    env.insert(QStringLiteral("PODIUM_DATA_DIR"), envDir);
    env.insert(QStringLiteral("PODIUM_ADMIN_TOKEN"), QStringLiteral("options-admin-token-0123"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    podium.setProcessEnvironment(env);
    podium.start(QStringLiteral(PODIUM_BINARY), {QStringLiteral("--port"), QString::number(flagPort)});
    QVERIFY(podium.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += podium.readAllStandardOutput()).contains("Podium listening"), 20000);
    // Port from the command line, address from the file, data directory from the environment.
    QVERIFY2(out.contains(QStringLiteral("Podium listening on http://127.0.0.1:%1 (port %1)").arg(flagPort).toUtf8()),
             out.constData());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, flagPort);
    QVERIFY(socket.waitForConnected(5000));
    QVERIFY(QFile::exists(QDir(envDir).filePath(QStringLiteral("podium.db"))));
    QVERIFY(!QFile::exists(fileDir));
    const QByteArray err = podium.readAllStandardError();
    QVERIFY2(err.contains(("configuration read from \"" + config + '"').toUtf8()), err.constData());

    podium.terminate();
    QVERIFY(podium.waitForFinished(20000));
    QCOMPARE(podium.exitStatus(), QProcess::NormalExit);
    QCOMPARE(podium.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestOptionSources)
#include "tst_optionsources.moc"
