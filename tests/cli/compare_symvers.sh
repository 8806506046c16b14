#!/usr/bin/env bash
# CLI test of `kcrc compare --symvers`: exit statuses, stdout, stderr and
# --format=FORMAT[:FILE] outputs, on the hand-made fixture and, when present,
# on SUSE's data in ../shared/peer-data/suse-sl-16.0 (byte for byte against
# suse-kabi-tools' outputs).
# Usage: compare_symvers.sh KCRC SOURCE_DIR.
set -uo pipefail
kcrc=$1
src=$2
fix=$src/fixtures/symvers
peer=$src/../shared/peer-data/suse-sl-16.0
source "$(dirname "$0")/lib/common.bash"

# run EXPECTED_STATUS ARGS...: runs kcrc, leaves stdout/stderr in $tmp/out, $tmp/err.
run() {
  local expected=$1
  shift
  "$kcrc" "$@" >"$tmp/out" 2>"$tmp/err"
  local status=$?
  [ "$status" -eq "$expected" ] || fail "kcrc $* exited $status, expected $expected; stderr: $(cat "$tmp/err")"
}

# same_file ACTUAL EXPECTED WHAT
same_file() {
  cmp -s "$1" "$2" || { fail "$3 differs:"; diff "$2" "$1" | head -20 >&2; }
}

# Default format (pretty) to stdout; changes not tolerated: exit 1.
run 1 compare --symvers --rules "$fix/severities" "$fix/ref.symvers" "$fix/new.symvers"
same_file "$tmp/out" "$fix/expected/pretty" "default pretty output"
[ -s "$tmp/err" ] && fail "stderr not empty: $(cat "$tmp/err")"

# Several formats: to stdout in order, and to files.
run 1 compare --symvers --rules="$fix/severities" --format=short \
  --format="symbols:$tmp/symbols" --format "mod-symbols:$tmp/mod" --format=json:"$tmp/json" \
  --format=null "$fix/ref.symvers" "$fix/new.symvers"
same_file "$tmp/out" "$fix/expected/short" "short on stdout"
same_file "$tmp/symbols" "$fix/expected/symbols" "symbols file"
same_file "$tmp/mod" "$fix/expected/mod-symbols" "mod-symbols file"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["totals"]["not_tolerated"] == 6, d["totals"]' \
  "$tmp/json" || fail "json output"

# Two formats into one file: concatenated in order.
run 1 compare --symvers --rules "$fix/severities" --format="symbols:$tmp/both" \
  --format="mod-symbols:$tmp/both" "$fix/ref.symvers" "$fix/new.symvers"
cat "$fix/expected/symbols" "$fix/expected/mod-symbols" >"$tmp/both.expected"
same_file "$tmp/both" "$tmp/both.expected" "two formats into one file"
[ -s "$tmp/out" ] && fail "stdout not empty with every format sent to files"

# null: no output, the status still tells.
run 1 compare --symvers --format=null "$fix/ref.symvers" "$fix/new.symvers"
[ -s "$tmp/out" ] && fail "null format printed something"

# No change: exit 0, nothing printed.
run 0 compare --symvers "$fix/ref.symvers" "$fix/ref.symvers"
[ -s "$tmp/out" ] && fail "identical files printed: $(cat "$tmp/out")"

# Only tolerated changes (an addition, a change under a PASS rule): exit 0.
grep -v old_helper "$fix/ref.symvers" >"$tmp/ref"
{ cat "$tmp/ref"; printf '0x00000001\tadded_one\tvmlinux\tEXPORT_SYMBOL\t\n'; } |
  sed 's/^0x7d4c1f2a/0x7d4c1f2b/' >"$tmp/tolerated"
run 0 compare --symvers --rules "$fix/severities" --format=short "$tmp/ref" "$tmp/tolerated"
printf '%s\n' "Export 'added_one' has been added (implicitly tolerated)" \
  "Changes tolerated by rules: '0' additions, '0' removals, '1' modifications" >"$tmp/expected"
same_file "$tmp/out" "$tmp/expected" "tolerated-only short output"
# ... and the same change without rules is not tolerated.
run 1 compare --symvers --format=mod-symbols "$tmp/ref" "$tmp/tolerated"
echo kvm_vcpu_kick >"$tmp/expected"
same_file "$tmp/out" "$tmp/expected" "mod-symbols without rules"

# Errors: exit 2, a message naming the file (and line), nothing on stdout.
run 2 compare --symvers "$fix/ref.symvers" "$tmp/missing.symvers"
grep -q "^kcrc compare: error: cannot open symvers file '$tmp/missing.symvers'" "$tmp/err" ||
  fail "missing file message: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && fail "stdout not empty on error"

{ head -2 "$fix/new.symvers"; printf '0x1234\tbroken line\n'; } >"$tmp/malformed"
run 2 compare --symvers "$fix/ref.symvers" "$tmp/malformed"
echo "kcrc compare: error: $tmp/malformed:3: expected 4 or 5 tab-separated fields (CRC, symbol, module, export type[, namespace]), got 2" >"$tmp/expected"
same_file "$tmp/err" "$tmp/expected" "malformed symvers message"

printf '# rules\n\nkvm_* PASS\nkvm_x86_ops MAYBE\n' >"$tmp/rules"
run 2 compare --symvers --rules "$tmp/rules" "$fix/ref.symvers" "$fix/new.symvers"
echo "kcrc compare: error: $tmp/rules:4: unknown verdict 'MAYBE' (expected PASS or FAIL)" >"$tmp/expected"
same_file "$tmp/err" "$tmp/expected" "malformed rules message"

run 2 compare --symvers --format=html "$fix/ref.symvers" "$fix/new.symvers"
grep -q "unknown format 'html' (expected pretty|short|symbols|mod-symbols|null|json)" "$tmp/err" ||
  fail "unknown format message: $(cat "$tmp/err")"
run 2 compare --symvers "$fix/ref.symvers"
run 2 compare --symvers --bogus "$fix/ref.symvers" "$fix/new.symvers"
run 0 compare --symvers --help
grep -q "mod-symbols" "$tmp/out" || fail "--help does not list the formats"

# SUSE's data: every format byte for byte against suse-kabi-tools.
if [ -f "$peer/README.md" ]; then
  for t in base_vs_new_with_rules:new:rules:0 base_vs_new_without_rules:new::1 \
    base_vs_broken_with_rules:broken:rules:1; do
    IFS=: read -r name current rules status <<<"$t"
    args=()
    [ -n "$rules" ] && args=(--rules "$peer/input/severities")
    run "$status" compare --symvers "${args[@]}" \
      --format="pretty:$tmp/pretty" --format="short:$tmp/short" \
      --format="symbols:$tmp/symbols" --format="mod-symbols:$tmp/mod_symbols" \
      "$peer/input/base/symvers-default" "$peer/input/$current/symvers-default"
    for f in pretty short symbols mod_symbols; do
      same_file "$tmp/$f" "$peer/expected/$name/ksymvers_compare_$f.exp" "$name $f"
    done
  done
else
  echo "note: $peer not found, peer comparison not run"
fi

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "all passed"
