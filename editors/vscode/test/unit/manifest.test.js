// The extension's manifest, language configuration and grammar are valid and
// agree with each other.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const oniguruma = require('vscode-oniguruma');
const { EXTENSION_DIR, loadGrammar } = require('../lib/tokenize');

const readJson = (rel) => JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, rel), 'utf8'));
const pkg = readJson('package.json');
const language = pkg.contributes.languages[0];
const grammarEntry = pkg.contributes.grammars[0];
const grammar = readJson(grammarEntry.path);
const langConfig = readJson(language.configuration);

test('package.json declares the kader language, its grammar and its entry point', () => {
  assert.equal(pkg.name, 'kader');
  assert.ok(pkg.publisher, 'a publisher is needed to package the extension');
  assert.ok(pkg.engines && pkg.engines.vscode, 'engines.vscode');
  assert.equal(pkg.contributes.languages.length, 1);
  assert.equal(language.id, 'kader');
  assert.deepEqual(language.extensions, ['.kader']);
  assert.equal(pkg.contributes.grammars.length, 1);
  assert.equal(grammarEntry.language, language.id);
  assert.equal(grammarEntry.scopeName, 'source.kader');
  assert.ok(pkg.activationEvents.includes(`onLanguage:${language.id}`));
  assert.equal(pkg.main, './extension.js');
  for (const rel of [pkg.main, grammarEntry.path, language.configuration, 'README.md']) {
    assert.ok(fs.existsSync(path.join(EXTENSION_DIR, rel)), `${rel} exists`);
  }
  for (const c of pkg.contributes.commands || []) {
    assert.match(c.command, /^kader\./);
  }
});

test('the settings kader.path, kader.rules and kader.stdlib have the documented types and defaults', () => {
  const props = pkg.contributes.configuration.properties;
  assert.equal(props['kader.path'].type, 'string');
  assert.equal(props['kader.path'].default, 'kader');
  assert.equal(props['kader.rules'].type, 'array');
  assert.deepEqual(props['kader.rules'].default, []);
  assert.equal(props['kader.rules'].items.type, 'string');
  assert.equal(props['kader.stdlib'].type, 'boolean');
  assert.equal(props['kader.stdlib'].default, true);
  // vscode-languageclient reads `<client id>.trace.server`; the client id is `kader`.
  assert.deepEqual(props['kader.trace.server'].enum, ['off', 'messages', 'verbose']);
  const readme = fs.readFileSync(path.join(EXTENSION_DIR, 'README.md'), 'utf8');
  for (const key of Object.keys(props)) assert.ok(readme.includes(`\`${key}\``), `README.md documents ${key}`);
});

test('vscode-languageclient is a dependency whose VS Code version range the manifest meets', () => {
  const semver = require('semver'); // a dependency of vscode-languageclient
  assert.ok(pkg.dependencies['vscode-languageclient']);
  const lcPkg = JSON.parse(
    fs.readFileSync(require.resolve('vscode-languageclient/package.json'), 'utf8'),
  );
  const ours = semver.minVersion(pkg.engines.vscode);
  assert.ok(
    semver.satisfies(ours, lcPkg.engines.vscode),
    `engines.vscode ${pkg.engines.vscode} must be within vscode-languageclient's ${lcPkg.engines.vscode}`,
  );
  assert.ok(semver.satisfies(process.versions.node, pkg.engines.node), 'Node version');
});

test('language-configuration.json: `//` comments, balanced brackets, regexes that compile', () => {
  assert.equal(langConfig.comments.lineComment, '//');
  assert.equal(langConfig.comments.blockComment, undefined, 'Kader has no block comments');
  const open = new Set();
  for (const [o, c] of langConfig.brackets) {
    assert.equal(o.length, 1);
    assert.equal(c.length, 1);
    open.add(o);
  }
  for (const p of langConfig.autoClosingPairs) {
    assert.ok(typeof p.open === 'string' && typeof p.close === 'string');
  }
  const word = new RegExp(langConfig.wordPattern);
  assert.equal('2022-02-26'.match(word)[0], '2022-02-26');
  assert.equal('russia_bound'.match(word)[0], 'russia_bound');
  const inc = new RegExp(langConfig.indentationRules.increaseIndentPattern);
  const dec = new RegExp(langConfig.indentationRules.decreaseIndentPattern);
  for (const line of ['rule dual_use_ban', 'table weighing', 'def russia_bound =', 'schema case {', '  items: list of record {']) {
    assert.ok(inc.test(line), `indent after ${JSON.stringify(line)}`);
  }
  for (const line of ['  goal sanctions', 'set eu27: country = {"AT"}', 'def x(a) = a', 'module common', '/// doc']) {
    assert.ok(!inc.test(line), `no indent after ${JSON.stringify(line)}`);
  }
  assert.ok(dec.test('  }'));
  for (const rule of langConfig.onEnterRules) new RegExp(rule.beforeText);
  new RegExp(langConfig.folding.markers.start);
  new RegExp(langConfig.folding.markers.end);
});

// Every rule of a TextMate grammar, with its path in the JSON, for the checks below.
function* grammarRules(node, where) {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) yield* grammarRules(node[i], `${where}[${i}]`);
  } else if (node && typeof node === 'object') {
    yield [node, where];
    for (const [k, v] of Object.entries(node)) {
      if (k === 'repository') {
        for (const [name, rule] of Object.entries(v)) yield* grammarRules(rule, `#${name}`);
      } else if (typeof v === 'object') yield* grammarRules(v, `${where}.${k}`);
    }
  }
}

test('the grammar: its scope name is the manifest\'s, every include resolves, every rule is used', () => {
  assert.equal(grammar.scopeName, grammarEntry.scopeName);
  assert.ok(grammar.patterns.length > 0);
  const used = new Set();
  for (const [rule, where] of grammarRules(grammar, '$')) {
    if (typeof rule.include === 'string') {
      if (rule.include.startsWith('#')) {
        const name = rule.include.slice(1);
        assert.ok(grammar.repository[name], `${where}: include ${rule.include} names no repository rule`);
        used.add(name);
      } else {
        assert.ok(['$self', '$base', grammar.scopeName].includes(rule.include), `${where}: include ${rule.include}`);
      }
    }
    for (const key of where === '$' ? [] : ['name', 'contentName']) {
      if (typeof rule[key] === 'string') {
        for (const scope of rule[key].split(/\s+/)) {
          assert.match(scope, /^[a-z][\w-]*(?:\.(?:[\w-]+|\$\d))*$/, `${where}.${key}: ${scope}`);
          assert.ok(scope === 'source.kader' || scope.endsWith('.kader') || /\$\d/.test(scope), `${where}: ${scope} ends in .kader`);
        }
      }
    }
  }
  for (const name of Object.keys(grammar.repository)) {
    assert.ok(used.has(name), `repository rule #${name} is never included`);
  }
});

test('every regex of the grammar compiles with Oniguruma (as in VS Code)', async () => {
  await loadGrammar(); // loads the Oniguruma Wasm
  for (const [rule, where] of grammarRules(grammar, '$')) {
    for (const key of ['match', 'begin', 'end', 'while']) {
      if (typeof rule[key] !== 'string') continue;
      assert.doesNotThrow(() => new oniguruma.OnigScanner([rule[key]]).dispose(), `${where}.${key}: ${rule[key]}`);
    }
  }
});
