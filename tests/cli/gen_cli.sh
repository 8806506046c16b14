#!/usr/bin/env bash
# kcrc gen / gendwarfksyms command line: exit statuses, messages, stdin rules,
# atomic symtypes, the gendwarfksyms name, --exports=auto.
set -u
kcrc=$(realpath "$1")
src=$2
basic=$src/fixtures/gen/basic
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
expect_status() {  # expected-status description command...
  local want=$1 what=$2
  shift 2
  "$@" > "$tmp/out" 2> "$tmp/err"
  local got=$?
  [ "$got" -eq "$want" ] || fail "$what: exit $got, expected $want; stderr: $(cat "$tmp/err")"
}

# -h: kcrc's help for gen on stdout, exit 0; the same as `kcrc help gen`.
expect_status 0 "help" "$kcrc" gen -h
grep -qx 'Usage: kcrc gen \[OPTIONS\] OBJECT...' "$tmp/out" || fail "help text: $(cat "$tmp/out")"
grep -q '^Examples:' "$tmp/out" || fail "help without examples"
[ ! -s "$tmp/err" ] || fail "help printed on stderr"
cp "$tmp/out" "$tmp/help"
expect_status 0 "help gen" "$kcrc" help gen
cmp -s "$tmp/out" "$tmp/help" || fail "kcrc help gen differs from kcrc gen --help"
# Through the gendwarfksyms link: the reference's usage text on stderr.
ln -s "$kcrc" "$tmp/gendwarfksyms"
expect_status 0 "reference help" "$tmp/gendwarfksyms" -h
head -1 "$tmp/err" | grep -qx 'Usage: gendwarfksyms \[options\] elf-object-file ... < symbol-list' \
  || fail "usage text"
[ ! -s "$tmp/out" ] || fail "reference help printed on stdout"

# Usage errors exit 1.
expect_status 1 "no input files" "$kcrc" gen < /dev/null
grep -qx "kcrc gen: error: no input files" "$tmp/err" || fail "no input files message"
expect_status 1 "unknown option" "$kcrc" gen --bogus "$basic/obj.o" < /dev/null
grep -qx "kcrc gen: error: unknown option --bogus" "$tmp/err" || fail "unknown option message"

# Long options may be abbreviated, as with getopt_long.
expect_status 0 "abbreviated --sym" "$kcrc" gen --sym "$tmp/abbr.symtypes" "$basic/obj.o" < "$basic/symbols"
cmp -s "$tmp/abbr.symtypes" "$basic/expected.symtypes" || fail "abbreviated option output"

# An empty list: exit 0, nothing printed, inputs not even opened, no symtypes.
expect_status 0 "empty list" "$kcrc" gen -T "$tmp/none.symtypes" /nonexistent.o < /dev/null
[ ! -e "$tmp/none.symtypes" ] || fail "empty list created the symtypes file"

# A blank line in the list is an error (exit 2).
printf 'use_point\n\nvfn\n' > "$tmp/blank"
expect_status 2 "blank line" "$kcrc" gen "$basic/obj.o" < "$tmp/blank"
grep -qx "kcrc gen: error: <stdin>:2: symbol_read_exports: malformed input line ''" "$tmp/err" || fail "blank line message"

# Bad inputs: exit 2, a message naming the file, the symtypes file untouched.
: > "$tmp/empty.o"
echo "not elf" > "$tmp/text.o"
head -c 1000 "$basic/obj.o" > "$tmp/trunc.o"
for bad in "$tmp/empty.o:not an ELF file" "$tmp/text.o:not an ELF file" \
           "$tmp/trunc.o:truncated ELF file" "$tmp/missing.o:No such file or directory" \
           "$tmp:is a directory, not a file"; do
  file=${bad%%:*}
  message=${bad#*:}
  echo keep > "$tmp/keep.symtypes"
  expect_status 2 "$file" "$kcrc" gen -T "$tmp/keep.symtypes" "$file" < "$basic/symbols"
  grep -q "$message" "$tmp/err" || fail "$file: expected '$message', got: $(cat "$tmp/err")"
  grep -q "$file" "$tmp/err" || fail "$file: message does not name the file"
  [ "$(cat "$tmp/keep.symtypes")" = keep ] || fail "$file: symtypes file changed"
  [ ! -s "$tmp/out" ] || fail "$file: printed versions"
done
# Several objects: a failure in the second leaves no symtypes from the first.
echo keep > "$tmp/keep.symtypes"
expect_status 2 "second object bad" "$kcrc" gen -T "$tmp/keep.symtypes" "$basic/obj.o" "$tmp/text.o" < "$basic/symbols"
[ "$(cat "$tmp/keep.symtypes")" = keep ] || fail "partial symtypes written"

# A symbol without information: CRC 0, a warning, exit 0.
printf 'use_point\nno_such_symbol\n' > "$tmp/missing"
expect_status 0 "missing symbol" "$kcrc" gen "$basic/obj.o" < "$tmp/missing"
grep -qx "#SYMVER no_such_symbol 0x00000000" "$tmp/out" || fail "missing symbol line"
grep -q "no information for symbol no_such_symbol" "$tmp/err" || fail "missing symbol warning"

# Invoked as gendwarfksyms it is gen.
expect_status 0 "as gendwarfksyms" "$tmp/gendwarfksyms" -T "$tmp/as.symtypes" "$basic/obj.o" < "$basic/symbols"
cmp -s "$tmp/as.symtypes" "$basic/expected.symtypes" || fail "gendwarfksyms symtypes"
sort "$tmp/out" | diff -q - <(sort "$basic/expected.stdout") > /dev/null || fail "gendwarfksyms stdout"

# --exports=auto finds __export_symbol_* symbols.
cat > "$tmp/exp.c" <<'C'
struct s { int a; };
int f(struct s *p) { return p->a; }
int g(void) { return 0; }
int h(void) { return 1; }
static const char __export_symbol_f[] __attribute__((used)) = "";
static const char __export_symbol_g[] __attribute__((used)) = "";
C
if command -v gcc > /dev/null && gcc -g -c "$tmp/exp.c" -o "$tmp/exp.o" 2> /dev/null; then
  expect_status 0 "exports=auto" "$kcrc" gen --exports=auto "$tmp/exp.o"
  # In the reference's symbol table order (FNV-1a buckets): g before f.
  [ "$(cut -d' ' -f2 "$tmp/out" | tr '\n' ' ')" = "g f " ] || fail "auto exports: $(cat "$tmp/out")"
fi
# --jobs takes a thread count; the outputs do not depend on it.
expect_status 1 "bad --jobs" "$kcrc" gen --jobs=many "$basic/obj.o" < "$basic/symbols"
expect_status 0 "--jobs=4" "$kcrc" gen --jobs=4 -T "$tmp/jobs.symtypes" "$basic/obj.o" < "$basic/symbols"
cmp -s "$tmp/jobs.symtypes" "$basic/expected.symtypes" || fail "--jobs=4 symtypes"
sort "$tmp/out" | diff -q - <(sort "$basic/expected.stdout") > /dev/null || fail "--jobs=4 stdout"

echo "gen_cli: ok"
