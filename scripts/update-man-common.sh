#!/usr/bin/env bash
# Copies man/common-options.inc into every subcommand page, between the lines
#   .\" BEGIN COMMON OPTIONS
#   .\" END COMMON OPTIONS
# (inserted before .SH "EXIT STATUS" when a page has no such block). Man pages are read
# alone once installed, so the common options are written into each page rather than
# included. With --check, changes nothing and fails when a page is out of date.
set -euo pipefail
man=$(cd "$(dirname "$0")/../man" && pwd)
check=0
[ "${1:-}" = --check ] && check=1
stale=0
for page in "$man"/vnlink-*.1; do
  new=$(awk -v inc="$man/common-options.inc" '
    function block() { print ".\\\" BEGIN COMMON OPTIONS"; while ((getline l < inc) > 0) print l;
                       close(inc); print ".\\\" END COMMON OPTIONS"; done = 1 }
    /^\.\\" BEGIN COMMON OPTIONS/ { skip = 1; next }
    /^\.\\" END COMMON OPTIONS/ { skip = 0; block(); next }
    skip { next }
    /^\.SH "?EXIT STATUS"?/ && !done && !seen_end { block() }
    { print }
  ' "$page")
  if [ "$new" != "$(cat "$page")" ]; then
    stale=1
    if [ $check = 1 ]; then echo "update-man-common: $page is out of date (run scripts/update-man-common.sh)";
    else printf '%s\n' "$new" >"$page"; fi
  fi
done
[ $check = 0 ] || [ $stale = 0 ]
