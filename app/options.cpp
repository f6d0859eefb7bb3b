#include "options.h"

#include <QCommandLineParser>
#include <QStandardPaths>
#include <QUrl>

#include <functional>

namespace podium {

namespace {

bool parseNumber(const QString &text, const QString &option, double min, double max, double *out, QString *error)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || v < min || v > max) {
        *error = QStringLiteral("--%1 must be a number from %2 to %3, not '%4'")
                         .arg(option)
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
    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("Podium: live leaderboards and celebrations, with the server that feeds them."));
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
    parser.addOptions({connect, token, screen, admin});
    parser.addOptions({headless, port, address, dataDir, database, demo, timeZone, rateLimit, maxBody, tlsCert, tlsKey,
                       origins, publicNames, heartbeat, heartbeatTimeout, outboundCap, perAddress, window, viewToken,
                       metricsToken});
    parser.addOption(requestTimeout);
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("backup FILE: copy the database to FILE while a server may run; "
                                                "restore FILE: replace the database with FILE (no server running)."),
                                 QStringLiteral("[backup FILE | restore FILE]"));
    parser.process(arguments); // exits on --help, --version and unknown options

    ServerHost::Config &c = options->server;
    options->commandWords = parser.positionalArguments();
    options->headless = parser.isSet(headless);
    c.demo = parser.isSet(demo);
    c.timeZone = parser.value(timeZone);
    c.database = parser.value(database);

    double number = 0;
    if (!parseNumber(parser.value(port), QStringLiteral("port"), 0, 65535, &number, error))
        return false;
    c.port = quint16(number);
    if (!parseNumber(parser.value(rateLimit), QStringLiteral("rate-limit"), 0, 1e9, &number, error))
        return false;
    c.rateLimit = number;
    if (!parseNumber(parser.value(maxBody), QStringLiteral("max-body"), 1, 1e12, &number, error))
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
        if (!parseNumber(parser.value(l.option), l.option.names().constFirst(), l.min, l.max, &number, error))
            return false;
        l.apply(number * l.scale);
    }
    c.hub.allowedOrigins = parser.values(origins);
    for (const QString &name : parser.values(publicNames)) {
        const QUrl url(QStringLiteral("http://") + name, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || !url.path().isEmpty() || !url.userInfo().isEmpty()
            || url.hasQuery() || url.hasFragment()) {
            *error = QStringLiteral("--public-name '%1': expected HOST or HOST:PORT").arg(name);
            return false;
        }
        c.hub.publicNames << name;
    }
    c.hub.requireViewToken = parser.isSet(viewToken);
    // The variable keeps the token out of the process list.
    c.metricsToken
            = parser.isSet(metricsToken) ? parser.value(metricsToken) : qEnvironmentVariable("PODIUM_METRICS_TOKEN");
    c.tlsCertificate = parser.value(tlsCert);
    c.tlsKey = parser.value(tlsKey);
    if (c.tlsCertificate.isEmpty() != c.tlsKey.isEmpty()) {
        *error = QStringLiteral("--tls-cert and --tls-key go together");
        return false;
    }

    if (parser.isSet(connect)) {
        options->connect = QUrl(parser.value(connect));
        const QString scheme = options->connect.scheme();
        if (!options->connect.isValid() || options->connect.host().isEmpty()
            || (scheme != QLatin1String("ws") && scheme != QLatin1String("wss"))) {
            *error = QStringLiteral("--connect must be a ws:// or wss:// URL, not '%1'").arg(parser.value(connect));
            return false;
        }
    }
    options->token = parser.value(token);
    options->admin = parser.isSet(admin);
    if (parser.isSet(screen)) {
        if (!parseNumber(parser.value(screen), QStringLiteral("screen"), 0, 63, &number, error))
            return false;
        options->screen = int(number);
    }

    if (parser.isSet(address) && !c.address.setAddress(parser.value(address))) {
        *error = QStringLiteral("--address must be an IP address, not '%1'").arg(parser.value(address));
        return false;
    }
    c.dataDir = parser.isSet(dataDir) ? parser.value(dataDir)
                                      : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return true;
}

} // namespace podium
