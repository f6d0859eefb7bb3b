// The podium executable: parse the command line, start a ServerHost, and
// stop it cleanly on SIGTERM/SIGINT.
#include "options.h"
#include "serverhost.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSocketNotifier>

#include <csignal>
#include <functional>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcApp, "podium.app", QtInfoMsg)

namespace {

// Self-pipe: the signal handler may only do async-signal-safe things, so it
// writes one byte; a QSocketNotifier turns that into an event-loop call.
int signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(signalFds[0], &byte, 1);
}

bool watchTerminationSignals(QObject *context, std::function<void()> onTerminate)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalFds) != 0)
        return false;
    auto *notifier = new QSocketNotifier(signalFds[1], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [notifier, onTerminate] {
        notifier->setEnabled(false);
        char byte;
        [[maybe_unused]] const ssize_t n = ::read(signalFds[1], &byte, 1);
        onTerminate();
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    return ::sigaction(SIGTERM, &sa, nullptr) == 0 && ::sigaction(SIGINT, &sa, nullptr) == 0;
}

// The admin token is shown once; the file (readable by its owner only) is
// how it is found again.
bool saveAdminToken(const QString &dataDir, const QString &token, QString *path)
{
    *path = QDir(dataDir).filePath(QStringLiteral("admin-token"));
    QFile file(*path);
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate, ownerOnly))
        return false;
    file.setPermissions(ownerOnly); // also when the file already existed
    return file.write(token.toUtf8() + '\n') > 0 && file.flush();
}

QString urlHost(const QHostAddress &address)
{
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        return QStringLiteral("0.0.0.0");
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return QLatin1Char('[') + address.toString() + QLatin1Char(']');
    return address.toString();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("podium"));
#ifdef PODIUM_VERSION
    QCoreApplication::setApplicationVersion(QStringLiteral(PODIUM_VERSION));
#else
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0")); // keep in step with project()
#endif

    podium::Options options;
    QString error;
    if (!podium::parseOptions(QCoreApplication::arguments(), &options, &error)) {
        std::fprintf(stderr, "podium: %s\n", qPrintable(error));
        return 2;
    }
    const bool hasDisplay = qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
    if (!options.headless && hasDisplay)
        qCInfo(lcApp) << "the TV wall is not built into this binary yet; running headless";

    options.server.adminToken = qEnvironmentVariable("PODIUM_ADMIN_TOKEN");
    if (!QDir().mkpath(options.server.dataDir)) {
        std::fprintf(stderr, "podium: cannot create the data directory %s\n", qPrintable(options.server.dataDir));
        return 1;
    }

    podium::ServerHost host;
    // Installed before starting, so a SIGTERM that arrives while the database
    // opens is not lost: it waits in the pipe until the event loop runs.
    if (!watchTerminationSignals(&app, [&host] {
            qCInfo(lcApp) << "shutting down";
            host.stop();
            QCoreApplication::quit();
        })) {
        qCWarning(lcApp) << "could not install signal handlers; stop with kill -9 only";
    }
    if (!host.start(options.server, &error)) {
        std::fprintf(stderr, "podium: %s\n", qPrintable(error));
        return 1;
    }
    if (!host.createdAdminToken().isEmpty()) {
        QString path;
        if (!saveAdminToken(options.server.dataDir, host.createdAdminToken(), &path))
            std::fprintf(stderr, "podium: could not write %s\n", qPrintable(path));
        std::printf("Admin token (shown once, saved to %s): %s\n", qPrintable(path),
                    qPrintable(host.createdAdminToken()));
    }
    std::printf("Podium listening on http://%s:%u (port %u)\n", qPrintable(urlHost(options.server.address)),
                unsigned(host.port()), unsigned(host.port()));
    std::fflush(stdout);

    return app.exec();
}
