#!/usr/bin/env bash
# One stage of a sharded vnlink dedupe job; run by vnlink-slurm.sh (as a Slurm batch script)
# and by vnlink-parallel.sh (through GNU parallel, locally or over ssh).
#
# Usage: vnlink-stage.sh STAGE WORKDIR [INDEX]
#   normalize INDEX   INPUTS[INDEX]      -> WORKDIR/normalized/part-INDEX.tsv (+ rejects-INDEX.tsv)
#   merge             the parts, in input order -> WORKDIR/records.tsv (+ rejects.tsv)
#   train             records.tsv        -> WORKDIR/model.json  (--seed SEED)
#   block             records.tsv        -> WORKDIR/shards/records.I-of-N.tsv
#   match INDEX       shard INDEX of N   -> WORKDIR/pairs/pairs.INDEX-of-N.tsv
#   cluster           records.tsv + all N pair files -> OUTPUT (default WORKDIR/clusters.tsv)
# INDEX defaults to $SLURM_ARRAY_TASK_ID. The shard count N always comes from run.conf, never
# from SLURM_ARRAY_TASK_COUNT: a rerun of one shard (sbatch --array=5) is an array of one task.
#
# Every parameter (vnlink binary, inputs, shards, seed, thresholds) is in WORKDIR/run.conf,
# written once by the driver, so a stage rerun by hand does exactly what the first run did.
# The stages and options are those of `vnlink dedupe` (tools/dedupe.cpp), so the clusters are
# byte-identical to a single-process run. vnlink commits each output file atomically (it
# appears whole or not at all) and merge renames a finished temporary file, so a rerun never
# sees half a file.
set -euo pipefail

die() { echo "vnlink-stage.sh: $*" >&2; exit 1; }

[ $# -ge 2 ] || die "usage: vnlink-stage.sh STAGE WORKDIR [INDEX]"
stage=$1
work=$2
index=${3:-${SLURM_ARRAY_TASK_ID:-}}
[ -r "$work/run.conf" ] || die "no run.conf in '$work' (run the driver first)"
# shellcheck source=/dev/null
source "$work/run.conf"

# Threads: the CPUs Slurm gave the task, else the driver's --cpus. Output does not depend on it.
threads=${SLURM_CPUS_PER_TASK:-$CPUS}
common=(--threads="$threads" --no-progress)

need_index() {
  [[ "$index" =~ ^[0-9]+$ ]] || die "$stage needs an index (argument or SLURM_ARRAY_TASK_ID)"
  [ "$index" -lt "$1" ] || die "$stage index $index is out of range 0..$(($1 - 1))"
}

echo "vnlink-stage.sh: $stage${index:+ $index} on $(hostname) at $(date -u +%FT%TZ)" >&2
case $stage in
  normalize)
    need_index "${#INPUTS[@]}"
    mkdir -p "$work/normalized"
    "$VNLINK" normalize "${INPUTS[$index]}" -o "$work/normalized/part-$index.tsv" \
      --rejects "$work/normalized/rejects-$index.tsv" "${NORMALIZE_ARGS[@]}" "${common[@]}"
    ;;
  merge)
    # Concatenation in input order, header once: the same records, in the same order, as one
    # normalize over the concatenated inputs. Duplicate ids across inputs are caught by cluster.
    for kind in records rejects; do
      part=part
      [ "$kind" = rejects ] && part=rejects
      tmp=$(mktemp "$work/.$kind.tsv.XXXXXX")
      trap 'rm -f "$tmp"' EXIT
      header=
      for ((i = 0; i < ${#INPUTS[@]}; i++)); do
        f="$work/normalized/$part-$i.tsv"
        [ -f "$f" ] || die "missing $f (normalize $i did not finish)"
        h=$(head -n 1 "$f")
        if [ "$i" -eq 0 ]; then
          header=$h
          printf '%s\n' "$header" > "$tmp"
        elif [ "$h" != "$header" ]; then
          die "$f has another header than $work/normalized/$part-0.tsv"
        fi
        tail -n +2 "$f" >> "$tmp"
      done
      mv -f "$tmp" "$work/$kind.tsv"
      trap - EXIT
    done
    echo "vnlink-stage.sh: merge: $(($(wc -l < "$work/records.tsv") - 1)) records" >&2
    ;;
  train)
    "$VNLINK" train --settings "$work/settings.json" "$work/records.tsv" -o "$work/model.json" \
      --seed "$SEED" "${common[@]}"
    ;;
  block)
    # Blocking rules come from the settings (train does not change them), so block runs beside
    # train. --force: dedupe has no pair limit either (match skips oversized blocks itself).
    mkdir -p "$work/shards"
    "$VNLINK" block --settings "$work/settings.json" --shards "$SHARDS" --force \
      "$work/records.tsv" -o "$work/shards/records" "${common[@]}"
    ;;
  match)
    need_index "$SHARDS"
    mkdir -p "$work/pairs"
    "$VNLINK" match --model "$work/model.json" --shard "$index/$SHARDS" \
      --threshold-weight="$MATCH_WEIGHT" "$work/shards/records.$index-of-$SHARDS.tsv" \
      -o "$work/pairs/pairs.$index-of-$SHARDS.tsv" "${common[@]}"
    ;;
  cluster)
    pairs=()
    missing=()
    for ((i = 0; i < SHARDS; i++)); do
      f="$work/pairs/pairs.$i-of-$SHARDS.tsv"
      if [ -f "$f" ]; then pairs+=("$f"); else missing+=("$i"); fi
    done
    [ ${#missing[@]} -eq 0 ] ||
      die "shards without pairs (rerun them): $(IFS=,; echo "${missing[*]}")"
    "$VNLINK" cluster --threshold "$THRESHOLD" --records "$work/records.tsv" \
      "${CLUSTER_ARGS[@]}" "${pairs[@]}" -o "$OUTPUT" "${common[@]}"
    ;;
  *)
    die "unknown stage '$stage' (normalize, merge, train, block, match, cluster)"
    ;;
esac
echo "vnlink-stage.sh: $stage${index:+ $index} done at $(date -u +%FT%TZ)" >&2
