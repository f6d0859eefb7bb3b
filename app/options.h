#pragma once

#include "serverhost.h"

#include <QString>
#include <QStringList>

namespace podium {

// The command line of the `podium` executable.
struct Options
{
    bool headless = false;
    ServerHost::Config server;
};

// Parses `arguments` (argv, program name first). Handles --help and
// --version itself (prints and exits). Returns false with `error` set on a
// bad value. The data directory defaults to the per-user application data
// location, so QCoreApplication's application name must be set first.
bool parseOptions(const QStringList &arguments, Options *options, QString *error);

} // namespace podium
