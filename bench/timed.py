#!/usr/bin/env python3
"""Runs a command and writes its CPU time (user, system), its wall time, in seconds to the
microsecond, and its peak resident memory in KiB, on one line to OUT:

    bench/timed.py OUT -- COMMAND [ARGS...]

The command keeps this process's standard input and output. /usr/bin/time -f writes hundredths
of a second: for a run of a few tenths of a second, as `kader batch` of 100,000 cases is, that
moved a ratio by several per cent. The exit status is the command's."""
import os
import subprocess
import sys
import time

if len(sys.argv) < 4 or sys.argv[2] != "--":
    sys.exit("usage: bench/timed.py OUT -- COMMAND [ARGS...]")
out, command = sys.argv[1], sys.argv[3:]
start = time.perf_counter()
try:
    child = subprocess.Popen(command)
except OSError as e:
    sys.exit(f"bench/timed.py: cannot run {command[0]}: {e.strerror}")
_, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
with open(out, "w") as f:
    f.write(f"{usage.ru_utime:.6f} {usage.ru_stime:.6f} {wall:.6f} {usage.ru_maxrss}\n")
sys.exit(os.waitstatus_to_exitcode(status))
