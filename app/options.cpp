#include "options.h"

#include "logging.h"
#include "optionsources.h"

#include <QCommandLineParser>
#include <QStandardPaths>
#include <QUrl>

#include <functional>

namespace podium {

namespace {

// `origin` names where the text came from (OptionSources::origin).
bool parseNumber(const QString &text, const QString &origin, double min, double max, double *out, QString *error)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || v < min || v > max) {
        *error = QStringLiteral("%1 must be a number from %2 to %3, not '%4'")
                         .arg(origin)
                         .arg(min, 0, 'f', 0)
                         .arg(max, 0, 'f', 0)
                         .arg(text);
        return false;
    }
    *out = v;
    return true;
}

} // namespace

bool parseOptions(const QStringList &arguments, Options *options, QString *error)
{
    return parseOptions(arguments, QProcessEnvironment::systemEnvironment(), QStringLiteral(PODIUM_SYSTEM_CONFIG),
                        options, error);
}

bool parseOptions(const QStringList &arguments, const QProcessEnvironment &env, const QString &systemConfig,
                  Options *options, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("Podium: live leaderboards and celebrations, with the server that feeds them.\n\n")
            + OptionSources::description(QStringLiteral(PODIUM_SYSTEM_CONFIG))
            + QStringLiteral("\nSubcommands:\n"
                             "  podium backup FILE    copy the database, also while a server runs\n"
                             "  podium restore FILE   put a backup in place of the database"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headless(QStringLiteral("headless"),
                                      QStringLiteral("Run the server without the TV wall."));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("TCP port to listen on (0 picks a free one)."),
                                  QStringLiteral("N"), QStringLiteral("5000"));
    const QCommandLineOption address(QStringLiteral("address"),
                                     QStringLiteral("Address to listen on (default: every IPv4 and IPv6 address)."),
                                     QStringLiteral("A"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QStringLiteral("Directory for the database and the admin token."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption database(QStringLiteral("database"),
                                      QStringLiteral("SQLite file or postgres://user:pass@host:port/db URL "
                                                     "(default: <data-dir>/podium.db)."),
                                      QStringLiteral("URL"));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Simulate people and activity."));
    const QCommandLineOption timeZone(QStringLiteral("timezone"),
                                      QStringLiteral("IANA time zone for day/week/month boundaries "
                                                     "(default: the system's)."),
                                      QStringLiteral("TZ"));
    const QCommandLineOption rateLimit(QStringLiteral("rate-limit"),
                                       QStringLiteral("REST requests per second per token (0 = unlimited)."),
                                       QStringLiteral("N"), QStringLiteral("2000"));
    const QCommandLineOption maxBody(QStringLiteral("max-body"), QStringLiteral("Largest accepted request body."),
                                     QStringLiteral("BYTES"), QStringLiteral("1048576"));
    const QCommandLineOption requestTimeout(QStringLiteral("request-timeout"),
                                            QStringLiteral("Seconds a request head may take, and a request body "
                                                           "may pause, before 408."),
                                            QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"),
                                     QStringLiteral("PEM certificate: serve https and wss on the same port."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"), QStringLiteral("PEM private key for --tls-cert."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption origins(QStringLiteral("allowed-origin"),
                                     QStringLiteral("Browser origin allowed to open /ws besides Podium's own "
                                                    "(repeatable; * allows any)."),
                                     QStringLiteral("ORIGIN"));
    const QCommandLineOption publicNames(QStringLiteral("public-name"),
                                         QStringLiteral("Another name Podium's pages are served under (a reverse "
                                                        "proxy's), trusted as an Origin like its own (repeatable)."),
                                         QStringLiteral("HOST[:PORT]"));
    const QCommandLineOption heartbeat(QStringLiteral("heartbeat"),
                                       QStringLiteral("Seconds between server pings to each WebSocket client."),
                                       QStringLiteral("S"), QStringLiteral("25"));
    const QCommandLineOption heartbeatTimeout(QStringLiteral("heartbeat-timeout"),
                                              QStringLiteral("Seconds of silence before a client is closed."),
                                              QStringLiteral("S"), QStringLiteral("60"));
    const QCommandLineOption outboundCap(QStringLiteral("max-outbound"),
                                         QStringLiteral("Bytes queued for one client before it is closed as slow."),
                                         QStringLiteral("BYTES"), QStringLiteral("1048576"));
    const QCommandLineOption perAddress(QStringLiteral("max-connections-per-address"),
                                        QStringLiteral("WebSocket connections allowed from one address."),
                                        QStringLiteral("N"), QStringLiteral("256"));
    const QCommandLineOption window(QStringLiteral("resume-window"),
                                    QStringLiteral("Seconds of events a reconnecting client can resume."),
                                    QStringLiteral("S"), QStringLiteral("86400"));
    const QCommandLineOption viewToken(QStringLiteral("require-view-token"),
                                       QStringLiteral("Public rooms need a token too (display, person or admin)."));
    const QCommandLineOption metricsToken(QStringLiteral("metrics-token"),
                                          QStringLiteral("GET /metrics needs this bearer token (or an admin token); "
                                                         "at least 16 characters. Also PODIUM_METRICS_TOKEN."),
                                          QStringLiteral("T"));
    const QCommandLineOption connect(QStringLiteral("connect"),
                                     QStringLiteral("Show the TV wall of the Podium at this URL (ws://host:5000) "
                                                    "instead of starting a server."),
                                     QStringLiteral("URL"));
    const QCommandLineOption token(QStringLiteral("token"),
                                   QStringLiteral("Token the wall presents to a --connect server (a display token)."),
                                   QStringLiteral("T"));
    const QCommandLineOption screen(QStringLiteral("screen"),
                                    QStringLiteral("Screen the wall fills, counted from 0 (default: the primary)."),
                                    QStringLiteral("N"));
    const QCommandLineOption admin(QStringLiteral("admin"),
                                   QStringLiteral("Open the admin console instead of the wall (with --connect URL "
                                                  "--token T: the console of that server)."));
    const QCommandLineOption logLevel(QStringLiteral("log-level"),
                                      QStringLiteral("Least severe messages logged: debug, info, warning or error."),
                                      QStringLiteral("LEVEL"), QStringLiteral("info"));
    const QCommandLineOption config(
            QStringLiteral("config"),
            QStringLiteral("Config file (default: PODIUM_CONFIG, else " PODIUM_SYSTEM_CONFIG " if it exists)."),
            QStringLiteral("FILE"));
    // Everything but --config (a file cannot name itself) may come from the
    // file and the environment too.
    const QList<QCommandLineOption> settable {
            connect, token,     screen,       admin,          headless,         port,        address,
            dataDir, database,  demo,         timeZone,       rateLimit,        maxBody,     tlsCert,
            tlsKey,  origins,   publicNames,  heartbeat,      heartbeatTimeout, outboundCap, perAddress,
            window,  viewToken, metricsToken, requestTimeout, logLevel};
    parser.addOptions(settable);
    OptionSources src;
    src.declare(settable, {QStringLiteral("allowed-origin"), QStringLiteral("public-name")});
    parser.addOption(config); // the file cannot name itself
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("backup FILE: copy the database to FILE while a server may run; "
                                                "restore FILE: replace the database with FILE (no server running)."),
                                 QStringLiteral("[backup FILE | restore FILE]"));
    parser.process(arguments); // exits on --help, --version and unknown options

    options->configFile = OptionSources::configFile(parser.value(config), env, systemConfig);
    if ((!options->configFile.isEmpty() && !src.readFile(options->configFile, error))
        || !src.readEnvironment(env, error))
        return false;
    src.readCommandLine(parser);
    const auto name = [](const QCommandLineOption &o) { return o.names().constFirst(); };
    const auto value = [&](const QCommandLineOption &o) { return src.value(name(o)); };
    const auto isSet = [&](const QCommandLineOption &o) { return src.isSet(name(o)); };
    const auto origin = [&](const QCommandLineOption &o) { return src.origin(name(o)); };
    const auto flag = [&](const QCommandLineOption &o) { return src.flag(name(o)); };

    if (!logging::parseLevel(value(logLevel), &options->logLevel)) {
        *error = QStringLiteral("%1 must be debug, info, warning or error, not '%2'")
                         .arg(origin(logLevel), value(logLevel));
        return false;
    }

    ServerHost::Config &c = options->server;
    options->commandWords = parser.positionalArguments();
    options->headless = flag(headless);
    c.demo = flag(demo);
    c.timeZone = value(timeZone);
    c.database = value(database);

    double number = 0;
    if (!parseNumber(value(port), origin(port), 0, 65535, &number, error))
        return false;
    c.port = quint16(number);
    if (!parseNumber(value(rateLimit), origin(rateLimit), 0, 1e9, &number, error))
        return false;
    c.rateLimit = number;
    if (!parseNumber(value(maxBody), origin(maxBody), 1, 1e12, &number, error))
        return false;
    c.maxBody = qint64(number);

    struct Limit
    {
        const QCommandLineOption &option;
        double min;
        double max;
        double scale;
        std::function<void(double)> apply;
    };
    const Limit limits[] = {
        {heartbeat, 1, 3600, 1000, [&c](double v) { c.hub.heartbeatIntervalMs = int(v); }},
        {heartbeatTimeout, 1, 7200, 1000, [&c](double v) { c.hub.heartbeatTimeoutMs = int(v); }},
        {outboundCap, 4096, 1e10, 1, [&c](double v) { c.hub.maxOutboundBytes = qint64(v); }},
        {perAddress, 1, 1e6, 1, [&c](double v) { c.hub.maxConnectionsPerAddress = int(v); }},
        {window, 1, 365 * 86400.0, 1, [&c](double v) { c.hub.retainedWindowSecs = int(v); }},
        {requestTimeout, 1, 3600, 1000, [&c](double v) { c.requestTimeoutMs = int(v); }},
    };
    for (const Limit &l : limits) {
        if (!parseNumber(value(l.option), origin(l.option), l.min, l.max, &number, error))
            return false;
        l.apply(number * l.scale);
    }
    c.hub.allowedOrigins = src.values(name(origins));
    for (const QString &publicName : src.values(name(publicNames))) {
        const QUrl url(QStringLiteral("http://") + publicName, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || !url.path().isEmpty() || !url.userInfo().isEmpty()
            || url.hasQuery() || url.hasFragment()) {
            *error = QStringLiteral("%1 '%2': expected HOST or HOST:PORT").arg(origin(publicNames), publicName);
            return false;
        }
        c.hub.publicNames << publicName;
    }
    c.hub.requireViewToken = flag(viewToken);
    // PODIUM_METRICS_TOKEN (or the file) keeps the token out of the process list.
    c.metricsToken = value(metricsToken);
    c.tlsCertificate = value(tlsCert);
    c.tlsKey = value(tlsKey);
    if (c.tlsCertificate.isEmpty() != c.tlsKey.isEmpty()) {
        *error = QStringLiteral("--tls-cert and --tls-key go together");
        return false;
    }

    if (isSet(connect)) {
        options->connect = QUrl(value(connect));
        const QString scheme = options->connect.scheme();
        if (!options->connect.isValid() || options->connect.host().isEmpty()
            || (scheme != QLatin1String("ws") && scheme != QLatin1String("wss"))) {
            *error = QStringLiteral("%1 must be a ws:// or wss:// URL, not '%2'").arg(origin(connect), value(connect));
            return false;
        }
    }
    options->token = value(token);
    options->admin = flag(admin);
    if (isSet(screen)) {
        if (!parseNumber(value(screen), origin(screen), 0, 63, &number, error))
            return false;
        options->screen = int(number);
    }

    if (isSet(address) && !c.address.setAddress(value(address))) {
        *error = QStringLiteral("%1 must be an IP address, not '%2'").arg(origin(address), value(address));
        return false;
    }
    c.dataDir = isSet(dataDir) ? value(dataDir) : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return true;
}

} // namespace podium
