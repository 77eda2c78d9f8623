// extension.js with a mocked `vscode` and `vscode-languageclient/node`: the
// server command and arguments it builds from the settings, its message when
// the executable is missing, and its restart when the settings change.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const Module = require('module');
const { EXTENSION_DIR } = require('../lib/tokenize');

// ---- mocks ------------------------------------------------------------------

const state = {
  settings: {},
  workspaceFolders: undefined,
  errors: [],
  clients: [],
  configListeners: [],
  commands: new Map(),
  startError: undefined,
};

class MockLanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    Object.assign(this, { id, name, serverOptions, clientOptions, started: false, stopped: false });
    state.clients.push(this);
  }
  async start() {
    if (state.startError) throw state.startError;
    this.started = true;
  }
  async stop() {
    this.stopped = true;
  }
}

const vscodeMock = {
  workspace: {
    get workspaceFolders() {
      return state.workspaceFolders;
    },
    getConfiguration(section) {
      assert.equal(section, 'kader');
      return {
        get: (key, dflt) => (key in state.settings ? state.settings[key] : dflt),
      };
    },
    onDidChangeConfiguration(listener) {
      state.configListeners.push(listener);
      return { dispose() {} };
    },
  },
  window: {
    createOutputChannel: () => ({ appendLine() {}, append() {}, show() {}, dispose() {} }),
    showErrorMessage: async (message) => {
      state.errors.push(message);
      return undefined;
    },
  },
  commands: {
    registerCommand(id, fn) {
      state.commands.set(id, fn);
      return { dispose() {} };
    },
    executeCommand: async () => undefined,
  },
};

const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'vscode') return vscodeMock;
  if (request === 'vscode-languageclient/node') return { LanguageClient: MockLanguageClient };
  return originalLoad.call(this, request, parent, isMain);
};
const extension = require(path.join(EXTENSION_DIR, 'extension.js'));

