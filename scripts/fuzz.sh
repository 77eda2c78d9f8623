#!/usr/bin/env bash
# Fuzzing with libFuzzer (clang, ASan + UBSan): builds the targets of
# tests/fuzz into build-fuzz/ (or $FUZZ_BUILD_DIR), replays every file of the
# regression corpora, then fuzzes each target for a while from its seed corpus
# with its dictionary. Exits 1 when anything crashed, timed out or broke a
# property; the inputs are under BUILD/fuzz/findings/TARGET/ and the logs
# under BUILD/fuzz/logs/.
#
#   scripts/fuzz.sh [--time SECONDS] [TARGET...]    fuzz (default 60 s per target)
#   scripts/fuzz.sh --regressions-only [TARGET...]  replay the regression corpora only (CI)
#
# TARGET is one of rule_text case_json batch_line repl_line (default: all).
# $FUZZ_JOBS: build parallelism (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(rule_text case_json batch_line repl_line)
seconds=60
regressions_only=false
targets=()
usage() {
    sed -n '9,12p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
while (($#)); do
    case "$1" in
    --time)
        [[ $# -ge 2 && $2 =~ ^[0-9]+$ && $2 -gt 0 ]] || usage
        seconds=$2
        shift 2
        ;;
    --regressions-only)
        regressions_only=true
        shift
        ;;
    -h | --help) usage ;;
    -*) usage ;;
    *)
        [[ " ${all_targets[*]} " == *" $1 "* ]] || {
            echo "fuzz.sh: no target \`$1\` (targets: ${all_targets[*]})" >&2
            exit 2
        }
        targets+=("$1")
        shift
        ;;
    esac
done
((${#targets[@]})) || targets=("${all_targets[@]}")

build=${FUZZ_BUILD_DIR:-build-fuzz}
out=$build/fuzz
# libFuzzer and the sanitizers come with clang and its runtime libraries.
scripts/setup.sh clang libclang-rt-dev
# -g1: line tables only, enough for the stack trace of a finding, and quicker to build.
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DKADER_FUZZ=ON -DKADER_TESTS=OFF \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" >/dev/null
cmake --build "$build" -j "${FUZZ_JOBS:-2}" --target "${targets[@]/#/fuzz_}"
mkdir -p "$out/logs"

# Sanitizer reports with stacks; a leak is a finding like any other.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Per-input limits: a quadratic blow-up is a finding, not a long wait.
limits=(-timeout=20 -rss_limit_mb=2048 -malloc_limit_mb=2048)

dictionary() {
    case "$1" in
    rule_text) echo tests/fuzz/dict/kader.dict ;;
    case_json | batch_line) echo tests/fuzz/dict/json-case.dict ;;
    repl_line)
        # REPL lines mix commands, rule expressions and JSON values.
        cat tests/fuzz/dict/repl.dict tests/fuzz/dict/kader.dict tests/fuzz/dict/json-case.dict \
            >"$out/repl_line.dict"
        echo "$out/repl_line.dict"
        ;;
    esac
}

findings=0

# Each file on its own, so that one crash does not hide the next.
replay() {
    local target=$1 binary=$out/fuzz_$1 file log
    for file in tests/fuzz/regressions/"$target"/*; do
        [[ -f $file ]] || continue
        log=$out/logs/replay-$target-$(basename "$file").log
        if "$binary" "${limits[@]}" "$file" >"$log" 2>&1; then
            echo "ok      $target $file"
        else
            echo "FAILED  $target $file (log: $log)"
            grep -m1 -E 'ERROR:|property violated|==[0-9]+==|timeout|out-of-memory' "$log" |
                sed 's/^/        /' || true
            findings=$((findings + 1))
        fi
    done
}

fuzz() {
    local target=$1 binary=$out/fuzz_$1 log=$out/logs/fuzz-$1.log
    local work=$out/corpus/$1 artifacts=$out/findings/$1/
    mkdir -p "$work" "$artifacts"
    echo "fuzzing $target for ${seconds}s (log: $log)"
    # New inputs go to the work folder; the seed corpus in the tree stays as it is.
    if "$binary" "$work" "tests/fuzz/corpus/$target" -dict="$(dictionary "$target")" \
        -max_total_time="$seconds" "${limits[@]}" -artifact_prefix="$artifacts" \
        -print_final_stats=1 >"$log" 2>&1; then
        echo "ok      $target: $(grep -E '^stat::number_of_executed_units' "$log" |
            awk '{print $2}') runs, $(grep -E '^stat::average_exec_per_sec' "$log" |
            awk '{print $2}') runs/s"
    else
        echo "FAILED  $target: finding in $artifacts (log: $log)"
        grep -m1 -E 'ERROR:|property violated|timeout|out-of-memory' "$log" |
            sed 's/^/        /' || true
        findings=$((findings + 1))
    fi
}

for target in "${targets[@]}"; do
    replay "$target"
done
if ! $regressions_only; then
    for target in "${targets[@]}"; do
        fuzz "$target"
    done
fi
if ((findings)); then
    echo "fuzz.sh: $findings finding(s)" >&2
    exit 1
fi
echo "fuzz.sh: no findings"
