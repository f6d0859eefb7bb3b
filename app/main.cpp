// The podium executable: read the options (command line, environment, config
// file), start a ServerHost, tell systemd when it is ready, open the TV wall
// when there is a display, and stop cleanly on SIGTERM/SIGINT.
#include "adminconnect.h"
#include "adminwindow.h"
#include "logging.h"
#include "options.h"
#include "serverhost.h"
#include "subcommands.h"
#include "systemdnotifier.h"
#include "wall.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QQmlApplicationEngine>
#include <QSocketNotifier>

#include <csignal>
#include <functional>
#include <memory>
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

// Decided before any application object exists: the wall needs a
// QApplication (QtCharts draws through Graphics View), which needs a display;
// a headless server keeps the lighter QCoreApplication. (`headless = true`
// in the config file is seen only once the options are read: then the
// QApplication stays, without a window.)
bool wantsWall(int argc, char *argv[])
{
    if (!qEnvironmentVariableIsSet("DISPLAY") && !qEnvironmentVariableIsSet("WAYLAND_DISPLAY"))
        return false;
    if (qEnvironmentVariable("PODIUM_HEADLESS") == QLatin1String("true"))
        return false;
    // `podium backup FILE`, `podium restore FILE`: no window either.
    if (argc > 1 && (QByteArray(argv[1]) == "backup" || QByteArray(argv[1]) == "restore"))
        return false;
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--headless" || arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "--version"
            || arg == "-v")
            return false;
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    const bool display = wantsWall(argc, argv);
    std::unique_ptr<QCoreApplication> application(display ? new QApplication(argc, argv)
                                                          : new QCoreApplication(argc, argv));
    QCoreApplication &app = *application;
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
        return podium::kExitUsage;
    }
    const podium::logging::Sink logSink = podium::logging::detectSink();
    podium::logging::install(options.logLevel, logSink);
    if (!options.configFile.isEmpty())
        qCInfo(lcApp) << "configuration read from" << options.configFile;
    if (!options.commandWords.isEmpty())
        return podium::runSubcommand(options);
    const bool gui = display && !options.headless;
    podium::Wall::Config wallConfig;
    wallConfig.screen = options.screen;
    std::unique_ptr<podium::Wall> wall;
    // The admin console talks REST to a Podium — this one or a remote one —
    // like any integration: there is no second path to the data.
    std::unique_ptr<QQmlApplicationEngine> admin;
    auto openAdmin = [&admin](const QUrl &base, const QString &token) {
        admin = std::make_unique<QQmlApplicationEngine>();
        QString why;
        if (podium::openAdminConsole(*admin, base, token, &why))
            return true;
        std::fprintf(stderr, "podium: %s\n", qPrintable(why));
        admin.reset();
        return false;
    };

    // A second TV: the wall of a Podium elsewhere, no server here.
    if (options.connect.isValid()) {
        if (!gui) {
            std::fprintf(stderr, "podium: --connect shows the TV wall or the admin console and needs a display (DISPLAY or WAYLAND_DISPLAY)\n");
            return 2;
        }
        if (options.admin) {
            if (!openAdmin(podium::remoteAdminBase(options.connect), options.token))
                return 1;
        } else {
            wall = std::make_unique<podium::Wall>();
            if (!wall->openRemote(options.connect, options.token, wallConfig, &error)) {
                std::fprintf(stderr, "podium: %s\n", qPrintable(error));
                return 1;
            }
        }
        watchTerminationSignals(&app, [&wall, &admin] {
            wall.reset();
            admin.reset();
            QCoreApplication::quit();
        });
        const int code = app.exec();
        wall.reset();
        admin.reset();
        return code;
    }

    options.server.adminToken = qEnvironmentVariable("PODIUM_ADMIN_TOKEN");
    if (!QDir().mkpath(options.server.dataDir)) {
        std::fprintf(stderr, "podium: cannot create the data directory %s\n", qPrintable(options.server.dataDir));
        return 1;
    }

    // Declared before the host: it outlives the threads it probes.
    podium::SystemdNotifier notifier;
    podium::ServerHost host;
    // Installed before starting, so a SIGTERM that arrives while the database
    // opens is not lost: it waits in the pipe until the event loop runs.
    if (!watchTerminationSignals(&app, [&host, &wall, &admin, &notifier] {
            qCInfo(lcApp) << "shutting down";
            notifier.stopping();
            wall.reset(); // the wall's models read from the engine: they go first
            admin.reset();
            host.stop();
            QCoreApplication::quit();
        })) {
        qCWarning(lcApp) << "could not install signal handlers; stop with kill -9 only";
    }
    if (!host.start(options.server, &error)) {
        std::fprintf(stderr, "podium: %s\n", qPrintable(error));
        return host.refusedNewerSchema() ? podium::kExitNewerSchema : 1;
    }
    if (!host.createdAdminToken().isEmpty()) {
        QString path;
        const bool saved = saveAdminToken(options.server.dataDir, host.createdAdminToken(), &path);
        if (!saved)
            std::fprintf(stderr, "podium: could not write %s\n", qPrintable(path));
        // The journal keeps what it is given, for more readers than the
        // file's owner: there, the file alone holds the token.
        if (saved && logSink == podium::logging::Sink::Journal)
            std::printf("Admin token created, saved to %s (readable by its owner only)\n", qPrintable(path));
        else
            std::printf("Admin token (shown once, saved to %s): %s\n", qPrintable(path),
                        qPrintable(host.createdAdminToken()));
    }
    std::printf("Podium listening on http://%s:%u (port %u)\n", qPrintable(urlHost(options.server.address)),
                unsigned(host.port()), unsigned(host.port()));
    std::fflush(stdout);
    // The port accepts connections now: systemd may start what depends on us.
    notifier.watchServer(host);
    notifier.ready(QStringLiteral("Listening on http://%1:%2").arg(urlHost(options.server.address)).arg(host.port()));

    if (gui && options.admin) {
        if (!openAdmin(podium::localAdminBase(options.server.address, host.port()),
                       podium::localAdminToken(options.server.adminToken, host.createdAdminToken(),
                                               options.server.dataDir))) {
            notifier.stopping();
            host.stop();
            return 1;
        }
    } else if (gui) {
        wall = std::make_unique<podium::Wall>();
        if (!wall->openLocal(host, wallConfig, &error)) {
            std::fprintf(stderr, "podium: %s\n", qPrintable(error));
            wall.reset();
            notifier.stopping();
            host.stop();
            return 1;
        }
    }
    const int code = app.exec();
    notifier.stopping();
    wall.reset();
    admin.reset();
    host.stop();
    return code;
}
