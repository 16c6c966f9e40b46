#!/usr/bin/env bash
# Test of the sharded workflows (issue 10): starts a one-node Slurm, runs
# scripts/slurm/vnlink-slurm.sh on ~50,000 synth records split into 4 input files with 8
# shards, and checks that the clusters are byte-identical to one `vnlink dedupe` process with
# the same settings and seed (records, model and the set of pairs too, to say where a
# difference starts). Then reruns one shard alone and checks again, and runs
# scripts/parallel/vnlink-parallel.sh the same way.
#
# Usage: scripts/test-slurm.sh VNLINK
# Needs root (single-node.sh installs munge and Slurm from Debian when missing). The Slurm
# starter is ../shared/slurm/single-node.sh beside the repository (as in CI), or
# $VNLINK_SINGLE_NODE. Fails, never skips, when Slurm cannot be had. The daemons are always
# stopped on exit. KEEP=1 keeps the work directory.
set -euo pipefail

fail() { echo "test-slurm.sh: FAIL: $*" >&2; exit 1; }
step() { echo "test-slurm.sh: $(date -u +%T) $*"; }

[ $# -eq 1 ] || { echo "usage: test-slurm.sh VNLINK" >&2; exit 2; }
vnlink=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$vnlink" ] || fail "no vnlink binary at '$1'"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(git -C "$here" rev-parse --show-toplevel 2> /dev/null || (cd "$here/.." && pwd))
single=${VNLINK_SINGLE_NODE:-$root/../shared/slurm/single-node.sh}
[ -f "$single" ] || fail "no Slurm starter at '$single' (set VNLINK_SINGLE_NODE)"
[ "$(id -u)" = 0 ] || fail "needs root to start Slurm (single-node.sh)"

# ~50,000 records: synth writes about 1.8 records per person (28000 people, seed 7: 50,718).
people=${PEOPLE:-28000}
seed=7
shards=8

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vnlink-test-slurm.XXXXXX")
chmod 755 "$tmp"  # Slurm jobs run as root here, but keep the tree readable like a shared FS
slurm_started=0
cleanup() {
  local rc=$?
  if [ "$slurm_started" = 1 ]; then
    bash "$single" stop || echo "test-slurm.sh: warning: single-node.sh stop failed" >&2
  fi
  if [ "$rc" != 0 ]; then
    for f in "$tmp"/*/log/*; do
      [ -f "$f" ] && grep -qiE 'error|fail|cancel' "$f" && { echo "== $f"; tail -n 5 "$f"; }
    done >&2 || true
  fi
  if [ "${KEEP:-0}" = 1 ]; then echo "test-slurm.sh: kept $tmp" >&2; else rm -rf "$tmp"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "starting a one-node Slurm with $single"
slurm_started=1
bash "$single" start > "$tmp/slurm-start.log" 2>&1 ||
  { cat "$tmp/slurm-start.log" >&2; fail "cannot start Slurm"; }
command -v sbatch > /dev/null || fail "sbatch missing after single-node.sh start"

step "synth --people $people --seed $seed"
"$vnlink" synth --people "$people" --seed "$seed" -o "$tmp/raw.csv" --quiet
records=$(($(wc -l < "$tmp/raw.csv") - 1))
[ "$records" -gt 1000 ] || fail "synth wrote only $records records"
# Four input files (header repeated), so normalize runs as an array of four tasks.
mkdir -p "$tmp/in"
per=$(((records + 3) / 4))
tail -n +2 "$tmp/raw.csv" | split -l "$per" -d -a 1 - "$tmp/in/body."
for b in "$tmp"/in/body.*; do
  { head -n 1 "$tmp/raw.csv"; cat "$b"; } > "$tmp/in/part${b##*.}.csv"
  rm "$b"
done
inputs=("$tmp"/in/part*.csv)
[ ${#inputs[@]} -eq 4 ] || fail "expected 4 input files, got ${#inputs[@]}"

step "single process: vnlink dedupe ($records records)"
mkdir -p "$tmp/ref"
start=$SECONDS
"$vnlink" dedupe "$tmp/raw.csv" --seed "$seed" -o "$tmp/ref/clusters.tsv" \
  --records "$tmp/ref/records.tsv" --model "$tmp/ref/model.json" --pairs "$tmp/ref/pairs.tsv" \
  --quiet 2> "$tmp/ref/dedupe.log" || { cat "$tmp/ref/dedupe.log" >&2; fail "vnlink dedupe"; }
step "dedupe took $((SECONDS - start)) s"

# The reference must be worth comparing with: every record, and real merges.
[ "$(($(wc -l < "$tmp/ref/clusters.tsv") - 1))" = "$records" ] ||
  fail "the reference clusters do not hold the $records records"
clusters=$(tail -n +2 "$tmp/ref/clusters.tsv" | cut -f2 | sort -u | wc -l)
[ "$clusters" -lt "$records" ] || fail "the reference put every record alone"
step "reference: $records records in $clusters clusters"

# same WORKDIR NAME: the run in WORKDIR gives the reference's bytes.
same() {
  local w=$1 name=$2
  cmp "$tmp/ref/records.tsv" "$w/records.tsv" || fail "$name: records.tsv differs from dedupe's"
  cmp "$tmp/ref/model.json" "$w/model.json" || fail "$name: model.json differs from dedupe's"
  [ "$(find "$w/pairs" -name "pairs.*-of-$shards.tsv" | wc -l)" = "$shards" ] || fail "$name: not $shards pair files"
  cmp <(tail -n +2 "$tmp/ref/pairs.tsv" | LC_ALL=C sort) \
    <(tail -q -n +2 "$w"/pairs/pairs.*-of-$shards.tsv | LC_ALL=C sort) ||
    fail "$name: the pairs of the $shards shards differ from dedupe's"
  cmp "$tmp/ref/clusters.tsv" "$w/clusters.tsv" || fail "$name: clusters differ from dedupe's"
  step "$name: clusters, records, model and pairs identical to vnlink dedupe"
}

step "Slurm: vnlink-slurm.sh, ${#inputs[@]} inputs, $shards shards"
start=$SECONDS
bash "$root/scripts/slurm/vnlink-slurm.sh" --workdir "$tmp/slurm" --shards "$shards" \
  --seed "$seed" --vnlink "$vnlink" --wait "${inputs[@]}" || fail "vnlink-slurm.sh"
step "Slurm workflow took $((SECONDS - start)) s"
[ "$(grep -c $'^match\t' "$tmp/slurm/jobs.tsv")" = 1 ] || fail "no match array job in jobs.tsv"
[ "$(find "$tmp/slurm/log" -name 'vnlink-match-*_*.log' | wc -l)" = "$shards" ] ||
  fail "the match array did not run $shards tasks"
same "$tmp/slurm" slurm

step "Slurm: rerun shard 3 alone"
rm "$tmp/slurm/clusters.tsv"
cp "$tmp/slurm/pairs/pairs.3-of-$shards.tsv" "$tmp/pairs3.tsv"
bash "$root/scripts/slurm/vnlink-slurm.sh" --workdir "$tmp/slurm" --rerun-shards 3 --wait ||
  fail "vnlink-slurm.sh --rerun-shards 3"
cmp "$tmp/pairs3.tsv" "$tmp/slurm/pairs/pairs.3-of-$shards.tsv" || fail "rerun shard 3 differs"
same "$tmp/slurm" slurm-rerun

# A failed shard must fail the workflow (and cancel cluster), not pass silently.
step "Slurm: a failing shard fails the run"
mv "$tmp/slurm/shards/records.5-of-$shards.tsv" "$tmp/shard5.tsv"
if bash "$root/scripts/slurm/vnlink-slurm.sh" --workdir "$tmp/slurm" --rerun-shards 5 --wait \
  2> "$tmp/fail.log"; then
  fail "a run whose shard 5 failed reported success"
fi
grep -q CANCELLED "$tmp/fail.log" || { cat "$tmp/fail.log" >&2; fail "cluster was not cancelled"; }
mv "$tmp/shard5.tsv" "$tmp/slurm/shards/records.5-of-$shards.tsv"

step "GNU parallel: vnlink-parallel.sh"
if ! parallel --version 2> /dev/null | grep -q 'GNU parallel'; then
  apt-get install -y -qq --no-install-recommends parallel > "$tmp/apt.log" 2>&1 ||
    { cat "$tmp/apt.log" >&2; fail "cannot install GNU parallel"; }
fi
start=$SECONDS
bash "$root/scripts/parallel/vnlink-parallel.sh" --workdir "$tmp/parallel" --shards "$shards" \
  --seed "$seed" --vnlink "$vnlink" "${inputs[@]}" || fail "vnlink-parallel.sh"
step "GNU parallel workflow took $((SECONDS - start)) s"
same "$tmp/parallel" parallel
rm "$tmp/parallel/clusters.tsv"
bash "$root/scripts/parallel/vnlink-parallel.sh" --workdir "$tmp/parallel" --rerun-shards 3 ||
  fail "vnlink-parallel.sh --rerun-shards 3"
same "$tmp/parallel" parallel-rerun

step "PASS"
