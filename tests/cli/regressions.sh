#!/usr/bin/env bash
# Runs every input of tests/regressions/ (see its README.md) through
# `kcrc gen` and requires a clean end: exit status 0 or 2 within 60 s, on 2
# exactly one `kcrc gen: error: ` line, never a signal or a sanitizer report.
# Usage: regressions.sh KCRC SOURCE_DIR
set -uo pipefail
kcrc=$(realpath "$1")
src=$(realpath "$2")
source "$(dirname "$0")/lib/common.bash"
count=0

check() { # NAME STATUS STDERR_FILE
  local name=$1 status=$2 err=$3
  count=$((count + 1))
  case $status in
    0) ;;
    2) [ "$(grep -c '^kcrc gen: error: ' "$err")" -eq 1 ] ||
         fail "$name: status 2 without exactly one error line: $(head -5 "$err")" ;;
    *) fail "$name: exit status $status: $(tail -20 "$err")" ;;
  esac
  if grep -q -E 'Sanitizer|runtime error:' "$err"; then
    fail "$name: sanitizer report"
    cat "$err" >&2
  fi
}

for f in "$src"/tests/regressions/*; do
  name=$(basename "$f")
  case $f in
    *.o)
      { cat "$src/fixtures/gen/basic/symbols"
        nm --defined-only -g "$f" 2>/dev/null | awk 'NF == 3 { print $3 }'; } >"$tmp/symbols"
      timeout 60 "$kcrc" gen --stable -T "$tmp/out" "$f" <"$tmp/symbols" >/dev/null 2>"$tmp/err"
      check "$name" $? "$tmp/err" ;;
    *.symbols)
      timeout 60 "$kcrc" gen "$src/fixtures/gen/basic/obj.o" <"$f" >/dev/null 2>"$tmp/err"
      check "$name" $? "$tmp/err" ;;
    *.rules)
      objcopy --update-section ".discard.gendwarfksyms.kabi_rules=$f" \
        "$src/fixtures/gen/kabi-rules/obj.o" "$tmp/rules.o"
      timeout 60 "$kcrc" gen --stable "$tmp/rules.o" <"$src/fixtures/gen/kabi-rules/symbols" \
        >/dev/null 2>"$tmp/err"
      check "$name" $? "$tmp/err" ;;
  esac
done
echo "$count regression inputs, $failures failure(s)"
[ "$failures" -eq 0 ]
