#!/usr/bin/env bash
# `kcrc gen` on objects of other targets (fixtures/targets/<arch>, built by
# clang-14 --target; see each build.txt): i386 and arm (32-bit), aarch64,
# s390x and powerpc64 (big-endian), x86_64 as the little-endian baseline.
# Each run directory (one with an `args` file) is checked like a conformance
# case: exit status, stdout and the symtypes file, byte for byte. The
# expected files were reviewed by hand (docs/errors.md, "Other targets").
# Then the cross-target invariants that do not depend on those files:
#   - big-endian s390x and powerpc64 give exactly what little-endian aarch64
#     gives (all three are LP64 with an unsigned char);
#   - i386 differs from x86_64 only in sizes and offsets.
# Usage: targets.sh KCRC SOURCE_DIR
set -uo pipefail
kcrc=$(realpath "$1")
src=$(realpath "$2")
fix=$src/fixtures/targets
source "$(dirname "$0")/lib/common.bash"

# run_case RUN_DIR OBJECT_DIR OUT_PREFIX
run_case() {
  local run=$1 case=$2 out=$3
  local -a args
  read -r -a args <"$run/args" || true
  "$kcrc" gen "${args[@]}" -T "$out.symtypes" "$case/obj.o" <"$case/symbols" \
    >"$out.stdout" 2>"$out.stderr"
  local status=$?
  [ "$status" -eq "$(cat "$run/expected.exit")" ] ||
    fail "$run: exit $status, expected $(cat "$run/expected.exit"): $(cat "$out.stderr")"
  cmp -s "$out.stdout" "$run/expected.stdout" ||
    { fail "$run: stdout differs"; diff "$run/expected.stdout" "$out.stdout" >&2; }
  cmp -s "$out.symtypes" "$run/expected.symtypes" ||
    { fail "$run: symtypes differ"; diff "$run/expected.symtypes" "$out.symtypes" >&2; }
}

archs=(x86_64 i386 arm aarch64 s390x powerpc64)
for arch in "${archs[@]}"; do
  for c in basic kabi; do
    run_case "$fix/$arch/$c" "$fix/$arch/$c" "$tmp/$arch-$c"
    [ -f "$fix/$arch/$c/stable/args" ] &&
      run_case "$fix/$arch/$c/stable" "$fix/$arch/$c" "$tmp/$arch-$c-stable"
  done
done

for be in s390x powerpc64; do
  for f in basic.stdout basic.symtypes kabi.stdout kabi.symtypes kabi-stable.stdout \
    kabi-stable.symtypes; do
    cmp -s "$tmp/aarch64-$f" "$tmp/$be-$f" ||
      { fail "$be $f differs from aarch64"; diff "$tmp/aarch64-$f" "$tmp/$be-$f" >&2; }
  done
done

# i386 against x86_64: equal once sizes and offsets are masked.
mask() { sed -E 's/(byte_size|data_member_location)\([0-9]+\)/\1(N)/g' "$1"; }
for f in basic.symtypes kabi-stable.symtypes; do
  cmp -s <(mask "$tmp/x86_64-$f") <(mask "$tmp/i386-$f") ||
    { fail "i386 $f differs from x86_64 beyond sizes"; diff <(mask "$tmp/x86_64-$f") <(mask "$tmp/i386-$f") >&2; }
done
grep -q 't#ulong_t typedef_type ulong_t { base_type unsigned long byte_size(4)' "$tmp/i386-basic.symtypes" ||
  fail "i386: unsigned long is not 4 bytes"

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
