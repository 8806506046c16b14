#!/usr/bin/env bash
# The bad-input table of docs/errors.md, one check per row: `kcrc gen` on a
# bad input ends with the documented exit status and exactly the documented
# stderr. The bad inputs are made here from the fixtures (head, objcopy,
# tests/cli/dwarf_patch.py). Also: after a failed run a symtypes file that
# existed before is left exactly as it was, and no temporary file is left.
# Usage: errors.sh KCRC SOURCE_DIR
set -uo pipefail
kcrc=$(realpath "$1")
src=$(realpath "$2")
fix=$src/fixtures
patch=$src/tests/cli/dwarf_patch.py
rules=.discard.gendwarfksyms.kabi_rules
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# Inputs. Relative names keep the messages independent of $tmp.
cp "$fix/gen/basic/obj.o" basic.o
cp "$fix/gen/basic/symbols" basic.symbols
cp "$fix/gen/kabi-rules/obj.o" rules.o
cp "$fix/gen/kabi-rules/symbols" rules.symbols
cp "$fix/errors/huge-array/obj.o" huge.o
cp "$fix/errors/huge-array/symbols" huge.symbols
mkdir adir
: >empty.o
echo "hello" >text.o
head -c 40 basic.o >header40.o
head -c 1000 basic.o >trunc1000.o
objcopy --strip-debug basic.o nodebug.o
python3 "$patch" shdr-offset basic.o shdr-offset.o >/dev/null
python3 "$patch" shstrndx basic.o shstrndx.o >/dev/null
python3 "$patch" ref-outside basic.o ref-outside.o >/dev/null
python3 "$patch" ref-self basic.o ref-self.o >/dev/null
python3 "$patch" unknown-tag basic.o unknown-tag.o >/dev/null
python3 "$patch" bad-form basic.o bad-form.o >/dev/null
python3 "$patch" line-version basic.o line-version.o >/dev/null
python3 "$patch" decl-file basic.o decl-file.o >/dev/null
python3 - <<'PY'
import struct
data = open("huge.o", "rb").read()
old = struct.pack("<Q", 0x7FFFFFFFFFFFFFFD)  # upper bound of max_ptr's array
assert data.count(old) == 1
open("wrap.o", "wb").write(data.replace(old, struct.pack("<Q", 0xFFFFFFFFFFFFFFFF)))
PY
# with_rules OUT BYTES: rules.o with its kABI rules section replaced.
with_rules() {
  printf "$2" >"$1.rules"
  objcopy --update-section "$rules=$1.rules" rules.o "$1"
}
with_rules rules-version.o '2\0declonly\0opaque\0\0'
with_rules rules-type.o '1\0frobnicate\0opaque\0\0'
with_rules rules-nonull.o '1\0declonly\0opaque\0\0x'
with_rules rules-small.o '1\0de'
with_rules rules-number.o '1\0byte_size\0sized\0lots\0'
with_rules rules-typestring.o '1\0type_string\0s#ts\0structure_type s# x\0'
with_rules rules-trailing.o '1\0declonly\0opaque\0\0\0\0\0'
printf 'use_point\n\ngval\n' >blank-line.symbols
printf 'use_point\nnot_there\n' >missing.symbols

# row NAME STATUS STDERR SYMBOLS ARGS...: runs `kcrc gen ARGS < SYMBOLS`
# (`gendwarfksyms ARGS < SYMBOLS`, the link, when $gen_command says so).
gen_command=("$kcrc" gen)
row() {
  local name=$1 status=$2 expected=$3 symbols=$4
  shift 4
  timeout 60 "${gen_command[@]}" "$@" <"$symbols" >"$name.out" 2>"$name.err"
  local got=$?
  [ "$got" -eq "$status" ] || fail "$name: exit $got, expected $status"
  printf '%s' "$expected" >"$name.expected-err"
  cmp -s "$name.err" "$name.expected-err" ||
    fail "$name: stderr differs:$(printf '\n  got:      %s\n  expected: %s' "$(cat "$name.err")" "$expected")"
}

