#!/usr/bin/env bash
# Throughput of `vnlink synth` (dedupe mode, default error model, with the truth file):
# records per second of wall time and per CPU-second (user+sys, i.e. per core), peak RSS
# and output size, from /usr/bin/time -v. CPU time is the figure to compare on a shared
# machine; wall time depends on the load.
# Usage: scripts/bench/synth.sh [VNLINK] [PEOPLE] [THREADS] [DIR]
#   PEOPLE defaults to 800000 (about 1.4 million records); a person has 1.785 records on
#   average, so 5600000 people make about 10 million records:
#     scripts/bench/synth.sh build/tools/vnlink 5600000 1 /var/tmp
#   DIR: where the output goes (default a temporary directory under $TMPDIR or /tmp;
#   10 million records take about 1.9 GB). The files are deleted afterwards.
set -euo pipefail
vnlink=${1:-build/tools/vnlink}
people=${2:-800000}
threads=${3:-1}
tmp=$(mktemp -d "${4:-${TMPDIR:-/tmp}}/synth-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
/usr/bin/time -v -o "$tmp/time.txt" "$vnlink" synth --people "$people" --seed 1 \
  --threads "$threads" -q -o "$tmp/r.csv" --truth "$tmp/t.csv" >/dev/null
records=$(( $(wc -l < "$tmp/t.csv") - 1 ))
bytes=$(stat -c %s "$tmp/r.csv")
truth_bytes=$(stat -c %s "$tmp/t.csv")
awk -v r="$records" -v b="$bytes" -v tb="$truth_bytes" -v t="$threads" -v p="$people" '
  /User time \(seconds\)/ { user = $NF }
  /System time \(seconds\)/ { sys = $NF }
  /Maximum resident set size/ { rss = $NF }
  /Elapsed \(wall clock\) time/ {
    n = split($NF, part, ":"); wall = 0
    for (i = 1; i <= n; ++i) wall = wall * 60 + part[i]
  }
  END {
    cpu = user + sys
    printf "synth: %d people, %d records, threads %d\n", p, r, t
    printf "synth: records %.0f MB, truth %.0f MB\n", b / 1e6, tb / 1e6
    printf "synth: %.2f s wall, %.2f s CPU (user %.2f + sys %.2f), peak RSS %.0f MB\n",
           wall, cpu, user, sys, rss / 1024
    printf "synth: %.0f records/s wall, %.0f records/s per core (CPU time)\n", r / wall, r / cpu
  }' "$tmp/time.txt"
