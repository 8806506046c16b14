#!/usr/bin/env bash
# Determinism of `kcrc gen` over every fixture case that succeeds (the
# conformance pack when present, fixtures/gen, fixtures/targets):
#   1. two runs (different working directory, locale and environment size)
#      give the same bytes on stdout and in the symtypes file;
#   2. a permutation of the symbol list (reversed, and shuffled with a fixed
#      seed) gives the same set of #SYMVER lines and identical symtypes;
#   3. the same object given twice gives what it gives once (a symbol is
#      versioned by the first object that has it; the second block is empty).
# Usage: determinism.sh KCRC SOURCE_DIR
set -uo pipefail
kcrc=$(realpath "$1")
src=$(realpath "$2")
source "$(dirname "$0")/lib/common.bash"
cases=0

# gen OUT RUN_DIR SYMBOLS OBJECT...: kcrc gen with the run's args.
gen() {
  local out=$1 run=$2 symbols=$3
  shift 3
  local -a args=()
  [ -f "$run/args" ] && read -r -a args <"$run/args"
  "$kcrc" gen "${args[@]}" -T "$out.symtypes" "$@" <"$symbols" >"$out.stdout" 2>/dev/null
}

same() { # A B WHAT
  cmp -s "$1" "$2" || { fail "$3"; diff "$1" "$2" | head -10 >&2; }
}

check_run() { # RUN_DIR CASE_DIR
  local run=$1 case=$2
  [ "$(cat "$run/expected.exit" 2>/dev/null || echo 0)" -eq 0 ] || return 0
  local -a objects=()
  if [ -f "$case/objs" ]; then
    while read -r o; do objects+=("$case/$o"); done <"$case/objs"
  else
    objects=("$case/obj.o")
  fi
  local symbols=$case/symbols
  [ -f "$run/symbols" ] && symbols=$run/symbols
  cases=$((cases + 1))
  local t=$tmp/r
  (cd "$case" && gen "$t-a" "$run" "$symbols" "${objects[@]}") || { fail "$run: run failed"; return; }
  (cd "$tmp" && LC_ALL=C.UTF-8 KCRC_PADDING=$(printf '%04096d' 0) \
    gen "$t-b" "$run" "$symbols" "${objects[@]}")
  same "$t-a.stdout" "$t-b.stdout" "$run: stdout differs between runs"
  same "$t-a.symtypes" "$t-b.symtypes" "$run: symtypes differ between runs"

  tac "$symbols" >"$t.reversed"
  python3 -c 'import random,sys; l=open(sys.argv[1]).readlines(); random.Random(7).shuffle(l); sys.stdout.writelines(l)' \
    "$symbols" >"$t.shuffled"
  for order in reversed shuffled; do
    # A last line without a newline would join its neighbour.
    sed -i -e '$a\' "$t.$order"
    gen "$t-$order" "$run" "$t.$order" "${objects[@]}"
    same <(sort "$t-a.stdout") <(sort "$t-$order.stdout") "$run: #SYMVER set changes with a $order symbol list"
    same "$t-a.symtypes" "$t-$order.symtypes" "$run: symtypes change with a $order symbol list"
  done

  if [ ${#objects[@]} -eq 1 ]; then
    gen "$t-twice" "$run" "$symbols" "${objects[0]}" "${objects[0]}"
    same "$t-a.stdout" "$t-twice.stdout" "$run: stdout differs with the object given twice"
    same "$t-a.symtypes" "$t-twice.symtypes" "$run: symtypes differ with the object given twice"
  fi
}

dirs=("$src"/fixtures/gen/* "$src"/fixtures/targets/*/*)
[ -d "$src/../shared/conformance/cases" ] && dirs+=("$src"/../shared/conformance/cases/*)
for case in "${dirs[@]}"; do
  [ -f "$case/symbols" ] || continue
  check_run "$case" "$case"
  for run in "$case"/*/; do
    [ -f "$run/args" ] && check_run "${run%/}" "$case"
  done
done
echo "$cases runs checked, $failures failure(s)"
[ "$cases" -gt 0 ] && [ "$failures" -eq 0 ]
