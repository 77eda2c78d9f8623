#!/usr/bin/env python3
"""Reference implementation of screen-1 in plain Python (the expected results; see bench/README.md).

usage: ref.py [--rules gen/rules.json] [--cases gen/cases.jsonl] [--out gen/expected.tsv]
       ref.py --single gen/single.json [--iters 10000]
Output: one line per case: id<TAB>verdict<TAB>fired rule ids, sorted, comma-separated ("" if none).
Prints one JSON stats line (load, parse and eval times).
"""
import argparse
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SEVERITY = {"prohibited": 0, "deny": 1, "escalate": 2, "license_required": 3, "allow": 4}


class Screen1:
    def __init__(self, rules):
        self.embargo = frozenset(rules["embargo"])
        self.entities = frozenset(rules["entity_list"])
        self.control = frozenset(rules["control_list"])
        self.chpl = frozenset(rules["chpl_prefixes"])
        self.friendly = frozenset(rules["eu27"]) | frozenset(rules["eu001"])
        self.transit = frozenset(rules["transit"])
        self.verdict_of = rules["rules"]

    def controlled(self, code):
        # hierarchical prefix at '.' boundaries: "3A001.a" covers "3A001.a.1.b", not "3A001.ab"
        if not code:
            return False
        if code in self.control:
            return True
        i = code.find(".")
        while i != -1:
            if code[:i] in self.control:
                return True
            i = code.find(".", i + 1)
        return False

    def chpl_hit(self, cn):
        chpl = self.chpl
        return any(cn[:k] in chpl for k in range(4, 9))

    def evaluate(self, case):
        fired = []
        dest = case["destination"]
        items = case["items"]
        parties = case["parties"]
        any_controlled = any(self.controlled(it["code"]) for it in items)
        any_chpl = any(self.chpl_hit(it["cn"]) for it in items)
        # R1
        if (dest in self.embargo or any(p["country"] in self.embargo for p in parties)) and \
                (any_controlled or any_chpl):
            fired.append("R1")
        # R2
        if any(p["id"] in self.entities for p in parties):
            fired.append("R2")
        # R3
        if any_controlled and dest not in self.friendly:
            fired.append("R3")
        # R4
        if dest == "CN" and any(it["node_nm"] is not None and it["node_nm"] <= 16 for it in items):
            fired.append("R4")
        # R5
        if any_chpl and any(p["country"] in self.transit for p in parties):
            fired.append("R5")
        # R6
        if any(p["role"] == "intermediary" and p["country"] in self.transit for p in parties) and \
                any(p["role"] == "end_user" and p["country"] in self.embargo for p in parties):
            fired.append("R6")
        verdict = "allow"
        for r in fired:
            v = self.verdict_of[r]
            if SEVERITY[v] < SEVERITY[verdict]:
                verdict = v
        return verdict, fired


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rules", default=os.path.join(HERE, "gen/rules.json"))
    ap.add_argument("--cases", default=os.path.join(HERE, "gen/cases.jsonl"))
    ap.add_argument("--out", default=os.path.join(HERE, "gen/expected.tsv"))
    ap.add_argument("--single")
    ap.add_argument("--iters", type=int, default=10000)
    a = ap.parse_args()
    t0 = time.perf_counter()
    with open(a.rules) as f:
        eng = Screen1(json.load(f))
    load_ms = (time.perf_counter() - t0) * 1e3
    if a.single:
        with open(a.single) as f:
            case = json.load(f)
        for _ in range(1000):  # warm-up
            eng.evaluate(case)
        t1 = time.perf_counter()
        for _ in range(a.iters):
            r = eng.evaluate(case)
        dt = time.perf_counter() - t1
        print(json.dumps({"engine": "python-ref", "mode": "single", "iters": a.iters,
                          "result": [r[0], sorted(r[1])], "us_per_eval": dt / a.iters * 1e6}))
        return
    t1 = time.perf_counter()
    with open(a.cases) as f:
        cases = [json.loads(line) for line in f]
    parse_ms = (time.perf_counter() - t1) * 1e3
    t2 = time.perf_counter()
    res = [eng.evaluate(c) for c in cases]
    eval_s = time.perf_counter() - t2
    with open(a.out, "w") as f:
        for c, (v, fired) in zip(cases, res):
            f.write("%s\t%s\t%s\n" % (c["id"], v, ",".join(sorted(fired))))
    print(json.dumps({"engine": "python-ref", "cases": len(cases), "load_ms": load_ms,
                      "parse_ms": parse_ms, "prep_ms": 0.0, "eval_ms": eval_s * 1e3,
                      "cases_per_s": len(cases) / eval_s, "us_per_case": eval_s / len(cases) * 1e6}))


if __name__ == "__main__":
    main()
