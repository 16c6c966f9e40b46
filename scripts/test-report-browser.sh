#!/usr/bin/env bash
# Renders a real `vnlink report` in a real browser (headless Debian chromium) and checks it:
#   - the HTML is well-formed (xmllint, as XML: the report is XHTML-compatible HTML5) and
#     references nothing outside itself (no http(s) or protocol-relative src/href/url());
#   - chromium parses it (the dumped DOM holds every section and the Vietnamese text intact)
#     and logs no console error;
#   - the screenshot is not blank (file size, and distinct colours when python3 is present).
# chromium and xmllint are installed with apt-get when missing (the test runs as root in CI).
# Usage: scripts/test-report-browser.sh VNLINK [KEEP_DIR]
#   KEEP_DIR: also copy report.html and report.png there (to look at them).
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 VNLINK [KEEP_DIR]" >&2; exit 2; }
vnlink=$(readlink -f "$1")
keep=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "test-report-browser: $*" >&2; exit 1; }

need() {  # need COMMAND PACKAGE
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "test-report-browser: installing $2" >&2
  apt-get install -y "$2" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; } ||
    fail "cannot install $2"
}
need chromium chromium
need xmllint libxml2-utils

# A realistic small run: 1000 generated Vietnamese patient records, the benchmark model,
# pairs from vnlink match, clusters as connected components of the links (union-find).
model=$root/testdata/match/people_model.json
records=$root/testdata/match/people.tsv
threshold=20 review=8
"$vnlink" match -m "$model" --quiet --threshold-weight -5 "$records" -o "$work/pairs.tsv"
awk -F'\t' -v t=$threshold '
  function find(x) { while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x] } return x }
  FNR == 1 { next }
  NR == FNR { parent[$1] = $1; next }
  $3 >= t { a = find($1); b = find($2); if (a < b) parent[b] = a; else if (b < a) parent[a] = b }
  END { for (id in parent) print id "\t" find(id) }' "$records" "$work/pairs.tsv" |
  sort | { printf 'unique_id\tcluster_id\n'; cat; } > "$work/clusters.tsv"
"$vnlink" report -q -m "$model" -p "$work/pairs.tsv" -c "$work/clusters.tsv" -r "$records" \
  --rejects "$root/testdata/report/rejects.tsv" --threshold $threshold --review-threshold $review \
  --title "Báo cáo đối soát: hồ sơ bệnh nhân" -o "$work/report.html" --review-queue "$work/queue.tsv"
html=$work/report.html

# Well-formed, self-contained.
xmllint --noout "$html" || fail "report.html is not well-formed"
if grep -Eo '(src|href)="(https?:)?//[^"]*"|url\([^)]*\)|@import|<script' "$html" | grep -q .; then
  fail "report.html references something outside itself: $(grep -Eo '(src|href)="(https?:)?//[^"]*"|url\([^)]*\)|@import|<script' "$html" | head -3)"
fi
[ "$(tail -n +2 "$work/queue.tsv" | wc -l)" -gt 0 ] || fail "the review queue is empty"

browser() {
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$(mktemp -d -p "$work")" \
    --enable-logging=stderr --v=0 "$@"
}
# Parsed by the browser, with no console error.
browser --dump-dom "file://$html" > "$work/dom.html" 2> "$work/dom.log" || fail "chromium --dump-dom failed: $(tail -5 "$work/dom.log")"
for text in "Model" "Match weights" "Clusters" "Clerical review queue" "Links near the threshold" \
  "Missing values per column" "Rows rejected by normalize" "Báo cáo đối soát: hồ sơ bệnh nhân" "Nguyễn"; do
  grep -qF "$text" "$work/dom.html" || fail "the rendered DOM lacks '$text'"
done
if grep -E 'CONSOLE|Uncaught|ERROR:.*(Refused|net::ERR)' "$work/dom.log" | grep -q .; then
  fail "console errors: $(grep -E 'CONSOLE|Uncaught|net::ERR' "$work/dom.log" | head -5)"
fi

# A screenshot that is not blank.
browser --hide-scrollbars --window-size=1280,4000 --screenshot="$work/report.png" "file://$html" \
  > "$work/shot.log" 2>&1 || fail "chromium --screenshot failed: $(tail -5 "$work/shot.log")"
[ -s "$work/report.png" ] || fail "no screenshot written"
size=$(stat -c %s "$work/report.png")
[ "$size" -gt 40000 ] || fail "the screenshot is suspiciously small ($size bytes): blank page?"
if command -v python3 >/dev/null 2>&1; then
  colours=$(python3 - "$work/report.png" <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
pos, idat, w, h, ctype = 8, b"", 0, 0, 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
bpp = {2: 3, 6: 4}[ctype]
raw, stride, prev, seen = zlib.decompress(idat), w * bpp, bytearray(w * bpp), set()
for y in range(0, min(h, 1000)):  # the top of the page is enough, and fast
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    if y % 8 == 0:
        for x in range(0, w, 4):
            seen.add(bytes(line[x * bpp:x * bpp + 3]))
print(len(seen))
EOF
)
  [ "$colours" -gt 50 ] || fail "the screenshot has only $colours distinct colours: blank page?"
fi
if [ -n "$keep" ]; then
  mkdir -p "$keep" && cp "$html" "$work/report.png" "$work/queue.tsv" "$keep/"
fi
echo "test-report-browser: ok ($(stat -c %s "$html") bytes of HTML, screenshot $size bytes${colours:+, $colours colours})"
