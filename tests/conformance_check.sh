#!/usr/bin/env bash
# Runs the conformance pack's `check` script with the given arguments, or
# reports the test skipped (exit 77, ctest's SKIP_RETURN_CODE) when the pack
# is not there.
# Usage: conformance_check.sh PACK_DIR CHECK_ARGS... -- COMMAND...
pack=$1
shift
if [ ! -f "$pack/check" ]; then
  echo "skipped: conformance pack not found at $pack"
  exit 77
fi
exec python3 "$pack/check" "$@"
