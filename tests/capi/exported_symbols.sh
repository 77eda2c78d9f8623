#!/bin/sh
# libkader exports its public API and nothing else (docs/embedding.md): every
# dynamic symbol it defines is a `kader_*` C function or one of the C++ API's
# names. Prints the others and fails when there are any.
set -eu
lib=$1
symbols=$(nm -D --defined-only "$lib" | awk '{ $1 = ""; $2 = ""; print }' | sed 's/^ *//' | c++filt)
[ -n "$symbols" ] || { echo "no symbols read from $lib"; exit 1; }
public='^(kader_[a-z_]+|kader::(RuleSet|Decision|Date)::.*|kader::(version|to_string|render|code_name|code_from_name|code_summary|all_codes|set_explain|operator<<)(\[abi:cxx11\])?\(.*)$'
others=$(printf '%s\n' "$symbols" | grep -v -E "$public" || true)
if [ -n "$others" ]; then
  echo "libkader exports names that are not its public API:"
  printf '%s\n' "$others"
  exit 1
fi
c_functions=$(printf '%s\n' "$symbols" | grep -c '^kader_')
[ "$c_functions" -ge 25 ] || { echo "only $c_functions C functions exported"; exit 1; }
echo "$(printf '%s\n' "$symbols" | wc -l) symbols, all public ($c_functions C functions)"
