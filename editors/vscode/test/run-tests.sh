#!/usr/bin/env bash
# The tests of the VS Code extension (editors/vscode): grammar assertions
# (vscode-tmgrammar-test), unit tests (node --test: manifest, keywords of
# lang/grammar.hpp, the real rule files, extension.js with a mocked VS Code),
# and the highlighting screenshot (headless Chromium).
#
# Exit 77 (ctest: skipped) when node or the extension's node_modules are
# missing. KADER_UPDATE_SCREENSHOTS=1 rewrites docs/images/vscode-highlighting.png.
set -euo pipefail

script="${BASH_SOURCE[0]}"
case "$script" in */*) test_dir="${script%/*}" ;; *) test_dir=. ;; esac
cd "$test_dir/.."

if ! command -v node >/dev/null 2>&1; then
  echo "vscode extension tests skipped: node is not installed (Node 20 or later is needed)"
  exit 77
fi
if [ ! -d node_modules/vscode-tmgrammar-test ] || [ ! -d node_modules/vscode-languageclient ]; then
  echo "vscode extension tests skipped: editors/vscode/node_modules is missing (cd editors/vscode && npm ci installs it)"
  exit 77
fi

failed=()

echo "== grammar tests (vscode-tmgrammar-test)"
node node_modules/vscode-tmgrammar-test/dist/unit.js 'test/grammar/*.kader' || failed+=("grammar tests")

echo "== unit tests (node --test)"
node --test test/unit/*.test.js || failed+=("unit tests")

echo "== screenshot"
status=0
node test/screenshot.js || status=$?
if [ "$status" -eq 77 ]; then
  echo "(the screenshot needs Chromium; it was not taken)"
elif [ "$status" -ne 0 ]; then
  failed+=("screenshot")
fi

if [ "${#failed[@]}" -gt 0 ]; then
  echo "vscode extension tests FAILED: ${failed[*]}"
  exit 1
fi
echo "vscode extension tests passed"
