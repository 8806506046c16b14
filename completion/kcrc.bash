# bash completion for kcrc and gendwarfksyms (installed as
# share/bash-completion/completions/kcrc, with gendwarfksyms linked to it).
# Self-contained: does not need the bash-completion package's helpers.

_kcrc_files() {
  local IFS=$'\n'
  COMPREPLY+=($(compgen -f -- "$1"))
  compopt -o filenames 2>/dev/null
}

_kcrc_dirs() {
  local IFS=$'\n'
  COMPREPLY+=($(compgen -d -- "$1"))
  compopt -o filenames 2>/dev/null
}

_kcrc_options_of() {
  case $1 in
    gen) echo "-d --debug --dump-dies --dump-die-map --dump-types --dump-versions -s --stable
              -T --symtypes -h --help --exports= --kabi-check= --kabi-report= --jobs=" ;;
    gendwarfksyms) echo "-d --debug --dump-dies --dump-die-map --dump-types --dump-versions
              -s --stable -T --symtypes -h --help" ;;
    scan) echo "-j --jobs --symvers --symtypes --symtypes-dir -h --help" ;;
    compare) echo "--symvers -r --rules --filter-symbol-list -f --format= --fail-on= -j --jobs -h --help" ;;
    unused-rules) echo "-r --rules -h --help" ;;
    explain) echo "--fixit --reach --format= -h --help" ;;
    crc) echo "-h --help" ;;
    consolidate) echo "-o --output -h --help" ;;
    split) echo "-o --output -h --help" ;;
    hash-name) echo "--target-bits -h --help" ;;
    modversions) echo "-s --symvers --basic --extended --target-bits -o --output -h --help" ;;
    versions) echo "--names --table --format -h --help" ;;
    check) echo "--kernel --kernel-symtypes --kernel-vermagic --format= --missing-versions= -j --jobs -h --help" ;;
  esac
}

# Completes the arguments of one command; $1 is the command, the words before
# the current one are in words[1..cword-1] (relative to the command).
_kcrc_command() {
  local command=$1 cur=$2 prev=$3 compare_symvers=$4
  case $prev in
    -T|--symtypes|--kabi-report|-r|--rules|--filter-symbol-list|--names|-s|--symvers)
      # --symvers takes a file for scan/modversions, but is a flag of compare.
      if [[ $command != compare || $prev != --symvers ]]; then
        _kcrc_files "$cur"; return
      fi ;;
    -o|--output)
      if [[ $command == split ]]; then _kcrc_dirs "$cur"; else _kcrc_files "$cur"; fi
      return ;;
    --symtypes-dir) _kcrc_dirs "$cur"; return ;;
    --kernel|--kernel-symtypes) _kcrc_files "$cur"; return ;;
    -j|--jobs) COMPREPLY=($(compgen -W "1 2 4 8 16 $(nproc 2>/dev/null)" -- "$cur")); return ;;
    --target-bits) COMPREPLY=($(compgen -W "32 64" -- "$cur")); return ;;
    --table) COMPREPLY=($(compgen -W "basic extended loader" -- "$cur")); return ;;
    --format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
  esac
  case $cur in
    --exports=*) COMPREPLY=($(compgen -P --exports= -W "auto stdin" -- "${cur#--exports=}")); return ;;
    --kabi-check=*)
      COMPREPLY=($(compgen -P --kabi-check= -W "off warn error" -- "${cur#--kabi-check=}")); return ;;
    --fail-on=*)
      COMPREPLY=($(compgen -P --fail-on= -W "namespace module namespace,module" -- "${cur#--fail-on=}"))
      return ;;
    --kabi-report=*)
      local IFS=$'\n'
      COMPREPLY=($(compgen -P --kabi-report= -f -- "${cur#--kabi-report=}")); return ;;
    --missing-versions=*)
      COMPREPLY=($(compgen -P --missing-versions= -W "warn refuse" -- "${cur#--missing-versions=}"))
      return ;;
    --format=*)
      local formats="text json short symbols"
      [[ $command == explain || $command == check ]] && formats="text json"
      [[ $compare_symvers == 1 ]] && formats="pretty short symbols mod-symbols null json"
      COMPREPLY=($(compgen -P --format= -W "$formats" -- "${cur#--format=}")); return ;;
    -*)
      COMPREPLY=($(compgen -W "$(_kcrc_options_of "$command")" -- "$cur"))
      [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
      return ;;
  esac
  case $command in
    hash-name) return ;;  # symbol names
    consolidate) _kcrc_dirs "$cur" ;;
    *) _kcrc_files "$cur" ;;
  esac
}

_kcrc() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local program=${COMP_WORDS[0]##*/}
  if [[ $program == gendwarfksyms ]]; then
    _kcrc_command gendwarfksyms "$cur" "$prev" 0
    return
  fi
  local commands="gen scan compare unused-rules explain crc consolidate split hash-name modversions versions check"
  if ((COMP_CWORD == 1)); then
    COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
    return
  fi
  local command=${COMP_WORDS[1]} compare_symvers=0 word
  for word in "${COMP_WORDS[@]:2}"; do
    [[ $word == --symvers ]] && compare_symvers=1
  done
  _kcrc_command "$command" "$cur" "$prev" "$compare_symvers"
}

complete -F _kcrc kcrc gendwarfksyms
