#pragma once

#include "options.h"

namespace podium {

// Exit codes of `podium` besides 0 (success) and 1 (failure): a command line
// it cannot use, and a database written by a newer Podium.
constexpr int kExitUsage = 2;
constexpr int kExitNewerSchema = 3;

// `podium backup FILE` and `podium restore FILE` (options.commandWords),
// on the database the options name: --database, or podium.db in the data
// directory. Prints what it did or why not; returns the exit code.
int runSubcommand(const Options &options);

} // namespace podium
