#!/usr/bin/env bash
# The impact diff at scale (docs/performance.md, "Impact diff"): `kader diff` on the screen-1
# workload between its rule set and the same with one entry added to the embargo set, which moves
# every case with that destination. Measured in the same run against what the diff must at least
# do, deciding every case under both rule sets (`kader batch -j 1` twice), on one core.
#   CASES=100000 (default)
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${CASES:-100000}
BUILD_DIR=build-bench scripts/build.sh -DCMAKE_BUILD_TYPE=Release -DKADER_BENCH=ON -DKADER_TESTS=OFF >/dev/null
work=build-bench/bench-diff
rm -rf "$work" && mkdir -p "$work/old" "$work/new"
python3 bench/workload/gen.py --seed 1 --cases "$cases" --out "$work/old" >/dev/null
cp bench/screen.kader "$work/old/"
cp "$work/old/screen.kader" "$work/new/"
# The new rule set: one more embargoed destination.
python3 - "$work/old/rules.json" "$work/new/rules.json" <<'PY'
import json, sys
rules = json.load(open(sys.argv[1]))
added = next(c for c in ["TR", "AE", "KZ", "IN", "BR"] if c not in rules["embargo"])
rules["embargo"].append(added)
json.dump(rules, open(sys.argv[2], "w"))
print(added)
PY
mv "$work/old/cases.jsonl" "$work/cases.jsonl"
kader=build-bench/kader
pin="taskset -c 0"
command -v taskset >/dev/null || pin=""
seconds() { # wall seconds of a command, output discarded
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null || [ $? -eq 1 ]
  end=$(date +%s.%N)
  python3 -c "print(round($end - $start, 2))"
}
diff_s=$(seconds $pin $kader diff --no-stdlib --old "$work/old" --new "$work/new" "$work/cases.jsonl" --format json)
batch_old=$(seconds $pin $kader batch --no-stdlib -r "$work/old" "$work/cases.jsonl" -j 1)
batch_new=$(seconds $pin $kader batch --no-stdlib -r "$work/new" "$work/cases.jsonl" -j 1)
$kader diff --no-stdlib --old "$work/old" --new "$work/new" "$work/cases.jsonl" | sed -n '1p;5,8p' || true
echo "cases: $cases"
echo "kader diff (text and JSON alike), wall: ${diff_s} s"
echo "two kader batch -j 1 runs, wall:       $(python3 -c "print(round($batch_old + $batch_new, 2))") s"
echo "ratio diff / two batches:              $(python3 -c "print(round($diff_s / ($batch_old + $batch_new), 2))")"
