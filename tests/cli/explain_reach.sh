#!/usr/bin/env bash
# kcrc explain --reach KEY CORPUS: the exports that reach a type; exit
# statuses, stdout and stderr.
# Usage: explain_reach.sh KCRC SOURCE_DIR
set -uo pipefail
kcrc=$1
case $kcrc in */*) kcrc=$(realpath "$kcrc") ;; esac
src=$2
fx=$src/fixtures/compare/shared-struct-many-exports
source "$(dirname "$0")/lib/common.bash"

"$kcrc" explain --reach s#sk_buff_head "$fx/new.symtypes" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] || fail "text: exit $?"
diff -u "$fx/expected-reach.txt" "$tmp/out" >&2 || fail "text differs"
[ -s "$tmp/err" ] && fail "text: stderr: $(cat "$tmp/err")"

# (from the fixture's folder: the JSON names the corpus's file as given)
(cd "$fx" && "$kcrc" explain --reach s#sk_buff_head --format=json new.symtypes) >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] || fail "json: exit $?"
diff -u "$fx/expected-reach.json" "$tmp/out" >&2 || fail "json differs"

"$kcrc" explain --reach s#nosuch "$fx/new.symtypes" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] || fail "unknown key: exit $?, expected 2"
[ "$(cat "$tmp/err")" = "kcrc explain: error: 's#nosuch' names no record of $fx/new.symtypes" ] ||
  fail "unknown key: stderr: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && fail "unknown key: stdout not empty"

"$kcrc" explain --reach s#sk_buff_head "$fx/ref.symtypes" "$fx/new.symtypes" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] || fail "two corpora: exit $?, expected 2"
[ "$(cat "$tmp/err")" = "kcrc explain: error: --reach takes one corpus: kcrc explain --reach KEY CORPUS" ] ||
  fail "two corpora: stderr: $(cat "$tmp/err")"

if ((failures)); then
  echo "explain_reach: $failures failure(s)" >&2
  exit 1
fi
echo "explain_reach: ok"
