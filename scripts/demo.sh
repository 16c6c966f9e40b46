#!/usr/bin/env bash
# Sets everything up and runs vnlink on the bundled demo data.
# Usage: scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
out=$(mktemp -d)
echo "== vnlink cat: a hospital export with quoted fields, CRLF and a BOM, as TSV"
build/tools/vnlink cat -s ma_ho_so,ho_ten,ngay_sinh -r ma_ho_so=unique_id testdata/cat/nasty.csv -o "$out/records.tsv"
cat "$out/records.tsv"
rm -rf "$out"
