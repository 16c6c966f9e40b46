#!/usr/bin/env bash
# Benchmark: the main job end to end. Generates RECORDS synthetic records with vnlink synth,
# then runs vnlink dedupe on them and prints the time of each stage (normalize, train,
# match, cluster), the total, the peak memory (RSS) and, from the truth, the accuracy.
# Usage: scripts/bench/dedupe.sh [RECORDS] [VNLINK]   (default 1000000, build/tools/vnlink)
set -euo pipefail
cd "$(dirname "$0")/../.."
records=${1:-1000000}
vnlink=$(readlink -f "${2:-build/tools/vnlink}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v /usr/bin/time >/dev/null || { echo "dedupe.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

# vnlink synth makes about 1.78 records per person at its default duplication rate.
people=$(( records * 100 / 178 ))
"$vnlink" synth --people "$people" --seed 7 -o "$work/raw.csv" --truth "$work/truth.csv" --quiet
n=$(( $(wc -l < "$work/raw.csv") - 1 ))
echo "records: $n ($(du -m "$work/raw.csv" | cut -f1) MB of CSV)"

/usr/bin/time -v -o "$work/time.txt" "$vnlink" dedupe "$work/raw.csv" -o "$work/clusters.tsv" \
  --pairs "$work/pairs.tsv" --timings --reference-year 2026 2>&1 | grep -E "summary|timings|cluster sizes"
awk -F': ' '/Elapsed \(wall clock\)/ {print "wall time: " $2}
            /Maximum resident set size/ {printf "peak RSS: %.0f MB\n", $2 / 1024}
            /User time/ {u=$2} /System time/ {s=$2} END {printf "CPU time: %.1f s\n", u + s}' "$work/time.txt"
"$vnlink" eval --truth "$work/truth.csv" --clusters "$work/clusters.tsv" --quiet | grep -E "pairwise|B-cubed"
