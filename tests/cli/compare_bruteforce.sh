#!/usr/bin/env bash
# Differential test of `kcrc compare`: on a synthetic consolidated pair (with
# keys of several definitions, cycles, a changed hub type), the changed,
# added and removed exports must be exactly what brute force finds by
# splitting both sides into trees and recomputing every CRC with `kcrc crc`.
set -u
kcrc=$1
src=$2
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$src/scripts/gen-big-symtypes" "$tmp" --exports 1500 --files 150 --subsystems 15 \
  --types-per-subsystem 40 --core-types 80 --changes 3 --hub-changes 1 --seed 3 >/dev/null || exit 1
crcs() {  # consolidated file -> "symbol crc" lines, sorted
  "$kcrc" split "$1" -o "$2" || exit 1
  find "$2" -name '*.symtypes' | sort | while read -r f; do "$kcrc" crc "$f"; done |
    awk '{print $2, $3}' | sort -u
}
crcs "$tmp/ref.symtypes" "$tmp/ref" >"$tmp/ref.crcs"
crcs "$tmp/new.symtypes" "$tmp/new" >"$tmp/new.crcs"
join -a1 -a2 -e NONE -o 0,1.2,2.2 "$tmp/ref.crcs" "$tmp/new.crcs" |
  awk '$2 != $3 { if ($2 == "NONE") print "added", $1, $3; else if ($3 == "NONE") print "removed", $1, $2; else print "changed", $1, $2, $3 }' |
  sort >"$tmp/expected"
"$kcrc" compare --format=short "$tmp/ref.symtypes" "$tmp/new.symtypes" >"$tmp/short"
rc=$?
[ $rc = 1 ] || { echo "FAIL: exit $rc"; exit 1; }
awk '{ if ($1 == "changed") print $1, $2, $3, $4; else print $1, $2, $3 }' "$tmp/short" | sort >"$tmp/actual"
[ "$(wc -l <"$tmp/expected")" -gt 100 ] || { echo "FAIL: scenario too small"; exit 1; }
diff -u "$tmp/expected" "$tmp/actual" || { echo "FAIL: compare disagrees with brute force"; exit 1; }
# The trees compare like the consolidated files.
"$kcrc" compare --format=short "$tmp/ref" "$tmp/new" | sort | diff -u <(sort "$tmp/short") - ||
  { echo "FAIL: trees and consolidated files disagree"; exit 1; }
echo "ok: $(wc -l <"$tmp/expected") differences"
