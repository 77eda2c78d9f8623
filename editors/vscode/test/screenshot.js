#!/usr/bin/env node
// Renders excerpts of real rule files, highlighted by the extension's grammar
// with a Dark+-like colour theme, to HTML, and has headless Chromium take a
// screenshot of it.
//
//   node test/screenshot.js            renders to a temporary PNG and checks it was written
//   KADER_UPDATE_SCREENSHOTS=1 node test/screenshot.js
//                                      writes docs/images/vscode-highlighting.png
//
// CHROMIUM names the browser (default: chromium on PATH). Exit 77 when there is none.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { tokenize, EXTENSION_DIR } = require('./lib/tokenize');

const REPO = path.resolve(EXTENSION_DIR, '..', '..');
const TARGET = path.join(REPO, 'docs', 'images', 'vscode-highlighting.png');
const MAX_COLUMNS = 112;
const LINE_HEIGHT = 19;
const FONT_SIZE = 13.5;
const WIDTH = 1040;

// ---- the excerpts -------------------------------------------------------------

/**
 * The declaration `kind name` of a rule file with the doc comment above it,
 * up to the first blank line: found by name, so the picture follows the file.
 */
function declaration(lines, kind, name) {
  const start = lines.findIndex((l) => new RegExp(`^${kind}\\s+${name}\\b`).test(l));
  if (start < 0) throw new Error(`no \`${kind} ${name}\``);
  let first = start;
  while (first > 0 && lines[first - 1].startsWith('///')) first--;
  let end = start + 1;
  while (end < lines.length && lines[end].trim() !== '') end++;
  return lines.slice(first, end);
}

function excerpt(rel, parts) {
  const lines = fs.readFileSync(path.join(REPO, rel), 'utf8').split('\n');
  const out = [];
  for (const p of parts) {
    if (out.length > 0) out.push('');
    if (p === 'header') {
      out.push(lines.find((l) => l.startsWith('module ')));
      out.push('', ...lines.filter((l) => l.startsWith('import ')));
    } else {
      out.push(...declaration(lines, p[0], p[1]));
    }
  }
  return { title: `${rel} (excerpt)`, text: out.join('\n') };
}

const EXCERPTS = [
  excerpt('stdlib-rules/sanctions/russia.kader', ['header', ['rule', 'dual_use_ban'], ['rule', 'dual_use_prior_contract']]),
  excerpt('stdlib-rules/common.kader', [['set', 'military_list'], ['def', 'russia_party'], ['def', 'annex_i_item']]),
];

// ---- the colour theme (scope prefix -> style), close to VS Code's Dark+ ----------

const THEME = [
  ['comment', 'color:#6A9955'],
  ['comment.line.triple-slash.documentation', 'color:#7FA667;font-style:italic'],
  ['markup.inline.raw', 'color:#B5A26E;font-style:italic'],
  ['punctuation.definition.comment', 'color:#6A9955'],
  ['keyword', 'color:#569CD6'],
  ['keyword.control', 'color:#C586C0'],
  ['keyword.operator', 'color:#D4D4D4'],
  ['keyword.operator.logical', 'color:#569CD6'],
  ['keyword.operator.membership', 'color:#569CD6'],
  ['keyword.operator.hierarchy', 'color:#569CD6'],
  ['keyword.operator.quantifier', 'color:#C586C0'],
  ['storage', 'color:#569CD6'],
  ['entity.name.function', 'color:#DCDCAA'],
  ['entity.name.type', 'color:#4EC9B0'],
  ['entity.name.namespace', 'color:#4EC9B0'],
  ['entity.name.tag', 'color:#4EC9B0'],
  ['entity.other.inherited-class', 'color:#4EC9B0;text-decoration:underline'],
  ['variable', 'color:#9CDCFE'],
  ['variable.language', 'color:#569CD6'],
  ['variable.other.constant', 'color:#4FC1FF'],
  ['support.type', 'color:#4EC9B0'],
  ['support.function', 'color:#DCDCAA'],
  ['support.constant', 'color:#4FC1FF'],
  ['string', 'color:#CE9178'],
  ['constant.character.escape', 'color:#D7BA7D'],
  ['constant.other', 'color:#D7BA7D'],
  ['constant.numeric', 'color:#B5CEA8'],
  ['constant.language', 'color:#569CD6'],
  ['constant.language.verdict.allow', 'color:#6CCB8B;font-weight:bold'],
  ['constant.language.verdict.license_required', 'color:#DCDCAA;font-weight:bold'],
  ['constant.language.verdict.escalate', 'color:#E5A550;font-weight:bold'],
  ['constant.language.verdict.deny', 'color:#F48771;font-weight:bold'],
  ['constant.language.verdict.prohibited', 'color:#FF5C5C;font-weight:bold'],
  ['punctuation.section.embedded', 'color:#569CD6'],
  ['meta.embedded', 'color:#D4D4D4'],
  ['invalid', 'color:#F44747;text-decoration:underline wavy'],
];

