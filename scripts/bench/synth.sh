#!/usr/bin/env bash
# Throughput of `vnlink synth`: records per second (wall) and per CPU-second (user+sys,
# i.e. per core), on a short run (default 800,000 people, about 1.4 million records).
# Usage: scripts/bench/synth.sh [VNLINK] [PEOPLE] [THREADS]
set -euo pipefail
vnlink=${1:-build/tools/vnlink}
people=${2:-800000}
threads=${3:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
TIMEFORMAT='%R %U %S'
times=$( { time "$vnlink" synth --people "$people" --seed 1 --threads "$threads" -q \
             -o "$tmp/r.csv" --truth "$tmp/t.csv" >/dev/null 2>&1; } 2>&1 )
read -r wall user sys <<<"$times"
records=$(( $(wc -l < "$tmp/r.csv") - 1 ))
bytes=$(stat -c %s "$tmp/r.csv")
awk -v r="$records" -v w="$wall" -v u="$user" -v s="$sys" -v b="$bytes" -v t="$threads" 'BEGIN {
  printf "synth: %d records (%.0f MB) in %.2f s wall, %.2f s CPU, threads %d\n", r, b / 1e6, w, u + s, t
  printf "synth: %.0f records/s wall, %.0f records/s per core (CPU time)\n", r / w, r / (u + s)
}'
