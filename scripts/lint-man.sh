#!/usr/bin/env bash
# Checks the man pages against the binary: every subcommand listed by `vnlink --help` has
# man/vnlink-CMD.1 with NAME, SYNOPSIS, DESCRIPTION, OPTIONS and EXIT STATUS sections, its
# SYNOPSIS names `vnlink CMD`, and the long options tagged in its OPTIONS section are exactly
# those `vnlink CMD --help` prints; man/vnlink.1 lists every subcommand.
# Usage: scripts/lint-man.sh VNLINK MANDIR
set -uo pipefail
vnlink=$1
man=$2
fail=0
problem() { echo "lint-man: $*"; fail=1; }

commands=$("$vnlink" --help | awk '/^Commands:/{on=1; next} on && /^  [a-z]/{print $1} on && /^$/{on=0}')
[ -n "$commands" ] || { echo "lint-man: no commands in 'vnlink --help'"; exit 1; }
[ -f "$man/vnlink.1" ] || problem "missing $man/vnlink.1"

count=0
for cmd in $commands; do
  count=$((count + 1))
  page="$man/vnlink-$cmd.1"
  if [ ! -f "$page" ]; then problem "missing $page"; continue; fi
  for section in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS"; do
    grep -Eq "^\.SH \"?$section\"?\$" "$page" || problem "$page: no .SH $section section"
  done
  awk '/^\.SH "?SYNOPSIS"?/{on=1; next} /^\.SH/{on=0} on' "$page" | grep -Eq "vnlink.*$cmd" ||
    problem "$page: SYNOPSIS does not show 'vnlink $cmd'"
  grep -Eq "^\.TH \"?VNLINK-${cmd^^}\"? 1" "$page" || problem "$page: .TH must be 'VNLINK-${cmd^^} 1'"
  grep -q "\\\\fB$cmd\\\\fR\|vnlink-$cmd\|\\b$cmd\\b" "$man/vnlink.1" 2>/dev/null ||
    problem "$man/vnlink.1 does not mention '$cmd'"

  help_opts=$("$vnlink" "$cmd" --help | grep -Eo '^  (-[A-Za-z0-9] \[ )?--[a-z0-9][a-z0-9-]*' |
    grep -Eo -- '--[a-z0-9-]+' | sort -u)
  # Tag lines are the line after each .TP in the OPTIONS section; '\-\-name' is an option.
  man_opts=$(awk '/^\.SH "?OPTIONS"?/{on=1; next} /^\.SH/{on=0}
                  on && tag {print; tag=0} on && /^\.TP/{tag=1}' "$page" |
    sed 's/\\-/-/g' | grep -Eo -- '--[a-z0-9][a-z0-9-]*' | sort -u)
  only_help=$(comm -23 <(echo "$help_opts") <(echo "$man_opts") | tr '\n' ' ')
  only_man=$(comm -13 <(echo "$help_opts") <(echo "$man_opts") | tr '\n' ' ')
  [ -z "${only_help// /}" ] || problem "$page: options in --help but not in OPTIONS: $only_help"
  [ -z "${only_man// /}" ] || problem "$page: options in OPTIONS but not in --help: $only_man"
done
for page in "$man"/vnlink-*.1; do
  c=$(basename "$page" .1); c=${c#vnlink-}
  echo "$commands" | grep -qx "$c" || problem "$page documents '$c', which vnlink does not have"
done
if [ $fail = 0 ]; then echo "$count passed, 0 failed"; else echo "0 passed, 1 failed"; fi
exit $fail
