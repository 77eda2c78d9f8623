#!/usr/bin/env bash
# Throughput of examples/dask/screen.py on this machine (a LocalCluster of N worker processes)
# against `kader batch -j N`, on the same 104,000 cases (the example cases 4,000 times), in the
# same run: docs/scale.md quotes its output. Run from the repository root after building.
#   WORKERS=2 (default)
set -euo pipefail
cd "$(dirname "$0")/../.."
workers=${WORKERS:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$work/cases.jsonl" <<'PY'
import json, pathlib, sys
lines = [json.dumps(json.load(open(p))) for p in sorted(pathlib.Path("examples/cases").glob("*.json"))]
open(sys.argv[1], "w").write("\n".join(lines * 4000) + "\n")
PY
now() { date +%s.%N; }
t0=$(now); build/kader batch "$work/cases.jsonl" -j "$workers" > "$work/batch.jsonl"; t1=$(now)
PYTHONPATH=build/python /usr/bin/python3 examples/dask/screen.py "$work/cases.jsonl" "$work/out" \
  --workers "$workers" 2>/dev/null
t2=$(now)
same=$(/usr/bin/python3 - "$work" <<'PY'
import glob, pathlib, sys
work = pathlib.Path(sys.argv[1])
parts = [l for p in sorted(glob.glob(str(work / "out" / "part-*.jsonl")))
         for l in pathlib.Path(p).read_text().splitlines()]
print("yes" if parts == (work / "batch.jsonl").read_text().splitlines() else "NO")
PY
)
/usr/bin/python3 - "$t0" "$t1" "$t2" "$workers" "$same" <<'PY'
import sys
t0, t1, t2 = map(float, sys.argv[1:4])
n = 104000
print(f"cases: {n}, workers / threads: {sys.argv[4]}, same output as kader batch: {sys.argv[5]}")
print(f"kader batch -j {sys.argv[4]}:            {t1 - t0:6.2f} s  {n / (t1 - t0):9.0f} cases/s")
print(f"Dask LocalCluster, {sys.argv[4]} workers: {t2 - t1:6.2f} s  {n / (t2 - t1):9.0f} cases/s (cluster start included)")
print(f"ratio Dask / batch throughput:   {(t1 - t0) / (t2 - t1):6.2f}")
PY
