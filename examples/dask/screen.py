"""Screen a large JSON Lines file of cases across a Dask cluster.

Each worker process loads the rule set once and decides its partitions with
the Python binding; the decisions are written partitioned (one file per
input partition, part-00000.jsonl, ...), in input order within each, the same
lines `kader batch` writes for the same cases.

    PYTHONPATH=build/python /usr/bin/python3 examples/dask/screen.py CASES.jsonl OUT_DIR \\
        [--scheduler tcp://HOST:8786 | --workers 2] [--rules PATH ...] [--no-stdlib] \\
        [--as-of YYYY-MM-DD] [--blocksize 16MiB]

Without --scheduler it starts a LocalCluster of --workers processes on this
machine; with it, it uses the cluster already running there (docs/scale.md).
"""
import argparse
import json
import os
import sys

import dask.bag as db
from dask.distributed import Client, LocalCluster, get_worker

import kader

# One rule set per worker process, loaded on first use and kept.
_RULES = {}


def _rules(paths, stdlib):
    key = (tuple(paths), stdlib)
    if key not in _RULES:
        _RULES[key] = kader.RuleSet.load(paths, stdlib) if paths else kader.RuleSet.standard()
    return _RULES[key]


def decide_partition(lines, paths, stdlib, as_of):
    """Decides one partition's lines, in order: one decision JSON (or error object) per case."""
    rules = _rules(paths, stdlib)
    cases = [line for line in lines if line.strip()]
    out = []
    for case, result in zip(cases, rules.batch(cases, jobs=1, as_of=as_of, errors="return")):
        if isinstance(result, kader.Error):
            first = result.diagnostics[0] if result.diagnostics else {"code": "K0999"}
            out.append(json.dumps({"error": str(result), "code": first["code"]}))
        else:
            out.append(result.to_json())
    return out


def screen(cases_path, out_dir, client, paths=(), stdlib=True, as_of=None, blocksize="16MiB"):
    """Decides every case of `cases_path` on the cluster of `client`; returns the files written."""
    bag = db.read_text(cases_path, blocksize=blocksize, linedelimiter="\n")
    bag = bag.map(lambda line: line.rstrip("\n"))
    decided = bag.map_partitions(decide_partition, list(paths), stdlib, as_of)
    os.makedirs(out_dir, exist_ok=True)
    names = decided.to_textfiles(os.path.join(out_dir, "part-*.jsonl"),
                                 name_function=lambda i: f"{i:05d}", compute=False)
    return client.compute(names, sync=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cases")
    ap.add_argument("out_dir")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler")
    ap.add_argument("--workers", type=int, default=2, help="local worker processes (no --scheduler)")
    ap.add_argument("--rules", "-r", action="append", default=[], help="rule file or folder")
    ap.add_argument("--no-stdlib", action="store_true")
    ap.add_argument("--as-of")
    ap.add_argument("--blocksize", default="16MiB")
    args = ap.parse_args(argv)
    if not args.rules and args.no_stdlib:
        ap.error("--no-stdlib needs --rules")
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        files = screen(args.cases, args.out_dir, client, args.rules, not args.no_stdlib, args.as_of,
                       args.blocksize)
    except kader.Error as e:
        print(f"screen.py: error: {e}", file=sys.stderr)
        return 2
    finally:
        client.close()
    print(f"{len(files)} partition(s) written to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
