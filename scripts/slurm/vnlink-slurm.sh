#!/usr/bin/env bash
# vnlink-slurm.sh: `vnlink dedupe` as Slurm jobs, for record sets too large for one machine.
#
#   vnlink-slurm.sh --workdir /shared/run1 --shards 64 --vnlink /shared/bin/vnlink raw/*.csv
#
# Submits, with sbatch, six jobs chained by --dependency=afterok (each later job is cancelled
# when an earlier one fails: --kill-on-invalid-dep=yes):
#   normalize  array, one task per input file        -> WORKDIR/normalized/part-I.tsv
#   merge      the parts in input order              -> WORKDIR/records.tsv
#   train      once, on records.tsv, --seed          -> WORKDIR/model.json
#   block      beside train: --shards N              -> WORKDIR/shards/records.I-of-N.tsv
#   match      array of N tasks, shard = task id     -> WORKDIR/pairs/pairs.I-of-N.tsv
#   cluster    after the whole match array           -> WORKDIR/clusters.tsv (or --output)
# Stages, options, seed and thresholds are those of `vnlink dedupe`, so clusters.tsv is
# byte-identical to `vnlink dedupe --seed S` on the concatenated inputs (scripts/test-slurm.sh
# checks it). WORKDIR, the inputs and the vnlink binary must be on a file system every node
# sees. Logs: WORKDIR/log/<stage>-<job>_<task>.log. Job ids: WORKDIR/jobs.tsv.
#
# A failed shard (say 5) is rerun alone, then cluster again:
#   vnlink-slurm.sh --workdir /shared/run1 --rerun-shards 5
# which is the same as
#   m=$(sbatch --parsable --array=5 -o /shared/run1/log/%x-%A_%a.log -J vnlink-match \
#         /shared/run1/bin/vnlink-stage.sh match /shared/run1)
#   sbatch --dependency=afterok:$m -o /shared/run1/log/%x-%j.log -J vnlink-cluster \
#         /shared/run1/bin/vnlink-stage.sh cluster /shared/run1
# Every stage writes its outputs atomically (whole or not at all), so a rerun never reads a
# half-written file, and the other shards' pairs are reused as they are.
set -euo pipefail
WF_PROG=vnlink-slurm.sh
# shellcheck source=vnlink-workflow.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/vnlink-workflow.sh"

usage() {
  cat <<EOF
Usage: vnlink-slurm.sh [options] --workdir DIR INPUT...
       vnlink-slurm.sh --workdir DIR --rerun-shards LIST [--wait]
Run vnlink dedupe as Slurm jobs: normalize (array over INPUTs), merge, train and block,
match (array over N shards), cluster. Outputs in DIR; see the head of this script.

$WF_COMMON_HELP

Slurm options:
      --sbatch ARG         extra sbatch argument for every job (repeatable), e.g.
                           --sbatch=--partition=long --sbatch=--account=vn
      --mem SIZE           memory per job (sbatch --mem) of normalize, merge, cluster
      --train-mem SIZE     memory of the train and block jobs (both load every record)
      --match-mem SIZE     memory per match task
      --max-running K      run at most K array tasks at once (--array=0-N%K)
      --wait               wait for the cluster job; exit 0 only if it succeeded
  -h, --help               this help
EOF
}

SBATCH_EXTRA=()
MEM='' TRAIN_MEM='' MATCH_MEM='' MAX_RUNNING='' WAIT=0
while [ $# -gt 0 ]; do
  case $1 in
    -h|--help) usage; exit 0 ;;
    --wait) WAIT=1; shift; continue ;;
    --sbatch=*) SBATCH_EXTRA+=("${1#*=}"); shift; continue ;;
    --sbatch) [ $# -ge 2 ] || wf_usage_error "--sbatch needs a value"; SBATCH_EXTRA+=("$2"); shift 2; continue ;;
    --mem=*|--train-mem=*|--match-mem=*|--max-running=*) set -- "${1%%=*}" "${1#*=}" "${@:2}" ;;
  esac
  case $1 in
    --mem) MEM=${2:?--mem needs a value}; shift 2 ;;
    --train-mem) TRAIN_MEM=${2:?--train-mem needs a value}; shift 2 ;;
    --match-mem) MATCH_MEM=${2:?--match-mem needs a value}; shift 2 ;;
    --max-running) MAX_RUNNING=${2:?--max-running needs a value}; shift 2 ;;
    --) shift; WF_INPUTS+=("$@"); break ;;
    -*)
      wf_option "$@"
      [ "$WF_SHIFT" -gt 0 ] || wf_usage_error "unknown option '$1' (see --help)"
      shift "$WF_SHIFT" ;;
    *) WF_INPUTS+=("$1"); shift ;;
  esac
