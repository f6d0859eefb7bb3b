#pragma once

#include "serverhost.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace podium {

// The command line of the `podium` executable.
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
    // Words after the options: a subcommand and its FILE (app/subcommands.h).
    QStringList commandWords;
};

// Parses `arguments` (argv, program name first). Handles --help and
// --version itself (prints and exits). Returns false with `error` set on a
// bad value. The data directory defaults to the per-user application data
// location, so QCoreApplication's application name must be set first.
bool parseOptions(const QStringList &arguments, Options *options, QString *error);

} // namespace podium