E="kcrc gen: error: "
W="kcrc gen: warning: "
row missing-file 2 "${E}missing.o: cannot open: No such file or directory
" basic.symbols missing.o
row directory 2 "${E}adir: is a directory, not a file
" basic.symbols adir
row empty-file 2 "${E}empty.o: not an ELF file (empty)
" basic.symbols empty.o
row not-elf 2 "${E}text.o: not an ELF file
" basic.symbols text.o
row truncated-header 2 "${E}header40.o: not an ELF file: invalid ELF file data
" basic.symbols header40.o
row truncated 2 "${E}trunc1000.o: truncated ELF file: the section table ends at byte 4656, the file has 1000
" basic.symbols trunc1000.o
row section-offset 2 "${E}shdr-offset.o: truncated ELF file: section 5 ends beyond the end of the file
" basic.symbols shdr-offset.o
row section-names 2 "${E}shstrndx.o: bad section table: the section name table index (65279) is not a section (the file has 21 sections)
" basic.symbols shstrndx.o
row no-dwarf 2 "${E}nodebug.o: dwarf_get_units failed: no debugging information?
" basic.symbols nodebug.o
row symbol-not-in-dwarf 0 "${W}symbol_print_versions: no information for symbol not_there
" missing.symbols basic.o
printf '#SYMVER use_point 0x28618c18\n#SYMVER not_there 0x00000000\n' >missing.expected-out
cmp -s symbol-not-in-dwarf.out missing.expected-out || fail "symbol-not-in-dwarf: stdout differs"
row ref-outside-unit 2 "${E}ref-outside.o: DIE 0x39: invalid reference in attribute 0x49: invalid DWARF
" basic.symbols ref-outside.o
row cyclic-ref 2 "${E}ref-self.o: DIE 0x10f: type nesting deeper than 20000 (cyclic DWARF?)
" basic.symbols ref-self.o
row unknown-tag 2 "${E}unknown-tag.o: DIE 0x53: process_type: unexpected type: 55
" basic.symbols unknown-tag.o
row bad-form 2 "${E}bad-form.o: DIE 0x1df: cannot read attributes: invalid DWARF
" basic.symbols bad-form.o
# libdw's reason, read after the failing call (it used to say 'no error').
row bad-line-table 2 "${E}line-version.o: DIE 0xdf: dwarf_getsrcfiles failed: 'invalid DWARF version'
" basic.symbols line-version.o
row bad-decl-file 2 "${E}decl-file.o: DIE 0x5a: dwarf_filesrc failed: DW_AT_decl_file 63 is not in the line table
" basic.symbols decl-file.o
row huge-array 0 "" huge.symbols -T huge.symtypes huge.o
grep -q '^t#tib_t typedef_type tib_t { array_type\[1099511627776\] ' huge.symtypes ||
  fail "huge-array: symtypes lack array_type[1099511627776]"
row wrapping-bound 0 "" huge.symbols -T wrap.symtypes wrap.o
grep -q '^max_ptr variable pointer_type { array_type\[0\] ' wrap.symtypes ||
  fail "wrapping-bound: upper bound 2^64-1 is not array_type[0]"
row symbol-list-blank-line 2 "${E}<stdin>:2: symbol_read_exports: malformed input line ''
" blank-line.symbols basic.o
row rules-version 2 "${E}rules-version.o: kabi_read_rules: unsupported kABI rule version: '2'
" rules.symbols --stable rules-version.o
row rules-type 2 "${E}rules-type.o: kabi_read_rules: unsupported kABI rule type: 'frobnicate'
" rules.symbols --stable rules-type.o
row rules-not-terminated 2 "${E}rules-nonull.o: kabi_read_rules: kABI rules are not null-terminated
" rules.symbols --stable rules-nonull.o
row rules-too-small 2 "${E}rules-small.o: kabi_read_rules: kABI rule section too small: 4 bytes
" rules.symbols --stable rules-small.o
row rules-bad-number 2 "${E}rules-number.o: get_ulong_value: invalid unsigned value 'lots'
" rules.symbols --stable rules-number.o
row rules-ignored-without-stable 0 "" rules.symbols rules-number.o
row rules-bad-type-string 2 "${E}rules-typestring.o: type_parse: empty s# type name for 's#ts' (string: 'structure_type s# x')
" rules.symbols --stable rules-typestring.o
row rules-trailing-data 0 "${W}rules-trailing.o: kabi_read_rules: unexpected data at the end of the kABI rules section
" rules.symbols --stable --kabi-check=off rules-trailing.o
row symtypes-no-directory 2 "${E}nodir/x.symtypes: cannot write: No such file or directory
" basic.symbols -T nodir/x.symtypes basic.o
row symtypes-is-directory 2 "${E}adir: cannot write: Is a directory
" basic.symbols -T adir basic.o
row usage-no-input 1 "${E}no input files
kcrc gen: run 'kcrc gen --help' for the options
" basic.symbols

