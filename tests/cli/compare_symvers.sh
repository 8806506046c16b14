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

# Several formats: a bare TYPE replaces pretty on stdout (the last one wins),
# TYPE:FILE adds a report.
run 1 compare --symvers --rules="$fix/severities" --format=mod-symbols --format=short \
  --format="symbols:$tmp/symbols" --format "mod-symbols:$tmp/mod" --format=json:"$tmp/json" \
  "$fix/ref.symvers" "$fix/new.symvers"
same_file "$tmp/out" "$fix/expected/short" "short on stdout"
same_file "$tmp/symbols" "$fix/expected/symbols" "symbols file"
same_file "$tmp/mod" "$fix/expected/mod-symbols" "mod-symbols file"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["totals"]["not_tolerated"] == 6, d["totals"]' \
  "$tmp/json" || fail "json output"

# Only TYPE:FILE options: stdout keeps pretty, as in ksymvers; -r and -f.
run 1 compare --symvers -r "$fix/severities" -f "symbols:$tmp/symbols" "$fix/ref.symvers" \
  "$fix/new.symvers"
same_file "$tmp/out" "$fix/expected/pretty" "pretty kept on stdout"
same_file "$tmp/symbols" "$fix/expected/symbols" "symbols file (-f)"

# TYPE:- writes to stdout too: line by line with the stdout report, as ksymvers
# interleaves its writers; and so do two formats for one file.
run 1 compare --symvers --rules "$fix/severities" -fsymbols -f mod-symbols:- \
  --format="symbols:$tmp/both" --format="mod-symbols:$tmp/both" "$fix/ref.symvers" "$fix/new.symvers"
printf '%s\n' dma_buf_get dma_buf_get kmalloc_caches kmalloc_caches kvm_x86_ops kvm_x86_ops \
  kvmppc_xive_push_vcpu kvmppc_xive_push_vcpu nvme_fc_register_localport \
  nvme_fc_register_localport old_helper >"$tmp/both.expected"
same_file "$tmp/out" "$tmp/both.expected" "symbols and mod-symbols on stdout"
same_file "$tmp/both" "$tmp/both.expected" "symbols and mod-symbols into one file"

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

# --filter-symbol-list: literal names and wildcards.
printf 'kvm_*\nold_helper\n' >"$tmp/filter"
run 1 compare --symvers --rules "$fix/severities" --filter-symbol-list="$tmp/filter" \
  "$fix/ref.symvers" "$fix/new.symvers"
grep -E "'(kvm_|old_helper)" "$fix/expected/pretty" >"$tmp/expected"
same_file "$tmp/out" "$tmp/expected" "filtered pretty"
run 1 compare --symvers --filter-symbol-list "$tmp/filter" --format=symbols "$fix/ref.symvers" \
  "$fix/new.symvers"
printf '%s\n' kvm_vcpu_kick kvm_x86_ops old_helper >"$tmp/expected"
same_file "$tmp/out" "$tmp/expected" "filtered symbols without rules"

# Export-type changes, and namespace/module changes (warnings; --fail-on).
printf '0x1 closed vmlinux EXPORT_SYMBOL\n0x2 opened vmlinux EXPORT_SYMBOL_GPL\n0x3 ns vmlinux EXPORT_SYMBOL_GPL CXL\n0x4 mod drivers/a/m EXPORT_SYMBOL\n' >"$tmp/ref"
printf '0x1 opened vmlinux EXPORT_SYMBOL\n0x3\tns\tvmlinux\tEXPORT_SYMBOL_GPL\tCXL_CORE\n0x4 mod vmlinux EXPORT_SYMBOL\n0x2 closed vmlinux EXPORT_SYMBOL_GPL\n' >"$tmp/new"
run 1 compare --symvers "$tmp/ref" "$tmp/new"
printf '%s\n' "Export 'closed' changed CRC from '0x00000001' to '0x00000002'" \
  "Export 'closed' changed type from 'EXPORT_SYMBOL' to 'EXPORT_SYMBOL_GPL'" \
  "Export 'opened' changed CRC from '0x00000002' to '0x00000001'" \
  "Export 'opened' changed type from 'EXPORT_SYMBOL_GPL' to 'EXPORT_SYMBOL' (implicitly tolerated)" >"$tmp/expected"
same_file "$tmp/out" "$tmp/expected" "export-type changes"
printf '%s\n' "kcrc compare: warning: export 'mod' moved from module 'drivers/a/m' to 'vmlinux'" \
  "kcrc compare: warning: export 'ns' changed namespace from 'CXL' to 'CXL_CORE'" >"$tmp/expected"
