#!/usr/bin/env bash
# Benchmark of the field normalizers (dates, sex, phones, ids, addresses): cost per call on
# one core. Builds a small driver against the libraries of an existing build directory.
#   usage: scripts/bench/fields.sh [BUILD_DIR] [REPEATS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
reps=${2:-20}
nice cmake --build "$build" -j2 --target normalizers >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nice ${CXX:-c++} -std=c++20 -O2 -I"$root/normalizers/include" -I"$root/liblink/include" \
  "$root/scripts/bench/fields_bench.cpp" "$build/normalizers/libnormalizers.a" \
  "$build/liblink/libliblink.a" "$build/normalizers/libvnlink_data.a" \
  $(pkg-config --libs icu-i18n icu-uc) -o "$tmp/fields_bench"
"$tmp/fields_bench" "$reps" < "$root/scripts/bench/fields_addresses.txt"
