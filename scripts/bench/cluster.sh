#!/usr/bin/env bash
# Benchmark of `vnlink cluster`: generates scored pairs over synthetic records (once, cached)
# and prints the time (elapsed and CPU: the machine is shared, CPU time is the steadier
# figure) and peak memory of clustering them, plain and with guards.
#
#   scripts/bench/cluster.sh [--vnlink build/tools/vnlink] [--records 1000000] [--pairs 10000000]
#
# The pairs mimic `vnlink match` output: records form true groups of three; 10% of the pairs
# join two records of one group (weight 10 to 20), the rest join random records (weight -20
# to 5). At threshold 8 the clusters are the groups. Generation uses mawk (about 1 s per
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
file=$dir/pairs-$records-$pairs.tsv

if [[ ! -s $file ]]; then
  start=$(date +%s.%N)
  "$awk" -v n="$records" -v m="$pairs" 'BEGIN {
    srand(20261125)
    ln2 = log(2)
    print "unique_id_l\tunique_id_r\tmatch_weight\tmatch_probability\tmatch_key"
    for (k = 0; k < m; k++) {
      i = int(rand() * n)
      if (rand() < 0.1) { j = i - i % 3 + int(rand() * 3); w = 10 + rand() * 10 }
      else { j = int(rand() * n); w = -20 + rand() * 25 }
      if (j >= n) j = n - 1
      if (i == j) continue
      if (i > j) { t = i; i = j; j = t }
      e = exp(w * ln2)
      printf "R%08d\tR%08d\t%.4f\t%.6f\t%d\n", i, j, w, e / (1 + e), k % 3
    }
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
