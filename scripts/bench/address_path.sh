#!/usr/bin/env bash
# Cost of the address path of `vnlink normalize` per record, on the address column of a
# raw CSV (default: 200k rows of `vnlink synth`). Builds a small driver against the
# libraries of an existing build directory; prints CPU time per record.
#   usage: scripts/bench/address_path.sh [BUILD_DIR] [CSV] [COLUMN]
# With --instructions first, prints instead the instructions (callgrind, deterministic)
# spent inside AddressParser::Parse per call and per record of `vnlink normalize` on CSV
# (default: /work/nb/raw20k.csv if present); about a minute per 20k rows.
#   usage: scripts/bench/address_path.sh --instructions [BUILD_DIR] [CSV]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ "${1:-}" = "--instructions" ]; then
  build=${2:-$root/build}
  csv=${3:-/work/nb/raw20k.csv}
  nice cmake --build "$build" -j2 --target vnlink >/dev/null
  out=$(mktemp)
  trap 'rm -f "$out"' EXIT
  valgrind --tool=callgrind --callgrind-out-file="$out" \
    "--toggle-collect=vnlink::vi::AddressParser::Parse(std::basic_string_view*" \
    "$build/tools/vnlink" normalize --quiet --reference-year 2026 --threads 1 -o /dev/null \
    "$csv" >/dev/null 2>&1
  # Instructions collected (only inside the parse) and the number of calls to it.
  python3 - "$out" "$csv" <<'PY'
import re, sys
names, callee, calls, total = {}, None, 0, 0
for line in open(sys.argv[1]):
    m = re.match(r"(c?fn)=\((\d+)\)(?: (.*))?", line)
    if m:
        if m.group(3):
            names[m.group(2)] = m.group(3)
        if m.group(1) == "cfn":
            callee = names.get(m.group(2), "")
    elif line.startswith("calls=") and callee and "AddressParser::Parse(std::basic_string_view" in callee:
        calls += int(line.split("=")[1].split()[0])
    elif line.startswith("totals:") or line.startswith("summary:"):
        total = int(line.split()[1])
with open(sys.argv[2], "rb") as f:
    records = sum(1 for _ in f) - 1
print(f"AddressParser::Parse: {calls} calls on {records} records, "
      f"{total / max(calls, 1):.0f} instructions per call, {total / max(records, 1):.0f} per record")
PY
  exit 0
fi
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
