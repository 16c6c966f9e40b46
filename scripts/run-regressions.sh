#!/usr/bin/env bash
# Golden-file CLI tests: runs every test of the given .reg files and compares its stdout,
# stderr and exit code with the expected files.
#
# Usage: scripts/run-regressions.sh [--vnlink PATH] [--threads N] [--redo] REG...
#
# A .reg file (testdata/<name>.reg) holds one test per line, '#' starts a comment:
#     <test-name> <exit-code> <shell command>
# The command runs under bash in testdata/<name>/ with $VNLINK (the binary), $TMP (a fresh
# empty directory) and VNLINK_THREADS set. Its stdout and stderr must equal
# testdata/<name>/expected/<test-name>.out and .err (the path of $TMP is written as $TMP).
# Without --threads every test runs at 1 and at 4 threads against the same golden files.
# On a mismatch the actual output is kept beside the golden file as .out.new / .err.new.
# --redo rewrites the golden files from the actual output (read them before committing).
set -uo pipefail

vnlink=""
threads_list="1 4"
redo=0
regs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --vnlink) vnlink=$2; shift 2 ;;
    --threads) threads_list=$2; shift 2 ;;
    --redo) redo=1; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run-regressions.sh: unknown option '$1'" >&2; exit 2 ;;
    *) regs+=("$1"); shift ;;
  esac
done
if [ -z "$vnlink" ]; then
  vnlink="$(cd "$(dirname "$0")/.." && pwd)/build/tools/vnlink"
fi
vnlink=$(readlink -f "$vnlink")
[ -x "$vnlink" ] || { echo "run-regressions.sh: no vnlink binary at '$vnlink'" >&2; exit 2; }
[ ${#regs[@]} -gt 0 ] || { echo "run-regressions.sh: no .reg file given" >&2; exit 2; }

passed=0
failed=0
for reg in "${regs[@]}"; do
  reg=$(readlink -f "$reg")
  dir="${reg%.reg}"
  [ -d "$dir" ] || { echo "run-regressions.sh: no directory '$dir' for '$reg'" >&2; exit 2; }
  mkdir -p "$dir/expected"
  lineno=0
  while IFS= read -r line || [ -n "$line" ]; do
    lineno=$((lineno + 1))
    case "$line" in ''|'#'*) continue ;; esac
    read -r name want_rc cmd <<<"$line"
    if [ -z "${cmd:-}" ] || ! [[ "$want_rc" =~ ^[0-9]+$ ]]; then
      echo "run-regressions.sh: $reg:$lineno: expected '<name> <exit-code> <command>'" >&2
      exit 2
    fi
    for threads in $threads_list; do
      tmp=$(mktemp -d)
      (cd "$dir" && VNLINK="$vnlink" TMP="$tmp" VNLINK_THREADS="$threads" \
        bash -c "$cmd") >"$tmp.out" 2>"$tmp.err" </dev/null
      rc=$?
      sed -i "s|$tmp|\$TMP|g" "$tmp.out" "$tmp.err"
      exp="$dir/expected/$name"
      if [ "$redo" = 1 ]; then
        cp "$tmp.out" "$exp.out"; cp "$tmp.err" "$exp.err"
        rm -f "$exp.out.new" "$exp.err.new"
      fi
      ok=1
      why=""
      if [ "$rc" != "$want_rc" ]; then ok=0; why="exit code $rc, expected $want_rc"; fi
      if ! cmp -s "$tmp.out" "$exp.out" 2>/dev/null; then ok=0; why="${why:+$why; }stdout differs"; fi
      if ! cmp -s "$tmp.err" "$exp.err" 2>/dev/null; then ok=0; why="${why:+$why; }stderr differs"; fi
      if [ "$ok" = 1 ]; then
        passed=$((passed + 1))
        rm -f "$exp.out.new" "$exp.err.new"
      else
        failed=$((failed + 1))
        echo "FAIL $(basename "$reg"):$lineno $name (threads $threads): $why"
        cp "$tmp.out" "$exp.out.new"; cp "$tmp.err" "$exp.err.new"
        for s in out err; do
          if ! cmp -s "$tmp.$s" "$exp.$s" 2>/dev/null; then
            diff -u "$exp.$s" "$tmp.$s" 2>&1 | head -20 | sed 's/^/    /'
          fi
        done
      fi
      rm -rf "$tmp" "$tmp.out" "$tmp.err"
    done
  done <"$reg"
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
