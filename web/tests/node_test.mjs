// The playground's module against the native interpreter: every example case
// decided to the same bytes as `kader eval --format json` (and the same text
// as `kader eval`), the same rule-set fingerprint (the module hashes with
// lang/sha256.cpp, the native build with Nettle), why-not the same as
// `kader whynot`, diagnostics of a broken rule module at their place, and bad
// input answered with an error value, never a crash.
//   node web/tests/node_test.mjs BUILD_WASM_DIR NATIVE_KADER
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { check, finish } from "./check.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const [buildDir, nativeKader] = process.argv.slice(2);
if (!buildDir || !nativeKader) {
  console.error("usage: node web/tests/node_test.mjs BUILD_WASM_DIR NATIVE_KADER");
  process.exit(2);
}
const createKader = createRequire(import.meta.url)(path.resolve(buildDir, "web", "kader.js"));
const kader = await createKader();
const call = (name, types, args) => JSON.parse(kader.ccall(name, "string", types, args));
const load = (modules) => call("kader_load", ["string"], [typeof modules === "string" ? modules : JSON.stringify(modules)]);
const decide = (text, asOf = "") => call("kader_decide", ["string", "string"], [text, asOf]);
const whyNot = (text, target, changes = 2, asOf = "") =>
  call("kader_whynot", ["string", "string", "string", "number"], [text, target, asOf, changes]);

// The native command's standard output, whatever its exit code (whynot exits 1 when nothing is found).
function native(args, cwd = undefined) {
  const r = spawnSync(path.resolve(nativeKader), args, { encoding: "utf8", maxBuffer: 64 << 20, cwd });
  if (r.error) throw r.error;
  return { out: r.stdout, err: r.stderr, status: r.status };
}
function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) ++i;
  return `first difference at byte ${i}: native …${JSON.stringify(a.slice(i, i + 60))} wasm …${JSON.stringify(b.slice(i, i + 60))}`;
}

// ---- every example case, byte for byte ---------------------------------------
const casesDir = path.join(root, "examples", "cases");
const cases = readdirSync(casesDir).filter((f) => f.endsWith(".json")).sort();
check(cases.length > 0, "there are example cases");
const base = load([]);
check(base.ok, "the standard library loads", JSON.stringify(base.diagnostics));
let nativeFingerprint = "";
for (const name of cases) {
  const file = path.join(casesDir, name);
  const text = readFileSync(file, "utf8");
  const json = native(["eval", "--format", "json", file]).out;
  const wasm = decide(text);
  check(wasm.ok, `${name}: decided`, wasm.error);
  if (!wasm.ok) continue;
  check(wasm.json === json, `${name}: the decision JSON is the native one`, firstDifference(json, wasm.json));
  const officer = native(["eval", file]).out;
  check(wasm.text === officer, `${name}: the officer text is the native one`, firstDifference(officer, wasm.text));
  nativeFingerprint = JSON.parse(json).ruleset.fingerprint;
}
console.log(`decided ${cases.length} example cases`);

// ---- the fingerprint ---------------------------------------------------------
check(base.fingerprint === nativeFingerprint, "the standard library's fingerprint is the native one",
  `native ${nativeFingerprint}, wasm ${base.fingerprint}`);
const work = mkdtempSync(path.join(tmpdir(), "kader-web-"));
const mine = `/// A made-up company policy.
module playground.mine

rule iceland_review
  goal end_use
  basis "internal compliance policy (an example) – with non-ASCII text: ü, é, ≤"
  when case.destination == "IS"
  then escalate "company policy: exports to Iceland ({case.destination}) go to the compliance officer"
`;
const mineFile = path.join(work, "mine.kader");
writeFileSync(mineFile, mine);
const sample = path.join(casesDir, "chips-cn-distributor-2024.json");
const iceland = readFileSync(sample, "utf8").replace('"destination": "CN"', '"destination": "IS"');
const icelandFile = path.join(work, "iceland.json");
writeFileSync(icelandFile, iceland);
const withMine = load([{ name: "mine.kader", text: mine }]);
check(withMine.ok, "a user module loads", JSON.stringify(withMine.diagnostics));
// From the module's folder: a decision names the rule file as it was given.
const nativeMine = native(["eval", "--format", "json", "-r", "mine.kader", icelandFile], work).out;
check(withMine.fingerprint === JSON.parse(nativeMine).ruleset.fingerprint,
  "the fingerprint with a user module is the native one");
const wasmMine = decide(iceland);
check(wasmMine.ok && wasmMine.json === nativeMine, "a user module decides as natively",
  wasmMine.ok ? firstDifference(nativeMine, wasmMine.json) : wasmMine.error);
check(wasmMine.verdict === "escalate", "the user module's rule decides", wasmMine.verdict);