/** The style of a token: the innermost scope that a theme rule matches, by its longest prefix. */
function styleOf(scopes) {
  for (let i = scopes.length - 1; i >= 0; i--) {
    let best;
    for (const [prefix, style] of THEME) {
      if ((scopes[i] === prefix || scopes[i].startsWith(`${prefix}.`)) && (!best || prefix.length > best[0].length)) {
        best = [prefix, style];
      }
    }
    if (best) return best[1];
  }
  return '';
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function renderPane({ title, text }) {
  const rows = [];
  const lines = await tokenize(text);
  lines.forEach((l, i) => {
    let html = '';
    let col = 0;
    for (const t of l.tokens) {
      if (col >= MAX_COLUMNS) break;
      let s = t.text;
      if (col + s.length > MAX_COLUMNS) s = `${s.slice(0, MAX_COLUMNS - col - 1)}…`;
      col += s.length;
      const style = styleOf(t.scopes);
      html += style ? `<span style="${style}">${escapeHtml(s)}</span>` : escapeHtml(s);
    }
    rows.push(`<div class="l"><span class="n">${i + 1}</span>${html}</div>`);
  });
  return { lines: lines.length, html: `<div class="tab">${escapeHtml(title)}</div><div class="code">${rows.join('')}</div>` };
}

async function main() {
  const update = process.env.KADER_UPDATE_SCREENSHOTS === '1';
  const chromium = process.env.CHROMIUM || 'chromium';
  const found = spawnSync('sh', ['-c', `command -v "${chromium}"`], { encoding: 'utf8' });
  if (found.status !== 0) {
    console.log(`screenshot: skipped (no ${chromium}: set CHROMIUM to a Chromium or Chrome)`);
    process.exit(77);
  }

  const panes = [];
  for (const e of EXCERPTS) panes.push(await renderPane(e));
  const TAB = 30;
  const height = panes.reduce((h, p) => h + TAB + p.lines * LINE_HEIGHT + 16, 0);
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
html, body { margin: 0; background: #1e1e1e; overflow: hidden; }
.tab { height: ${TAB}px; line-height: ${TAB}px; padding-left: 12px; background: #252526; color: #cccccc;
       font: 13px "DejaVu Sans", sans-serif; border-top: 1px solid #3c3c3c; box-sizing: border-box; }
.code { padding: 8px 0; font: ${FONT_SIZE}px/${LINE_HEIGHT}px "DejaVu Sans Mono", monospace; color: #D4D4D4; white-space: pre; }
.l { height: ${LINE_HEIGHT}px; }
.n { display: inline-block; width: 36px; margin-right: 16px; text-align: right; color: #858585; }
</style></head><body>${panes.map((p) => p.html).join('')}</body></html>`;

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kader-screenshot-'));
  try {
    const htmlFile = path.join(work, 'highlighting.html');
    fs.writeFileSync(htmlFile, html);
    const out = update ? TARGET : path.join(work, 'highlighting.png');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    if (fs.existsSync(out) && update) fs.rmSync(out);
    const args = [
      '--headless',
      '--disable-gpu',
      '--hide-scrollbars',
      '--force-device-scale-factor=1',
      `--user-data-dir=${path.join(work, 'profile')}`,
      `--window-size=${WIDTH},${height}`,
      `--screenshot=${out}`,
      `file://${htmlFile}`,
    ];
    if (typeof process.getuid === 'function' && process.getuid() === 0) args.unshift('--no-sandbox');
    const r = spawnSync(chromium, args, { encoding: 'utf8', timeout: 120000 });
    if (r.status !== 0 || !fs.existsSync(out)) {
      console.error(`screenshot: ${chromium} failed (status ${r.status}):\n${r.stderr}`);
      process.exit(1);
    }
    const png = fs.readFileSync(out);
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    if (!png.subarray(0, 8).equals(signature)) throw new Error(`${out} is not a PNG`);
    const w = png.readUInt32BE(16);
    const h = png.readUInt32BE(20);
    if (w !== WIDTH || h !== height) throw new Error(`${out} is ${w}x${h}, expected ${WIDTH}x${height}`);
    if (png.length < 10000) throw new Error(`${out} is only ${png.length} bytes: is it blank?`);
    console.log(`screenshot: ${update ? path.relative(REPO, out) : 'rendered'} (${w}x${h}, ${png.length} bytes)`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`screenshot: ${err.stack || err}`);
  process.exit(1);
});
