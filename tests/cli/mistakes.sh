#!/usr/bin/env bash
# The mistakes of a CI engineer or a newcomer (docs/errors.md, "Command-line
# mistakes"), one check per row: exit status, all of stderr byte for byte,
# no control byte in stderr, nothing on stdout after an error, no output
# file created or changed after an error, an answer within seconds.
# Usage: mistakes.sh KCRC SOURCE_DIR
set -uo pipefail
kcrc=$(realpath "$1")
src=$(realpath "$2")
source "$(dirname "$0")/lib/common.bash"
cd "$tmp" || exit 1

# Inputs, under relative names so that messages do not depend on $tmp.
fx=$src/fixtures
cp "$fx/compare/member-added-at-end/ref.symtypes" ref.symtypes
cp "$fx/compare/member-added-at-end/new.symtypes" new.symtypes
cp "$fx/symvers/ref.symvers" ref.symvers
cp "$fx/symvers/new.symvers" new.symvers
cp "$fx/gen/basic/obj.o" obj.o
mkdir out  # every output goes here; an error must leave it as it was
printf 'previous report\n' >out/old.json

# Files under out/ with their contents' digests.
snapshot() { (cd out && find . -print0 | sort -z | xargs -0 -r md5sum 2>/dev/null; find . | sort); }

# row NAME STATUS STDERR CMD...: runs `kcrc CMD...` (stdin from /dev/null).
row() {
  local name=$1 status=$2 expected=$3
  shift 3
  local before
  before=$(snapshot)
  local start=$SECONDS
  timeout 20 "$kcrc" "$@" </dev/null >"$name.out" 2>"$name.err"
  local got=$?
  [ $((SECONDS - start)) -le 10 ] || fail "$name: took $((SECONDS - start)) s"
  [ "$got" -eq "$status" ] || fail "$name: exit $got, expected $status"
  printf '%s' "$expected" >"$name.expected-err"
  cmp -s "$name.err" "$name.expected-err" ||
    fail "$name: stderr differs:$(printf '\n  got:      %s\n  expected: %s' "$(cat "$name.err")" "$expected")"
  LC_ALL=C grep -q '[[:cntrl:]]' <(tr -d '\n' <"$name.err") && fail "$name: control bytes in stderr"
  if [ "$status" -eq 2 ]; then
    [ -s "$name.out" ] && fail "$name: stdout not empty after an error"
    [ "$before" = "$(snapshot)" ] || fail "$name: out/ changed after an error"
  fi
}
hint() { printf 'kcrc %s: run '"'"'kcrc %s --help'"'"' for the options\n' "$1" "$1"; }

# --- The report sink: every report or none ---------------------------------
# One unwritable destination: exit 2 before any work, no report written.
row sink-partial 2 "kcrc compare: error: /nonexistent/x: cannot write: No such file or directory
" compare --format=json:out/a.json --format=short:/nonexistent/x ref.symtypes new.symtypes
row sink-partial-symvers 2 "kcrc compare: error: /nonexistent/x: cannot write: No such file or directory
" compare --symvers --format=json:out/a.json --format=short:/nonexistent/x ref.symvers new.symvers
row sink-keeps-old 2 "kcrc compare: error: nodir/x: cannot write: No such file or directory
" compare --format=json:out/old.json --format=short:nodir/x ref.symtypes new.symtypes
row sink-directory 2 "kcrc compare: error: out: cannot write: Is a directory
" compare --format=json:out ref.symtypes new.symtypes
# An input error after the reports were named: the old report stays.
row sink-input-error 2 "kcrc compare: error: missing.symtypes: cannot open: No such file or directory
" compare --format=json:out/old.json ref.symtypes missing.symtypes
row sink-input-error-symvers 2 "kcrc compare: error: missing.symvers: cannot open: No such file or directory
" compare --symvers --format=json:out/old.json ref.symvers missing.symvers
# Success: every report, two formats to one file joined in order.
row sink-success 1 "" compare --format=short:out/both --format=symbols:out/both \
  --format=json:out/new.json ref.symtypes new.symtypes
"$kcrc" compare --format=short ref.symtypes new.symtypes >short.txt
"$kcrc" compare --format=symbols ref.symtypes new.symtypes >symbols.txt
cat short.txt symbols.txt | cmp -s - out/both || fail "sink-success: out/both is not short + symbols"
"$kcrc" compare --format=json ref.symtypes new.symtypes >json.txt
cmp -s json.txt out/new.json || fail "sink-success: out/new.json differs from the json on stdout"
[ -s sink-success.out ] && fail "sink-success: stdout not empty"
ls out/*.kcrc-* >/dev/null 2>&1 && fail "sink: temporary files left: $(ls out/*.kcrc-*)"

# --- Option errors: one line, then the hint --------------------------------
row jobs-negative 2 "kcrc compare: error: --jobs: value -1 is not a non-negative integer
$(hint compare)
" compare -j -1 ref.symtypes new.symtypes
row jobs-huge 2 "kcrc compare: error: --jobs: value 99999999999999999999999 is more than 4096
$(hint compare)
" compare --jobs 99999999999999999999999 ref.symtypes new.symtypes
row jobs-float 2 "kcrc scan: error: --jobs: value 1.5 is not a non-negative integer
$(hint scan)
" scan -j 1.5 obj.o
row jobs-control-byte 2 "kcrc compare: error: --jobs: value \\x1b[2J is not a non-negative integer
$(hint compare)
" compare -j $'\e[2J' ref.symtypes new.symtypes
row format-unknown 2 "kcrc compare: error: --format: unknown format 'xml' (expected text, short, json or symbols)
$(hint compare)
" compare --format=xml ref.symtypes new.symtypes
row format-empty-file 2 "kcrc compare: error: --format: empty file name in 'json:'
$(hint compare)
" compare --format=json: ref.symtypes new.symtypes
row missing-argument 2 "kcrc compare: error: NEW is required
$(hint compare)
" compare ref.symtypes
row target-bits 2 "kcrc hash-name: error: --target-bits: 33 not in {32,64}
$(hint hash-name)
" hash-name --target-bits 33 printk
row unknown-command 2 "kcrc: error: unknown command 'frob'
kcrc: run 'kcrc --help' for the commands
" frob
row help-unknown-command 2 "kcrc: error: unknown command 'frob'
kcrc: run 'kcrc --help' for the commands
" help frob

# --- Help: on stdout, exit 0, with examples; `help CMD` = `CMD --help` -------
mapfile -t commands < <("$kcrc" --help | sed -n 's/^  \([a-z-]*\) .*/\1/p')
[ "${#commands[@]}" -ge 10 ] || fail "kcrc --help lists ${#commands[@]} commands"
for command in "${commands[@]}"; do
  row "help-$command" 0 "" "$command" --help
  grep -q "^Usage: kcrc $command " "help-$command.out" || fail "$command --help: no usage line"
  grep -q '^Examples:' "help-$command.out" || fail "$command --help: no examples"
  grep -q '^Exit status: ' "help-$command.out" || fail "$command --help: no exit status"
  "$kcrc" help "$command" | cmp -s - "help-$command.out" ||
    fail "kcrc help $command differs from kcrc $command --help"
done
for option in --symvers --rules mod-symbols; do
  grep -q -- "$option" help-compare.out || fail "compare --help does not mention $option"
done

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
