// Tokenizes Kader text with the extension's TextMate grammar, the way VS Code
// does (vscode-textmate and the Oniguruma regex engine compiled to Wasm).
'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const EXTENSION_DIR = path.resolve(__dirname, '..', '..');
const GRAMMAR_PATH = path.join(EXTENSION_DIR, 'syntaxes', 'kader.tmLanguage.json');

let grammarPromise;

/** The grammar of source.kader, loaded once. */
function loadGrammar() {
  if (!grammarPromise) {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    const onigLib = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).then(() => ({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }));
    const registry = new vsctm.Registry({
      onigLib,
      loadGrammar: async (scopeName) => {
        if (scopeName !== 'source.kader') return null;
        const text = fs.readFileSync(GRAMMAR_PATH, 'utf8');
        return vsctm.parseRawGrammar(text, GRAMMAR_PATH);
      },
    });
    grammarPromise = registry.loadGrammar('source.kader');
  }
  return grammarPromise;
}

/**
 * Tokenizes `text` line by line. Returns one entry per line:
 * { line, tokens: [{ text, start, end, scopes }], ruleStackAtStart }.
 */
async function tokenize(text) {
  const grammar = await loadGrammar();
  let ruleStack = vsctm.INITIAL;
  const lines = text.split(/\r?\n/);
  const result = [];
  for (const line of lines) {
    const atStart = ruleStack;
    const r = grammar.tokenizeLine(line, ruleStack);
    result.push({
      line,
      ruleStackAtStart: atStart,
      tokens: r.tokens.map((t) => ({
        text: line.substring(t.startIndex, t.endIndex),
        start: t.startIndex,
        end: t.endIndex,
        scopes: t.scopes,
      })),
    });
    ruleStack = r.ruleStack;
  }
  return result;
}

module.exports = { tokenize, loadGrammar, GRAMMAR_PATH, EXTENSION_DIR, INITIAL: vsctm.INITIAL };
