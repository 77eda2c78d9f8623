#!/usr/bin/env bash
# Set-up, build, and every test: the unit and integration tests (ctest) and
# the standard library's rule tests with full rule coverage.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh "$@"
build=${BUILD_DIR:-build}
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
"$build"/kader test --no-stdlib -r stdlib-rules stdlib-rules/tests --min-coverage 100
