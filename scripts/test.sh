#!/usr/bin/env bash
# Sets everything up and runs every test: the release build's ctest (GoogleTest units,
# golden CLI tests at 1 and 4 threads, man-page checks, the negative control), the
# formatting check, then the whole suite again under AddressSanitizer + UBSan.
#
# Usage: scripts/test.sh [--no-sanitize]
set -euo pipefail
cd "$(dirname "$0")/.."
sanitize=1
[ "${1:-}" = --no-sanitize ] && sanitize=0

scripts/setup.sh --with-browser
scripts/check-format.sh
scripts/update-man-common.sh --check
(cd build && ctest --output-on-failure -j "$(nproc)")

if [ $sanitize = 1 ]; then
  scripts/setup.sh --sanitize
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  (cd build-asan && ctest --output-on-failure -j "$(nproc)")
fi
