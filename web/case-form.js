// The case form: generated from the rule set's case schema (the module's
// kader_schema), editing a case object in place so that fields the form
// does not show (or a schema of another rule set) are kept as they are.
// An empty input removes the fact: in Kader an absent optional fact is
// unknown, never a default, so "not given" must stay possible everywhere.
"use strict";

window.KaderForm = (() => {
  // Field names as a reader says them; the rest by their words.
  const LABELS = {
    id: "Reference", us_persons: "US persons", cn: "CN code", code: "EU control-list code",
    us_eccn: "US ECCN", value_eur: "Value (EUR)", node_nm: "Technology node (nm)",
    tpp: "Total processing performance (TPP)", pd: "Performance density", layers: "NAND layers",
    dram_hp_nm: "DRAM half-pitch (nm)", overlay_nm: "Dedicated chuck overlay (nm)",
    wavelength_nm: "Wavelength (nm)", mrf_nm: "Minimum resolvable feature (nm)",
    params: "Technical parameters", serves: "The machine the item is for",
    authorisation_requested: "Authorisation requested on", contract_date: "Contract date",
  };
  const words = (name) => LABELS[name] || name.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
  const regionNames =
    typeof Intl !== "undefined" && Intl.DisplayNames ? new Intl.DisplayNames(["en"], { type: "region" }) : null;
  let ids = 0;
  const nextId = () => `f${++ids}`;

  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c) e.append(c);
    return e;
  }

  // The value at `path` (a list of keys and indices) in `root`.
  function getAt(root, path) {
    let v = root;
    for (const k of path) {
      if (v === null || typeof v !== "object") return undefined;
      v = v[k];
    }
    return v;
  }

  // Sets the value at `path`, making the records on the way; `undefined`
  // removes it, and then every optional record the removal left empty.
  function setAt(root, path, value, optionalRecords) {
    const parents = [root];
    let v = root;
    for (const k of path.slice(0, -1)) {
      if (v[k] === null || typeof v[k] !== "object") {
        if (value === undefined) return;
        v[k] = typeof k === "number" ? [] : {};
      }
      v = v[k];
      parents.push(v);
    }
    const last = path[path.length - 1];
    if (value !== undefined) {
      v[last] = value;
      return;
    }
    if (Array.isArray(v)) return; // list elements are removed with their button
    delete v[last];
    for (let i = path.length - 1; i > 0; --i) {
      const obj = parents[i];
      const key = path.slice(0, i).join(".");
      if (Array.isArray(obj) || Object.keys(obj).length > 0 || !optionalRecords.has(key)) break;
      delete parents[i - 1][path[i - 1]];
    }
  }

  class CaseForm {
    // `onEdit()` after every change a person makes; `countries`: the ISO codes.
    constructor(container, onEdit, countries) {
      this.container = container;
      this.onEdit = onEdit;
      this.schema = null;
      this.value = {};
      this.optionalRecords = new Set();
      const list = el("datalist", { id: "countries" });
      for (const code of countries) {
        const name = regionNames ? regionNames.of(code) : "";
        list.append(el("option", { value: code, label: name && name !== code ? `${code} — ${name}` : code }));
      }
      document.body.append(list);
    }

    setSchema(schema) {
      this.schema = schema;
      this.render();
    }

    setValue(value) {
      this.value = value && typeof value === "object" && !Array.isArray(value) ? value : {};
      this.render();
    }

    render() {
      const focused = document.activeElement && document.activeElement.dataset.path;
      this.container.replaceChildren();
      if (!this.schema || !this.schema.fields) {
        this.container.append(el("p", { text: "The rule set has no case schema." }));
        return;
      }
      this.record(this.container, this.schema, [], 2);
      if (focused) {
        const again = this.container.querySelector(`[data-path="${CSS.escape(focused)}"]`);
        if (again) again.focus();
      }
    }

    changed(path, value) {
      setAt(this.value, path, value, this.optionalRecords);
      this.onEdit();
    }

    record(parent, type, path, depth) {
      for (const f of type.fields) {
        const here = path.concat(f.name);
        const key = here.join(".");
        if (f.type.kind === "record") {
          if (f.optional) this.optionalRecords.add(key);
          const set = el("fieldset", { class: `record depth${depth}` },
            el("legend", { text: words(f.name) + (f.optional ? "" : " (required)") }));
          if (f.ask) set.append(el("p", { class: "hint", text: f.ask }));
          this.record(set, f.type, here, depth + 1);
          parent.append(set);
        } else if (f.type.kind === "list" && f.type.element.kind === "record") {
          parent.append(this.recordList(f, here, depth));
        } else {
          parent.append(this.scalar(f, here));
        }
      }
    }

    recordList(f, path, depth) {
      const items = getAt(this.value, path);
      const list = Array.isArray(items) ? items : [];
      const one = words(f.name).replace(/ies$/, "y").replace(/s$/, "");
      const set = el("fieldset", { class: `list depth${depth}` },
        el("legend", { text: `${words(f.name)}${f.type.nonempty ? " (at least one)" : ""}` }));
      if (f.ask) set.append(el("p", { class: "hint", text: f.ask }));
      list.forEach((_, i) => {
        const box = el("fieldset", { class: `record element depth${depth + 1}` },
          el("legend", { text: `${one} ${i + 1}` }));
        this.record(box, f.type.element, path.concat(i), depth + 2);
        box.append(el("button", {
          type: "button", class: "remove", text: `Remove ${one.toLowerCase()} ${i + 1}`,
          onclick: () => {
            list.splice(i, 1);
            if (list.length === 0 && f.optional) setAt(this.value, path, undefined, this.optionalRecords);
            this.render();
            this.onEdit();
          },
        }));
        set.append(box);
      });
      set.append(el("button", {
        type: "button", class: "add", text: `Add ${one.toLowerCase()}`,
        onclick: () => {
          if (!Array.isArray(getAt(this.value, path))) setAt(this.value, path, [], this.optionalRecords);
          getAt(this.value, path).push({});
          this.render();
          this.onEdit();
        },
      }));
      return set;
    }

    // One input for a fact that is not a record: text, number, date, yes/no,
    // a choice, or a list of texts written with commas.
    scalar(f, path) {
      const id = nextId();
      const key = path.join(".");
      const current = getAt(this.value, path);
      const kind = f.type.kind;
      const label = el("label", { for: id, text: words(f.name) + (f.optional ? "" : " (required)") });
      const help = f.ask || f.type.expected || "";
      const helpId = help ? `${id}-help` : null;
      let input;
      if (kind === "enum" || kind === "boolean") {
        const choices = kind === "enum" ? f.type.values.map((v) => [v, words(v)]) : [[true, "Yes"], [false, "No"]];
        input = el("select", { id, "data-path": key, "aria-describedby": helpId });
        input.append(el("option", { value: "", text: f.optional ? "Not known" : "Choose…" }));
        choices.forEach(([v, text], i) => {
          input.append(el("option", { value: String(i), text, selected: current === v }));
        });
        input.addEventListener("change", () => {
          this.changed(path, input.value === "" ? undefined : choices[Number(input.value)][0]);
        });
      } else if (kind === "list") {
        const text = Array.isArray(current) ? current.join(", ") : "";
        input = el("input", { id, type: "text", value: text, "data-path": key, "aria-describedby": helpId,
          placeholder: "separate with commas", list: f.type.element.kind === "country" ? "countries" : null });
        input.addEventListener("input", () => {
          const parts = input.value.split(",").map((s) => s.trim()).filter((s) => s !== "");
          const upper = f.type.element.kind === "country";
          // An empty list and an absent one differ (none vs. unknown): an
          // empty input keeps a list the case had, empty.
          const none = Array.isArray(getAt(this.value, path)) || !f.optional ? [] : undefined;
          this.changed(path, parts.length ? parts.map((s) => (upper ? s.toUpperCase() : s)) : none);
        });
      } else {
        const type = kind === "number" ? "number" : kind === "date" ? "date" : "text";
        input = el("input", {
          id, type, "data-path": key, "aria-describedby": helpId, step: kind === "number" ? "any" : null,
          value: current === undefined || current === null ? "" : String(current),
          list: kind === "country" ? "countries" : null, autocomplete: "off",
          size: kind === "country" ? 6 : null,
        });
        input.addEventListener("input", () => {
          let v = input.value.trim();
          if (v === "") return this.changed(path, undefined);
          if (kind === "number") {
            const n = Number(v);
            // Half-typed numbers ("1e") go in as text, which the case reader refuses with a reason.
            return this.changed(path, Number.isFinite(n) ? n : v);
          }
          if (kind === "country") v = v.toUpperCase();
          this.changed(path, v);
        });
      }
      const row = el("div", { class: "field" }, label, input);
      if (help) row.append(el("p", { id: helpId, class: "hint", text: help }));
      return row;
    }
  }

  return { CaseForm };
})();
