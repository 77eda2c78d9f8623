// The Kader extension for VS Code: highlighting comes from the TextMate grammar
// (syntaxes/kader.tmLanguage.json); everything else — diagnostics, hover, go to
// definition, references, completion, symbols, formatting, code actions — from
// the language server `kader lsp`, started here over stdio.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

const SECTION = 'kader';

/** @type {LanguageClient | undefined} */
let client;
/** @type {vscode.OutputChannel | undefined} */
let outputChannel;
/** Serializes starts and stops: a configuration change during a start waits for it. */
let pending = Promise.resolve();

/** The first workspace folder's path, or undefined (a single file is open). */
function workspaceRoot() {
  const folders = vscode.workspace.workspaceFolders;
  return folders && folders.length > 0 ? folders[0].uri.fsPath : undefined;
}

/** `~/x` and `${workspaceFolder}/x`, as in VS Code's own settings. */
function expandPath(p, root) {
  let out = p;
  if (out === '~' || out.startsWith('~/') || out.startsWith('~\\')) out = path.join(os.homedir(), out.slice(1));
  if (root !== undefined) out = out.split('${workspaceFolder}').join(root);
  return out;
}

/**
 * The command that serves the language, from the settings:
 * `kader.path lsp [-r RULES]... [--no-stdlib]`, run in the first workspace
 * folder so that relative rule paths are read from there.
 */
function serverCommand(config, root) {
  const command = expandPath(String(config.get('path') || 'kader').trim() || 'kader', root);
  const args = ['lsp'];
  const rules = config.get('rules') || [];
  for (const r of Array.isArray(rules) ? rules : [rules]) {
    if (typeof r === 'string' && r.trim() !== '') args.push('-r', expandPath(r.trim(), root));
  }
  if (config.get('stdlib') === false) args.push('--no-stdlib');
  return { command, args, cwd: root };
}

/**
 * Where `command` would be found: itself if it names a file (absolute, or
 * relative to `cwd`), else the first match on PATH. Undefined when there is
 * none, so that the user gets one clear message instead of a spawn error.
 */
function findExecutable(command, cwd, env = process.env) {
  const isWindows = process.platform === 'win32';
  const exts = isWindows ? (env.PATHEXT || '.EXE;.CMD;.BAT;.COM').split(';').concat(['']) : [''];
  const usable = (file) => {
    try {
      if (!fs.statSync(file).isFile()) return false;
      if (!isWindows) fs.accessSync(file, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  const candidates = (base) => exts.map((e) => base + e);
  if (command.includes('/') || (isWindows && command.includes('\\'))) {
    const full = path.resolve(cwd || process.cwd(), command);
    return candidates(full).find(usable);
  }
  for (const dir of (env.PATH || '').split(path.delimiter)) {
    if (dir === '') continue;
    const found = candidates(path.join(dir, command)).find(usable);
    if (found) return found;
  }
  return undefined;
}

async function showStartError(message) {
  const open = 'Open Settings';
  const log = 'Show Log';
  const choice = await vscode.window.showErrorMessage(message, open, log);
  if (choice === open) {
    await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.path`);
  } else if (choice === log && outputChannel) {
    outputChannel.show(true);
  }
}

async function startClient() {
  const config = vscode.workspace.getConfiguration(SECTION);
  const root = workspaceRoot();
  const { command, args, cwd } = serverCommand(config, root);
  const shown = [command, ...args].join(' ');

  if (findExecutable(command, cwd) === undefined) {
    void showStartError(
      `Kader: cannot start the language server: the executable \`${command}\` was not found` +
        ` (${command.includes('/') ? 'no such file, or not executable' : 'not on PATH'}).` +
        ' Set `kader.path` to the `kader` program, for instance /usr/local/bin/kader.',
    );
    return;
  }

  /** @type {import('vscode-languageclient/node').ServerOptions} */
  const serverOptions = { command, args, options: { cwd } };
  /** @type {import('vscode-languageclient/node').LanguageClientOptions} */
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'kader' },
      { scheme: 'untitled', language: 'kader' },
    ],
    outputChannel,
  };
  outputChannel.appendLine(`Starting ${shown}${cwd ? ` in ${cwd}` : ''}`);
  const c = new LanguageClient(SECTION, 'Kader Language Server', serverOptions, clientOptions);
  client = c;
  try {
    await c.start();
  } catch (err) {
    if (client === c) client = undefined;
    const reason = err && err.message ? err.message : String(err);
    outputChannel.appendLine(`${shown} failed to start: ${reason}`);
    void showStartError(
      `Kader: \`${shown}\` did not start: ${reason}. Does \`kader.path\` name a kader` +
        ' that has the `lsp` command? The Kader output shows what the server wrote.',
    );
  }
}

async function stopClient() {
  const c = client;
  client = undefined;
  if (c === undefined) return;
  try {
    await c.stop();
  } catch (err) {
    if (outputChannel) outputChannel.appendLine(`Stopping the server: ${err && err.message ? err.message : err}`);
  }
}

/** Stops the running server (if any) and starts one with the current settings. */
function restart() {
  pending = pending.then(stopClient).then(startClient);
  return pending;
}

function activate(context) {
  outputChannel = vscode.window.createOutputChannel('Kader');
  context.subscriptions.push(outputChannel);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) {
        outputChannel.appendLine('The Kader settings changed: restarting the language server.');
        void restart();
      }
    }),
    vscode.commands.registerCommand('kader.restartServer', () => restart()),
  );
  return restart();
}

function deactivate() {
  pending = pending.then(stopClient);
  return pending;
}

module.exports = { activate, deactivate, serverCommand, findExecutable };
