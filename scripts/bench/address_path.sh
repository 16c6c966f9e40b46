#!/usr/bin/env bash
# Cost of the address path of `vnlink normalize` per record, on the address column of a
# raw CSV (default: 200k rows of `vnlink synth`). Builds a small driver against the
# libraries of an existing build directory; prints CPU time per record.
#   usage: scripts/bench/address_path.sh [BUILD_DIR] [CSV] [COLUMN]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
csv=${2:-}
column=${3:-dia_chi}
nice cmake --build "$build" -j2 --target normalizers vnlink >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$csv" ]; then
  "$build/tools/vnlink" synth --people 112000 --seed 1 -o "$tmp/synth.csv" >/dev/null 2>&1
  head -n 200001 "$tmp/synth.csv" > "$tmp/raw.csv"
  csv=$tmp/raw.csv
fi
python3 - "$csv" "$column" > "$tmp/addresses.txt" <<'PY'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8", errors="surrogateescape") as f:
    rows = csv.reader(f)
    col = next(rows).index(sys.argv[2])
    for r in rows:
        a = r[col] if col < len(r) else ""
        sys.stdout.write(a.replace("\r", " ").replace("\n", " ") + "\n")
PY
nice ${CXX:-c++} -std=c++20 -O2 -I"$root/normalizers/include" -I"$root/liblink/include" \
  "$root/scripts/bench/address_path_bench.cpp" "$build/normalizers/libnormalizers.a" \
  "$build/liblink/libliblink.a" "$build/normalizers/libvnlink_data.a" \
  $(pkg-config --libs icu-i18n icu-uc) -lxxhash -o "$tmp/address_path_bench"
"$tmp/address_path_bench" 3 < "$tmp/addresses.txt"
