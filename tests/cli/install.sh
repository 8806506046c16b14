#!/usr/bin/env bash
# Installs the build to a temporary prefix and checks that everything is in
# place: kcrc, the gendwarfksyms link, a man page per command (rendering without
# a warning), symtypes(5), bash completion, the user docs; also with DESTDIR.
# Usage: install.sh KCRC SOURCE_DIR (KCRC is in the build directory).
set -uo pipefail
kcrc=$1
src=$2
build=$(dirname "$kcrc")
source "$(dirname "$0")/lib/common.bash"

prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log" >&2; fail "cmake --install exited $?"; exit 1; }

# The commands, from kcrc's own usage text.
mapfile -t commands < <("$kcrc" --help | sed -n 's/^  \([a-z-]*\) .*/\1/p')
[ "${#commands[@]}" -ge 10 ] || fail "kcrc --help lists ${#commands[@]} commands"

expect_file() { [ -f "$prefix/$1" ] && [ -s "$prefix/$1" ] || fail "missing $1"; }
expect_link() {
  [ -L "$prefix/$1" ] || { fail "$1 is not a symlink"; return; }
  [ "$(readlink "$prefix/$1")" = "$2" ] || fail "$1 -> $(readlink "$prefix/$1"), expected $2"
  [ -e "$prefix/$1" ] || fail "$1 is a dangling link"
}
[ -x "$prefix/bin/kcrc" ] || fail "bin/kcrc missing or not executable"
expect_link bin/gendwarfksyms kcrc
pages=(share/man/man1/kcrc.1 share/man/man5/symtypes.5)
for command in "${commands[@]}"; do pages+=("share/man/man1/kcrc-$command.1"); done
for page in "${pages[@]}"; do expect_file "$page"; done
expect_link share/man/man1/gendwarfksyms.1 kcrc-gen.1
expect_file share/bash-completion/completions/kcrc
expect_link share/bash-completion/completions/gendwarfksyms kcrc
for doc in README.md guide.md cli.md formats.md symvers-compare.md examples/kabi-gh-annotations; do
  expect_file "share/doc/kcrc/$doc"
done
[ -x "$prefix/share/doc/kcrc/examples/kabi-gh-annotations" ] || fail "example script not executable"
# Nothing installed that this test does not know about.
find "$prefix" -type f -o -type l | sed "s|^$prefix/||" | sort >"$tmp/installed"
printf '%s\n' bin/kcrc bin/gendwarfksyms "${pages[@]}" share/man/man1/gendwarfksyms.1 \
  share/bash-completion/completions/kcrc share/bash-completion/completions/gendwarfksyms \
  share/doc/kcrc/{README.md,guide.md,cli.md,formats.md,symvers-compare.md} \
  share/doc/kcrc/examples/kabi-gh-annotations | sort >"$tmp/expected"
diff -u "$tmp/expected" "$tmp/installed" >&2 || fail "installed files differ from the expected list"

# The installed binary and its link work.
[ "$("$prefix/bin/kcrc" --version)" = "kcrc 0.1.0" ] || fail "installed kcrc --version"
"$prefix/bin/gendwarfksyms" --help 2>"$tmp/usage" || fail "gendwarfksyms --help exited $?"
head -1 "$tmp/usage" | grep -qx 'Usage: gendwarfksyms \[options\] elf-object-file ... < symbol-list' ||
  fail "gendwarfksyms --help: $(head -1 "$tmp/usage")"

# Every man page renders without a warning.
if command -v man >/dev/null && command -v groff >/dev/null; then
  for page in "${pages[@]}" share/man/man1/gendwarfksyms.1; do
    warnings=$(groff -ww -man -z "$prefix/$page" 2>&1)
    [ -z "$warnings" ] || fail "groff warns on $page: $warnings"
    MANWIDTH=80 man -l "$prefix/$page" >"$tmp/page" 2>"$tmp/man.err" || fail "man -l $page exited $?"
    [ -s "$tmp/man.err" ] && fail "man -l $page: $(cat "$tmp/man.err")"
    grep -q '^NAME' "$tmp/page" || fail "man -l $page has no NAME section"
  done
else
  fail "man or groff not installed (scripts/deps installs man-db and groff-base)"
fi

# The gen page documents every long option of `kcrc gen --help`.
for option in $("$kcrc" gen --help 2>&1 | grep -o -- '--[a-z-]*' | sort -u); do
  grep -q -- "${option//-/\\\\-}" "$src/man/kcrc-gen.1" || fail "kcrc-gen.1 lacks $option"
done

# Bash completion: loads, and completes commands and option values.
complete_words() {  # complete_words WORD...: the completions of the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _kcrc
           printf "%s\n" "${COMPREPLY[@]}"' _ "$prefix/share/bash-completion/completions/kcrc" "$@"
}
[ "$(complete_words kcrc "" | sort | tr '\n' ' ')" = \
  "$(printf '%s\n' "${commands[@]}" --help --version | sort | tr '\n' ' ')" ] ||
  fail "completion of commands: $(complete_words kcrc "" | tr '\n' ' ')"
[ "$(complete_words kcrc gen --kabi-check= | tr '\n' ' ')" = "--kabi-check=off --kabi-check=warn --kabi-check=error " ] ||
  fail "completion of --kabi-check=: $(complete_words kcrc gen --kabi-check= | tr '\n' ' ')"
[ "$(complete_words kcrc compare --symvers --format=mod | tr '\n' ' ')" = "--format=mod-symbols " ] ||
  fail "completion of compare --symvers --format=mod"
[ "$(complete_words gendwarfksyms --st | tr '\n' ' ')" = "--stable " ] ||
  fail "completion of gendwarfksyms --st"
bash -c 'source "$1"; complete -p kcrc gendwarfksyms' _ \
  "$prefix/share/bash-completion/completions/kcrc" >/dev/null || fail "complete -p"

# DESTDIR staging, as distribution packaging does it.
DESTDIR=$tmp/dest cmake --install "$build" --prefix /usr >/dev/null 2>&1 || fail "DESTDIR install"
[ "$(readlink "$tmp/dest/usr/bin/gendwarfksyms")" = kcrc ] || fail "DESTDIR: usr/bin/gendwarfksyms"
[ -f "$tmp/dest/usr/share/man/man1/kcrc-gen.1" ] || fail "DESTDIR: kcrc-gen.1"

if ((failures)); then
  echo "install: $failures failure(s)" >&2
  exit 1
fi
echo "install: ok (${#pages[@]} man pages, ${#commands[@]} commands)"
