// Every word of the language that lang/grammar.hpp defines is highlighted by the
// TextMate grammar. The words are read from grammar.hpp itself, so a keyword
// added there fails this test until the grammar (and this test's contexts)
// know it.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { tokenize, EXTENSION_DIR, GRAMMAR_PATH } = require('../lib/tokenize');

const REPO = path.resolve(EXTENSION_DIR, '..', '..');
// KADER_GRAMMAR_HPP: another grammar.hpp, to see this test fail on a new keyword.
const grammarHpp = fs.readFileSync(process.env.KADER_GRAMMAR_HPP || path.join(REPO, 'lang', 'grammar.hpp'), 'utf8');
const kaderHpp = fs.readFileSync(path.join(REPO, 'include', 'kader', 'kader.hpp'), 'utf8');
const tmGrammar = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8'));

// ---- the words of grammar.hpp ----------------------------------------------

/** KADER_KEY(name, "text"): struct kw_name matches the keyword `text`. */
const keys = new Map();
for (const m of grammarHpp.matchAll(/KADER_KEY\(\s*(\w+)\s*,\s*"([^"]+)"\s*\)/g)) keys.set(m[1], m[2]);

/** The reserved keywords: the alternatives of `struct keyword : sor<...>` (they cannot be names). */
const keywordSor = /struct\s+keyword\s*:\s*sor<([^>]*)>/.exec(grammarHpp);
const reserved = keywordSor[1].split(',').map((s) => s.trim().replace(/^kw_/, '')).map((n) => {
  assert.ok(keys.has(n), `kw_${n} in struct keyword has no KADER_KEY`);
  return keys.get(n);
});

/** `struct NAME ... TAO_PEGTL_STRING("w") ...;`: the words a rule reads in its context only. */
const contextual = new Map(); // word -> names of the structs that read it
for (const m of grammarHpp.matchAll(/struct\s+(\w+)[^;{]*?((?:TAO_PEGTL_STRING\("[^"]*"\)[^;{]*?)+)\{/gs)) {
  for (const w of m[2].matchAll(/TAO_PEGTL_STRING\("([^"]*)"\)/g)) {
    if (!contextual.has(w[1])) contextual.set(w[1], new Set());
    contextual.get(w[1]).add(m[1]);
  }
}
// `ask` is a key<> of its own, not a KADER_KEY (it is no keyword outside a field).
for (const m of grammarHpp.matchAll(/struct\s+(\w+)\s*:\s*key<TAO_PEGTL_STRING\("([^"]+)"\)>/g)) {
  if (!contextual.has(m[2])) contextual.set(m[2], new Set());
  contextual.get(m[2]).add(m[1]);
}
/** Keys that are not reserved (`first`, `collect`: only after `hit`). */
const unreserved = [...keys.values()].filter((w) => !reserved.includes(w));

/** The goals: `enum class Goal { ... }` of the public API. */
const goals = /enum\s+class\s+Goal\s*\{([^}]*)\}/.exec(kaderHpp)[1].split(',').map((s) => s.trim()).filter(Boolean);

// ---- how a word must be highlighted -----------------------------------------

const KEYWORD_LIKE = /^(keyword|storage\.(type|modifier)|constant\.language|support\.function\.builtin|variable\.language)\./;

/** Tokenizes `text` and returns the scopes of the `nth` token whose text is `word` (outside strings/comments). */
async function scopesOf(text, word, nth = 1) {
  const lines = await tokenize(text);
  let seen = 0;
  for (const l of lines) {
    for (const t of l.tokens) {
      if (t.text.trim() !== word) continue;
      if (++seen === nth) return t.scopes;
    }
  }
  assert.fail(`no token ${JSON.stringify(word)} in:\n${text}`);
}

/** The words in the alternatives `(a|b|c)` of the repository rule `name`'s regexes. */
function wordsOfRule(name) {
  const words = new Set();
  const visit = (node) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (typeof v === 'string' && ['match', 'begin'].includes(k)) {
          for (const g of v.matchAll(/\(((?:[a-z_]+\|)*[a-z_]+)\)/g)) g[1].split('|').forEach((w) => words.add(w));
        } else if (typeof v === 'object') visit(v);
      }
    }
  };
  visit(tmGrammar.repository[name]);
  return words;
}

// ---- the tests ----------------------------------------------------------------

test('grammar.hpp is read: its keywords, contextual words and goals are found', () => {
  assert.ok(keys.size >= 40, `only ${keys.size} KADER_KEYs found: has grammar.hpp changed its macro?`);
  assert.ok(reserved.length >= 38);
  for (const w of ['rule', 'when', 'then', 'exception', 'under', 'known']) assert.ok(reserved.includes(w), w);
  for (const w of ['allow', 'prohibited', 'verdict', 'string', 'cn', 'ask']) assert.ok(contextual.has(w), w);
  assert.deepEqual(goals, ['end_use', 'strategic_dependency', 'tech_leadership', 'sanctions', 'control_list']);
});

test('every reserved keyword is in the grammar\'s #keywords rule', () => {
  const words = wordsOfRule('keywords');
  const missing = reserved.filter((w) => !words.has(w));
  assert.deepEqual(missing, [], `keywords of lang/grammar.hpp missing in the repository rule #keywords of ${path.basename(GRAMMAR_PATH)}`);
  const extra = [...words].filter((w) => !reserved.includes(w));
  assert.deepEqual(extra, [], 'words highlighted as keywords everywhere that grammar.hpp does not reserve (they may be names)');
});

test('every reserved keyword is highlighted as a keyword inside an expression', async () => {
  for (const w of reserved) {
    const scopes = await scopesOf(`def probe =\n  x ${w} y\n`, w);
    assert.ok(scopes.some((s) => KEYWORD_LIKE.test(s)), `${w}: ${scopes.join(' ')}`);
  }
});

test('every reserved keyword occurs in the grammar tests (test/grammar), always highlighted as a keyword', async () => {
  const dir = path.join(EXTENSION_DIR, 'test', 'grammar');
  const seen = new Set();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.kader'))) {
    const lines = await tokenize(fs.readFileSync(path.join(dir, file), 'utf8'));
    lines.forEach((l, i) => {
      for (const t of l.tokens) {
        const word = t.text.trim();
        if (!reserved.includes(word)) continue;
        const inText = t.scopes.some((s) => /^(string|comment)\./.test(s));
        const inHole = t.scopes.some((s) => s.startsWith('meta.embedded.'));
        if (inText && !inHole) continue;
        if (t.scopes.some((s) => s.startsWith('entity.name.'))) continue; // `import schema`, `schema case`
        seen.add(word);
        assert.ok(t.scopes.some((s) => KEYWORD_LIKE.test(s)), `${file}:${i + 1}: \`${word}\` is ${t.scopes.join(' ')}`);
      }
    });
  }
  const missing = reserved.filter((w) => !seen.has(w));
  assert.deepEqual(missing, [], 'keywords that no grammar test (test/grammar/*.kader) uses: add an assertion for them');
});

