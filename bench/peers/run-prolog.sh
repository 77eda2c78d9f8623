#!/usr/bin/env bash
# SWI-Prolog peer on workload screen-1 (bench/README.md), for same-run comparisons with Kader.
#   run-prolog.sh WORKDIR [SEED] [CASES]
# Copies this folder into WORKDIR (it must be writable: a folder of your build tree). If
# WORKDIR/gen/cases.jsonl does not hold CASES lines, generates the workload there with
# ../workload/gen.py (same bytes as Kader's bench for the same seed and count); bench/run.sh
# puts Kader's own generated files there instead, so both engines read the same cases.
# Converts the cases to Prolog terms (prep.py, timed) and runs the batch (timed inside Prolog).
# Prints one JSON line: prep_ms (JSON -> terms), parse_ms (read_term), eval_ms (screen/3),
# load_ms, cases, end_to_end_cases_per_s = cases / (prep + parse + eval), the peers' definition,
# and proc_cpu_ms / proc_wall_ms: user+sys CPU and elapsed time of the two processes
# (python3 prep.py and swipl, start-up and rule loading included), from /usr/bin/time.
# Results are written to WORKDIR/gen/out/swi-prolog.tsv (id, verdict, fired rules).
# Needs: apt-get install -y swi-prolog-nox
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${1:?usage: run-prolog.sh WORKDIR [SEED] [CASES]}
seed=${2:-1}; n=${3:-100000}
mkdir -p "$work"
cp -r "$here/prolog" "$here/prep.py" "$work/"
cd "$work"
[ -f gen/cases.jsonl ] && [ "$(wc -l < gen/cases.jsonl)" -eq "$n" ] || python3 "$here/../workload/gen.py" --seed "$seed" --cases "$n" --out gen >/dev/null
mkdir -p gen/out
rm -f gen/out/time.txt
t0=$(date +%s%N)
/usr/bin/time -a -o gen/out/time.txt -f "%U %S %e" python3 prep.py prolog >/dev/null
t1=$(date +%s%N)
prep_ms=$(( (t1 - t0) / 1000000 ))
out=$(/usr/bin/time -a -o gen/out/time.txt -f "%U %S %e" swipl -O prolog/run.pl batch)
python3 - "$out" "$prep_ms" gen/out/time.txt <<'PY'
import json, sys
r = json.loads(sys.argv[1]); r["prep_ms"] = float(sys.argv[2])
r["end_to_end_cases_per_s"] = r["cases"] / ((r["prep_ms"] + r["parse_ms"] + r["eval_ms"]) / 1000)
cpu = wall = 0.0
with open(sys.argv[3]) as f:
    for line in f:
        u, s, e = map(float, line.split())
        cpu += u + s; wall += e
r["proc_cpu_ms"] = cpu * 1000; r["proc_wall_ms"] = wall * 1000
print(json.dumps(r))
PY
