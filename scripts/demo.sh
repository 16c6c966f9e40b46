#!/usr/bin/env bash
# Sets everything up and runs the main job, vnlink dedupe, on the bundled demo data
# (testdata/demo/dedupe_2k.csv: 2,023 synthetic patient records with known identities),
# then shows a few clusters and measures the result against the truth.
# Usage: scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
vnlink=build/tools/vnlink
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "== vnlink dedupe testdata/demo/dedupe_2k.csv"
"$vnlink" dedupe testdata/demo/dedupe_2k.csv -o "$out/clusters.tsv" --pairs "$out/pairs.tsv" \
  --records "$out/records.tsv"

echo
echo "== three clusters of more than one record, as the sources wrote them"
awk -F'\t' 'NR > 1 { n[$2]++; m[$2] = m[$2] " " $1 } END { for (c in n) if (n[c] >= 3) print c }' \
  "$out/clusters.tsv" | sort | head -3 | while read -r cid; do
  ids=$(awk -F'\t' -v c="$cid" '$2 == c { print $1 }' "$out/clusters.tsv")
  echo "-- cluster $cid"
  for id in $ids; do
    grep -m1 "^$id," testdata/demo/dedupe_2k.csv | cut -d, -f1-5
  done
done

echo
echo "== accuracy against the known truth (vnlink eval)"
"$vnlink" eval --truth testdata/demo/dedupe_2k_truth.csv --clusters "$out/clusters.tsv" |
  sed -n '/^clusters/,$p'
