#!/usr/bin/env bash
# The playground's tests (docs/playground.md): the WebAssembly module against
# the native kader under Node, then the page in headless Chromium.
#   web/tests/run-tests.sh BUILD_WASM_DIR NATIVE_KADER
# Exits 77 (skipped, for ctest) with one line saying what to run when
# something they need is missing; without Chromium or playwright-core the
# Node test still runs first (and its failure is a failure).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ $# -ne 2 ]; then
  echo "usage: $0 BUILD_WASM_DIR NATIVE_KADER" >&2
  exit 2
fi
build="$(cd "$1" 2>/dev/null && pwd || echo "$1")"
kader="$2"

skip() {
  echo "playground: skipped: $1" >&2
  exit 77
}
[ -f "$build/web/kader.js" ] || skip "no $build/web/kader.js (run scripts/build-wasm.sh)"
command -v node >/dev/null || skip "no node (run scripts/setup.sh nodejs)"
[ -x "$kader" ] || { echo "playground: no native kader at $kader" >&2; exit 2; }

node "$here/node_test.mjs" "$build" "$kader" || exit 1

# The Node test passed; a missing browser still makes the whole a skip, so
# that ctest does not report the page as tested.
chromium="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] || skip "the browser test: no Chromium (run scripts/setup.sh chromium)"
[ -d "$here/node_modules/playwright-core" ] ||
  skip "the browser test: no playwright-core (run: cd web/tests && npm ci)"
node "$here/browser_test.mjs" "$build" "$kader" || exit 1
