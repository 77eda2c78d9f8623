#!/usr/bin/env python3
"""Deterministic generator for workload "screen-1" (see bench/README.md).

Writes <out>/rules.json, <out>/cases.jsonl and <out>/single.json.
Same --seed and --cases  =>  byte-identical files.
"""
import argparse
import json
import os
import random

EU27 = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
        "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"]
EU001 = ["AU", "CA", "IS", "JP", "NZ", "NO", "CH", "LI", "GB", "US"]
EMBARGO = ["RU", "BY", "KP", "IR", "SY"]
TRANSIT = ["AM", "KZ", "KG", "AE", "TR", "HK"]
# third countries in none of the sets above (CN is handled separately: R4)
OTHER = ["BR", "IN", "ZA", "MX", "SG", "KR", "TW", "TH", "MY", "ID", "VN", "EG", "SA", "IL",
         "AR", "CL", "PH", "PK", "NG", "MA", "RS", "UA", "GE", "AZ", "UZ", "MN", "QA", "OM"]
N_ENTITIES = 5000
N_CONTROL = 1000
N_CHPL = 50
# first CHPL prefixes are fixed (EU common-high-priority style); the rest are drawn
CHPL_FIXED = ["8542", "854231", "854232", "854233", "854239", "851762", "852691", "853221",
              "853224", "853321", "853649", "853690", "854110", "854121", "854129", "854130",
              "854149", "854151", "854159", "854160", "850440", "847150", "847180", "847190",
              "847330", "8486", "852589", "852910", "8807", "901310", "901420", "903020"]
CHPL_CHAPTERS = ["84", "85", "88", "90", "93"]
LETTERS = "abcdefghij"


def eu_code_base(rng):
    return "%d%s%03d" % (rng.randrange(10), "ABCDE"[rng.randrange(5)], rng.randrange(1, 1000))


def extend(code, rng, levels):
    """Add `levels` dotted sub-levels; levels alternate letter / digit like 3A001.a.1.b"""
    depth = code.count(".")
    for _ in range(levels):
        if depth % 2 == 0:
            seg = LETTERS[rng.randrange(len(LETTERS))]
        else:
            seg = str(rng.randrange(1, 10))
        code += "." + seg
        depth += 1
    return code


def covered(code, control):
    if not code:
        return False
    parts = code.split(".")
    for i in range(1, len(parts) + 1):
        if ".".join(parts[:i]) in control:
            return True
    return False


def chpl_hit(cn, chpl):
    return any(cn[:k] in chpl for k in range(4, 9))


def make_rules(rng):
    control = []
    cset = set()
    seen = set()
    bases = []
    while len(bases) < 420:
        b = eu_code_base(rng)
        if b not in seen:
            seen.add(b)
            bases.append(b)
    # entries: a base alone, or a base with 1..3 sub-levels (several entries may share a base,
    # and an entry may be an ancestor of another one, as in the real list)
    while len(control) < N_CONTROL:
        b = bases[rng.randrange(len(bases))]
        lv = rng.choices([0, 1, 2, 3], weights=[25, 35, 28, 12])[0]
        c = extend(b, rng, lv)
        if c not in cset:
            cset.add(c)
            control.append(c)
    control = sorted(control)
    assert len(control) == N_CONTROL, len(control)

    chpl = list(CHPL_FIXED)
    while len(chpl) < N_CHPL:
        k = rng.choice([4, 6, 6, 6, 8])
        p = rng.choice(CHPL_CHAPTERS) + "".join(str(rng.randrange(10)) for _ in range(k - 2))
        if p not in chpl:
            chpl.append(p)
    return {
        "workload": "screen-1",
        "embargo": EMBARGO,
        "entity_list": ["E%05d" % i for i in range(1, N_ENTITIES + 1)],
        "control_list": control,
        "chpl_prefixes": chpl,
        "eu27": EU27,
        "eu001": EU001,
        "transit": TRANSIT,
        "severity": ["prohibited", "deny", "escalate", "license_required", "allow"],
        "rules": {
            "R1": "prohibited", "R2": "prohibited", "R3": "license_required",
            "R4": "escalate", "R5": "escalate", "R6": "deny",
        },
    }