// ---- a broken rule module ----------------------------------------------------
const broken = mine.replace("case.destination ==", "case.destinatoin ==");
const brokenFile = path.join(work, "broken.kader");
writeFileSync(brokenFile, broken);
const expected = native(["check", "-r", brokenFile]).err.match(/:(\d+):(\d+): error\[(K\d+)\]/);
check(expected !== null, "the native checker reports the broken module");
const brokenReply = load([{ name: "broken.kader", text: broken }]);
check(!brokenReply.ok, "a broken module does not load");
const d = (brokenReply.diagnostics || []).find((x) => x.severity === "error");
check(d && d.file === "broken.kader" && d.line === 7 && d.column === 13 && d.code === "K0313" && d.length === 11,
  "the diagnostic is at the misspelt name", JSON.stringify(d));
if (expected && d)
  check(`${d.line}:${d.column}:${d.code}` === `${expected[1]}:${expected[2]}:${expected[3]}`,
    "the diagnostic is where the native checker puts it");
check(d && /did you mean `destination`/.test(d.help), "the diagnostic has its advice", d && d.help);
check(decide(iceland).verdict === "escalate", "after a failed load the last rule set stays in use");
check(load("not json").ok === false && load('[{"name": 1}]').ok === false && load("{}").ok === false,
  "malformed module lists are error values");
check(load([{ name: "x.kader", text: "module\u0000 ???" }]).ok === false, "rubbish rules are an error value");

// ---- why not -----------------------------------------------------------------
check(load([]).ok, "back to the standard library");
for (const [name, target] of [["chips-cn-distributor-2024.json", "lower"], ["duv-cn-2023-08.json", "higher"],
  ["euv-cn-2021.json", "allow"]]) {
  const file = path.join(casesDir, name);
  const flag = target === "lower" || target === "higher" ? [`--${target}`] : ["--target", target];
  const nativeText = native(["whynot", ...flag, file]).out;
  const nativeJson = native(["whynot", "--format", "json", ...flag, file]).out;
  const reply = whyNot(readFileSync(file, "utf8"), target);
  check(reply.ok, `${name}: why not ${target} answers`, reply.error);
  if (!reply.ok) continue;
  check(JSON.stringify(reply.result) + "\n" === nativeJson, `${name}: why-not JSON is the native one`,
    firstDifference(nativeJson, JSON.stringify(reply.result) + "\n"));
  // The hint that suggests a wider search names the page's controls, not the options.
  const spelt = nativeText.replace("`--max-changes N`", "`Facts changed at most`").replace("`--budget N`", "`the search budget`");
  check(reply.text === spelt, `${name}: why-not text is the native one`, firstDifference(spelt, reply.text));
}

// ---- bad input ---------------------------------------------------------------
const good = readFileSync(sample, "utf8");
const bad = [
  ["not JSON", "{ \"date\": "],
  ["empty", ""],
  ["a list", "[1, 2]"],
  ["a wrong type", '{"date": 5, "destination": "CN", "items": [{}]}'],
  ["a date not in the calendar", good.replace("2024-06-03", "2024-02-30")],
  ["a country code that is none", good.replace('"destination": "CN"', '"destination": "XX"')],
  ["deep nesting", "[".repeat(200000) + "]".repeat(200000)],
  ["a duplicate key", '{"date": "2024-01-01", "date": "2024-01-02"}'],
  ["invalid UTF-8 escapes", '{"id": "\\ud800"}'],
];
for (const [what, text] of bad) {
  const r = decide(text);
  check(r.ok === false && typeof r.error === "string" && r.error.length > 0, `${what}: an error value`, JSON.stringify(r).slice(0, 200));
}
const notJson = decide('{\n  "date": "2024-01-01",\n  "destination": CN\n}');
check(notJson.diagnostics.length > 0 && notJson.diagnostics[0].line === 3, "malformed JSON is located",
  JSON.stringify(notJson.diagnostics[0]));
check(decide(good, "2024-13-01").ok === false, "a bad as-of date is an error value");
check(decide(good, "2021-01-01").ok === true, "a good as-of date decides");
check(whyNot(good, "sideways").ok === false, "a bad why-not target is an error value");
check(whyNot(good, "lower", 9).ok === false, "too many changes is an error value");
check(whyNot(good, "escalate").ok === false, "the current verdict as target is an error value");
check(whyNot("{", "lower").ok === false, "why-not of malformed JSON is an error value");
check(decide(good).json === native(["eval", "--format", "json", sample]).out, "the module still decides after bad input");
const schema = call("kader_schema", [], []);
check(schema.ok && schema.schema.fields.some((f) => f.name === "destination" && f.type.kind === "country"),
  "the schema has the destination");
const examples = call("kader_examples", [], []);
check(examples.ok && examples.examples.length === cases.length, "every example case is embedded");
const countries = call("kader_countries", [], []);
check(countries.ok && countries.countries.length === 249, "the 249 country codes", countries.countries?.length);

finish("checks passed");
