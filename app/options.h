#pragma once

#include "serverhost.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace podium {

// The command line of the `podium` executable, with what the config file
// and the environment add (OptionSources).
struct Options
{
    bool headless = false;
    ServerHost::Config server;
    // The TV wall: a remote Podium to show (--connect ws://host:port) instead
    // of starting a server here, its token, and the screen to fill.
    QUrl connect;
    QString token;
    int screen = -1;
    // The admin console instead of the wall (local, or of the --connect server).
    bool admin = false;
    // --log-level: the least severe message type logged.
    QtMsgType logLevel = QtInfoMsg;
    // The config file read, if any.
    QString configFile;
    // Words after the options: a subcommand and its FILE (app/subcommands.h).
    QStringList commandWords;
};

// Parses `arguments` (argv, program name first), then the environment
// and the config file under it. Handles --help and
// --version itself (prints and exits). Returns false with `error` set on a
// bad value. The data directory defaults to the per-user application data
// location, so QCoreApplication's application name must be set first.
bool parseOptions(const QStringList &arguments, Options *options, QString *error);
// The same with the environment and the system-wide config file given (the
// one above reads the process's and PODIUM_SYSTEM_CONFIG).
bool parseOptions(const QStringList &arguments, const QProcessEnvironment &env, const QString &systemConfig,
                  Options *options, QString *error);

} // namespace podium
