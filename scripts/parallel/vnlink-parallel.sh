#!/usr/bin/env bash
# vnlink-parallel.sh: the workflow of scripts/slurm/vnlink-slurm.sh with GNU parallel, for
# sites without Slurm: on this machine, or on several over ssh (--sshlogin, as in parallel(1)).
#
#   vnlink-parallel.sh --workdir /shared/run1 --shards 64 --vnlink /shared/bin/vnlink \
#     --sshlogin 8/node1,8/node2 --sshlogin : raw/*.csv
#
# Stages (the same stage script, options, seed and thresholds as the Slurm workflow, so the
# clusters are byte-identical to `vnlink dedupe`):
#   normalize  one job per input file (parallel)     -> WORKDIR/normalized/part-I.tsv
#   merge      here                                  -> WORKDIR/records.tsv
#   train, block   side by side (parallel)           -> WORKDIR/model.json, WORKDIR/shards/
#   match      one job per shard (parallel)          -> WORKDIR/pairs/pairs.I-of-N.tsv
#   cluster    here                                  -> WORKDIR/clusters.tsv (or --output)
# With --sshlogin, WORKDIR, the inputs and the vnlink binary must be at the same paths on
# every host (a shared file system); jobs run as `ssh HOST WORKDIR/bin/vnlink-stage.sh ...`.
# Logs: WORKDIR/log/<stage>-<index>.log; parallel's job logs: WORKDIR/log/<stage>.joblog.
# A stage stops at its first failed job (--halt soon,fail=1: running jobs finish, no new ones
# start). A failed shard (say 5) is rerun alone, then cluster again:
#   vnlink-parallel.sh --workdir /shared/run1 --rerun-shards 5
# Outputs are written atomically, so a rerun never reads a half-written file.
set -euo pipefail
WF_PROG=vnlink-parallel.sh
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../slurm/vnlink-workflow.sh
source "$here/../slurm/vnlink-workflow.sh"

usage() {
  cat <<EOF
Usage: vnlink-parallel.sh [options] --workdir DIR INPUT...
       vnlink-parallel.sh --workdir DIR --rerun-shards LIST [--sshlogin ...]
Run vnlink dedupe as GNU parallel jobs: normalize (one job per INPUT), merge, train and
block, match (one job per shard), cluster. Outputs in DIR; see the head of this script.

$WF_COMMON_HELP

GNU parallel options:
  -S, --sshlogin LOGIN     run jobs on these hosts (repeatable; parallel(1) syntax, e.g.
                           8/node1,8/node2; ':' is this machine); default: this machine
      --sshloginfile FILE  the hosts, one a line (parallel --sshloginfile)
  -j, --jobs J             jobs at once per host (parallel -j; default: its CPUs / --cpus)
  -h, --help               this help
EOF
}

HOSTS=()
JOBS=
while [ $# -gt 0 ]; do
  case $1 in
    -h|--help) usage; exit 0 ;;
    --sshlogin=*|--sshloginfile=*|--jobs=*) set -- "${1%%=*}" "${1#*=}" "${@:2}" ;;
  esac
  case $1 in
    -S|--sshlogin) HOSTS+=(--sshlogin "${2:?--sshlogin needs a value}"); shift 2 ;;
    --sshloginfile) HOSTS+=(--sshloginfile "${2:?--sshloginfile needs a value}"); shift 2 ;;
    -j|--jobs) JOBS=${2:?--jobs needs a value}; shift 2 ;;
    --) shift; WF_INPUTS+=("$@"); break ;;
    -*)
      wf_option "$@"
      [ "$WF_SHIFT" -gt 0 ] || wf_usage_error "unknown option '$1' (see --help)"
      shift "$WF_SHIFT" ;;
    *) WF_INPUTS+=("$1"); shift ;;
  esac
done
parallel --version 2> /dev/null | head -n 1 | grep -q 'GNU parallel' ||
  wf_die "GNU parallel not found (Debian: apt-get install parallel)"
wf_prepare
work=$WF_WORK
# Per host, parallel reads N% as N percent of that host's CPUs.
[ -n "$JOBS" ] || JOBS="$((100 / CPUS > 0 ? 100 / CPUS : 1))%"

# run_jobs STAGE INDEX...: the stage once per index, spread over the hosts. The command is a
# shell line (run by ssh on other hosts), so paths are quoted with %q.
run_jobs() {
  local stage=$1
  shift
  if ! parallel --will-cite --halt soon,fail=1 --jobs "$JOBS" "${HOSTS[@]}" \
    --joblog "$work/log/$stage.joblog" \
    "$(printf '%q' "$work/bin/vnlink-stage.sh") $stage $(printf '%q' "$work") {} 2> $(printf '%q' "$work/log/$stage")-{}.log" ::: "$@"; then
    wf_die "$stage failed; see $work/log/$stage.joblog and $work/log/$stage-*.log"
  fi
}

# run_here STAGE: a stage without index, on this machine.
run_here() {
  "$work/bin/vnlink-stage.sh" "$1" "$work" 2> "$work/log/$1.log" ||
    wf_die "$1 failed; see $work/log/$1.log"
}

if [ -n "$WF_RERUN" ]; then
  # shellcheck disable=SC2086
  for i in $WF_RERUN_LIST; do rm -f "$work/pairs/pairs.$i-of-$SHARDS.tsv"; done
  # shellcheck disable=SC2086
  run_jobs match $WF_RERUN_LIST
else
  run_jobs normalize $(seq 0 $((${#INPUTS[@]} - 1)))
  run_here merge
  # train and block only need records.tsv: run them side by side.
  if ! parallel --will-cite --halt soon,fail=1 --jobs 2 "${HOSTS[@]}" \
    --joblog "$work/log/train-block.joblog" \
    "$(printf '%q' "$work/bin/vnlink-stage.sh") {} $(printf '%q' "$work") 2> $(printf '%q' "$work/log")/{}.log" ::: train block; then
    wf_die "train or block failed; see $work/log/train.log and $work/log/block.log"
  fi
  run_jobs match $(seq 0 $((SHARDS - 1)))
fi
run_here cluster
echo "$WF_PROG: done: $OUTPUT" >&2
