// The grammar over every real rule file of the repository (the standard
// library, the examples): no construct leaks into the next declaration, and
// dates, verdicts, goals, message holes and codes are highlighted where they are.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { tokenize, EXTENSION_DIR } = require('../lib/tokenize');

const REPO = path.resolve(EXTENSION_DIR, '..', '..');

function kaderFiles(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...kaderFiles(p));
    else if (e.name.endsWith('.kader')) out.push(p);
  }
  return out.sort();
}

const FILES = [...kaderFiles(path.join(REPO, 'stdlib-rules')), ...kaderFiles(path.join(REPO, 'examples'))]
  // Rule-test fixtures may hold mistakes on purpose.
  .filter((f) => !f.includes(`${path.sep}tests${path.sep}`));

const isText = (t) => t.scopes.some((s) => /^(string|comment)\./.test(s)) && !t.scopes.some((s) => s.startsWith('meta.embedded.'));

test('the real rule files are found', () => {
  assert.ok(FILES.length >= 8, `only ${FILES.length} rule files under stdlib-rules/ and examples/`);
});

const seen = { country: 0, cn: 0, control: 0, hole: 0, table: 0, schema: 0 };

for (const file of FILES) {
  const rel = path.relative(REPO, file);
  test(`highlighting of ${rel}`, async () => {
    const lines = await tokenize(fs.readFileSync(file, 'utf8'));
    lines.forEach((l, i) => {
      const where = `${rel}:${i + 1}`;
      for (const t of l.tokens) {
        assert.ok(!t.scopes.some((s) => s.startsWith('invalid.')), `${where}: ${JSON.stringify(t.text)} is marked invalid (${t.scopes.join(' ')})`);
      }
      // A declaration starts a fresh construct: nothing of the one above is still open.
      if (/^[A-Za-z_]/.test(l.line)) {
        const first = l.tokens[0];
        const outer = first.scopes.slice(1).filter((s) => !/^meta\.declaration\./.test(s));
        assert.ok(
          outer.length === 1 && /^(keyword|storage)\./.test(outer[0]),
          `${where}: the declaration keyword is ${first.scopes.join(' ')}`,
        );
        assert.ok(first.scopes.filter((s) => s.startsWith('meta.')).length <= 1, `${where}: ${first.scopes.join(' ')}`);
      }
      for (const t of l.tokens) {
        const text = t.text.trim();
        if (text === '' || isText(t)) continue;
        // Dates, outside texts and comments.
        if (/^\d{4}-\d{2}-\d{2}$/.test(text)) assert.ok(t.scopes.includes('constant.numeric.date.kader'), `${where}: ${text}`);
        assert.ok(!/\d{4}-\d{2}-\d{2}/.test(text) || /^\d{4}-\d{2}-\d{2}$/.test(text), `${where}: a date inside the token ${JSON.stringify(t.text)}`);
        if (t.scopes.includes('meta.embedded.line.kader')) seen.hole++;
        if (t.scopes.includes('meta.declaration.table.kader')) seen.table++;
        if (t.scopes.includes('meta.declaration.schema.kader')) seen.schema++;
      }
      // The verdict after `then` and `=>`, the goal after `goal`.
      for (const m of l.line.matchAll(/(?:^\s+then|=>)\s+(\w+)/g)) {
        if (m[1] === 'verdict') continue;
        const col = m.index + m[0].length - m[1].length;
        const t = l.tokens.find((x) => x.start === col);
        assert.ok(t && t.scopes.includes(`constant.language.verdict.${m[1]}.kader`), `${where}: verdict ${m[1]} is ${t && t.scopes.join(' ')}`);
      }
      const goal = /^\s+goal\s+(\w+)/.exec(l.line);
      if (goal) {
        const t = l.tokens.find((x) => x.text === goal[1]);
        assert.ok(t.scopes.includes(`support.constant.goal.${goal[1]}.kader`), `${where}: goal ${goal[1]}`);
      }
      // Doc comments (`///` in column 1) and line comments have different scopes.
      if (l.line.startsWith('///')) assert.ok(l.tokens[0].scopes.includes('comment.line.triple-slash.documentation.kader'), where);
      else if (/^\s*\/\/(?!\/)/.test(l.line)) {
        const t = l.tokens.find((x) => x.text.startsWith('//'));
        assert.ok(t.scopes.includes('comment.line.double-slash.kader'), where);
      }
      for (const t of l.tokens) {
        if (t.scopes.includes('constant.other.country-code.kader')) seen.country++;
        if (t.scopes.includes('constant.other.cn-code.kader')) seen.cn++;
        if (t.scopes.includes('constant.other.control-code.kader')) seen.control++;
      }
    });
  });
}

test('over all files: codes of each kind, message holes, tables and schemas were highlighted', () => {
  for (const [k, n] of Object.entries(seen)) assert.ok(n > 0, `no ${k} was highlighted in ${FILES.length} files`);
});
