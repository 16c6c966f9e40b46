#!/usr/bin/env bash
# Benchmark of the sharded workflow (scripts/slurm, scripts/parallel): what one shard costs
# as N grows. On synth records it runs normalize and train once, then for each N:
# block --shards N, match of every shard one after the other, cluster of all the pair files;
# each command under /usr/bin/time -v. Prints per N: the wall seconds of block, of all
# shards together (one machine), of the slowest shard (the match stage's wall time when every
# shard has its own machine), of cluster, and the peak RSS of block, of the largest shard
# and of cluster. The first row (N = 1) is the single-process cost of the same stages.
#
#   scripts/bench/shards.sh [VNLINK] [PEOPLE] [N...]   default: build/tools/vnlink 565000 1 4 16
#
# synth writes ~1.8 records per person: 565000 people ~ 10^6 records, 56500 ~ 10^5.
# Threads: VNLINK_THREADS (default 1), so the figures are per core.
set -euo pipefail
vnlink=${1:-build/tools/vnlink}
people=${2:-565000}
shift 2 || shift $#
shards=("$@")
[ ${#shards[@]} -gt 0 ] || shards=(1 4 16)
threads=${VNLINK_THREADS:-1}
[ -x /usr/bin/time ] || { echo "shards.sh: needs GNU time (/usr/bin/time)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# timed NAME CMD...: runs CMD, appends "NAME seconds rss_kb" to $tmp/times.
timed() {
  local name=$1
  shift
  /usr/bin/time -v -o "$tmp/time.txt" "$@" > /dev/null 2> "$tmp/err.txt" ||
    { cat "$tmp/err.txt" >&2; echo "shards.sh: $name failed" >&2; exit 1; }
  awk -v n="$name" -F': ' '
    /Elapsed \(wall clock\)/ { k = split($2, p, ":"); s = 0; for (i = 1; i <= k; i++) s = s * 60 + p[i] }
    /Maximum resident set size/ { r = $2 }
    END { printf "%s %.2f %d\n", n, s, r }' "$tmp/time.txt" >> "$tmp/times"
}
col() { awk -v n="$1" '$1 == n { print $'"$2"' }' "$tmp/times"; }

"$vnlink" synth --people "$people" --seed 7 -o "$tmp/raw.csv" --quiet
"$vnlink" settings --default -o "$tmp/settings.json"
timed normalize "$vnlink" normalize "$tmp/raw.csv" -o "$tmp/records.tsv" --threads "$threads" --quiet
timed train "$vnlink" train --settings "$tmp/settings.json" "$tmp/records.tsv" \
  -o "$tmp/model.json" --seed 7 --threads "$threads" --quiet
records=$(($(wc -l < "$tmp/records.tsv") - 1))
echo "records: $records; threads per process: $threads; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "normalize: $(col normalize 2) s, $(($(col normalize 3) / 1024)) MB; train: $(col train 2) s, $(($(col train 3) / 1024)) MB"
printf '%6s %9s %12s %12s %10s %10s %12s %11s %12s\n' N block_s match_all_s match_max_s \
  cluster_s total_s block_MB shard_max_MB cluster_MB
for n in "${shards[@]}"; do
  : > "$tmp/times"
  rm -rf "$tmp/shards" "$tmp/pairs"
  mkdir -p "$tmp/shards" "$tmp/pairs"
  timed block "$vnlink" block --settings "$tmp/model.json" --shards "$n" --force \
    "$tmp/records.tsv" -o "$tmp/shards/records" --threads "$threads" --quiet
  for ((i = 0; i < n; i++)); do
    timed "match$i" "$vnlink" match --model "$tmp/model.json" --shard "$i/$n" \
      "$tmp/shards/records.$i-of-$n.tsv" -o "$tmp/pairs/pairs.$i.tsv" --threads "$threads" --quiet
  done
  timed cluster "$vnlink" cluster --threshold 6 --records "$tmp/records.tsv" --cannot-link cccd \
    "$tmp"/pairs/pairs.*.tsv -o "$tmp/clusters.tsv" --threads "$threads" --quiet
  awk -v n="$n" '
    $1 == "block" { b = $2; bm = $3 } $1 == "cluster" { c = $2; cm = $3 }
    $1 ~ /^match/ { a += $2; if ($2 > mx) mx = $2; if ($3 > mm) mm = $3 }
    END { printf "%6d %9.2f %12.2f %12.2f %10.2f %10.2f %12.0f %11.0f %12.0f\n",
          n, b, a, mx, c, b + a + c, bm / 1024, mm / 1024, cm / 1024 }' "$tmp/times"
done
