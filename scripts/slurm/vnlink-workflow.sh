# shellcheck shell=bash disable=SC2034  # WF_* are read by the drivers that source this
# Shared part of vnlink-slurm.sh and vnlink-parallel.sh (sourced, not run): the options
# both drivers take and the work directory they prepare (WORKDIR/run.conf, settings.json,
# bin/vnlink-stage.sh). Stage semantics are in vnlink-stage.sh.

WF_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

wf_die() { echo "${WF_PROG:-vnlink-workflow}: $*" >&2; exit "${2:-1}"; }
wf_usage_error() { echo "${WF_PROG:-vnlink-workflow}: $*" >&2; exit 2; }

# Defaults (the same as `vnlink dedupe`).
WF_WORK=
WF_VNLINK=
WF_SHARDS=16
WF_SEED=1
WF_SETTINGS=
WF_THRESHOLD=
WF_OUTPUT=
WF_CPUS=1
WF_RERUN=
WF_CANNOT_LINK=()
WF_CANNOT_LINK_GIVEN=0
WF_MAX_CLUSTER_SIZE=
WF_NORMALIZE_ARGS=()
WF_INPUTS=()

WF_COMMON_HELP='Common options:
  -w, --workdir DIR        work directory on the shared file system (required)
  -n, --shards N           number of match shards (default 16)
      --vnlink PATH        vnlink binary, reachable at this path on every node
                           (default: vnlink on PATH)
      --settings FILE      settings JSON (default: vnlink settings --default)
      --seed N             seed of training (default 1, as vnlink dedupe)
      --threshold W        match weight threshold (default: the settings'\'' match threshold;
                           pairs are scored down to the review threshold, as vnlink dedupe)
      --cannot-link COL    never cluster records with different COL (repeatable; none by default, as vnlink dedupe)
      --max-cluster-size K split clusters above K records at their weakest links
      --map SPEC, --mapping FILE, --reference-year YEAR, --delimiter C, --input-format FMT
                           passed to vnlink normalize
      --cpus C             threads per task (default 1; Slurm: --cpus-per-task)
  -o, --output FILE        the clusters (default WORKDIR/clusters.tsv)
      --rerun-shards LIST  rerun only these match shards (e.g. 3,5 or 0-2) of the job in
                           WORKDIR, then cluster again; every other option comes from
                           WORKDIR/run.conf'

# Consumes one common option from "$@"; sets WF_SHIFT to the words used (0 = not ours).
wf_option() {
  WF_SHIFT=2
  local opt=$1 val=${2-}
  case $opt in
    --*=*) val=${opt#*=}; opt=${opt%%=*}; WF_SHIFT=1 ;;
  esac
  if [ "$WF_SHIFT" = 2 ] && [ $# -lt 2 ]; then
    case $opt in -w|--workdir|-n|--shards|--vnlink|--settings|--seed|--threshold|--cannot-link|\
      --max-cluster-size|--map|--mapping|--reference-year|--delimiter|--input-format|--cpus|-o|--output|\
      --rerun-shards) wf_usage_error "$opt needs a value" ;;
    esac
  fi
  case $opt in
    -w|--workdir) WF_WORK=$val ;;
    -n|--shards) WF_SHARDS=$val ;;
    --vnlink) WF_VNLINK=$val ;;
    --settings) WF_SETTINGS=$val ;;
    --seed) WF_SEED=$val ;;
    --threshold) WF_THRESHOLD=$val ;;
    --cannot-link) WF_CANNOT_LINK+=("$val"); WF_CANNOT_LINK_GIVEN=1 ;;
    --max-cluster-size) WF_MAX_CLUSTER_SIZE=$val ;;
    --map|--mapping|--reference-year|--delimiter|--input-format) WF_NORMALIZE_ARGS+=("$opt=$val") ;;
    --cpus) WF_CPUS=$val ;;
    -o|--output) WF_OUTPUT=$val ;;
    --rerun-shards) WF_RERUN=$val ;;
    *) WF_SHIFT=0 ;;
  esac
}

wf_abs() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }

