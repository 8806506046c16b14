# Sourced by the tests in tests/cli/ (run as `bash SCRIPT KCRC SOURCE_DIR`):
# a temporary directory removed at exit, and fail(), which counts failures
# for the script's own summary.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
