#!/usr/bin/env bash
# CLI test of `kcrc check` on fixtures/check (build.txt): exact stdout, stderr
# and exit status for each verdict, the explanation of a module built against
# an older struct, JSON and report files, both export-table layouts, errors.
# Usage: check.sh KCRC SOURCE_DIR
set -uo pipefail
kcrc=$(realpath "$1")
source "$(dirname "$0")/lib/common.bash"
cd "$2/fixtures/check" || exit 2

# run STATUS ARGS...: runs kcrc check, compares its status; stdout and stderr
# are left in $tmp/out and $tmp/err.
run() {
  local want=$1
  shift
  "$kcrc" check "$@" >"$tmp/out" 2>"$tmp/err"
  local status=$?
  [ "$status" -eq "$want" ] || fail "check $*: exit $status, expected $want: $(cat "$tmp/err")"
}
expect_out() { diff -u - "$tmp/out" >&2 || fail "stdout of: $1"; }
expect_err() { diff -u - "$tmp/err" >&2 || fail "stderr of: $1"; }

# A module that loads: exit 0, the summary alone.
run 0 --kernel kernel.symvers modules/ok.ko modules/ok-xz.ko.xz
expect_out "ok" <<'OUT'
2 modules checked: 2 would load, 0 refused
OUT
expect_err "ok" </dev/null

# Each verdict against a kernel tree (7.1 layout), in the loader's words.
run 1 --kernel kernel-7.1 modules/missing.ko modules/gpl.ko modules/namespace.ko \
  modules/vermagic.ko modules/struct-module.ko modules/inherit.ko modules/no-version.ko \
  modules/weak.ko modules/vermagic-release.ko modules/module-ns.ko modules/module-ns-other.ko
expect_out "verdicts" <<'OUT'
modules/missing.ko: missing: Unknown symbol kapi_removed (err -2)
    the kernel does not export it
modules/gpl.ko: gpl: Unknown symbol kapi_gpl_only (err -2)
    kapi_gpl_only is EXPORT_SYMBOL_GPL, and the module's license 'Proprietary' is not GPL-compatible
modules/namespace.ko: namespace: module uses symbol (kapi_in_ns) from namespace KAPI_NS, but does not import it.
modules/namespace.ko: namespace: Unknown symbol kapi_in_ns (err -22)
    add MODULE_IMPORT_NS("KAPI_NS") to the module (import_ns=KAPI_NS in .modinfo)
modules/vermagic.ko: vermagic: version magic '7.1.0-kcrc SMP mod_unload modversions ' should be '7.1.0-kcrc SMP preempt mod_unload modversions '
    they differ beyond the release (compared from the first space on, as the module has __versions)
modules/struct-module.ko: module struct_module: .gnu.linkonce.this_module section size must match the kernel's built struct module size at run time
    the module's struct module is 584 bytes, the kernel's 520: it was built for another configuration of the kernel
modules/inherit.ko: inherit: module using GPL-only symbols uses symbols prov_plain from proprietary module provider.
modules/inherit.ko: inherit: Unknown symbol prov_plain (err -2)
    prov_plain comes from provider, whose license is not GPL-compatible
modules/no-version.ko: warning: no_version: no symbol version for _printk
    the module has no CRC for it: the loader warns (once) and loads it
modules/module-ns-other.ko: other: module uses symbol (kapi_for_kvm) from namespace module:kvm*, but does not import it.
modules/module-ns-other.ko: other: Unknown symbol kapi_for_kvm (err -22)
    add MODULE_IMPORT_NS("module:kvm*") to the module (import_ns=module:kvm* in .modinfo)
11 modules checked: 4 would load, 7 refused (7 problems)
OUT
# The same against the 6.x layout and against its Module.symvers (which does
# not tell vermagic, struct module or the provider's license).
run 1 --kernel kernel-6 modules
cp "$tmp/out" "$tmp/tree6"
run 1 --kernel kernel-7.1 modules
cmp -s "$tmp/out" "$tmp/tree6" || fail "the 6.x and 7.1 layouts give different reports"
run 1 --kernel kernel.symvers.gz modules/vermagic.ko modules/struct-module.ko modules/inherit.ko \
  modules/missing.ko
expect_out "symvers" <<'OUT'
modules/missing.ko: missing: Unknown symbol kapi_removed (err -2)
    the kernel does not export it
4 modules checked: 3 would load, 1 refused (1 problem)
OUT

# The kernel's vermagic given by hand, where a Module.symvers does not tell it.
run 1 --kernel kernel.symvers --kernel-vermagic "7.1.0-kcrc SMP preempt mod_unload modversions " \
  modules/vermagic.ko modules/vermagic-release.ko
expect_out "--kernel-vermagic" <<'OUT'
modules/vermagic.ko: vermagic: version magic '7.1.0-kcrc SMP mod_unload modversions ' should be '7.1.0-kcrc SMP preempt mod_unload modversions '
    they differ beyond the release (compared from the first space on, as the module has __versions)
2 modules checked: 1 would load, 1 refused (1 problem)
OUT

