#!/usr/bin/env bash
# The outputs that the docs quote for fixtures/demo are what kcrc prints: the
# #SYMVER lines of v1 and v2 in docs/guide.md, the v1 symtypes file in
# docs/formats.md.
# Usage: demo_docs.sh KCRC SOURCE_DIR
set -uo pipefail
kcrc=$1
src=$2
demo=$src/fixtures/demo
source "$(dirname "$0")/lib/common.bash"

for v in v1 v2; do
  dir=$demo
  [ $v = v2 ] && dir=$demo/v2
  "$kcrc" gen -T "$tmp/$v.symtypes" "$dir/demo.o" <"$dir/exports" >"$tmp/$v.out" ||
    fail "kcrc gen on $v exited $?"
  [ "$(wc -l <"$tmp/$v.out")" -eq 5 ] || fail "$v: expected 5 #SYMVER lines"
  # The lines in the guide's transcript, in the same order.
  grep -A5 -F "kcrc gen -T $v.symtypes" "$src/docs/guide.md" | tail -5 >"$tmp/$v.doc"
  diff -u "$tmp/$v.doc" "$tmp/$v.out" >&2 || fail "docs/guide.md quotes other #SYMVER lines for $v"
done
# The whole v1 symtypes file, as quoted in docs/formats.md.
awk '/^demo_debug variable/,/^s#demo_stats/' "$src/docs/formats.md" >"$tmp/v1.doc"
diff -u "$tmp/v1.doc" "$tmp/v1.symtypes" >&2 || fail "docs/formats.md quotes another symtypes file"
# The demo's change reaches four of the five exports.
[ "$(diff "$tmp/v1.out" "$tmp/v2.out" | grep -c '^>')" -eq 4 ] || fail "expected 4 changed CRCs"

if ((failures)); then
  echo "demo_docs: $failures failure(s)" >&2
  exit 1
fi
echo "demo_docs: ok"