same_file "$tmp/err" "$tmp/expected" "move warnings"
grep -v -e closed -e opened "$tmp/ref" >"$tmp/ref2"
grep -v -e closed -e opened "$tmp/new" >"$tmp/new2"
run 0 compare --symvers "$tmp/ref2" "$tmp/new2"
[ -s "$tmp/out" ] && fail "moves printed on stdout: $(cat "$tmp/out")"
run 1 compare --symvers --fail-on=namespace "$tmp/ref2" "$tmp/new2"
grep -q "export 'ns' changed namespace from 'CXL' to 'CXL_CORE' (not tolerated: --fail-on)" "$tmp/err" ||
  fail "--fail-on=namespace warning: $(cat "$tmp/err")"
printf 'vmlinux PASS\ndrivers/a/* PASS\n' >"$tmp/pass"
run 0 compare --symvers --fail-on=namespace,module -r "$tmp/pass" "$tmp/ref2" "$tmp/new2"
grep -q "export 'ns' changed namespace from 'CXL' to 'CXL_CORE' (tolerated by rules)" "$tmp/err" ||
  fail "tolerated move warning: $(cat "$tmp/err")"
run 1 compare --symvers --fail-on module --format=json:"$tmp/json" "$tmp/ref2" "$tmp/new2"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); m=d["moved"]; assert [x["fails"] for x in m] == [True, False], m' \
  "$tmp/json" || fail "moves in json"

# Errors: exit 2, a message naming the file (and line), nothing on stdout.
run 2 compare --symvers "$fix/ref.symvers" "$tmp/missing.symvers"
grep -q "^kcrc compare: error: $tmp/missing.symvers: cannot open: No such file or directory" "$tmp/err" ||
  fail "missing file message: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && fail "stdout not empty on error"

{ head -2 "$fix/new.symvers"; printf '0x1234\tbroken line\n'; } >"$tmp/malformed"
run 2 compare --symvers "$fix/ref.symvers" "$tmp/malformed"
echo "kcrc compare: error: $tmp/malformed:3: expected 4 or 5 fields (CRC, symbol, module, export type[, namespace]) separated by white space, got 3" >"$tmp/expected"
same_file "$tmp/err" "$tmp/expected" "malformed symvers message"

printf '# rules\n\nkvm_* PASS\nkvm_x86_ops MAYBE\n' >"$tmp/rules"
run 2 compare --symvers --rules "$tmp/rules" "$fix/ref.symvers" "$fix/new.symvers"
echo "kcrc compare: error: $tmp/rules:4: invalid verdict 'MAYBE' (expected PASS or FAIL)" >"$tmp/expected"
same_file "$tmp/err" "$tmp/expected" "malformed rules message"

run 2 compare --symvers --format=html "$fix/ref.symvers" "$fix/new.symvers"
grep -q "unknown format 'html' (expected pretty, short, symbols, mod-symbols, null or json)" "$tmp/err" ||
  fail "unknown format message: $(cat "$tmp/err")"
run 2 compare --symvers "$fix/ref.symvers"
run 2 compare --symvers "$fix/ref.symvers" "$fix/new.symvers" "$fix/new.symvers"
run 2 compare --symvers --format=short: "$fix/ref.symvers" "$fix/new.symvers"
run 2 compare --symvers --fail-on=crc "$fix/ref.symvers" "$fix/new.symvers"
grep -q "unknown --fail-on value 'crc' (expected namespace or module)" "$tmp/err" ||
  fail "--fail-on message: $(cat "$tmp/err")"
run 2 compare --symvers --bogus "$fix/ref.symvers" "$fix/new.symvers"
run 0 compare --symvers --help
grep -q "mod-symbols" "$tmp/out" || fail "--help does not list the formats"

# unused-rules: the rules no export matches first, exit 0 (more cases in
# symvers_peer.sh).
run 0 unused-rules -r "$fix/severities" "$fix/ref.symvers" "$fix/new.symvers"
printf '%s\n' "$fix/severities:8: WARNING: Severity rule 'SYMBOL kvmppc_* PASS' is unused" >"$tmp/expected"
same_file "$tmp/out" "$tmp/expected" "unused-rules report"
[ -s "$tmp/err" ] && fail "unused-rules stderr: $(cat "$tmp/err")"
run 2 unused-rules "$fix/ref.symvers"
grep -q "^kcrc unused-rules: error: no rules file (-r FILE)$" "$tmp/err" || fail "unused-rules without -r: $(cat "$tmp/err")"
run 0 unused-rules --help
grep -q -- "--rules" "$tmp/out" || fail "unused-rules --help"

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
