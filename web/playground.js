// The playground page: loads the module (kader.js, the interpreter compiled
// to WebAssembly), and wires the case form, the JSON view, the decision,
// "why not" and the rule editor to it. Every call into the module returns
// JSON with "ok"; a failed one carries the diagnostics to show.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const RULE_FILE = "my-rules.kader";
  const STARTER_RULES = `/// A rule of your own, tried out in the playground: a made-up company
/// policy that sends every export to Iceland to the compliance officer.
/// Set the destination to IS and see it decide.
module playground.mine

rule iceland_review
  goal end_use
  basis "internal compliance policy (an example)"
  when case.destination == "IS"
  then escalate "company policy: exports to Iceland ({case.destination}) go to the compliance officer"
`;
  const VERDICT_WORDS = {
    allow: ["Allow", "No licence is needed under the rules loaded."],
    license_required: ["Licence required", "The export needs an authorisation before it may go."],
    escalate: ["Escalate", "A person must weigh the case before it goes further."],
    deny: ["Deny", "The authorisation would be refused."],
    prohibited: ["Prohibited", "The export is prohibited outright."],
  };

  let kader = null; // the module's calls, once loaded
  let form = null;
  let editor = null;
  let caseValue = {};
  let timer = null;

  function call(name, types, args) {
    try {
      return JSON.parse(kader.ccall(name, "string", types, args));
    } catch (e) {
      // A trap inside the module (which should not happen) still leaves the page usable.
      return { ok: false, error: `the interpreter failed: ${e && e.message ? e.message : e}`, diagnostics: [] };
    }
  }
  const api = {
    version: () => call("kader_version", [], []),
    load: (modules) => call("kader_load", ["string"], [JSON.stringify(modules)]),
    decide: (text, asOf) => call("kader_decide", ["string", "string"], [text, asOf]),
    whyNot: (text, target, asOf, changes) =>
      call("kader_whynot", ["string", "string", "string", "number"], [text, target, asOf, changes]),
    schema: () => call("kader_schema", [], []),
    examples: () => call("kader_examples", [], []),
    countries: () => call("kader_countries", [], []),
  };

  function status(text) {
    $("status").textContent = text;
  }

  // ---- the case: form <-> JSON ------------------------------------------------

  function caseText() {
    return $("case-json").value;
  }

  function fromForm() {
    $("case-json").value = JSON.stringify(caseValue, null, 2) + "\n";
    $("json-note").textContent = "";
    edited();
  }

  function fromJson() {
    try {
      const parsed = JSON.parse(caseText());
      caseValue = parsed;
      form.setValue(caseValue);
      $("json-note").textContent = "";
    } catch (e) {
      // The form keeps the last case that read; the decision shows where the JSON breaks.
      $("json-note").textContent = "The form shows the last case that could be read: the JSON has an error (see the decision).";
    }
    edited();
  }

  function setCase(text) {
    $("case-json").value = text.endsWith("\n") ? text : text + "\n";
    try {
      caseValue = JSON.parse(text);
    } catch (e) {
      caseValue = {};
    }
    form.setValue(caseValue);
    decideNow();
  }

  function edited() {
    clearTimeout(timer);
    $("whynot-text").textContent = "";
    if ($("live").checked) timer = setTimeout(decideNow, 250);
  }

  // ---- the decision -----------------------------------------------------------

  function showVerdict(verdict, incomplete, note) {
    const box = $("verdict");
    box.className = `verdict ${verdict || "none"}`;
    const [word, meaning] = VERDICT_WORDS[verdict] || ["No decision", ""];
    box.querySelector(".verdict-word").textContent = word.toUpperCase();
    box.dataset.verdict = verdict || "";
    box.querySelector(".verdict-note").textContent =
      note || (incomplete ? `${meaning} The case lacks facts that could change this: see the questions in the decision.` : meaning);
  }

  function showErrors(target, reply) {
    target.hidden = false;
    target.replaceChildren();
    const list = document.createElement("ul");
    const diagnostics = reply.diagnostics && reply.diagnostics.length ? reply.diagnostics : [{ message: reply.error }];
    for (const d of diagnostics) {
      const li = document.createElement("li");
      const where = d.line > 0 ? `line ${d.line}, column ${d.column}: ` : "";
      li.textContent = `${where}${d.message}`;
      if (d.help) {
        const help = document.createElement("div");
        help.className = "hint";
        help.textContent = `help: ${d.help}`;
        li.append(help);
      }
      list.append(li);
    }
    const title = document.createElement("p");
    title.textContent = "The case cannot be decided as it stands:";
    target.append(title, list);
  }

  function decideNow() {
    clearTimeout(timer);
    if (!kader) return;
    const reply = api.decide(caseText(), $("as-of").value);
    if (!reply.ok) {
      showVerdict("", false, "Correct the case to see a decision.");
      showErrors($("case-errors"), reply);
      $("decision-text").textContent = "";
      $("decision-json").textContent = "";
      return;
    }
    $("case-errors").hidden = true;
    showVerdict(reply.verdict, reply.incomplete);
    $("decision-text").textContent = reply.text;
    $("decision-json").textContent = JSON.stringify(JSON.parse(reply.json), null, 2);
  }

  function askWhyNot() {
    const out = $("whynot-text");
    out.textContent = "Searching…";
    // Let the page show "Searching…" before the search takes the thread.
    setTimeout(() => {
      const reply = api.whyNot(caseText(), $("whynot-target").value, $("as-of").value,
        Number($("whynot-changes").value));
      out.textContent = reply.ok ? reply.text : `Cannot search: ${reply.error}`;
    }, 20);
  }

  // ---- the rules ---------------------------------------------------------------

  function loadRules() {
    const modules = $("use-rules").checked && editor.text.trim() !== "" ? [{ name: RULE_FILE, text: editor.text }] : [];
    const reply = api.load(modules);
    editor.setDiagnostics(reply.diagnostics || []);
    const errors = (reply.diagnostics || []).filter((d) => d.severity === "error").length;
    if (!reply.ok)
      status(`Your rules have ${errors === 1 ? "an error" : `${errors} errors`}: decisions use the rules as they last loaded.`);
    else status(modules.length ? "Your rules are checked and in use." : "The standard library is loaded.");
    $("ruleset").textContent = `Rule set ${reply.fingerprint}: modules ${(reply.modules || []).join(", ")}.`;
    if (reply.ok) decideNow();
  }

  // ---- tabs ---------------------------------------------------------------------

  function setupTabs() {
    const tabs = [$("tab-form"), $("tab-json")];
    const select = (tab) => {
      for (const t of tabs) {
        const on = t === tab;
        t.setAttribute("aria-selected", String(on));
        t.tabIndex = on ? 0 : -1;
        $(t.getAttribute("aria-controls")).hidden = !on;
      }
      tab.focus();
    };
    for (const t of tabs) {
      t.addEventListener("click", () => select(t));
      t.addEventListener("keydown", (e) => {
        if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
        select(tabs[(tabs.indexOf(t) + 1) % tabs.length]);
      });
    }
  }

  // ---- start --------------------------------------------------------------------

  async function start() {
    try {
      kader = await createKader();
    } catch (e) {
      status(`The interpreter could not start in this browser: ${e}`);
      return;
    }
    const version = api.version();
    $("version").textContent = version.ok ? version.version : "";
    const countries = api.countries();
    form = new KaderForm.CaseForm($("case-form"), fromForm, countries.ok ? countries.countries : []);
    editor = new KaderRuleEditor.RuleEditor({
      textarea: $("rule-text"), gutter: $("rule-gutter"), backdrop: $("rule-backdrop"),
      list: $("rule-diagnostics"), fileName: RULE_FILE,
    });
    editor.text = STARTER_RULES;
    loadRules();
    const schema = api.schema();
    form.setSchema(schema.ok ? schema.schema : null);

    const examples = api.examples();
    const picker = $("example");
    for (const ex of examples.ok ? examples.examples : []) {
      const name = ex.path.replace(/^.*\//, "").replace(/\.json$/, "");
      const option = document.createElement("option");
      option.value = ex.path;
      option.textContent = name;
      option.dataset.text = ex.text;
      picker.append(option);
    }
    picker.addEventListener("change", () => {
      const chosen = picker.selectedOptions[0];
      if (chosen && chosen.dataset.text) setCase(chosen.dataset.text);
    });

    $("decide").addEventListener("click", decideNow);
    $("as-of").addEventListener("change", edited);
    $("case-json").addEventListener("input", fromJson);
    $("whynot-ask").addEventListener("click", askWhyNot);
    $("check-rules").addEventListener("click", loadRules);
    $("use-rules").addEventListener("change", loadRules);
    let ruleTimer = null;
    $("rule-text").addEventListener("input", () => {
      clearTimeout(ruleTimer);
      ruleTimer = setTimeout(loadRules, 400);
    });
    setupTabs();

    if (picker.options.length > 1) {
      picker.selectedIndex = 1;
      setCase(picker.options[1].dataset.text);
    }
    document.body.dataset.ready = "true";
  }

  start();
})();
