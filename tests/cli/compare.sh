#!/usr/bin/env bash
# kcrc compare / explain / crc / consolidate / split: exit statuses, stdout and
# stderr, and --format=TYPE:FILE outputs.
set -u
kcrc=$1
src=$2
fx=$src/fixtures/compare
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# expect NAME STATUS EXPECTED_STDOUT_FILE -- CMD...
expect() {
  local name=$1 status=$2 out=$3
  shift 4
  "$@" >"$tmp/stdout" 2>"$tmp/stderr"
  local rc=$?
  if [ "$rc" != "$status" ]; then
    echo "FAIL $name: exit $rc, expected $status"; cat "$tmp/stderr"; fail=1; return
  fi
  if [ "$out" != - ] && ! diff -u "$out" "$tmp/stdout"; then
    echo "FAIL $name: stdout differs"; fail=1
  fi
}

# No change: 0; changes: 1; errors: 2.
expect unchanged 0 "$fx/unchanged/expected.txt" -- "$kcrc" compare "$fx/unchanged/ref.symtypes" "$fx/unchanged/new.symtypes"
[ -s "$tmp/stderr" ] && { echo "FAIL unchanged: stderr not empty"; fail=1; }
for s in member-added-at-end enum-value-added shared-struct-many-exports exports-added-removed; do
  expect "$s text" 1 "$fx/$s/expected.txt" -- "$kcrc" compare "$fx/$s/ref.symtypes" "$fx/$s/new.symtypes"
  expect "$s json" 1 "$fx/$s/expected.json" -- "$kcrc" compare --format=json "$fx/$s/ref.symtypes" "$fx/$s/new.symtypes"
  expect "$s -j1" 1 "$fx/$s/expected.short" -- "$kcrc" compare -j 1 --format short "$fx/$s/ref.symtypes" "$fx/$s/new.symtypes"
done
expect missing 2 - -- "$kcrc" compare "$fx/unchanged/ref.symtypes" "$tmp/nope.symtypes"
grep -q "cannot open" "$tmp/stderr" || { echo "FAIL missing: no error message"; fail=1; }
expect bad-format 2 - -- "$kcrc" compare --format=xml "$fx/unchanged/ref.symtypes" "$fx/unchanged/new.symtypes"
expect usage 2 - -- "$kcrc" compare "$fx/unchanged/ref.symtypes"
expect help 0 - -- "$kcrc" compare --help
printf 'broken\n' >"$tmp/bad.symtypes"
expect parse-error 2 - -- "$kcrc" compare "$tmp/bad.symtypes" "$fx/unchanged/new.symtypes"
grep -q "bad.symtypes:1:" "$tmp/stderr" || { echo "FAIL parse-error: no file:line"; fail=1; }

# Several formats at once, some into files.
s=shared-struct-many-exports
expect multi 1 "$fx/$s/expected.txt" -- "$kcrc" compare --format=text --format=json:"$tmp/out.json" \
  --format=symbols:"$tmp/out.syms" "$fx/$s/ref.symtypes" "$fx/$s/new.symtypes"
diff -u "$fx/$s/expected.json" "$tmp/out.json" || { echo "FAIL multi: json file"; fail=1; }
printf '%s\n' alloc_skb kfree_skb skb_put sock_queue_rcv sock_state | diff -u - "$tmp/out.syms" || { echo "FAIL multi: symbols"; fail=1; }

# --symvers goes to the symvers comparison, whatever it answers.
"$kcrc" compare --symvers "$tmp/a" "$tmp/b" >"$tmp/stdout" 2>"$tmp/stderr"
grep -q "symvers\|Symvers\|cannot open\|No such" "$tmp/stderr" "$tmp/stdout" || { echo "FAIL --symvers not forwarded"; cat "$tmp/stderr"; fail=1; }

# explain: 0 unchanged, 1 changed.
for s in member-added-at-end kabi-reserved-use shared-struct-many-exports; do
  expect "explain $s" 1 "$fx/$s/expected-explain.txt" -- "$kcrc" explain --fixit "$(cat "$fx/$s/explain-symbol")" "$fx/$s/ref.symtypes" "$fx/$s/new.symtypes"
