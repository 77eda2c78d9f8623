#!/usr/bin/env bash
# Builds the browser playground (docs/playground.md): the interpreter as
# WebAssembly with Emscripten, and the static page, into build-wasm/web/.
# Installs Emscripten (Debian's) first when it is missing.
#   scripts/build-wasm.sh [BUILD_DIR]      default: build-wasm
# KADER_JOBS sets the parallel jobs (default: the number of cores).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build-wasm}"
"$root/scripts/setup.sh" emscripten

# Debian's Emscripten runs its JavaScript tools with the system node; a node
# from elsewhere does not look in Debian's module folder for them (acorn).
export NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"
# Debian ships the system libraries prebuilt in a read-only, frozen cache;
# a writable cache of our own is needed only if that one lacks something.
if [ ! -d /usr/share/emscripten/cache/sysroot ]; then
  export EM_CACHE="${EM_CACHE:-$build/em-cache}"
fi

emcmake cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build "$build" --target kader_wasm -j "${KADER_JOBS:-$(nproc)}"
echo "build-wasm: open $build/web/index.html" >&2
