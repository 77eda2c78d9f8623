#!/usr/bin/env bash
# Runs the screen-1 benchmark (bench/README.md, docs/performance.md): generates the workload
# (bench/workload/gen.py), checks Kader's and the SWI-Prolog peer's results against the
# reference (ref.py, verify.py) on every case, then measures Kader and SWI-Prolog on the SAME
# generated cases in the SAME run, in interleaved rounds, all pinned to one core:
#   - end to end: `kader batch -j 1` (read JSON Lines, validate, decide, write decision JSON
#     Lines) against the Prolog peer (prep.py: JSON -> terms, then read_term + screen/3), as
#     bench/peers/run-prolog.sh defines it;
#   - evaluation alone: bench_kader's BM_eval against Prolog's eval_ms (screen/3 only); BM_eval
#     decides every case into one record, as `kader batch` does, and BM_eval_new_record makes a
#     record per case, as a program deciding one case now and then does; BM_eval_after_read
#     reads each case just before deciding it and times the decision alone with a wall clock,
#     as the peer times screen/3 (BM_eval's cases were read long before, from main memory);
#   - both again with `--explain rules` (BM_eval_rules): the decisions without reason trees.
# Prints the medians (CPU user+sys and wall) and the ratios Kader cases/s ÷ Prolog cases/s.
# Kader is the release build (scripts/build-pgo.sh, in build-bench); the plain -O2 build of
# scripts/build.sh (build-bench-o2) is timed in the same rounds (batch -j 1, BM_eval).
# Then: the other Google Benchmark figures (once; with the scaling in rules, set size and items
# per case, bench/bench_scaling.cpp), and `batch -j 1` against `-j 2` in interleaved
# rounds (wall, not pinned: -j 2 needs both cores) on the run's cases and on 1,000,000, with
# the speed-up, the machine's own two-core speed-up in the same rounds, and peak memory.
#   CASES=100000 (default; CASES=1000000 for the large run)   ROUNDS=5 (default)
# SWI-Prolog is installed (swi-prolog-nox, through scripts/setup.sh) when `swipl` is missing;
# if that fails the peer is skipped, and the run says so.
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${CASES:-100000}
rounds=${ROUNDS:-5}
# Kader as released (scripts/build-pgo.sh: optimised by the profile of a training run on other
# cases), and the plain -O2 build of scripts/build.sh, timed end to end in the same rounds.
BUILD_DIR=build-bench scripts/build-pgo.sh -DKADER_BENCH=ON -DKADER_TESTS=OFF -DKADER_PYTHON=OFF
BUILD_DIR=build-bench-o2 scripts/build.sh -DCMAKE_BUILD_TYPE=Release -DKADER_BENCH=ON \
  -DKADER_TESTS=OFF -DKADER_PYTHON=OFF
data=build-bench/bench-data
pwork=build-bench/bench-prolog
python3 bench/workload/gen.py --seed 1 --cases "$cases" --out "$data" >/dev/null
cp bench/screen.kader "$data/"

peer=1
if ! command -v swipl >/dev/null 2>&1; then
  echo "== SWI-Prolog (swipl) is missing: installing swi-prolog-nox"
  scripts/setup.sh swi-prolog-nox || true
fi
if ! command -v swipl >/dev/null 2>&1; then
  peer=0
  msg="!! SWI-Prolog could not be installed (apt-get install -y swi-prolog-nox failed):"
  msg+=" the SWI-Prolog peer is SKIPPED in this run, and no ratios are printed."
  echo "$msg"; echo "$msg" >&2
fi
if [ "$peer" = 1 ]; then
  # The peer reads the very files Kader reads.
  rm -rf "$pwork" && mkdir -p "$pwork/gen"
  cp "$data/rules.json" "$data/cases.jsonl" "$data/single.json" "$pwork/gen/"
fi

echo "== correctness: verdicts and fired rules against the reference (ref.py), every case"
python3 bench/workload/ref.py --rules "$data/rules.json" --cases "$data/cases.jsonl" \
  --out "$data/expected.tsv" >/dev/null
KADER_BENCH_DATA="$data" build-bench/bench/bench_kader --verify "$data/kader.tsv"
echo -n "Kader (decide):       "
python3 bench/workload/verify.py "$data/expected.tsv" "$data/kader.tsv"
build-bench/kader batch --no-stdlib -r "$data/screen.kader" "$data/cases.jsonl" -j 1 \
  > "$data/decisions-1.jsonl"
