// The playground page in headless Chromium, opened from file:// as a reader
// would: decide an example case, change the destination in the form and see
// the verdict change (as the native kader decides the changed case), write a
// broken rule and see the error at its line, ask "why not".
//   node web/tests/browser_test.mjs BUILD_WASM_DIR NATIVE_KADER
// Screenshots go to docs/images/playground-*.png with KADER_UPDATE_SCREENSHOTS=1,
// otherwise to a temporary folder.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { check, finish } from "./check.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const [buildDir, nativeKader] = process.argv.slice(2);
if (!buildDir || !nativeKader) {
  console.error("usage: node web/tests/browser_test.mjs BUILD_WASM_DIR NATIVE_KADER");
  process.exit(2);
}
const work = mkdtempSync(path.join(tmpdir(), "kader-browser-"));
const shots = process.env.KADER_UPDATE_SCREENSHOTS === "1" ? path.join(root, "docs", "images") : work;
mkdirSync(shots, { recursive: true });

function nativeVerdict(caseText) {
  const file = path.join(work, "case.json");
  writeFileSync(file, caseText);
  const r = spawnSync(nativeKader, ["eval", "--format", "json", file], { encoding: "utf8" });
  return r.status === 0 ? JSON.parse(r.stdout).verdict : `error: ${r.stderr}`;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: process.getuid && process.getuid() === 0 ? ["--no-sandbox"] : [],
});
const errors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(pathToFileURL(path.resolve(buildDir, "web", "index.html")).href);
  await page.waitForSelector("body[data-ready=true]", { timeout: 60000 });
  const verdict = () => page.getAttribute("#verdict", "data-verdict");

  // Every control has a name a screen reader can say.
  const unlabelled = await page.$$eval("input, select, textarea", (all) => all
    .filter((e) => e.type !== "hidden" && !e.getAttribute("aria-label") &&
      !(e.id && document.querySelector(`label[for="${e.id}"]`)) && !e.closest("label"))
    .map((e) => e.outerHTML.slice(0, 80)));
  check(unlabelled.length === 0, "every control has a label", unlabelled.join("\n  "));

  // ---- an example case ---------------------------------------------------------
  const example = "examples/cases/chips-cn-distributor-2024.json";
  await page.selectOption("#example", example);
  const expected = nativeVerdict(readFileSync(path.join(root, example), "utf8"));
  await page.waitForFunction((v) => document.querySelector("#verdict").dataset.verdict === v, expected);
  check((await verdict()) === expected, "the example is decided as natively", `${await verdict()} vs ${expected}`);
  check((await page.textContent("#verdict .verdict-word")) === expected.toUpperCase().replace("_", " ") ||
    (await page.textContent("#verdict .verdict-word")).length > 0, "the verdict is shown in words");
  check((await page.textContent("#decision-text")).includes("decided by"), "the officer's text is shown");
  await page.screenshot({ path: path.join(shots, "playground-decision.png"), fullPage: false });

  // ---- what if: another destination, in the form -------------------------------
  const whatIf = "examples/cases/ai-accelerator-cn-2023.json";
  await page.selectOption("#example", whatIf);
  const before = nativeVerdict(readFileSync(path.join(root, whatIf), "utf8"));
  await page.waitForFunction((v) => document.querySelector("#verdict").dataset.verdict === v, before);
  const destination = page.locator('[data-path="destination"]');
  await destination.fill("NO");
  await page.waitForFunction((v) => document.querySelector("#verdict").dataset.verdict !== v, before, { timeout: 10000 })
    .catch(() => {});
  const after = await verdict();
  const json = await page.inputValue("#case-json");
  check(JSON.parse(json).destination === "NO", "the JSON view follows the form", json.slice(0, 200));
  check(after !== before, "changing the destination changes the verdict", `${before} -> ${after}`);
  check(after === nativeVerdict(json), "the changed case is decided as natively", `${after} vs ${nativeVerdict(json)}`);
  await page.screenshot({ path: path.join(shots, "playground-what-if.png"), fullPage: false });

  // ---- why not -----------------------------------------------------------------
  await page.selectOption("#whynot-target", "higher");
  await page.click("#whynot-ask");
  await page.waitForFunction(() => !["", "Searching…"].includes(document.querySelector("#whynot-text").textContent));
  const whynot = await page.textContent("#whynot-text");
  check(/[a-z]/.test(whynot) && !whynot.startsWith("Cannot"), "why-not answers", whynot.slice(0, 200));
  await page.locator("#whynot").screenshot({ path: path.join(shots, "playground-why-not.png") });

  // ---- the JSON view: a malformed case is an error, not a crash ----------------
  await page.click("#tab-json");
  await page.fill("#case-json", '{\n  "date": "2024-01-01",\n  "destination": CN\n}');
  await page.waitForSelector("#case-errors:not([hidden])");
  check((await page.textContent("#case-errors")).includes("line 3"), "malformed JSON is reported at its line",
    await page.textContent("#case-errors"));
  await page.click("#tab-form");

  // ---- a broken rule -------------------------------------------------------------
  const rule = page.locator("#rule-text");
  const good = await rule.inputValue();
  const broken = good.replace("case.destination ==", "case.destinatoin ==");
  const line = broken.split("\n").findIndex((l) => l.includes("destinatoin")) + 1;
  await rule.fill(broken);
  await page.waitForSelector("#rule-gutter .line-error", { timeout: 10000 });
  const marked = await page.$$eval("#rule-gutter .line-error", (all) => all.map((e) => e.textContent));
  check(marked.length === 1 && marked[0] === String(line), "the error is marked at its line", `${marked} vs ${line}`);
  const note = await page.$$eval("#rule-backdrop .inline-note", (all) => all.map((e) => [e.dataset.line, e.textContent]));
  check(note.length === 1 && note[0][0] === String(line) && note[0][1].includes("K0313"),
    "the message is shown at its line", JSON.stringify(note));
  check((await page.textContent("#rule-diagnostics")).includes("did you mean `destination`"), "the advice is listed");
  await page.locator("#rules").screenshot({ path: path.join(shots, "playground-rule-error.png") });

  // ---- the corrected rule decides --------------------------------------------------
  await rule.fill(good);
  await page.waitForFunction(() => document.querySelectorAll("#rule-gutter .line-error").length === 0);
  await page.selectOption("#example", example);
  await destination.fill("IS");
  await page.waitForFunction(() => document.querySelector("#decision-text").textContent.includes("playground.mine"),
    null, { timeout: 10000 }).catch(() => {});
  check((await page.textContent("#decision-text")).includes("decided by playground.mine.iceland_review"),
    "the user's rule decides", (await page.textContent("#decision-text")).slice(0, 300));

  check(errors.length === 0, "no errors in the page", errors.join("\n  "));
} finally {
  await browser.close();
}
finish(`browser checks passed; screenshots in ${shots}`);
