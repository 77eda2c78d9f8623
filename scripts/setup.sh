#!/usr/bin/env bash
# Installs what Kader needs to build and test, from Debian packages, when it
# is missing. Safe to run any number of times; never asks questions.
# Arguments name further packages that one task needs (scripts/fuzz.sh: clang).
set -euo pipefail

packages=(cmake ninja-build g++ pkg-config tao-pegtl-dev libfmt-dev nlohmann-json3-dev catch2
          libedit-dev nettle-dev libsqlite3-dev libsimdjson-dev libmimalloc-dev libcpp-httplib-dev libbenchmark-dev python3 python3-dev
          pybind11-dev python3-pytest python3-dask python3-distributed "$@")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
# Through env: sudo does not pass the environment on.
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
