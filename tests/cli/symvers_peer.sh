#!/usr/bin/env bash
# Golden side-by-side scenarios of `kcrc compare --symvers` and `kcrc
# unused-rules` against suse-kabi-tools' `ksymvers` (fixtures/symvers-peer:
# its README says how the expected outputs were made with ksymvers 0c6c5c0).
# For every case in fixtures/symvers-peer/cases:
#   - the exit status is ksymvers' (where ksymvers panicked, 101, kcrc exits 2);
#   - on success (0 or 1): stdout and every report file are byte-identical,
#     and stderr has only kcrc's warnings about namespace and module changes;
#   - on error: one `kcrc CMD: error:` line on stderr, nothing on stdout, no
#     report file.
# Usage: symvers_peer.sh KCRC SOURCE_DIR
set -uo pipefail
kcrc=$1
src=$2
dir=$src/fixtures/symvers-peer
source "$(dirname "$0")/lib/common.bash"

"$dir/run-cases" kcrc "$kcrc" "$tmp/kcrc" || { echo "FAIL: run-cases failed" >&2; exit 1; }
mkdir -p "$tmp/none"
cases=0
while read -r name _; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  cases=$((cases + 1))
  expected=$dir/expected/$name
  actual=$tmp/kcrc/$name
  want=$(cat "$expected/status")
  [ "$want" -eq 101 ] && want=2
  got=$(cat "$actual/status")
  if [ "$got" != "$want" ]; then
    fail "$name: exit $got, expected $want; stderr: $(head -3 "$actual/stderr")"
    continue
  fi
  if [ "$want" -eq 2 ]; then
    [ -s "$actual/stdout" ] && fail "$name: stdout on error: $(head -3 "$actual/stdout")"
    [ -n "$(ls -A "$actual/files")" ] && fail "$name: report files left on error: $(ls "$actual/files")"
    head -1 "$actual/stderr" | grep -qE '^kcrc (compare|unused-rules): error: ' ||
      fail "$name: error message: $(cat "$actual/stderr")"
    continue
  fi
  cmp -s "$expected/stdout" "$actual/stdout" || {
    fail "$name: stdout differs"
    diff "$expected/stdout" "$actual/stdout" | head -5 >&2
  }
  expected_files=$expected/files
  [ -d "$expected_files" ] || expected_files=$tmp/none  # git keeps no empty directory
  diff -r "$expected_files" "$actual/files" >"$tmp/diff" || {
    fail "$name: report files differ"
    head -5 "$tmp/diff" >&2
  }
  grep -vE "^kcrc compare: warning: export '[^']*' (changed namespace|moved from module) " \
    "$actual/stderr" >"$tmp/extra" && fail "$name: stderr: $(head -3 "$tmp/extra")"
done <"$dir/cases"
[ "$cases" -ge 80 ] || fail "only $cases cases"

if ((failures)); then
  echo "symvers_peer: $failures failure(s) in $cases cases" >&2
  exit 1
fi
echo "symvers_peer: $cases cases identical"
