#!/usr/bin/env bash
# Benchmark of `vnlink match`: scored candidate pairs per second per core (one thread),
# with the 8 comparisons of scripts/bench/model.json on generated Vietnamese-like
# canonical records (scripts/bench/gen_records.py). Prints, per input size, the pairs
# scored, the CPU seconds of the whole run and of loading alone (the same input with a
# blocking rule that forms no pair), and pairs per CPU second of scoring.
#
#   scripts/bench/match.sh [VNLINK] [RECORDS...]     default: build/tools/vnlink 25000 80000
#
# 25000 records give about 10^6 pairs, 80000 about 10^7, 250000 about 10^8 (~1 min).
# Measured 2026-11-25 on the shared 2-core dev machine (load average ~12): 4.9 M pairs/s
# at 10^6 pairs, 5.5 M at 10^7, 4.4 M at 10^8 (larger, more varied blocks: fewer memo
# hits, more cache misses).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
vnlink=${1:-build/tools/vnlink}
shift || true
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(25000 80000)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The same model with one rule that pairs nothing: measures reading + indexing only.
python3 - "$here/model.json" "$tmp/load_only.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
m["blocking_rules"] = [{"name": "none", "keys": ["unique_id"]}]
json.dump(m, open(sys.argv[2], "w"))
PY

cpu_seconds() {  # runs "$@" and prints user+system CPU seconds; stderr to $tmp/err
  local TIMEFORMAT='%U %S' t
  t=$( { time "$@" >/dev/null 2>"$tmp/err"; } 2>&1 )
  awk '{printf "%.3f", $1 + $2}' <<<"$t"
}

# Generate once at the largest size; the first n records of it are a valid smaller input.
max=0
for n in "${sizes[@]}"; do (( n > max )) && max=$n; done
python3 "$here/gen_records.py" "$max" 42 >"$tmp/all.tsv"

printf '%10s %12s %10s %10s %14s\n' records pairs cpu_total cpu_load pairs/s/core
for n in "${sizes[@]}"; do
  head -n $((n + 1)) "$tmp/all.tsv" >"$tmp/records.tsv"
  load=$(cpu_seconds "$vnlink" match --threads 1 -m "$tmp/load_only.json" "$tmp/records.tsv")
  # A threshold no pair reaches: the output stays empty, scoring is what is timed.
  total=$(cpu_seconds "$vnlink" match --threads 1 -m "$here/model.json" \
          --threshold-weight 1000 "$tmp/records.tsv")
  pairs=$(sed -n 's/.* \([0-9]*\) pairs scored.*/\1/p' "$tmp/err")
  awk -v n="$n" -v p="$pairs" -v t="$total" -v l="$load" \
      'BEGIN { s = t - l; if (s <= 0) s = 0.001;
               printf "%10d %12d %10.2f %10.2f %14.0f\n", n, p, t, l, p / s }'
done
