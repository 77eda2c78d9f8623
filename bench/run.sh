#!/usr/bin/env bash
# Runs the screen-1 benchmark (docs/performance.md): generates the workload,
# checks Kader's results against the reference on every case, then measures
# evaluation (Google Benchmark), `kader batch` end to end on 1 and 2 threads
# with peak memory, and the Python reference as the peer measured in the
# same run. CASES=1000000 for the large run.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared/bench
cases=${CASES:-100000}
BUILD_DIR=build-bench scripts/build.sh -DCMAKE_BUILD_TYPE=Release -DKADER_BENCH=ON -DKADER_TESTS=OFF
data=build-bench/bench-data
python3 "$shared/gen.py" --seed 1 --cases "$cases" --out "$data" >/dev/null
cp bench/screen.kader "$data/"

echo "== peer measured in this run: the Python reference (ref.py)"
python3 "$shared/ref.py" --rules "$data/rules.json" --cases "$data/cases.jsonl" --out "$data/expected.tsv"

echo "== correctness: Kader's verdicts and fired rules against ref.py, every case"
build-bench/bench/bench_kader --verify "$data/kader.tsv" 2>/dev/null || KADER_BENCH_DATA="$data" build-bench/bench/bench_kader --verify "$data/kader.tsv"
python3 "$shared/verify.py" "$data/expected.tsv" "$data/kader.tsv"

echo "== evaluation alone, one core (Google Benchmark, median of 3)"
KADER_BENCH_DATA="$data" taskset -c 0 build-bench/bench/bench_kader --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true --benchmark_display_aggregates_only=true 2>&1 | grep -E "median|Benchmark"

echo "== kader batch end to end (read JSON Lines, validate, decide, write decision JSON Lines)"
for j in 1 2; do
  pin=""
  [ "$j" = 1 ] && pin="taskset -c 0"
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$data/time-$j.txt" $pin build-bench/kader batch --no-stdlib -r "$data/screen.kader" \
    "$data/cases.jsonl" -j "$j" > "$data/decisions-$j.jsonl"
  end=$(date +%s.%N)
  rss=$(awk -F: '/Maximum resident set size/ {print $2}' "$data/time-$j.txt")
  python3 - "$cases" "$start" "$end" "$rss" "$j" <<'PY'
import sys
n, start, end, rss, j = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
print(f"-j {j}: {n / (end - start):,.0f} cases/s, {end - start:.2f} s, peak RSS {rss / 1024:.1f} MB")
PY
done
cmp -s "$data/decisions-1.jsonl" "$data/decisions-2.jsonl" && echo "-j 1 and -j 2 outputs are identical"
python3 - "$data/decisions-1.jsonl" "$data/batch.tsv" <<'PY'
import json, sys
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as o:
    for line in f:
        d = json.loads(line)
        fired = sorted(a["rule"].split(".")[-1] for a in d["applied"])
        o.write(f"{d['case']}\t{d['verdict']}\t{','.join(fired)}\n")
PY
python3 "$shared/verify.py" "$data/expected.tsv" "$data/batch.tsv"
