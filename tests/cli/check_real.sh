#!/usr/bin/env bash
# `kcrc check` on real distribution kernels (Debian 6.1 and 6.12 cloud, in
# ~/.cache/kcrc-bench; skipped when they are not there): every shipped module
# loads against the real Module.symvers and against the debug tree; with some
# CRCs changed and exports removed, exactly the modules that use them are
# refused (found independently with nm); the genksyms trap is said once.
# Usage: check_real.sh KCRC SOURCE_DIR
set -uo pipefail
kcrc=$(realpath "$1")
source "$(dirname "$0")/lib/common.bash"
bench=${KCRC_BENCH:-$HOME/.cache/kcrc-bench}
[ -f "$bench/6.1-cloud.symvers" ] && [ -d "$bench/6.1-cloud-image" ] || {
  echo "skipped: no real kernels in $bench"
  exit 77
}

for v in 6.1 6.12; do
  [ -f "$bench/$v-cloud.symvers" ] || continue
  image=$(echo "$bench/$v-cloud-image"/lib/modules/*/kernel)
  count=$(find "$image" -name '*.ko*' | wc -l)
  for kernel in "$bench/$v-cloud.symvers" "$bench/$v-cloud-dbg"; do
    [ -e "$kernel" ] || continue
    "$kcrc" check --kernel "$kernel" "$image" >"$tmp/out" 2>"$tmp/err"
    status=$?
    [ "$status" -eq 0 ] || fail "$v: $kernel: exit $status: $(head -3 "$tmp/out" "$tmp/err")"
    [ "$(tail -1 "$tmp/out")" = "$count modules checked: $count would load, 0 refused" ] ||
      fail "$v: $kernel: $(tail -1 "$tmp/out")"
  done

  # Two CRCs changed, two exports removed: the modules whose undefined
  # symbols include one of them, no more, no less.
  changed=(netif_napi_add_weight register_netdev)
  removed=(kmalloc_caches pci_enable_device)
  awk -F'\t' -v c="${changed[*]}" -v r="${removed[*]}" 'BEGIN {
      OFS = "\t"; split(c, cs, " "); split(r, rs, " ")
      for (i in cs) change[cs[i]] = 1; for (i in rs) remove[rs[i]] = 1 }
    $2 in remove { next }
    $2 in change { $1 = "0xdeadbeef" }
    { print }' "$bench/$v-cloud.symvers" | gzip >"$tmp/changed.symvers.gz"
  # nm over copies of the modules (decompressed), all in one call.
  rm -rf "$tmp/plain"
  mkdir -p "$tmp/plain"
  find "$image" -name '*.ko*' | sort >"$tmp/list"
  i=0
  while IFS= read -r ko; do
    i=$((i + 1))
    if [[ $ko == *.xz ]]; then xz -dc "$ko" >"$tmp/plain/$i.ko"; else ln -s "$ko" "$tmp/plain/$i.ko"; fi
  done <"$tmp/list"
  (cd "$tmp/plain" && ls | xargs nm -u -A) | awk -F'[: ]+' -v c="${changed[*]} ${removed[*]}" '
    BEGIN { split(c, names, " "); for (i in names) wanted[names[i]] = 1 }
    $NF in wanted { sub(/\.ko$/, "", $1); print $1 }' | sort -un |
    awk 'NR == FNR { want[$1] = 1; next } FNR in want' - "$tmp/list" >"$tmp/expected"
  "$kcrc" check --format=json --kernel "$tmp/changed.symvers.gz" "$image" >"$tmp/json"
  status=$?
  [ "$status" -eq 1 ] || fail "$v: changed kernel: exit $status"
  python3 - "$tmp/json" "$tmp/expected" "${changed[*]}" "${removed[*]}" <<'PY' || fail "$v: refused modules"
import json, sys
report = json.load(open(sys.argv[1]))
expected = set(open(sys.argv[2]).read().split())
changed, removed = set(sys.argv[3].split()), set(sys.argv[4].split())
refused = {m["module"] for m in report["modules"] if not m["loads"]}
assert refused == expected, (sorted(refused - expected)[:5], sorted(expected - refused)[:5])
for m in report["modules"]:
    for p in m["problems"]:
        if p["kind"] == "crc":
            assert p["symbol"] in changed and p["kernel_crc"] == "0xdeadbeef", p
            assert p["module_crc"] not in (None, "0xdeadbeef"), p
        else:
            assert p["kind"] == "missing" and p["symbol"] in removed, p
print(len(refused), "refused as expected")
PY
done

# The genksyms trap: Debian's CRCs are genksyms', kcrc's symtypes DWARF's.
dbg=$(echo "$bench/6.1-cloud-dbg"/lib/modules/*/kernel)
if [ -f "$bench/6.1-cloud.symtypes" ] && [ -d "$dbg" ]; then
  sed 's/^0x[0-9a-f]*\(\tnetif_napi_add_weight\t\)/0xdeadbeef\1/' "$bench/6.1-cloud.symvers" \
    >"$tmp/one.symvers"
  "$kcrc" check --kernel "$tmp/one.symvers" --kernel-symtypes "$bench/6.1-cloud.symtypes" \
    "$dbg/drivers/net" >"$tmp/out" 2>"$tmp/err"
  [ $? -eq 1 ] || fail "trap: exit status: $(cat "$tmp/err")"
  [ "$(grep -c "^note: the kernel's CRCs were not made from the types in" "$tmp/out")" -eq 1 ] ||
    fail "trap: no single note: $(tail -3 "$tmp/out")"
  grep -q '^    why: ' "$tmp/out" && fail "trap: per-import whys: $(grep -m3 '^    why: ' "$tmp/out")"
fi

((failures == 0)) || { echo "$failures failure(s)" >&2; exit 1; }
echo "check_real: all passed"
