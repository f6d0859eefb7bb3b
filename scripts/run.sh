#!/usr/bin/env bash
# Installs what is missing, builds, and starts Podium with demo data in the
# default data directory. Without a display it runs headless by itself.
# Extra arguments are passed to podium, e.g. `scripts/run.sh --port 5050`.
#
#   scripts/run.sh [PODIUM_ARGS...]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PODIUM_BUILD_DIR:-$root/build}"

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
exec "$build/app/podium" --demo "$@"