python3 - "$data/decisions-1.jsonl" "$data/batch.tsv" <<'PY'
import json, sys
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as o:
    for line in f:
        d = json.loads(line)
        fired = sorted(a["rule"].split(".")[-1] for a in d["applied"])
        o.write(f"{d['case']}\t{d['verdict']}\t{','.join(fired)}\n")
PY
echo -n "Kader (batch -j 1):   "
python3 bench/workload/verify.py "$data/expected.tsv" "$data/batch.tsv"
# --explain rules: the same decisions with the reason trees taken out.
build-bench/kader batch --no-stdlib -r "$data/screen.kader" "$data/cases.jsonl" -j 1 \
  --explain rules > "$data/decisions-rules-1.jsonl"
python3 - "$data/decisions-1.jsonl" "$data/decisions-rules-1.jsonl" <<'PY'
import json, sys
n = 0
with open(sys.argv[1]) as brief, open(sys.argv[2]) as rules:
    for b, r in zip(brief, rules, strict=True):
        b = json.loads(b)
        for a in b["applied"]:
            del a["reason"]
        if b != json.loads(r):
            sys.exit(f"--explain rules differs from brief without reasons: case {b['case']}")
        n += 1
print(f"Kader (batch --explain rules): the brief decisions without reason trees, {n} cases")
PY
# The release build decides byte for byte as the plain one, at every level of explanation, in
# batch on two threads and for every example case with the standard library (CI builds only the
# plain one: two more full builds would not fit its time).
head -n 5000 "$data/cases.jsonl" > "$data/cases-5000.jsonl"
for level in rules brief full; do
  cmp <(build-bench/kader batch --no-stdlib -r "$data/screen.kader" "$data/cases-5000.jsonl" \
          -j 2 --explain "$level") \
      <(build-bench-o2/kader batch --no-stdlib -r "$data/screen.kader" "$data/cases-5000.jsonl" \
          -j 1 --explain "$level")
  for case_file in examples/cases/*.json; do
    cmp <(build-bench/kader eval "$case_file" --explain "$level" --format json) \
        <(build-bench-o2/kader eval "$case_file" --explain "$level" --format json)
  done
done
echo "Kader (release build): the plain build's output, byte for byte, at every level of explanation"
if [ "$peer" = 1 ]; then
  bench/peers/run-prolog.sh "$pwork" 1 "$cases" > /dev/null
  echo -n "SWI-Prolog ($(swipl --version | awk '{print $3}')): "
  python3 bench/workload/verify.py "$data/expected.tsv" "$pwork/gen/out/swi-prolog.tsv"
fi

echo "== $rounds interleaved rounds, $cases cases, pinned to core 0 (taskset -c 0)"
log="$data/rounds.tsv"
: > "$log"
for r in $(seq 1 "$rounds"); do
  # Kader batch -j 1, end to end.
  # (bench/timed.py: CPU and wall to the microsecond; /usr/bin/time writes hundredths.)
  python3 bench/timed.py "$data/time-batch.txt" -- taskset -c 0 build-bench/kader batch \
    --no-stdlib -r "$data/screen.kader" "$data/cases.jsonl" -j 1 > "$data/decisions-r.jsonl"
  read -r u s e _ < "$data/time-batch.txt"
  echo -e "$r\tkader_e2e\t$(python3 -c "print(($u+$s)*1000)")\t$(python3 -c "print($e*1000)")" >> "$log"
  cmp -s "$data/decisions-1.jsonl" "$data/decisions-r.jsonl" || { echo "batch output changed"; exit 1; }
  # The plain -O2 build, without the profile: the same output.
  python3 bench/timed.py "$data/time-batch.txt" -- taskset -c 0 build-bench-o2/kader batch \
    --no-stdlib -r "$data/screen.kader" "$data/cases.jsonl" -j 1 > "$data/decisions-r.jsonl"
  read -r u s e _ < "$data/time-batch.txt"
  echo -e "$r\tkader_e2e_o2\t$(python3 -c "print(($u+$s)*1000)")\t$(python3 -c "print($e*1000)")" >> "$log"
  cmp -s "$data/decisions-1.jsonl" "$data/decisions-r.jsonl" || { echo "-O2 batch output differs"; exit 1; }
  # The same without reason trees (--explain rules).
  python3 bench/timed.py "$data/time-batch.txt" -- taskset -c 0 build-bench/kader batch \
    --no-stdlib -r "$data/screen.kader" "$data/cases.jsonl" -j 1 --explain rules \
    > "$data/decisions-r.jsonl"
  read -r u s e _ < "$data/time-batch.txt"
  echo -e "$r\tkader_e2e_rules\t$(python3 -c "print(($u+$s)*1000)")\t$(python3 -c "print($e*1000)")" >> "$log"
  cmp -s "$data/decisions-rules-1.jsonl" "$data/decisions-r.jsonl" || { echo "batch --explain rules output changed"; exit 1; }
  # SWI-Prolog peer, end to end (prep + parse + eval) and evaluation alone.
  if [ "$peer" = 1 ]; then
    taskset -c 0 bench/peers/run-prolog.sh "$pwork" 1 "$cases" > "$data/prolog-r.json"
    python3 - "$data/prolog-r.json" "$r" >> "$log" <<'PY'
import json, sys
p = json.load(open(sys.argv[1])); r = sys.argv[2]
print(f"{r}\tprolog_e2e\t{p['proc_cpu_ms']}\t{p['proc_wall_ms']}")
print(f"{r}\tprolog_peerdef\t{p['prep_ms'] + p['parse_ms'] + p['eval_ms']}\t{p['prep_ms'] + p['parse_ms'] + p['eval_ms']}")
print(f"{r}\tprolog_eval\t{p['eval_ms'] * 1000 / p['cases']}\t{p['eval_ms'] * 1000 / p['cases']}")
PY
  fi
  # Kader evaluation alone (Google Benchmark BM_eval, and BM_eval_rules without
  # reason trees; µs per case, CPU and wall).
  KADER_BENCH_DATA="$data" taskset -c 0 build-bench/bench/bench_kader \
    --benchmark_filter='^BM_eval(_rules|_new_record|_after_read/manual_time)?$' \
    --benchmark_out="$data/eval-r.json" --benchmark_out_format=json >/dev/null 2>&1
  KADER_BENCH_DATA="$data" taskset -c 0 build-bench-o2/bench/bench_kader \
    --benchmark_filter='^BM_eval$' \
    --benchmark_out="$data/eval-o2-r.json" --benchmark_out_format=json >/dev/null 2>&1
  python3 - "$data/eval-r.json" "$data/eval-o2-r.json" "$r" >> "$log" <<'PY'
import json, sys
names = {"BM_eval": "kader_eval", "BM_eval_rules": "kader_eval_rules",
         "BM_eval_new_record": "kader_eval_new_record",
         "BM_eval_after_read/manual_time": "kader_eval_after_read"}
for out, suffix in ((sys.argv[1], ""), (sys.argv[2], "_o2")):
    for b in json.load(open(out))["benchmarks"]:
        scale = {"ns": 1e-3, "us": 1.0, "ms": 1e3}[b["time_unit"]]
        # BM_eval_after_read times each decision with a wall clock, as the peer
        # does; its CPU time includes the reading, which is not evaluation.
        cpu = b["real_time"] if "manual_time" in b["name"] else b["cpu_time"]
        print(f"{sys.argv[3]}\t{names[b['name']]}{suffix}\t{cpu * scale}\t{b['real_time'] * scale}")
PY
  echo "round $r done"
done

python3 - "$log" "$cases" "$peer" <<'PY'
import statistics, sys
log, n, peer = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
rows = {}
for line in open(log):
    r, k, cpu, wall = line.split("\t")
    rows.setdefault(k, []).append((float(cpu), float(wall)))
med = {k: (statistics.median(c for c, _ in v), statistics.median(w for _, w in v)) for k, v in rows.items()}
def e2e(label, k):
    cpu, wall = med[k]
    print(f"{label:<44} CPU {cpu / 1000:7.3f} s  {n / cpu * 1000:>10,.0f} cases/s {cpu * 1000 / n:6.2f} µs/case"
          f" | wall {wall / 1000:7.3f} s  {n / wall * 1000:>10,.0f} cases/s")
def ev(label, k):
    cpu, wall = med[k]
    print(f"{label:<44} CPU {cpu:6.3f} µs/case {1e6 / cpu:>10,.0f} cases/s | wall {wall:6.3f} µs/case")
print(f"== medians of {len(rows['kader_e2e'])} rounds, {n} cases, one core")
print("-- end to end")
e2e("Kader batch -j 1 (process)", "kader_e2e")
e2e("Kader batch -j 1 --explain rules", "kader_e2e_rules")
e2e("Kader batch -j 1, plain -O2 build", "kader_e2e_o2")
if peer:
    e2e("SWI-Prolog prep.py + swipl (processes)", "prolog_e2e")
    t = med["prolog_peerdef"][0]
    print(f"{'SWI-Prolog prep+parse+eval (peers def.)':<44} timers (wall) {t / 1000:7.3f} s"
          f"  {n / t * 1000:>10,.0f} cases/s {t * 1000 / n:6.2f} µs/case")
print("-- evaluation alone")
ev("Kader decide() (BM_eval)", "kader_eval")
ev("Kader decide(), a new record per case", "kader_eval_new_record")
ev("Kader decide() just after reading (wall)", "kader_eval_after_read")
ev("Kader decide(), no reasons (BM_eval_rules)", "kader_eval_rules")
ev("Kader decide(), plain -O2 build (BM_eval)", "kader_eval_o2")
if peer:
    t = med["prolog_eval"][0]
    print(f"{'SWI-Prolog screen/3 (eval_ms)':<44} timer (wall) {t:6.3f} µs/case {1e6 / t:>10,.0f} cases/s")
    k, p = med["kader_e2e"], med["prolog_e2e"]
    d = med["prolog_peerdef"][0]
    ke, pe = med["kader_eval"], med["prolog_eval"][0]
    print("== ratios, Kader cases/s ÷ SWI-Prolog cases/s (same cases, same run)")
    print(f"end to end, CPU user+sys:                      {p[0] / k[0]:.2f}")
    print(f"end to end, wall:                              {p[1] / k[1]:.2f}")
    print(f"end to end, against prep+parse+eval (wall):    {d / k[1]:.2f}")
    o2 = med["kader_e2e_o2"]
    print(f"end to end, plain -O2 build, CPU user+sys:     {p[0] / o2[0]:.2f}"
          f"  (the profile: {o2[0] / k[0]:.2f}x)")
    print(f"evaluation (Kader CPU vs Prolog eval_ms):      {pe / ke[0]:.2f}")
    print(f"evaluation (Kader wall vs Prolog eval_ms):     {pe / ke[1]:.2f}")
    print(f"evaluation, plain -O2 build (CPU):             {pe / med['kader_eval_o2'][0]:.2f}")
    print(f"evaluation, a new record per case (CPU):       {pe / med['kader_eval_new_record'][0]:.2f}")
    print(f"evaluation just after reading, as the peer's (wall timer around each, both): "
          f"{pe / med['kader_eval_after_read'][1]:.2f}")
    kr, ker = med["kader_e2e_rules"], med["kader_eval_rules"]
    print("-- the same with --explain rules (no reason trees; the peer writes none either)")
    print(f"end to end, CPU user+sys:                      {p[0] / kr[0]:.2f}")
    print(f"end to end, wall:                              {p[1] / kr[1]:.2f}")
    print(f"evaluation (Kader CPU vs Prolog eval_ms):      {pe / ker[0]:.2f}")
else:
    print("== no ratios: the SWI-Prolog peer was skipped (see above)")
PY

echo "== other Kader figures, once: Google Benchmark, one core, median of 3"
KADER_BENCH_DATA="$data" taskset -c 0 build-bench/bench/bench_kader --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true --benchmark_display_aggregates_only=true 2>&1 | grep -E "median|Benchmark"

# `-j 1` against `-j 2` on the run's cases and on 1,000,000 (where the target for peak memory is
# set, and the start, which one thread does alone, is about 0.5 % of a run, not 3–4 %).
sets=("$data")
if [ "$cases" != 1000000 ]; then
  large=build-bench/bench-data-large
  python3 bench/workload/gen.py --seed 1 --cases 1000000 --out "$large" >/dev/null
  cp bench/screen.kader "$large/"
  sets+=("$large")
fi
# Where a timed run's decisions go: on the run's cases to a file, as the runs above write them; on
# 1,000,000 (1.1 GB of decisions a run) to /dev/null, so that the page cache writing them back to
# disk does not take the cores from the runs being timed.
out() { if [ "$set" = "$data" ]; then echo "$set/decisions-$1.jsonl"; else echo /dev/null; fi; }
for set in "${sets[@]}"; do
  n=$(wc -l < "$set/cases.jsonl")
  echo "== kader batch -j 1 against -j 2, $n cases: $rounds interleaved rounds, wall, not pinned; peak memory"
  # Each round also runs two independent `-j 1` processes at once, pinned to cores 0 and 1, against
  # one alone pinned to core 0: what two cores of this machine give when nothing is shared between
  # them. On a shared machine the other tenants slow the cores by turns, and `-j 2` with them; this
  # pair shows by how much.
  jlog="$set/threads.tsv"
  : > "$jlog"
  for r in $(seq 1 "$rounds"); do
    for j in 1 2; do
      python3 bench/timed.py "$set/time-$j.txt" -- build-bench/kader batch --no-stdlib \
        -r "$set/screen.kader" "$set/cases.jsonl" -j "$j" > "$(out "$j")"
      read -r u s e m < "$set/time-$j.txt"
      echo -e "$r\t$j\t$u\t$s\t$e\t$m" >> "$jlog"
    done
    # (Pinned, so the pair is measured against one process pinned the same way.)
    python3 bench/timed.py "$set/time-alone.txt" -- taskset -c 0 build-bench/kader \
      batch --no-stdlib -r "$set/screen.kader" "$set/cases.jsonl" -j 1 > "$(out alone)"
    read -r u s e m < "$set/time-alone.txt"
    echo -e "$r\talone\t$u\t$s\t$e\t$m" >> "$jlog"
    for core in 0 1; do
      python3 bench/timed.py "$set/time-pair-$core.txt" -- taskset -c "$core" build-bench/kader \
        batch --no-stdlib -r "$set/screen.kader" "$set/cases.jsonl" -j 1 \
        > "$(out "pair-$core")" &
    done
    wait
    for core in 0 1; do
      read -r u s e m < "$set/time-pair-$core.txt"
      echo -e "$r\tpair\t$u\t$s\t$e\t$m" >> "$jlog"
    done
  done
  python3 - "$jlog" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    r, j, user, system, wall, rss = line.split("\t")
    runs.setdefault(j, {}).setdefault(r, []).append((float(user) + float(system), float(wall), int(rss)))
median = statistics.median
def wall(j, r): return max(w for _, w, _ in runs[j][r])  # a pair is done when both are
def cpu(j, r): return sum(c for c, _, _ in runs[j][r])
rounds = sorted(runs["1"], key=int)
for j in ("1", "2"):
    rss = max(m for r in rounds for _, _, m in runs[j][r])
    print(f"-j {j}: wall {median(wall(j, r) for r in rounds):.3f} s (median), "
          f"CPU {median(cpu(j, r) for r in rounds):.3f} s, peak RSS {rss // 1024} MB")
print(f"-j 2 speed-up over -j 1 (wall, medians):     {median(wall('1', r) for r in rounds) / median(wall('2', r) for r in rounds):.2f}")
per_round = " ".join(f"{wall('1', r) / wall('2', r):.2f}" for r in rounds)
print(f"  per round: {per_round}")
print(f"-j 2 CPU over -j 1 CPU (same work, medians): {median(cpu('2', r) for r in rounds) / median(cpu('1', r) for r in rounds):.2f}")
pair = median(2 * wall("alone", r) / wall("pair", r) for r in rounds)
print(f"two separate -j 1 processes, one pinned to each core, against one alone pinned (the "
      f"machine's own two-core speed-up, medians): {pair:.2f}")
print(f"  the pair's CPU over twice the one alone's (what two busy cores cost each other): "
      f"{median(cpu('pair', r) for r in rounds) / (2 * median(cpu('alone', r) for r in rounds)):.2f}")
PY
  if [ "$set" = "$data" ]; then
    for other in 2 alone pair-0 pair-1; do
      cmp -s "$set/decisions-1.jsonl" "$set/decisions-$other.jsonl" \
        || { echo "-j 1 and the $other run's outputs DIFFER"; exit 1; }
    done
    rm -f "$set"/decisions-{2,alone,pair-0,pair-1}.jsonl
    echo "-j 1, -j 2 and the pinned runs' outputs are identical"
  else
    cmp -s <(build-bench/kader batch --no-stdlib -r "$set/screen.kader" "$set/cases.jsonl" -j 1) \
      <(build-bench/kader batch --no-stdlib -r "$set/screen.kader" "$set/cases.jsonl" -j 2) \
      || { echo "-j 1 and -j 2 outputs DIFFER"; exit 1; }
    echo "-j 1 and -j 2 outputs are identical (compared as they are written, once, untimed)"
  fi
done
