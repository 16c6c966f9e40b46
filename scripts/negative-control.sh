#!/usr/bin/env bash
# Proves the golden harness can fail: a test whose golden stdout is wrong, one whose stderr
# is wrong and one whose exit code is wrong must each make run-regressions.sh fail, and the
# same tests with correct goldens must pass.
# Usage: scripts/negative-control.sh VNLINK
set -uo pipefail
vnlink=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/neg/expected"
printf 'id,name\n1,An\n' >"$work/neg/in.csv"

expect_status() {  # expect_status WANT REG-LINE OUT ERR
  local want=$1 line=$2
  printf '%s\n' "$line" >"$work/neg.reg"
  printf '%b' "$3" >"$work/neg/expected/t.out"
  printf '%b' "$4" >"$work/neg/expected/t.err"
  bash "$here/run-regressions.sh" --vnlink "$vnlink" --threads 1 "$work/neg.reg" >/dev/null 2>&1
  local rc=$?
  if { [ "$want" = pass ] && [ $rc != 0 ]; } || { [ "$want" = fail ] && [ $rc = 0 ]; }; then
    echo "negative control: expected the harness to $want on: $line (out='$3' err='$4')"
    exit 1
  fi
}

expect_status pass 't 0 $VNLINK cat in.csv' 'id\tname\n1\tAn\n' ''
expect_status fail 't 0 $VNLINK cat in.csv' 'id\tname\n1\tAm\n' ''
expect_status fail 't 0 $VNLINK cat in.csv' 'id\tname\n1\tAn\n' 'unexpected\n'
expect_status fail 't 1 $VNLINK cat in.csv' 'id\tname\n1\tAn\n' ''
expect_status pass 't 1 $VNLINK cat missing.csv' '' "vnlink cat: cannot open 'missing.csv': No such file or directory\n"
echo "1 passed, 0 failed"