// A fake `kader` on PATH, so that the extension finds its executable.
const binDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kader-vscode-test-'));
const fakeKader = path.join(binDir, 'kader');
fs.writeFileSync(fakeKader, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
const savedPath = process.env.PATH;
process.env.PATH = `${binDir}${path.delimiter}${savedPath || ''}`;
test.after(() => {
  process.env.PATH = savedPath;
  Module._load = originalLoad;
  fs.rmSync(binDir, { recursive: true, force: true });
});

function reset(settings, workspaceFolders) {
  Object.assign(state, {
    settings,
    workspaceFolders,
    errors: [],
    clients: [],
    configListeners: [],
    commands: new Map(),
    startError: undefined,
  });
}

const context = () => ({ subscriptions: [] });
const folder = (p) => [{ uri: { fsPath: p } }];

// ---- tests ------------------------------------------------------------------

test('default settings: `kader lsp`, started over stdio for kader files', async () => {
  reset({});
  const ctx = context();
  await extension.activate(ctx);
  assert.equal(state.clients.length, 1);
  const c = state.clients[0];
  assert.equal(c.id, 'kader');
  assert.equal(c.serverOptions.command, 'kader');
  assert.deepEqual(c.serverOptions.args, ['lsp']);
  // No `transport`: vscode-languageclient would add `--stdio`, which kader lsp does not take.
  assert.equal(c.serverOptions.transport, undefined);
  assert.ok(c.started);
  assert.deepEqual(
    c.clientOptions.documentSelector.map((d) => d.language),
    ['kader', 'kader'],
  );
  assert.deepEqual(state.errors, []);
  assert.ok(ctx.subscriptions.length >= 2, 'the listeners are disposed with the extension');
  assert.ok(state.commands.has('kader.restartServer'));
  await extension.deactivate();
  assert.ok(c.stopped);
});

test('kader.rules and kader.stdlib: `-r` for each rule path, then `--no-stdlib`', async () => {
  reset({ rules: ['x'], stdlib: false });
  await extension.activate(context());
  assert.deepEqual(state.clients[0].serverOptions.args, ['lsp', '-r', 'x', '--no-stdlib']);
  await extension.deactivate();

  reset({ rules: ['rules/a.kader', '  ', 'more'], stdlib: true });
  await extension.activate(context());
  assert.deepEqual(state.clients[0].serverOptions.args, ['lsp', '-r', 'rules/a.kader', '-r', 'more']);
  await extension.deactivate();
});

test('the server runs in the first workspace folder; ${workspaceFolder} and ~ are expanded', async () => {
  reset({ rules: ['${workspaceFolder}/policy', '~/shared-rules'] }, folder('/work/project'));
  await extension.activate(context());
  const c = state.clients[0];
  assert.equal(c.serverOptions.options.cwd, '/work/project');
  assert.deepEqual(c.serverOptions.args, [
    'lsp',
    '-r',
    '/work/project/policy',
    '-r',
    path.join(os.homedir(), 'shared-rules'),
  ]);
  await extension.deactivate();
});

test('kader.path names the executable', async () => {
  reset({ path: fakeKader, stdlib: false });
  await extension.activate(context());
  assert.equal(state.clients[0].serverOptions.command, fakeKader);
  assert.deepEqual(state.clients[0].serverOptions.args, ['lsp', '--no-stdlib']);
  await extension.deactivate();
});

test('an executable that does not exist: a clear error, and no client', async () => {
  reset({ path: '/nonexistent/bin/kader' });
  await extension.activate(context());
  assert.equal(state.clients.length, 0);
  assert.equal(state.errors.length, 1);
  assert.match(state.errors[0], /cannot start the language server/);
  assert.match(state.errors[0], /\/nonexistent\/bin\/kader/);
  assert.match(state.errors[0], /kader\.path/);

  reset({ path: 'kader-that-is-not-on-path' });
  await extension.activate(context());
  assert.equal(state.clients.length, 0);
  assert.match(state.errors[0], /not on PATH/);
});

test('a server that fails to start: a clear error naming the command', async () => {
  reset({ rules: ['r'] });
  state.startError = new Error('Connection to server got closed');
  await extension.activate(context());
  assert.equal(state.errors.length, 1);
  assert.match(state.errors[0], /`kader lsp -r r` did not start: Connection to server got closed/);
  await extension.deactivate();
});

test('a change of the kader settings restarts the server with the new arguments', async () => {
  reset({});
  await extension.activate(context());
  assert.equal(state.configListeners.length, 1);
  const first = state.clients[0];

  // Another extension's setting: nothing happens.
  state.configListeners[0]({ affectsConfiguration: (s) => s === 'editor' });
  await extension.deactivate(); // waits for pending work, then stops
  assert.equal(state.clients.length, 1);

  reset({});
  await extension.activate(context());
  const before = state.clients[0];
  state.settings = { rules: ['extra'], stdlib: false };
  state.configListeners[0]({ affectsConfiguration: (s) => s === 'kader' || s === 'kader.rules' });
  // The restart command waits for the restart queued by the listener.
  await state.commands.get('kader.restartServer')();
  assert.ok(before.stopped, 'the old server is stopped');
  const after = state.clients[1];
  assert.deepEqual(after.serverOptions.args, ['lsp', '-r', 'extra', '--no-stdlib']);
  assert.ok(after.started);
  assert.ok(first.stopped);
  await extension.deactivate();
});

test('serverCommand and findExecutable on their own', () => {
  const cfg = (o) => ({ get: (k) => o[k] });
  assert.deepEqual(extension.serverCommand(cfg({ path: ' kader ', rules: ['a', 'b'], stdlib: false }), undefined), {
    command: 'kader',
    args: ['lsp', '-r', 'a', '-r', 'b', '--no-stdlib'],
    cwd: undefined,
  });
  assert.deepEqual(extension.serverCommand(cfg({}), '/ws').args, ['lsp']);
  assert.equal(extension.findExecutable('kader', undefined), fakeKader);
  assert.equal(extension.findExecutable(fakeKader, undefined), fakeKader);
  assert.equal(extension.findExecutable('./kader', binDir), fakeKader);
  assert.equal(extension.findExecutable('/nonexistent/kader', undefined), undefined);
  const notExecutable = path.join(binDir, 'data.txt');
  fs.writeFileSync(notExecutable, 'x', { mode: 0o644 });
  assert.equal(extension.findExecutable(notExecutable, undefined), undefined);
});
