#!/usr/bin/env bash
# The figures of docs/serve.md, measured in one run on this machine:
#   - kader serve under the load of the load test: REQUESTS POST /v1/decide
#     (default 10,000) from CLIENTS client threads (default 8) over loopback,
#     every answer checked (status 200 and the verdict `kader eval` gives);
#   - the same with --log (each decision synced to the decision log first);
#   - `kader eval` run once per case, EVALS times (default 200), one after the
#     other: what deciding the same case costs without the service.
# All with the standard library and the same example case.
#
#   tests/serve/measure.sh [BUILD_DIR]        (default: build; run from anywhere)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
kader=$build/kader
load=$build/tests/serve/serve_load
case_file=${CASE:-examples/cases/chips-ru-defence-via-hk-2022-11.json}
requests=${REQUESTS:-10000}
clients=${CLIENTS:-8}
evals=${EVALS:-200}
for f in "$kader" "$load"; do
  [ -x "$f" ] || { echo "measure.sh: $f is not built (cmake --build $build)" >&2; exit 2; }
done

work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# Starts `kader serve --port 0 ARGS...` and sets $port from its first line.
start_server() {
  rm -f "$work/stdout" # the last server's port must not be read
  "$kader" serve --port 0 "$@" > "$work/stdout" 2> "$work/stderr" &
  server=$!
  for _ in $(seq 300); do
    port=$(sed -n 's/^kader serve: listening on http:\/\/127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$work/stdout" 2>/dev/null)
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  echo "measure.sh: the server did not start:" >&2
  cat "$work/stderr" >&2
  exit 1
}

stop_server() {
  kill -TERM "$server"
  wait "$server"
  server=
}

verdict=$("$kader" eval "$case_file" --format json |
          python3 -c 'import json, sys; print(json.load(sys.stdin)["verdict"])')
size=$("$kader" eval "$case_file" --format json | wc -c)
echo "machine: $(nproc) cores ($(uname -m)), load average $(cut -d " " -f 1 /proc/loadavg) at the start; $("$kader" --version)"
echo "case: $case_file ($verdict, a decision of $size bytes)"

# The load against the server started last; stops the script at a wrong answer.
run_load() {
  local result
  result=$("$load" "$port" "$requests" "$clients" "$case_file" "$verdict") || {
    echo "  $result"
    exit 1
  }
  echo "  $result"
}

start_server --threads "$clients"
echo "kader serve --threads $clients:"
run_load
stop_server

start_server --threads "$clients" --log "$work/decisions.db"
echo "kader serve --threads $clients --log FILE.db:"
run_load
stop_server
logged=$("$kader" log list "$work/decisions.db" | wc -l)
echo "  ($logged decisions in the log)"

start=$(date +%s.%N)
for _ in $(seq "$evals"); do
  "$kader" eval "$case_file" --format json > /dev/null
done
end=$(date +%s.%N)
python3 - "$start" "$end" "$evals" <<'PY'
import sys
start, end, n = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
seconds = end - start
print(f"kader eval, one process per case, one after the other:")
print(f"  {n} cases in {seconds:.2f} s: {n / seconds:.0f} cases/s, {seconds / n * 1000:.2f} ms per case")
PY
