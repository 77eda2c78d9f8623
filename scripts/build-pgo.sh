#!/usr/bin/env bash
# A release build optimised by profile (GCC's profile-guided optimisation):
# builds Kader instrumented, runs it on a training workload
# (scripts/pgo-train.sh: generated cases of another seed than the
# benchmark's, the examples with the standard library, the standard
# library's own tests), and builds it again from what that run counted.
# Output is the same byte for byte; `kader batch` about 1.13 times as fast
# (docs/performance.md). Into build-release/ (or $BUILD_DIR), without the
# tests (scripts/test.sh runs them on the plain build); extra arguments go to
# cmake's configure step, as for scripts/build.sh (-DKADER_TESTS=ON builds them).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-release}
echo "== an instrumented build in $build"
BUILD_DIR="$build" scripts/build.sh -DCMAKE_BUILD_TYPE=Release -DKADER_TESTS=OFF \
  -DKADER_PGO=generate "$@"
# Counts of an earlier training run would be added to this one's.
find "$build" -name '*.gcda' -delete
echo "== training"
scripts/pgo-train.sh "$build"
echo "== the build optimised by the profile"
BUILD_DIR="$build" scripts/build.sh -DCMAKE_BUILD_TYPE=Release -DKADER_TESTS=OFF \
  -DKADER_PGO=use "$@"
echo "== built: $build/kader"
