#!/usr/bin/env bash
# CLI test of `kcrc scan`: a small installed-kernel-like tree (plain, .ko.xz
# and .ko.zst modules), exact Module.symvers, CRCs equal to `kcrc gen
# --exports=auto` per object, symtypes outputs, -j1 = -j2, errors.
# Usage: scan.sh KCRC SOURCE_DIR
set -uo pipefail
kcrc=$1
src=$2
fix=$src/fixtures/scan
source "$(dirname "$0")/lib/common.bash"

tree=$tmp/root/lib/modules/6.1.0-test/kernel
mkdir -p "$tree/drivers/plain" "$tree/drivers/xz" "$tree/fs" "$tmp/root/boot"
cp "$fix/ksymtab.ko" "$tree/drivers/plain/ksymtab.ko"
cp "$fix/ksymtab.ko.xz" "$tree/drivers/xz/ksymtab.ko.xz"
cp "$fix/ksymtab.ko.zst" "$tree/fs/ksymtab.ko.zst"
cp "$fix"/tree/*.ko "$tree/fs/"
echo "not a module" > "$tmp/root/lib/modules/6.1.0-test/modules.order"
ln -s ../drivers/plain/ksymtab.ko "$tree/fs/link.ko"  # symbolic links are not followed

# --list: what discovery found (no link, no modules.order), in module order.
"$kcrc" scan --list "$tmp/root" | cut -f1 >"$tmp/list"
printf '%s\n' drivers/plain/ksymtab drivers/xz/ksymtab fs/ksymtab fs/multicu-ld-r \
  fs/recursive-linked-list fs/shared-types-many-exports fs/struct-nested-union \
  fs/symlist-aliases fs/var-exported-objects | cmp -s - "$tmp/list" || fail "--list: $(cat "$tmp/list")"

# Module.symvers: modpost's format, sorted by symbol, module names from the tree.
"$kcrc" scan -j2 -o "$tmp/Module.symvers" -T "$tmp/all.symtypes" --symtypes-dir "$tmp/st" \
  "$tmp/root" >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 0 ] || fail "scan exited $status: $(cat "$tmp/err")"
[ ! -s "$tmp/out" ] || fail "stdout not empty with -o: $(cat "$tmp/out")"
grep -q "no information for symbol lonely_alias" "$tmp/err" || fail "missing warning: $(cat "$tmp/err")"
grep -P '\tfoo\t' "$tmp/Module.symvers" >"$tmp/foo"
printf '0xa5257263\tfoo\tdrivers/plain/ksymtab\tEXPORT_SYMBOL_GPL\tFOO_NS\n0xa5257263\tfoo\tdrivers/xz/ksymtab\tEXPORT_SYMBOL_GPL\tFOO_NS\n0xa5257263\tfoo\tfs/ksymtab\tEXPORT_SYMBOL_GPL\tFOO_NS\n' |
  cmp -s - "$tmp/foo" || fail "foo lines: $(cat "$tmp/foo")"
sort -t$'\t' -k2,2 -k3,3 -s "$tmp/Module.symvers" | cmp -s - "$tmp/Module.symvers" ||
  fail "Module.symvers not sorted by symbol"
[ "$(wc -l <"$tmp/Module.symvers")" -eq 43 ] || fail "expected 43 exports: $(wc -l <"$tmp/Module.symvers")"

# Per object, the CRCs and symtypes of gen --exports=auto.
for ko in "$fix/ksymtab.ko" "$fix"/tree/*.ko; do
  name=$(basename "$ko" .ko)
  "$kcrc" gen --exports=auto -T "$tmp/gen.symtypes" "$ko" 2>/dev/null |
    sed 's/^#SYMVER \(.*\) \(0x.*\)/\2 \1/' | sort >"$tmp/gen"
  module=fs/$name
  awk -F'\t' -v m="$module" '$3 == m { print $1, $2 }' "$tmp/Module.symvers" | sort >"$tmp/scan"
  cmp -s "$tmp/gen" "$tmp/scan" || fail "$name: CRCs differ from gen: $(diff "$tmp/gen" "$tmp/scan")"
  cmp -s "$tmp/gen.symtypes" "$tmp/st/$module.symtypes" || fail "$name: symtypes differ from gen"
done
grep -qx '/\* fs/ksymtab.symtypes \*/' "$tmp/all.symtypes" || fail "no block header in -T output"
[ "$(grep -c '^/\* ' "$tmp/all.symtypes")" -eq 9 ] || fail "expected 9 blocks in -T output"

# Determinism: -j1 and -j2 write the same bytes; stdout is the default output.
"$kcrc" scan -j1 -T "$tmp/all1.symtypes" "$tmp/root" >"$tmp/symvers1" 2>/dev/null ||
  fail "scan -j1 failed"
cmp -s "$tmp/symvers1" "$tmp/Module.symvers" || fail "-j1 Module.symvers differs from -j2"
cmp -s "$tmp/all1.symtypes" "$tmp/all.symtypes" || fail "-j1 symtypes differ from -j2"

# An unreadable module: error naming it, exit 2, no output unless --keep-going.
echo "junk" | xz >"$tree/drivers/bad.ko.xz"
"$kcrc" scan -o "$tmp/bad.symvers" "$tmp/root" >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 2 ] || fail "bad module: exit $status, expected 2"
grep -q "^kcrc scan: error: .*drivers/bad.ko.xz: not an ELF file" "$tmp/err" || fail "bad module: $(cat "$tmp/err")"
[ ! -e "$tmp/bad.symvers" ] || fail "bad module: output written without --keep-going"
"$kcrc" scan -k -o "$tmp/bad.symvers" "$tmp/root" >/dev/null 2>&1
[ $? -eq 2 ] && cmp -s "$tmp/bad.symvers" "$tmp/Module.symvers" || fail "--keep-going output"

"$kcrc" scan "$tmp/missing" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "no such file" "$tmp/err" || fail "missing path: $(cat "$tmp/err")"
"$kcrc" scan >/dev/null 2>&1
[ $? -eq 2 ] || fail "no path: expected exit 2"

((failures == 0)) || exit 1
echo "scan: all passed"