// A context for every word that grammar.hpp reads in one place only. A word
// of a struct not listed here fails the test: say where it is highlighted.
const CONTEXTS = {
  verdict_name: [
    (w) => [`rule r\n  then ${w} "message"\n`, `constant.language.verdict.${w}.kader`],
    (w) => [`table t\n  | true | => verdict |\n  | true | => ${w} "message" |\n`, `constant.language.verdict.${w}.kader`],
  ],
  verdict_header: [(w) => [`table t\n  | true | => ${w} |\n`, `keyword.other.${w}.kader`]],
  set_element_type: [(w) => [`set s: ${w} = {"a"}\n`, 'support.type.primitive.kader']],
  base_type: [
    (w) => [`schema case {\n  f: optional ${w}\n}\n`, 'support.type.primitive.kader'],
    (w) => [`schema case {\n  f: list of ${w}\n}\n`, 'support.type.primitive.kader'],
  ],
  kw_ask: [(w) => [`schema case {\n  f: string ${w} "question?"\n}\n`, `keyword.other.${w}.kader`]],
};

test('every contextual word of grammar.hpp is highlighted in its context', async () => {
  const unknown = [];
  for (const [word, structs] of contextual) {
    for (const s of structs) {
      if (!CONTEXTS[s]) {
        unknown.push(`${word} (struct ${s})`);
        continue;
      }
      for (const make of CONTEXTS[s]) {
        const [text, scope, nth] = make(word);
        const scopes = await scopesOf(text, word, nth);
        assert.ok(scopes.includes(scope), `${word} in ${JSON.stringify(text)}: ${scopes.join(' ')}, expected ${scope}`);
      }
    }
  }
  assert.deepEqual(unknown, [], 'words of lang/grammar.hpp this test has no context for: highlight them, then add them to CONTEXTS');
});

test('the unreserved keys (hit policies) are highlighted after `hit`', async () => {
  assert.ok(unreserved.length > 0);
  for (const w of unreserved) {
    const scopes = await scopesOf(`table t\n  hit ${w}\n`, w);
    assert.ok(scopes.includes(`keyword.other.${w}.kader`), `${w}: ${scopes.join(' ')}`);
    const asName = await scopesOf(`def ${w} = true\n`, w);
    assert.ok(!asName.some((s) => KEYWORD_LIKE.test(s)), `${w} may be a name: ${asName.join(' ')}`);
  }
});

test('every goal of kader.hpp is highlighted after `goal`, and nothing else is', async () => {
  for (const g of goals) {
    const scopes = await scopesOf(`rule r\n  goal ${g}\n`, g);
    assert.ok(scopes.includes(`support.constant.goal.${g}.kader`), `${g}: ${scopes.join(' ')}`);
  }
  const words = wordsOfRule('rule-lines');
  for (const g of goals) assert.ok(words.has(g), `goal ${g} in #rule-lines`);
  const typo = await scopesOf('rule r\n  goal sanction\n', 'sanction');
  assert.ok(typo.includes('invalid.illegal.goal.kader'), typo.join(' '));
});

test('every verdict is in the #verdicts rule, and only verdicts', () => {
  const verdictWords = [...contextual].filter(([, s]) => s.has('verdict_name')).map(([w]) => w);
  assert.deepEqual([...wordsOfRule('verdicts')].sort(), verdictWords.sort());
});