# Expands "3,5,7-9" into "3 5 7 8 9", each checked against the shard count.
wf_shard_list() {
  local item a b i out=()
  IFS=, read -r -a items <<< "$1"
  for item in "${items[@]}"; do
    if [[ "$item" =~ ^([0-9]+)-([0-9]+)$ ]]; then a=${BASH_REMATCH[1]}; b=${BASH_REMATCH[2]}
    elif [[ "$item" =~ ^[0-9]+$ ]]; then a=$item; b=$item
    else wf_usage_error "--rerun-shards: bad item '$item' (use e.g. 3,5,7-9)"; fi
    for ((i = a; i <= b; i++)); do
      [ "$i" -lt "$SHARDS" ] || wf_usage_error "--rerun-shards: shard $i is not below $SHARDS"
      out+=("$i")
    done
  done
  [ ${#out[@]} -gt 0 ] || wf_usage_error "--rerun-shards: no shard given"
  echo "${out[@]}"
}

# A number from the "thresholds" object of a settings JSON, or nothing.
wf_threshold_value() {
  tr -d '\n' < "$1" | grep -o '"thresholds"[[:space:]]*:[[:space:]]*{[^}]*}' |
    grep -o "\"$2\"[[:space:]]*:[[:space:]]*[-+0-9.eE]*" | sed 's/.*:[[:space:]]*//' || true
}

# Checks the options, creates WORKDIR and writes run.conf (a new run) or reads it (a rerun).
wf_prepare() {
  [ -n "$WF_WORK" ] || wf_usage_error "give --workdir DIR (on the shared file system)"
  if [ -n "$WF_RERUN" ]; then
    [ ${#WF_INPUTS[@]} -eq 0 ] || wf_usage_error "--rerun-shards takes no input files"
    WF_WORK=$(cd "$WF_WORK" && pwd) || wf_die "no work directory '$WF_WORK'"
    [ -r "$WF_WORK/run.conf" ] || wf_die "no run.conf in '$WF_WORK': nothing to rerun"
    # shellcheck source=/dev/null
    source "$WF_WORK/run.conf"
    WF_RERUN_LIST=$(wf_shard_list "$WF_RERUN")
    return
  fi
  [ ${#WF_INPUTS[@]} -gt 0 ] || wf_usage_error "give the input files"
  [[ "$WF_SHARDS" =~ ^[1-9][0-9]*$ ]] ||
    wf_usage_error "--shards must be a positive number, not '$WF_SHARDS'"
  [[ "$WF_SEED" =~ ^[0-9]+$ ]] || wf_usage_error "--seed must be a number, not '$WF_SEED'"
  [[ "$WF_CPUS" =~ ^[1-9][0-9]*$ ]] ||
    wf_usage_error "--cpus must be a positive number, not '$WF_CPUS'"
  if [ -z "$WF_VNLINK" ]; then
    WF_VNLINK=$(command -v vnlink) || wf_usage_error "vnlink is not on PATH: give --vnlink"
  fi
  [ -x "$WF_VNLINK" ] || wf_usage_error "'$WF_VNLINK' is not an executable"
  WF_VNLINK=$(wf_abs "$WF_VNLINK")
  local f abs_inputs=()
  for f in "${WF_INPUTS[@]}"; do
    [ -r "$f" ] || wf_usage_error "cannot read input '$f'"
    abs_inputs+=("$(wf_abs "$f")")
  done
  mkdir -p "$WF_WORK"/{bin,log}
  WF_WORK=$(cd "$WF_WORK" && pwd)
  [ ! -e "$WF_WORK/run.conf" ] ||
    wf_die "'$WF_WORK' already holds a job (run.conf): use a new --workdir, or --rerun-shards"
  [ -n "$WF_OUTPUT" ] || WF_OUTPUT=$WF_WORK/clusters.tsv
  WF_OUTPUT=$(wf_abs "$WF_OUTPUT")
  local norm=() arg
  # One reference year for every part, even when the array runs across New Year.
  case " ${WF_NORMALIZE_ARGS[*]} " in
    *" --reference-year="*) ;;
    *) WF_NORMALIZE_ARGS+=("--reference-year=$(date +%Y)") ;;
  esac
  for arg in "${WF_NORMALIZE_ARGS[@]}"; do
    case $arg in
      --mapping=*) cp "${arg#*=}" "$WF_WORK/mapping.txt"; norm+=("--mapping=$WF_WORK/mapping.txt") ;;
      *) norm+=("$arg") ;;
    esac
  done

  # Settings: the user's or the compiled-in default; thresholds as vnlink dedupe takes them.
  if [ -n "$WF_SETTINGS" ]; then
    cp "$WF_SETTINGS" "$WF_WORK/settings.json"
  else
    "$WF_VNLINK" settings --default -o "$WF_WORK/settings.json"
  fi
  local match review threshold match_weight
  match=$(wf_threshold_value "$WF_WORK/settings.json" match_weight)
  review=$(wf_threshold_value "$WF_WORK/settings.json" review_weight)
  if [ -n "$WF_THRESHOLD" ]; then
    threshold=$WF_THRESHOLD
    match_weight=$WF_THRESHOLD
  else
    [ -n "$match" ] || wf_usage_error "the settings have no thresholds.match_weight: give --threshold"
    threshold=$match
    match_weight=${review:-$match}
  fi
  local cluster_args=()
  for f in "${WF_CANNOT_LINK[@]}"; do cluster_args+=("--cannot-link=$f"); done
  [ -z "$WF_MAX_CLUSTER_SIZE" ] || cluster_args+=("--max-cluster-size=$WF_MAX_CLUSTER_SIZE")

  cp "$WF_HERE/vnlink-stage.sh" "$WF_WORK/bin/vnlink-stage.sh"
  chmod +x "$WF_WORK/bin/vnlink-stage.sh"
  VNLINK=$WF_VNLINK SHARDS=$WF_SHARDS SEED=$WF_SEED CPUS=$WF_CPUS
  THRESHOLD=$threshold MATCH_WEIGHT=$match_weight OUTPUT=$WF_OUTPUT
  INPUTS=("${abs_inputs[@]}") NORMALIZE_ARGS=("${norm[@]}") CLUSTER_ARGS=("${cluster_args[@]}")
  local tmp
  tmp=$(mktemp "$WF_WORK/.run.conf.XXXXXX")
  {
    echo "# written by ${WF_PROG:-vnlink-workflow} on $(date -u +%FT%TZ); read by bin/vnlink-stage.sh"
    # declare -g: run.conf is also sourced inside a function (wf_prepare of a rerun).
    declare -p VNLINK SHARDS SEED CPUS THRESHOLD MATCH_WEIGHT OUTPUT INPUTS NORMALIZE_ARGS \
      CLUSTER_ARGS | sed -E 's/^declare -(-|([a-zA-Z]+)) /declare -g\2 /'
  } > "$tmp"
  mv -f "$tmp" "$WF_WORK/run.conf"
}
