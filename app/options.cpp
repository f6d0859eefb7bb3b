#include "options.h"

#include <QCommandLineParser>
#include <QStandardPaths>

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
    parser.addOptions({headless, port, address, dataDir, database, demo, timeZone, rateLimit, maxBody});
    parser.process(arguments); // exits on --help, --version and unknown options

    ServerHost::Config &c = options->server;
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

    if (parser.isSet(address) && !c.address.setAddress(parser.value(address))) {
        *error = QStringLiteral("--address must be an IP address, not '%1'").arg(parser.value(address));
        return false;
    }
    c.dataDir = parser.isSet(dataDir) ? parser.value(dataDir)
                                      : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return true;
}

} // namespace podium
