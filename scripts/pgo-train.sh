#!/usr/bin/env bash
# The training run of scripts/build-pgo.sh: what Kader's users do most,
# run by the instrumented build in BUILD (argument). Not the benchmark's own
# cases: those are generated with seed 1, these with seed 2.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$1
kader=$build/kader
work=$build/pgo-train
rm -rf "$work" && mkdir -p "$work"
# Screening many cases at every level of explanation, on one thread and two.
python3 bench/workload/gen.py --seed 2 --cases 20000 --out "$work" >/dev/null
cp bench/screen.kader "$work/"
for level in brief rules; do
  for jobs in 1 2; do
    "$kader" batch --no-stdlib -r "$work/screen.kader" "$work/cases.jsonl" -j "$jobs" \
      --explain "$level" >/dev/null
  done
done
head -n 2000 "$work/cases.jsonl" >"$work/cases-2000.jsonl"
"$kader" batch --no-stdlib -r "$work/screen.kader" "$work/cases-2000.jsonl" --explain full \
  >/dev/null
# The examples against the standard library, as an officer would decide them.
for case_file in examples/cases/*.json; do
  for level in rules brief full; do
    "$kader" eval "$case_file" --explain "$level" >/dev/null
    "$kader" eval "$case_file" --explain "$level" --format json >/dev/null
  done
done
# Loading and checking rules: the standard library's own tests.
"$kader" test --no-stdlib -r stdlib-rules stdlib-rules/tests >/dev/null
