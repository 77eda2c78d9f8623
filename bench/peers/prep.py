#!/usr/bin/env python3
"""Input reshaping for the engines that cannot read JSON (timed separately as prep by run-prolog.sh).

  prep.py clips   -> gen/clips/ruledata.clp (deffacts from rules.json), gen/clips/cases.txt,
                     gen/clips/single.txt  (one case per line, CLIPS tokens for explode$:
                     id dest nItems {"code" "cn" nm|nil}* nParties {pid role country}*)
  prep.py prolog  -> gen/prolog/cases.pl, gen/prolog/single.pl (one term per case:
                     c(Id, Dest, [i(Code, Cn, Nm|null)...], [p(Pid, Role, Country)...]).)
The rule logic itself is not touched: prefixes etc. are computed inside the engines.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "gen")


def clips_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def clips_line(c):
    t = [c["id"], c["destination"], str(len(c["items"]))]
    for it in c["items"]:
        nm = it["node_nm"]
        t += [clips_str(it["code"]), clips_str(it["cn"]), "nil" if nm is None else repr(nm)]
    t.append(str(len(c["parties"])))
    for p in c["parties"]:
        t += [p["id"], p["role"], p["country"]]
    return " ".join(t)


def pl_atom(s):
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


def pl_term(c):
    items = ",".join("i(%s,%s,%s)" % (pl_atom(it["code"]), pl_atom(it["cn"]),
                                      "null" if it["node_nm"] is None else repr(it["node_nm"]))
                     for it in c["items"])
    parties = ",".join("p(%s,%s,%s)" % (pl_atom(p["id"]), p["role"], pl_atom(p["country"]))
                       for p in c["parties"])
    return "c(%s,%s,[%s],[%s])." % (pl_atom(c["id"]), pl_atom(c["destination"]), items, parties)


def convert(fmt, src, dst):
    conv = clips_line if fmt == "clips" else pl_term
    with open(src) as f, open(dst, "w") as o:
        buf = []
        for line in f:
            if line.strip():
                buf.append(conv(json.loads(line)))
                if len(buf) >= 10000:
                    o.write("\n".join(buf) + "\n")
                    buf = []
        if buf:
            o.write("\n".join(buf) + "\n")


def main():
    fmt = sys.argv[1]
    cases = sys.argv[2] if len(sys.argv) > 2 else os.path.join(GEN, "cases.jsonl")
    d = os.path.join(GEN, fmt)
    os.makedirs(d, exist_ok=True)
    ext = "txt" if fmt == "clips" else "pl"
    if fmt == "clips":
        with open(os.path.join(GEN, "rules.json")) as f:
            r = json.load(f)
        facts = []
        facts += ["(embargo %s)" % x for x in r["embargo"]]
        facts += ["(listed %s)" % x for x in r["entity_list"]]
        facts += ["(control %s)" % clips_str(x) for x in r["control_list"]]
        facts += ["(chpl %s)" % clips_str(x) for x in r["chpl_prefixes"]]
        facts += ["(eu27 %s)" % x for x in r["eu27"]]
        facts += ["(eu001 %s)" % x for x in r["eu001"]]
        facts += ["(transit %s)" % x for x in r["transit"]]
        with open(os.path.join(d, "ruledata.clp"), "w") as o:
            o.write("(deffacts screen1-data\n  " + "\n  ".join(facts) + ")\n")
    elif fmt != "prolog":
        sys.exit("format must be clips or prolog")
    convert(fmt, cases, os.path.join(d, "cases." + ext))
    convert(fmt, os.path.join(GEN, "single.json"), os.path.join(d, "single." + ext))


if __name__ == "__main__":
    main()
