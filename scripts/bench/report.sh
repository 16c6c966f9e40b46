#!/usr/bin/env bash
# Report at scale: generates N canonical records (scripts/bench/gen_records.py), scores them
# with vnlink match and the benchmark model (pairs at weight >= -10, so the pairs file is
# large), and times vnlink report over records and pairs. Prints the sizes of the inputs and
# of the HTML, the review-queue rows, and the report's wall time and peak memory.
# Usage: scripts/bench/report.sh [VNLINK] [N]     (default build/tools/vnlink, 100000)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
vnlink=$(readlink -f "${1:-$root/build/tools/vnlink}")
n=${2:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$root/scripts/bench/gen_records.py" "$n" 11 > "$work/records.tsv"
"$vnlink" match -m "$root/scripts/bench/model.json" --quiet --threshold-weight -10 \
  "$work/records.tsv" -o "$work/pairs.tsv"
/usr/bin/time -f '%e %M' -o "$work/time" "$vnlink" report -q -m "$root/scripts/bench/model.json" \
  -p "$work/pairs.tsv" -r "$work/records.tsv" --threshold 20 --review-threshold 8 \
  -o "$work/report.html" --review-queue "$work/queue.tsv"
read -r seconds kb < "$work/time"
printf 'records          %d (%d bytes)\n' "$n" "$(stat -c %s "$work/records.tsv")"
printf 'pairs            %d (%d bytes)\n' "$(($(wc -l < "$work/pairs.tsv") - 1))" "$(stat -c %s "$work/pairs.tsv")"
printf 'report           %d bytes of HTML, %d review-queue rows\n' "$(stat -c %s "$work/report.html")" \
  "$(($(wc -l < "$work/queue.tsv") - 1))"
printf 'report time      %s s wall, %d MB peak memory\n' "$seconds" "$((kb / 1024))"