done
expect explain-unchanged 0 "$fx/unchanged/expected-explain.txt" -- "$kcrc" explain --fixit dev_get "$fx/unchanged/ref.symtypes" "$fx/unchanged/new.symtypes"
expect explain-unknown 2 - -- "$kcrc" explain nosuch "$fx/unchanged/ref.symtypes" "$fx/unchanged/new.symtypes"

# crc: #SYMVER lines from symtypes alone.
conf=$src/../shared/conformance/cases/multiobj-two-files
if [ -d "$conf" ]; then
  "$kcrc" crc "$conf/expected.symtypes" | sort >"$tmp/crc"
  sort "$conf/expected.stdout" | diff -u - "$tmp/crc" || { echo "FAIL crc"; fail=1; }
fi
printf '%s\n' '#SYMVER dev_version 0x7ec472ba' '#SYMVER nosuch 0x00000000' >"$tmp/want"
expect crc-symbols 0 "$tmp/want" -- "$kcrc" crc "$fx/unchanged/ref.symtypes" dev_version nosuch
grep -q "no information for symbol nosuch" "$tmp/stderr" || { echo "FAIL crc-symbols: warning"; fail=1; }

# consolidate / split round trip; a consolidated file and a directory compare
# like the plain files they hold.
mkdir -p "$tmp/tree/a" "$tmp/tree/b"
cp "$fx/member-added-at-end/ref.symtypes" "$tmp/tree/a/dev.symtypes"
cp "$fx/shared-struct-many-exports/ref.symtypes" "$tmp/tree/b/net.symtypes"
expect consolidate 0 - -- "$kcrc" consolidate "$tmp/tree" -o "$tmp/all.symtypes"
head -1 "$tmp/all.symtypes" | grep -qx '/\* a/dev.symtypes \*/' || { echo "FAIL consolidate header"; fail=1; }
expect split 0 - -- "$kcrc" split "$tmp/all.symtypes" -o "$tmp/back"
diff -r "$tmp/tree" "$tmp/back" || { echo "FAIL split round trip"; fail=1; }
expect compare-consolidated-vs-dir 0 - -- "$kcrc" compare "$tmp/all.symtypes" "$tmp/tree"
mkdir -p "$tmp/tree2/a" "$tmp/tree2/b"
cp "$fx/member-added-at-end/new.symtypes" "$tmp/tree2/a/dev.symtypes"
cp "$fx/shared-struct-many-exports/new.symtypes" "$tmp/tree2/b/net.symtypes"
"$kcrc" compare --format=symbols "$tmp/all.symtypes" "$tmp/tree2" >"$tmp/syms"; rc=$?
[ $rc = 1 ] || { echo "FAIL tree compare exit $rc"; fail=1; }
printf '%s\n' alloc_skb dev_get dev_put kfree_skb skb_put sock_queue_rcv sock_state | diff -u - "$tmp/syms" || { echo "FAIL tree compare"; fail=1; }

# crc reads consolidated files too; split refuses paths leaving the directory.
"$kcrc" crc "$tmp/all.symtypes" | sort >"$tmp/crc-all"
{ "$kcrc" crc "$tmp/tree/a/dev.symtypes"; "$kcrc" crc "$tmp/tree/b/net.symtypes"; } | sort | diff -u - "$tmp/crc-all" || { echo "FAIL crc consolidated"; fail=1; }
printf '/* ../outside.symtypes */\nx variable base_type void\n' >"$tmp/evil.symtypes"
mkdir -p "$tmp/evil"
expect split-evil 2 - -- "$kcrc" split "$tmp/evil.symtypes" -o "$tmp/evil"
[ -e "$tmp/outside.symtypes" ] && { echo "FAIL split-evil wrote outside"; fail=1; }
grep -q "refusing" "$tmp/stderr" || { echo "FAIL split-evil: message"; fail=1; }

exit $fail
