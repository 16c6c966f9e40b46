#!/usr/bin/env bash
# Benchmark of `vnlink cluster`: generates scored pairs over synthetic records (once, cached)
# and prints the time (elapsed and CPU: the machine is shared, CPU time is the steadier
# figure) and peak memory of clustering them, plain and with guards.
#
#   scripts/bench/cluster.sh [--vnlink build/tools/vnlink] [--records 1000000] [--pairs 10000000]
#
# The pairs mimic `vnlink match` output: records form true groups of three, each of whose
# three pairs is scored with probability 1/3 (weight 10 to 20); the rest join random records
# (weight -20 to 5). At threshold 8 the clusters are the groups, split where a group misses
# its links. Each unordered pair appears at most once but for rare random repeats. Generation uses mawk (about 1 s per
# million pairs) and is cached in $TMPDIR.
set -euo pipefail

vnlink=build/tools/vnlink
records=1000000
pairs=10000000
while [[ $# -gt 0 ]]; do
  case $1 in
    --vnlink) vnlink=$2; shift 2 ;;
    --records) records=$2; shift 2 ;;
    --pairs) pairs=$2; shift 2 ;;
    *) echo "usage: $0 [--vnlink PATH] [--records N] [--pairs M]" >&2; exit 2 ;;
  esac
done
[[ -x $vnlink ]] || { echo "$0: no vnlink binary at '$vnlink' (use --vnlink)" >&2; exit 2; }
awk=$(command -v mawk || command -v awk)
dir=${TMPDIR:-/tmp}/vnlink-bench-cluster
mkdir -p "$dir"
file=$dir/pairs-v2-$records-$pairs.tsv

if [[ ! -s $file ]]; then
  start=$(date +%s.%N)
  "$awk" -v n="$records" -v m="$pairs" 'BEGIN {
    srand(20261125)
    ln2 = log(2)
    print "unique_id_l\tunique_id_r\tmatch_weight\tmatch_probability\tmatch_key"
    # True pairs: each of the three pairs of a group with probability 1/3, once each.
    k = 0
    for (g = 0; g + 2 < n && k < m / 10; g += 3) {
      for (a = 0; a < 2; a++) for (b = a + 1; b < 3; b++) {
        if (rand() < 1 / 3) { emit(g + a, g + b, 10 + rand() * 10); k++ }
      }
    }
    # The rest: random pairs (a duplicate is rare: about m^2 / n^2 of them).
    for (; k < m; k++) {
      i = int(rand() * n); j = int(rand() * n)
      if (i == j) { k--; continue }
      if (i > j) { t = i; i = j; j = t }
      emit(i, j, -20 + rand() * 25)
    }
  }
  function emit(i, j, w,   e) {
    e = exp(w * ln2)
    printf "R%08d\tR%08d\t%.4f\t%.6f\t%d\n", i, j, w, e / (1 + e), k % 3
  }' > "$file.tmp"
  mv "$file.tmp" "$file"
  printf 'generated %s (%s MB) in %.1f s\n' "$file" "$(( $(stat -c %s "$file") / 1000000 ))" \
    "$(echo "$(date +%s.%N) - $start" | bc)"
fi
lines=$(( $(wc -l < "$file") - 1 ))
echo "input: $lines pairs over $records records (threshold 8 on match_weight)"

run() {
  local label=$1; shift
  local out=$dir/clusters.tsv
  /usr/bin/time -f "%e %U %S %M" -o "$dir/time" "$vnlink" cluster --quiet -o "$out" "$@" "$file"
  read -r seconds user sys kb < "$dir/time"
  printf '%-32s %7.2f s elapsed %7.2f s CPU %5d MB peak  %s clusters\n' "$label" "$seconds" \
    "$(echo "$user + $sys" | bc)" $((kb / 1024)) \
    "$(cut -f2 "$out" | tail -n +2 | sort -u | wc -l)"
}
run "cluster --threshold 8" --threshold 8
run "  --threads 1" --threshold 8 --threads 1
run "  --max-cluster-size 2" --threshold 8 --max-cluster-size 2
run "  --threshold-probability 0.99" --threshold-probability 0.99
