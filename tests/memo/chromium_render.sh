#!/usr/bin/env bash
# The HTML memo renders in a real browser: headless Chromium loads the memo
# of an example case, and its DOM must hold the verdict and the deciding
# provision's basis; a screenshot (PNG) and a print to PDF must come out.
#
#   tests/memo/chromium_render.sh KADER SOURCE_DIR [SCREENSHOT.png]
#
# With a third argument the screenshot is kept there (docs/memo.md shows it).
# Exits 77 (ctest: skipped) when Chromium is not installed; `scripts/setup.sh
# chromium` installs it.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 KADER SOURCE_DIR [SCREENSHOT.png]" >&2
  exit 2
fi
kader=$1
source_dir=$2
keep=${3:-}
case_file=$source_dir/examples/cases/chips-ru-defence-via-hk-2022-11.json

browser=""
for name in chromium chromium-browser; do
  if command -v "$name" >/dev/null 2>&1; then
    browser=$name
    break
  fi
done
if [ -z "$browser" ]; then
  echo "SKIP: Chromium is not installed (scripts/setup.sh chromium installs it)"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

"$kader" memo "$case_file" --format html >"$tmp/memo.html"
# What the page must show, from the decision itself: the verdict in capitals
# and the basis of the first deciding rule.
"$kader" eval "$case_file" --format json >"$tmp/decision.json"
read_decision() {
  python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(d["verdict"].upper() if sys.argv[2] == "verdict" else
      next(a["basis"] for a in d["applied"] if a["verdict"] == d["verdict"]))' "$tmp/decision.json" "$1"
}
verdict=$(read_decision verdict)
basis=$(read_decision basis)

# A profile of its own, so that the run leaves nothing behind and reads no settings.
run_chromium() {
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$tmp/profile" "$@" "file://$tmp/memo.html" 2>"$tmp/chromium.log"
}

run_chromium --dump-dom >"$tmp/dom.html" || fail "chromium --dump-dom failed: $(tail -5 "$tmp/chromium.log")"
# The text of the page, without its tags: the basis is cut by its links.
sed -e 's/<[^>]*>//g' "$tmp/dom.html" | tr -s ' \n' ' ' >"$tmp/dom.txt"
grep -qF "<title>" "$tmp/dom.html" || fail "the page has no title"
grep -qF "$verdict" "$tmp/dom.txt" || fail "the page does not show the verdict $verdict"
grep -qF "$basis" "$tmp/dom.txt" || fail "the page does not show the basis: $basis"
grep -qF 'href="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32014R0833"' "$tmp/dom.html" ||
  fail "the page does not link Reg. (EU) 833/2014 to EUR-Lex"

run_chromium --screenshot="$tmp/memo.png" --window-size=1000,1400 >/dev/null ||
  fail "chromium --screenshot failed: $(tail -5 "$tmp/chromium.log")"
[ -s "$tmp/memo.png" ] || fail "the screenshot is empty"
[ "$(head -c 8 "$tmp/memo.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] ||
  fail "the screenshot is not a PNG"

run_chromium --no-pdf-header-footer --print-to-pdf="$tmp/memo.pdf" >/dev/null ||
  fail "chromium --print-to-pdf failed: $(tail -5 "$tmp/chromium.log")"
[ -s "$tmp/memo.pdf" ] || fail "the PDF is empty"
[ "$(head -c 5 "$tmp/memo.pdf")" = "%PDF-" ] || fail "the print is not a PDF"

if [ -n "$keep" ]; then
  cp "$tmp/memo.png" "$keep"
fi
echo "ok: $browser shows the memo ($verdict, $basis); screenshot $(wc -c <"$tmp/memo.png") bytes, PDF $(wc -c <"$tmp/memo.pdf") bytes"
