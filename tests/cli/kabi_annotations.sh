#!/usr/bin/env bash
# contrib/kabi-gh-annotations: GitHub annotations from the JSON report of
# `kcrc compare --symvers` on fixtures/symvers. data/symvers-compare.json is
# that report; while `kcrc compare` forwards --symvers the test also checks
# that the report is still what kcrc writes.
# Usage: kabi_annotations.sh KCRC SOURCE_DIR
set -uo pipefail
kcrc=$1
src=$2
data=$src/tests/cli/data
script=$src/contrib/kabi-gh-annotations
source "$(dirname "$0")/lib/common.bash"
command -v jq >/dev/null || { echo "skipped: jq not installed"; exit 77; }

"$script" "$data/symvers-compare.json" >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 1 ] || fail "exit $status on a failing report, expected 1"
diff -u "$data/symvers-annotations.txt" "$tmp/out" >&2 || fail "annotations differ"
[ ! -s "$tmp/err" ] || fail "stderr: $(cat "$tmp/err")"

# A report whose changes are all tolerated: notices only, exit 0.
jq '.removed |= map(.tolerated = true) | .changed |= map(.tolerated = true)
    | .totals.not_tolerated = 0' "$data/symvers-compare.json" >"$tmp/ok.json"
"$script" "$tmp/ok.json" >"$tmp/out" || fail "exit $? on a passing report"
grep -q '^::error' "$tmp/out" && fail "::error on a passing report"
[ "$(grep -c '^::notice' "$tmp/out")" -eq 15 ] || fail "expected 15 notices"

# Usage and bad input: exit 2.
"$script" 2>/dev/null; [ $? -eq 2 ] || fail "no argument: expected exit 2"
echo '{' >"$tmp/bad.json"
"$script" "$tmp/bad.json" >/dev/null 2>&1; [ $? -eq 2 ] || fail "bad JSON: expected exit 2"

# Run from the source directory: the report names the rules file as given.
kcrc_path=$(realpath "$kcrc")
(cd "$src" && "$kcrc_path" compare --symvers --rules fixtures/symvers/severities \
  --format="json:$tmp/report.json" fixtures/symvers/ref.symvers fixtures/symvers/new.symvers \
  >/dev/null 2>"$tmp/err")
status=$?
[ "$status" -eq 1 ] || fail "kcrc compare --symvers exited $status: $(cat "$tmp/err")"
diff -u "$data/symvers-compare.json" "$tmp/report.json" >&2 || fail "stored report is stale"

if ((failures)); then
  echo "kabi_annotations: $failures failure(s)" >&2
  exit 1
fi
echo "kabi_annotations: ok"