class CaseGen:
    def __init__(self, rng, rules):
        self.rng = rng
        self.control = rules["control_list"]
        self.control_set = set(self.control)
        self.chpl = rules["chpl_prefixes"]
        self.chpl_set = set(self.chpl)

    def country(self, w_embargo, w_transit, w_cn=3):
        r = self.rng
        pool = r.choices(["eu", "eu001", "other", "embargo", "transit", "cn"],
                         weights=[40, 14, 30 - w_embargo - w_transit + 10, w_embargo, w_transit, w_cn])[0]
        if pool == "eu":
            return r.choice(EU27)
        if pool == "eu001":
            return r.choice(EU001)
        if pool == "other":
            return r.choice(OTHER)
        if pool == "embargo":
            return r.choice(EMBARGO)
        if pool == "transit":
            return r.choice(TRANSIT)
        return "CN"

    def code(self):
        r = self.rng
        kind = r.choices(["none", "covered", "near", "random"], weights=[45, 16, 15, 24])[0]
        if kind == "none":
            return ""
        if kind == "covered":
            e = self.control[r.randrange(len(self.control))]
            return e if r.random() < 0.4 else extend(e, r, r.choice([1, 1, 2]))
        for _ in range(20):
            if kind == "near":
                # same leading characters as an entry, but not at a '.' boundary:
                # "3A001.a" -> "3A001.ab", "3A001.a.1" -> "3A001.a.17", "3A001" -> "3A0017"
                e = self.control[r.randrange(len(self.control))]
                last = e.rsplit(".", 1)[-1]
                add = LETTERS[r.randrange(len(LETTERS))] if last[-1].isalpha() else str(r.randrange(10))
                c = e + add
                if r.random() < 0.5:
                    c = extend(c, r, 1)
            else:
                c = extend(eu_code_base(r), r, r.choice([0, 1, 2, 3]))
            if not covered(c, self.control_set):
                return c
        return ""

    def cn(self):
        r = self.rng
        kind = r.choices(["chpl", "near", "plain"], weights=[15, 14, 71])[0]
        if kind == "chpl":
            p = self.chpl[r.randrange(len(self.chpl))]
            return p + "".join(str(r.randrange(10)) for _ in range(8 - len(p)))
        for _ in range(50):
            if kind == "near":
                p = self.chpl[r.randrange(len(self.chpl))]
                p = p[:-1] + str((int(p[-1]) + r.randrange(1, 10)) % 10)
                c = p + "".join(str(r.randrange(10)) for _ in range(8 - len(p)))
            else:
                c = "%02d" % r.randrange(1, 98) + "".join(str(r.randrange(10)) for _ in range(6))
            if not chpl_hit(c, self.chpl_set):
                return c
        return "01012100"

    def party_id(self, listed_p):
        r = self.rng
        if r.random() < listed_p:
            return "E%05d" % r.randrange(1, N_ENTITIES + 1)
        return "E%05d" % r.randrange(N_ENTITIES + 1, 100000)

    def case(self, idx):
        r = self.rng
        dest = self.country(w_embargo=8, w_transit=8, w_cn=12)
        cn_dest = dest == "CN"
        n_items = r.choices([1, 2, 3, 4, 5], weights=[38, 26, 18, 11, 7])[0]
        items = []
        for _ in range(n_items):
            if r.random() < (0.6 if cn_dest else 0.25):
                nm = r.choice([2, 3, 5, 7, 10, 14, 16, 16, 17, 20, 22, 28, 40, 65, 90, 130])
            else:
                nm = None
            items.append({"code": self.code(), "cn": self.cn(), "node_nm": nm,
                          "value_eur": round(r.uniform(50, 250000), 2)})
        n_parties = r.choices([1, 2, 3, 4], weights=[30, 35, 23, 12])[0]
        parties = []
        has_transit_intermediary = False
        for j in range(n_parties):
            role = "consignee" if j == 0 else r.choice(["end_user", "intermediary"])
            if role == "intermediary":
                c = r.choice(TRANSIT) if r.random() < 0.55 else self.country(2, 6)
                has_transit_intermediary = has_transit_intermediary or c in TRANSIT
            elif r.random() < 0.65:
                c = dest
            elif role == "end_user" and has_transit_intermediary and r.random() < 0.75:
                c = r.choice(EMBARGO)
            else:
                c = self.country(w_embargo=4, w_transit=5)
            parties.append({"id": self.party_id(0.04), "role": role, "country": c})
        if has_transit_intermediary and r.random() < 0.5:
            eus = [p for p in parties if p["role"] == "end_user"]
            if eus:
                eus[-1]["country"] = r.choice(EMBARGO)
        day = r.randrange(731)
        y, d = (2024, day) if day < 366 else (2025, day - 366)
        mdays = [31, 29 if y == 2024 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        m = 0
        while d >= mdays[m]:
            d -= mdays[m]
            m += 1
        return {"id": "C%07d" % idx, "date": "%d-%02d-%02d" % (y, m + 1, d + 1),
                "destination": dest, "items": items, "parties": parties}


# case used for the single-case latency measurement: 3 items, 3 parties; item 1's code is
# control_list[100] plus one sub-level (so it is covered whatever the seed); it fires R3
# (covered code, destination IN) and R5 (intermediary in AE, cn 85423190 has CHPL prefix 8542).
SINGLE_CASE = {
    "id": "S0000001", "date": "2025-03-14", "destination": "IN",
    "items": [
        {"code": None, "cn": "85423190", "node_nm": 7, "value_eur": 125000.0},
        {"code": "", "cn": "84099100", "node_nm": None, "value_eur": 830.5},
        {"code": "5A002.a.1", "cn": "85176200", "node_nm": None, "value_eur": 14200.0},
    ],
    "parties": [
        {"id": "E71234", "role": "consignee", "country": "IN"},
        {"id": "E09876", "role": "intermediary", "country": "AE"},
        {"id": "E54321", "role": "end_user", "country": "IN"},
    ],
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cases", type=int, default=100000)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen"))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rng = random.Random(a.seed)
    rules = make_rules(rng)
    with open(os.path.join(a.out, "rules.json"), "w") as f:
        json.dump(rules, f, indent=1)
        f.write("\n")
    g = CaseGen(random.Random(a.seed * 1000003 + 7), rules)
    with open(os.path.join(a.out, "cases.jsonl"), "w") as f:
        buf = []
        for i in range(1, a.cases + 1):
            buf.append(json.dumps(g.case(i), separators=(",", ":")))
            if len(buf) >= 10000:
                f.write("\n".join(buf) + "\n")
                buf = []
        if buf:
            f.write("\n".join(buf) + "\n")
    single = json.loads(json.dumps(SINGLE_CASE))
    single["items"][0]["code"] = extend(rules["control_list"][100], random.Random(12345), 1)
    with open(os.path.join(a.out, "single.json"), "w") as f:
        json.dump(single, f, separators=(",", ":"))
        f.write("\n")
    print("wrote %s: rules.json cases.jsonl (%d cases, seed %d) single.json" % (a.out, a.cases, a.seed))


if __name__ == "__main__":
    main()
