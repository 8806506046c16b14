#!/usr/bin/env bash
# --stable layout check and --kabi-report on fixtures/gen/kabi-rules.
set -u
kcrc=$1
fixture=$2/fixtures/gen/kabi-rules
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# Default (warn): findings on stderr, stdout and symtypes as without the check.
"$kcrc" gen --stable -T "$tmp/warn.symtypes" "$fixture/obj.o" < "$fixture/symbols" \
  > "$tmp/warn.out" 2> "$tmp/warn.err" || fail "warn mode exited $?"
cmp -s "$tmp/warn.out" "$fixture/stable/expected.stdout" || fail "warn mode changed stdout"
cmp -s "$tmp/warn.symtypes" "$fixture/stable/expected.symtypes" || fail "warn mode changed symtypes"
grep -q "'dev': placeholder __kabi_reserved0 (at offset 8): the replacing union is 16 bytes, larger than the 8-byte placeholder" "$tmp/warn.err" \
  || fail "the grown placeholder is not reported: $(cat "$tmp/warn.err")"
grep -q "byte_size rule for 'sized' claims 100 bytes; the type is 8 bytes" "$tmp/warn.err" \
  || fail "the byte_size rule is not reported"
grep -q "kABI rule declonly 'no_such_type' (rule 1) matched nothing" "$tmp/warn.err" \
  || fail "the unused rule is not reported"
grep -q "dev_ok" "$tmp/warn.err" && fail "a placeholder that fits is reported"

# error: exit 2, nothing on stdout, no symtypes written.
echo keep > "$tmp/err.symtypes"
"$kcrc" gen --stable --kabi-check=error -T "$tmp/err.symtypes" "$fixture/obj.o" \
  < "$fixture/symbols" > "$tmp/err.out" 2> "$tmp/err.err"
status=$?
[ "$status" -eq 2 ] || fail "error mode exited $status, expected 2"
[ ! -s "$tmp/err.out" ] || fail "error mode printed versions"
[ "$(cat "$tmp/err.symtypes")" = keep ] || fail "error mode touched the symtypes file"
grep -q "^kcrc gen: error: kabi: .*__kabi_reserved0" "$tmp/err.err" || fail "no error naming the member"

# off: no findings.
"$kcrc" gen --stable --kabi-check=off "$fixture/obj.o" < "$fixture/symbols" > /dev/null 2> "$tmp/off.err"
grep -q kabi "$tmp/off.err" && fail "off mode reported findings"

# The report: what each rule and convention hides, with both CRCs.
"$kcrc" gen --stable --kabi-report="$tmp/report.txt" "$fixture/obj.o" < "$fixture/symbols" \
  > /dev/null 2>&1 || fail "report run failed"
sed "s|$fixture/||" "$tmp/report.txt" | diff -u "$fixture/expected-report.txt" - || fail "report differs"
echo "kabi_check: ok"