done
command -v sbatch > /dev/null || wf_die "sbatch not found: is this a Slurm login node?"
wf_prepare
work=$WF_WORK
stage_script=$work/bin/vnlink-stage.sh

if [ -n "$WF_RERUN" ]; then
  # slurm.conf holds the sbatch arguments of the first submission; a rerun keeps them.
  # --sbatch arguments given now come after the first run's, so they win (e.g. a partition).
  cli_extra=("${SBATCH_EXTRA[@]}")
  # shellcheck source=/dev/null
  [ -r "$work/slurm.conf" ] && source "$work/slurm.conf"
  SBATCH_EXTRA+=("${cli_extra[@]}")
else
  [[ -z "$MAX_RUNNING" || "$MAX_RUNNING" =~ ^[1-9][0-9]*$ ]] ||
    wf_usage_error "--max-running must be a positive number, not '$MAX_RUNNING'"
  tmp=$(mktemp "$work/.slurm.conf.XXXXXX")
  declare -p SBATCH_EXTRA MEM TRAIN_MEM MATCH_MEM MAX_RUNNING > "$tmp"
  mv -f "$tmp" "$work/slurm.conf"
fi

# submit NAME MEM [sbatch options...] -- [stage arguments...]: prints the job id.
submit() {
  local name=$1 mem=$2
  shift 2
  local opts=() id
  while [ "$1" != -- ]; do opts+=("$1"); shift; done
  shift
  local out="$work/log/%x-%j.log"
  case " ${opts[*]} " in *" --array="*) out="$work/log/%x-%A_%a.log" ;; esac
  [ -z "$mem" ] || opts+=("--mem=$mem")
  id=$(sbatch --parsable --job-name="vnlink-$name" --output="$out" \
    --cpus-per-task="$CPUS" --kill-on-invalid-dep=yes "${SBATCH_EXTRA[@]}" "${opts[@]}" \
    "$stage_script" "$@" | cut -d';' -f1) || wf_die "sbatch of $name failed"
  printf '%s\t%s\t%s\n' "$name" "$id" "$(date -u +%FT%TZ)" >> "$work/jobs.tsv"
  echo "$id"
}

throttle=${MAX_RUNNING:+%$MAX_RUNNING}
if [ -n "$WF_RERUN" ]; then
  list=$(tr ' ' ',' <<< "$WF_RERUN_LIST")
  for i in $WF_RERUN_LIST; do rm -f "$work/pairs/pairs.$i-of-$SHARDS.tsv"; done
  match=$(submit match "$MATCH_MEM" --array="$list$throttle" -- match "$work")
  echo "$WF_PROG: match shards $list: job $match" >&2
else
  normalize=$(submit normalize "$MEM" --array="0-$((${#INPUTS[@]} - 1))$throttle" -- normalize "$work")
  merge=$(submit merge "$MEM" --dependency="afterok:$normalize" -- merge "$work")
  train=$(submit train "$TRAIN_MEM" --dependency="afterok:$merge" -- train "$work")
  block=$(submit block "$TRAIN_MEM" --dependency="afterok:$merge" -- block "$work")
  match=$(submit match "$MATCH_MEM" --array="0-$((SHARDS - 1))$throttle" \
    --dependency="afterok:$train:$block" -- match "$work")
  echo "$WF_PROG: normalize $normalize, merge $merge, train $train, block $block," \
    "match $match (${SHARDS} shards)" >&2
fi
wait_opt=()
[ "$WAIT" = 0 ] || wait_opt=(--wait)
stamp=$(mktemp "$work/.submitted.XXXXXX")
# With --wait, sbatch returns when the cluster job ends. Its exit code is not enough: a job
# cancelled because a job it depends on failed (DependencyNeverSatisfied) never ran, and
# sbatch --wait then exits 0. So the job state is asked for too.
rc=0
cluster=$(submit cluster "$MEM" --dependency="afterok:$match" "${wait_opt[@]}" -- cluster "$work") || rc=$?
if [ "$WAIT" = 1 ]; then
  state=$(scontrol show job "$cluster" -o 2> /dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2 || true)
  if [ -z "$state" ]; then
    # Purged from the controller already (MinJobAge): judge by the output's age.
    if [ "$OUTPUT" -nt "$stamp" ]; then state=COMPLETED; else state=UNKNOWN; fi
  fi
  rm -f "$stamp"
  if [ "$rc" != 0 ] || [ "$state" != COMPLETED ]; then
    wf_die "the job failed (cluster job $cluster: ${state}); see $work/log/ and $work/jobs.tsv"
  fi
  echo "$WF_PROG: done: $OUTPUT" >&2
else
  rm -f "$stamp"
  echo "$WF_PROG: cluster $cluster -> $OUTPUT; follow with: squeue -u $(id -un)" >&2
fi