# Debian's kernels refuse an import without a CRC.
run 1 --kernel kernel.symvers --missing-versions=refuse modules/no-version.ko
expect_out "refuse missing versions" <<'OUT'
modules/no-version.ko: no_version: no symbol version for _printk
modules/no-version.ko: no_version: Unknown symbol _printk (err -22)
    the module has no CRC for it, and this kernel refuses that (Debian's "Disable matching missing version CRC")
1 module checked: 0 would load, 1 refused (1 problem)
OUT

# Why: a module built against the older struct foo.
run 1 --kernel kernel.symvers modules/old-foo.ko
expect_out "crc without symtypes" <<'OUT'
modules/old-foo.ko: old_foo: disagrees about version of symbol kapi_open
modules/old-foo.ko: old_foo: Unknown symbol kapi_open (err -22)
    the module was built against CRC 0x42d11b49, the kernel's kapi_open is 0x6eacbbcc
note: 1 refused CRC: give --kernel-symtypes FILE (the kernel's symtypes, e.g. from `kcrc scan -T FILE` of its debug package) to see which types differ
1 module checked: 0 would load, 1 refused (1 problem)
OUT
run 1 --kernel kernel.symvers --kernel-symtypes kernel.symtypes modules/old-foo.ko
expect_out "crc with symtypes" <<'OUT'
modules/old-foo.ko: old_foo: disagrees about version of symbol kapi_open
modules/old-foo.ko: old_foo: Unknown symbol kapi_open (err -22)
    the module was built against CRC 0x42d11b49, the kernel's kapi_open is 0x6eacbbcc
    why: s#foo (struct foo)
      member 'priv' (void *) added at offset 16 (size 8)
      byte size changed from 16 to 24
      export kapi_open -> parameter 1 'f' -> struct foo
1 module checked: 0 would load, 1 refused (1 problem)
OUT

# Each --format adds a report (TYPE alone: on stdout); without any, text on stdout.
run 1 --kernel kernel.symvers --kernel-symtypes kernel.symtypes --format=json modules/old-foo.ko
python3 - "$tmp/out" <<'PY' || fail "json shape"
import json, sys
d = json.load(open(sys.argv[1]))
m, = d["modules"]
assert m["module"] == "modules/old-foo.ko" and m["name"] == "old_foo" and m["loads"] is False, m
p, = m["problems"]
assert (p["kind"], p["symbol"], p["module_crc"], p["kernel_crc"], p["causes"]) == \
    ("crc", "kapi_open", "0x42d11b49", "0x6eacbbcc", ["s#foo"]), p
assert p["why"]["status"] == "explained"
c, = p["why"]["causes"]
assert c["key"] == "s#foo" and c["changes"][0]["kind"] == "member_added", c
assert c["changes"][0]["member"] == "priv", c
assert d["summary"] == {"modules": 1, "load": 0, "refused": 1, "problems": 1, "unreadable": 0}
assert d["kernel"]["crcs_from_symtypes"]["from_dwarf"] is True
PY
run 0 --kernel kernel-6 --format=json:"$tmp/report.json" --format=text:"$tmp/report.txt" modules/ok.ko
expect_out "report files" </dev/null
echo "1 module checked: 1 would load, 0 refused" | cmp -s - "$tmp/report.txt" ||
  fail "text report file: $(cat "$tmp/report.txt")"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["modules"][0]["loads"]' \
  "$tmp/report.json" || fail "json report file"

# Several kernels merge: an out-of-tree provider next to the kernel.
printf '0x12345678\tkapi_removed\textra/vendor\tEXPORT_SYMBOL\t\n' >"$tmp/vendor.symvers"
run 0 --kernel kernel.symvers --kernel "$tmp/vendor.symvers" modules/missing.ko

# Errors: exit 2, the file named, no report written.
run 2 --kernel no-such.symvers modules/ok.ko
expect_err "missing kernel" <<'ERR'
kcrc check: error: no-such.symvers: cannot open: No such file or directory
ERR
run 2 --kernel src modules/ok.ko
expect_err "directory without binaries" <<'ERR'
kcrc check: error: src: no vmlinux and no modules (*.ko, *.ko.xz, *.ko.zst) in it
ERR
rm -f "$tmp/never.json"
run 2 --kernel kernel.symvers --format=json:"$tmp/never.json" modules/ok.ko src/kernel.c
expect_err "not a module" <<'ERR'
kcrc check: error: src/kernel.c: not an ELF file
ERR
[ ! -e "$tmp/never.json" ] || fail "a report was written despite the error"
run 2 --kernel kernel.symvers modules/nothing-here.ko
expect_err "missing module" <<'ERR'
kcrc check: error: modules/nothing-here.ko: no such file or directory
ERR
run 2 --kernel kernel.symvers --format=xml modules/ok.ko
expect_err "bad format" <<'ERR'
kcrc check: error: --format: unknown format 'xml' (expected text or json)
kcrc check: run 'kcrc check --help' for the options
ERR
run 2 modules/ok.ko  # --kernel is required
[ -s "$tmp/err" ] || fail "no message without --kernel"

((failures == 0)) || { echo "$failures failure(s)" >&2; exit 1; }
echo "check: all passed"
