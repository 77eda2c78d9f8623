// The rule editor: a plain textarea (so that every browser's keyboard
// handling, undo and screen-reader support stay as they are), with line
// numbers beside it and, behind it, a copy of the text that marks where
// each diagnostic points and shows its message after the line.
"use strict";

window.KaderRuleEditor = (() => {
  class RuleEditor {
    constructor({ textarea, gutter, backdrop, list, fileName }) {
      this.textarea = textarea;
      this.gutter = gutter;
      this.backdrop = backdrop;
      this.list = list;
      this.fileName = fileName;
      this.diagnostics = [];
      textarea.addEventListener("input", () => this.draw());
      textarea.addEventListener("scroll", () => this.syncScroll());
      // Tab indents (the language indents by two spaces); Escape then Tab
      // leaves the editor, as keyboard users expect of a text area.
      let escaped = false;
      textarea.addEventListener("keydown", (e) => {
        if (e.key === "Escape") escaped = true;
        else if (e.key === "Tab" && !e.shiftKey && !escaped) {
          e.preventDefault();
          document.execCommand("insertText", false, "  ");
        } else escaped = false;
      });
    }

    get text() {
      return this.textarea.value;
    }

    set text(t) {
      this.textarea.value = t;
      this.draw();
    }

    // Diagnostics of the module's own file; others (a clash with the standard
    // library) are listed without a place in the editor.
    setDiagnostics(diagnostics) {
      this.diagnostics = diagnostics;
      this.draw();
      this.renderList();
    }

    mine(d) {
      return d.file === this.fileName && d.line > 0;
    }

    draw() {
      const lines = this.textarea.value.split("\n");
      const byLine = new Map();
      for (const d of this.diagnostics.filter((d) => this.mine(d))) {
        if (!byLine.has(d.line)) byLine.set(d.line, []);
        byLine.get(d.line).push(d);
      }
      this.gutter.replaceChildren();
      this.backdrop.replaceChildren();
      lines.forEach((line, i) => {
        const n = i + 1;
        const here = byLine.get(n) || [];
        const worst = here.some((d) => d.severity === "error") ? "error" : here.length ? "warning" : "";
        const num = document.createElement("div");
        num.textContent = String(n);
        if (worst) {
          num.className = `line-${worst}`;
          num.title = here.map((d) => `${d.code}: ${d.message}`).join("\n");
        }
        this.gutter.append(num);
        this.backdrop.append(this.markedLine(line, here, worst));
      });
      this.syncScroll();
    }

    // The line's text (invisible: the textarea above shows it) with the
    // diagnostics' spans underlined, then their messages.
    markedLine(line, here, worst) {
      const div = document.createElement("div");
      div.className = worst ? `line has-${worst}` : "line";
      // Columns are 1-based and count bytes; the editor counts characters.
      const bytes = new TextEncoder().encode(line);
      const decode = (a, b) => new TextDecoder().decode(bytes.slice(a, b));
      let at = 0;
      const spans = here
        .map((d) => [Math.max(0, d.column - 1), Math.max(0, d.column - 1) + Math.max(1, d.length), d.severity])
        .sort((a, b) => a[0] - b[0]);
      for (const [from, to, severity] of spans) {
        if (from < at) continue;
        div.append(decode(at, from));
        const mark = document.createElement("mark");
        mark.className = severity;
        mark.textContent = from < bytes.length ? decode(from, to) : " ";
        div.append(mark);
        at = Math.min(Math.max(to, from), bytes.length);
      }
      div.append(decode(at, bytes.length));
      for (const d of here) {
        const note = document.createElement("span");
        note.className = `inline-note ${d.severity}`;
        note.dataset.line = String(d.line);
        note.textContent = `  ← ${d.severity}[${d.code}]: ${d.message}`;
        div.append(note);
      }
      if (div.textContent === "") div.append("\u200b"); // keep an empty line's height
      return div;
    }

    syncScroll() {
      this.backdrop.style.transform =
        `translate(${-this.textarea.scrollLeft}px, ${-this.textarea.scrollTop}px)`;
      this.gutter.scrollTop = this.textarea.scrollTop;
    }

    // The list under the editor: every diagnostic with its advice; a button
    // moves the cursor to the place it points to.
    renderList() {
      this.list.replaceChildren();
      if (this.diagnostics.length === 0) return;
      const ul = document.createElement("ul");
      ul.className = "diagnostics";
      for (const d of this.diagnostics) {
        const li = document.createElement("li");
        li.className = d.severity;
        const where = d.line > 0 ? `${d.file}, line ${d.line}, column ${d.column}` : d.file || "the rules";
        if (this.mine(d)) {
          const go = document.createElement("button");
          go.type = "button";
          go.className = "link";
          go.textContent = where;
          go.addEventListener("click", () => this.goTo(d.line, d.column));
          li.append(go);
        } else {
          li.append(where);
        }
        const strong = document.createElement("strong");
        strong.textContent = ` ${d.severity} ${d.code}: `;
        li.append(strong, d.message);
        if (d.help) {
          const help = document.createElement("div");
          help.className = "hint";
          help.textContent = `help: ${d.help}`;
          li.append(help);
        }
        ul.append(li);
      }
      this.list.append(ul);
    }

    goTo(line, column) {
      const lines = this.textarea.value.split("\n");
      let offset = 0;
      for (let i = 0; i < line - 1 && i < lines.length; ++i) offset += lines[i].length + 1;
      const bytes = new TextEncoder().encode(lines[line - 1] || "");
      offset += new TextDecoder().decode(bytes.slice(0, Math.max(0, column - 1))).length;
      this.textarea.focus();
      this.textarea.setSelectionRange(offset, offset);
    }
  }

  return { RuleEditor };
})();
