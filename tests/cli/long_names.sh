#!/usr/bin/env bash
# Round trips of over-long symbol names: module objects -> `kcrc modversions`
# -> C compiler -> `kcrc versions`, for 32/64-bit and both byte orders, checked
# against expected tables and against `modprobe --dump-modversions`.
# Usage: long_names.sh <kcrc> <source-dir>
set -euo pipefail
kcrc=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_same() {  # name expected-file actual-file
  if ! diff -u "$2" "$3" >&2; then fail "$1"; fi
}

command -v gcc >/dev/null || { echo "skipped: no gcc"; exit 77; }
modprobe=$(command -v modprobe || echo /usr/sbin/modprobe)
[ -x "$modprobe" ] || modprobe=""

# Symbol names around the limits: 55/56 bytes (64-bit), 59/60 bytes (32-bit),
# leading dots, Rust v0 names.
pad() { local s=$1; while [ ${#s} -lt "$2" ]; do s+=x; done; printf '%s' "$s"; }
names=(
  printk
  "$(pad n55_ 55)" "$(pad n56_ 56)" "$(pad n59_ 59)" "$(pad n60_ 60)"
  .dot_short "$(pad .d56_ 56)" "$(pad .d60_ 60)"
  _RNvNtNtCs1cdwasc6FUb_6kernel5print14format_strings4INFO
  _RNvMs0_NtNtCs1cdwasc6FUb_6kernel4sync4lockINtB5_4LockuNtNtB5_8spinlock15SpinLockBackendE4lock
)

# The module: one object importing every name (plus one the symvers lacks and
# one the other object defines), the other defining `helper`.
{
  i=0
  for n in "${names[@]}" not_exported helper; do
    printf 'extern char sym%d __asm__("%s");\n' $i "$n"
    i=$((i + 1))
  done
  printf 'void *const refs[] = {'
  for ((j = 0; j < i; j++)); do printf ' &sym%d,' $j; done
  printf ' };\n'
} >main.c
echo 'int helper;' >helper.c

crc=$((0x1a2b3c00))
: >Module.symvers
for n in "${names[@]}" helper; do
  printf '0x%08x\t%s\tvmlinux\tEXPORT_SYMBOL\t\n' $crc "$n" >>Module.symvers
  crc=$((crc + 0x01010101))
done

# Expected `__versions` as modprobe prints it, and decoded with --names.
expected_basic() {  # bits [names]
  local limit=$(($1 == 64 ? 56 : 60)) crc=$((0x1a2b3c00)) n shown
  for n in "${names[@]}"; do
    if [ ${#n} -ge $limit ]; then
      shown=$([ -n "${2-}" ] && printf '%s' "${n#.}" || printf sha256)
    else
      shown=${n#.}
    fi
    printf '0x%08x\t%s\n' $crc "$shown"
    crc=$((crc + 0x01010101))
  done
}
expected_extended() {
  local crc=$((0x1a2b3c00)) n
  for n in "${names[@]}"; do
    printf '0x%08x\t%s\n' $crc "$n"
    crc=$((crc + 0x01010101))
  done
}
expected_basic_without_long() {  # bits
  local limit=$(($1 == 64 ? 56 : 60)) crc=$((0x1a2b3c00)) n
  for n in "${names[@]}"; do
    [ ${#n} -ge $limit ] || printf '0x%08x\t%s\n' $crc "${n#.}"
    crc=$((crc + 0x01010101))
  done
}

# Targets: a name, the word size, and a compiler command that works here.
targets=()
try_target() {  # name bits compiler...
  local name=$1 bits=$2
  shift 2
  if "$@" -c -o probe.o helper.c 2>/dev/null; then targets+=("$name|$bits|$*"); fi
}
try_target x86_64 64 gcc
if gcc -m32 -c -o probe.o helper.c 2>/dev/null; then
  targets+=("i386|32|gcc -m32")
else
  try_target i386 32 clang-14 --target=i386-linux-gnu
fi
try_target s390x 64 clang-14 --target=s390x-linux-gnu
try_target powerpc 32 clang-14 --target=powerpc-linux-gnu
echo "targets: ${targets[*]}"

for t in "${targets[@]}"; do
  IFS='|' read -r name bits cc <<<"$t"
  mkdir "$name"
  $cc -c -o "$name/main.o" main.c
  $cc -c -o "$name/helper.o" helper.c

  # Basic only: hashed long names.
  "$kcrc" modversions --symvers Module.symvers -o "$name/basic.c" "$name/main.o" "$name/helper.o" \
    2>"$name/basic.stderr" || fail "$name: modversions --basic"
  printf 'kcrc modversions: warning: "not_exported" is not exported in Module.symvers\n' >"$name/warn"
  expect_same "$name: modversions warnings" "$name/warn" "$name/basic.stderr"
  $cc -c -o "$name/basic.o" "$name/basic.c" || fail "$name: basic.c does not compile"
  expected_basic "$bits" >"$name/expected"
  "$kcrc" versions "$name/basic.o" >"$name/out" || fail "$name: versions"
  expect_same "$name: basic table" "$name/expected" "$name/out"
  if [ -n "$modprobe" ]; then
    "$modprobe" --dump-modversions "$name/basic.o" >"$name/modprobe" || fail "$name: modprobe"
    expect_same "$name: kcrc versions vs modprobe" "$name/modprobe" "$name/out"
  fi
  expected_basic "$bits" names >"$name/expected"
  "$kcrc" versions --names Module.symvers "$name/basic.o" >"$name/out"
  expect_same "$name: basic table, names decoded" "$name/expected" "$name/out"

  # Basic and extended: long names only in the extended tables.
  "$kcrc" modversions --basic --extended --symvers Module.symvers -o "$name/both.c" \
    "$name/main.o" "$name/helper.o" 2>/dev/null || fail "$name: modversions --basic --extended"
  $cc -c -o "$name/both.o" "$name/both.c" || fail "$name: both.c does not compile"
  expected_basic_without_long "$bits" >"$name/expected"
  "$kcrc" versions "$name/both.o" >"$name/out"
  expect_same "$name: basic table beside extended" "$name/expected" "$name/out"
  if [ -n "$modprobe" ]; then
    "$modprobe" --dump-modversions "$name/both.o" >"$name/modprobe"
    expect_same "$name: kcrc versions vs modprobe (both)" "$name/modprobe" "$name/out"
  fi
  expected_extended >"$name/expected"
  for table in extended loader; do
    "$kcrc" versions --table $table "$name/both.o" >"$name/out" 2>"$name/err" ||
      fail "$name: versions --table $table"
    expect_same "$name: --table $table" "$name/expected" "$name/out"
    [ ! -s "$name/err" ] || fail "$name: unexpected warnings: $(cat "$name/err")"
  done

  # Extended only.
  "$kcrc" modversions --extended --symvers Module.symvers -o "$name/ext.c" \
    "$name/main.o" "$name/helper.o" 2>/dev/null
  $cc -c -o "$name/ext.o" "$name/ext.c" || fail "$name: ext.c does not compile"
  "$kcrc" versions --table extended "$name/ext.o" >"$name/out"
  expect_same "$name: extended only" "$name/expected" "$name/out"
  status=0
  "$kcrc" versions "$name/ext.o" >/dev/null 2>"$name/err" || status=$?
  [ $status -eq 2 ] || fail "$name: missing __versions: exit $status"
  grep -qF "$name/ext.o: no __versions section" "$name/err" || fail "$name: missing __versions message"

  # JSON carries the target and the digests.
  "$kcrc" versions --format json "$name/basic.o" >"$name/json"
  python3 - "$name/json" "$bits" "$name" <<'PY' || fail "$name: json"
import json, sys
doc = json.load(open(sys.argv[1]))[0]
assert doc["bits"] == int(sys.argv[2]), doc["bits"]
assert doc["endian"] == ("big" if sys.argv[3] in ("s390x", "powerpc") else "little"), doc["endian"]
hashed = [e for e in doc["versions"] if "sha256" in e]
info = "_RNvNtNtCs1cdwasc6FUb_6kernel5print14format_strings4INFO"  # 57 bytes
if doc["bits"] == 64:
    assert any(e["sha256"].startswith("5696f427db4abf") for e in hashed), hashed
else:
    assert any(e["name"] == info for e in doc["versions"]), doc["versions"]
assert len(hashed) == (7 if doc["bits"] == 64 else 3), hashed
assert doc["extended"] is None and doc["loader_table"] == "basic"
PY
done

# Malformed extended tables, as the loader sees them.
cat >bad_count.c <<'C'
static const unsigned int crcs[] __attribute__((used, section("__version_ext_crcs"))) = {1, 2, 3};
static const char names[] __attribute__((used, section("__version_ext_names"))) = "a\0b";
C
cat >bad_presence.c <<'C'
static const unsigned int crcs[] __attribute__((used, section("__version_ext_crcs"))) = {1};
C
gcc -c -o bad_count.o bad_count.c
gcc -c -o bad_presence.o bad_presence.c
check_error() {  # file expected-stderr
  local status=0
  "$kcrc" versions --table loader "$1" >out 2>err || status=$?
  [ $status -eq 2 ] || fail "$1: exit $status, expected 2"
  printf '%s\n' "$2" >expected
  expect_same "$1: error message" expected err
  [ ! -s out ] || fail "$1: printed something on stdout"
}
check_error bad_count.o "kcrc versions: error: bad_count.o: more extended version CRCs than names: __version_ext_crcs has 3 CRCs, __version_ext_names 2 NUL-terminated names (the loader refuses this module)"
check_error bad_presence.o "kcrc versions: error: bad_presence.o: __version_ext_crcs is present but __version_ext_names is missing: extended version CRCs and names must come together (the loader refuses this module)"
echo 'not an object' >not_elf.ko
check_error not_elf.ko "kcrc versions: error: not_elf.ko: not an ELF file"
head -c 100 x86_64/basic.o >truncated.ko
check_error truncated.ko "kcrc versions: error: truncated.ko: truncated ELF file: the section table ends at byte $(python3 -c "d=open('x86_64/basic.o','rb').read(); n=lambda a,b: int.from_bytes(d[a:b],'little'); print(n(0x28,0x30)+n(0x3c,0x3e)*n(0x3a,0x3c))"), the file has 100"

# Names are bytes: one that is not UTF-8 prints as stored, and JSON stays valid.
cat >latin1.c <<'C'
struct modversion_info { unsigned long crc; char name[64 - sizeof(unsigned long)]; };
static const struct modversion_info v[] __attribute__((used, section("__versions"))) = {
	{ 0x1, "caf\351" },
};
C
gcc -c -o latin1.o latin1.c
"$kcrc" versions latin1.o >out || fail "latin1.o: versions"
printf '0x00000001\tcaf\351\n' >expected
expect_same "latin1 name" expected out
"$kcrc" versions --format json latin1.o | python3 -c 'import json, sys; json.load(sys.stdin)' ||
  fail "latin1.o: JSON"

# hash-name
"$kcrc" hash-name printk _RNvNtNtCs1cdwasc6FUb_6kernel5print14format_strings4INFO "$(pad n56_ 56)" >out
{
  echo printk
  echo sha256:5696f427db4abf4205b4ae9621688a5d7cfe42909dc115bd5c758560c898836c
  echo "sha256:$(printf '%s' "$(pad n56_ 56)" | sha256sum | cut -d' ' -f1)"
} >expected
expect_same "hash-name" expected out
"$kcrc" hash-name --target-bits 32 "$(pad n56_ 56)" >out
pad n56_ 56 >expected && echo >>expected
expect_same "hash-name --target-bits 32" expected out

if [ $failures -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "ok: ${#targets[@]} targets"