# Through the gendwarfksyms link: the reference's message format and usage
# statuses (kbuild logs and scripts know its words).
ln -s "$kcrc" gendwarfksyms
gen_command=(./gendwarfksyms)
R="error: gendwarfksyms: "
usage=$(printf 'Usage: gendwarfksyms [options] elf-object-file ... < symbol-list\n\nOptions:\n')
row link-missing-file 2 "${R}missing.o: cannot open: No such file or directory
" basic.symbols missing.o
row link-no-dwarf 2 "${R}nodebug.o: dwarf_get_units failed: no debugging information?
" basic.symbols nodebug.o
row link-symbol-not-in-dwarf 0 "warning: gendwarfksyms: symbol_print_versions: no information for symbol not_there
" missing.symbols basic.o
reference_usage=$(./gendwarfksyms --help 2>&1)  # without its final empty line
row link-no-input 1 "$reference_usage

${R}main: no input files?
" basic.symbols
head -3 link-no-input.err | cmp -s - <(printf '%s\n' "$usage") || fail "link-no-input: not the reference's usage"
row link-unknown-option 1 "./gendwarfksyms: unrecognized option '--bogus'
$reference_usage

" basic.symbols --bogus basic.o
row link-bad-jobs 1 "${R}--jobs: value many is not a non-negative integer
" basic.symbols --jobs=many basic.o
gen_command=("$kcrc" gen)
row unknown-option 1 "${E}unknown option --bogus
kcrc gen: run 'kcrc gen --help' for the options
" basic.symbols --bogus basic.o
row ambiguous-option 1 "${E}option --dump is ambiguous
kcrc gen: run 'kcrc gen --help' for the options
" basic.symbols --dump basic.o
row missing-value 1 "${E}option -T needs a value
kcrc gen: run 'kcrc gen --help' for the options
" basic.symbols basic.o -T
row bad-jobs 1 "${E}--jobs: value -1 is not a non-negative integer
kcrc gen: run 'kcrc gen --help' for the options
" basic.symbols --jobs=-1 basic.o

# Atomic outputs: a failing run leaves an existing symtypes file as it was,
# whichever object fails (the first or a later one), and leaves no temporary.
# Each case: the symbol list, then the objects in order.
while read -r symbols objects; do
  printf 'previous contents\n' >keep.symtypes
  # shellcheck disable=SC2086 # the objects are words
  "$kcrc" gen --stable -T keep.symtypes $objects <"$symbols" >/dev/null 2>&1
  [ $? -eq 2 ] || fail "atomic: $objects did not fail"
  [ "$(cat keep.symtypes)" = "previous contents" ] || fail "atomic: $objects changed keep.symtypes"
done <<'CASES'
basic.symbols basic.o trunc1000.o
basic.symbols trunc1000.o basic.o
basic.symbols ref-self.o
basic.symbols unknown-tag.o basic.o
basic.symbols bad-form.o
rules.symbols rules-number.o rules.o
rules.symbols rules-typestring.o
CASES
ls ./*.kcrc-* >/dev/null 2>&1 && fail "atomic: temporary files left: $(ls ./*.kcrc-*)"

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
