#!/usr/bin/env bash
# Set-up and build: installs what is missing, configures and builds into
# build/ (or $BUILD_DIR); only $TARGET when set. Extra arguments go to
# cmake's configure step.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build=${BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja "$@" >/dev/null
# TARGET=kader builds the command alone (CI's release build does).
cmake --build "$build" ${TARGET:+--target "$TARGET"}
