#!/usr/bin/env bash
# Benchmark: `vnlink train` on synthetic canonical records (households, duplicates with
# typos, missing values; scripts/bench/train_records.py) with testdata/train/settings.json.
# Prints the wall and CPU time, the peak memory and the trained summary.
# Usage: scripts/bench/train.sh [RECORDS] [VNLINK]   (default 1000000, build/tools/vnlink)
# The goal is under 30 s for 1,000,000 records on the project machine (2 cores). On a busy
# machine, give fewer records: the time grows about linearly (u sampling and EM rounds are
# capped by --max-pairs and --max-round-pairs, so beyond that only reading does).
set -euo pipefail
cd "$(dirname "$0")/../.."
records=${1:-1000000}
vnlink=${2:-build/tools/vnlink}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 scripts/bench/train_records.py "$records" 1 "$work/records.tsv" "$work/truth.csv"
/usr/bin/time -f '%e %U %S %M' -o "$work/time" \
  "$vnlink" train --no-progress --settings testdata/train/settings.json --seed 1 \
  "$work/records.tsv" -o "$work/model.json" 2>"$work/summary"
read -r wall user sys rss <"$work/time"
cat "$work/summary"
awk -v n="$records" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" 'BEGIN {
  printf "train: %d records in %.1f s wall (%.1f s user, %.1f s system), peak %.0f MB\n",
         n, w, u, s, m / 1024 }'
