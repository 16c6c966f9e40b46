#!/usr/bin/env bash
# Throughput of `vnlink normalize` on realistic raw records (synth dedupe schema).
# Usage: scripts/bench/normalize.sh [VNLINK] [ROWS]   (defaults: build/tools/vnlink, 200000)
#        INPUT=awk scripts/bench/normalize.sh ...    (the awk generator: fewer distinct values)
# Prints records/s at 1 thread and at 2 threads (least CPU of RUNS=3 runs each), and, when
# valgrind is installed, the instructions per record (callgrind, 20,000 records, start-up
# excluded): a figure other processes on the machine cannot disturb. Input: `vnlink synth`
# when it exists, else a deterministic awk generator (names, dates, phones, ids, addresses
# drawn from realistic pools, with the usual noise: ALL CAPS, no diacritics, new-style
# tones, TCVN3 and double-UTF-8 mojibake).
set -euo pipefail
VNLINK=${1:-build/tools/vnlink}
ROWS=${2:-200000}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
IN=$TMP/raw.csv

# vnlink synth writes about 1.78 records per person at the default settings; the file is
# cut to ROWS records.
if [ "${INPUT:-synth}" = synth ] && "$VNLINK" synth --help >/dev/null 2>&1 &&
   "$VNLINK" synth --people $((ROWS * 10 / 17 + 100)) --seed 1 -o "$TMP/synth.csv" >/dev/null 2>&1; then
  head -n $((ROWS + 1)) "$TMP/synth.csv" > "$IN"
  echo "input: vnlink synth, $ROWS records"
else
  awk -v rows="$ROWS" 'BEGIN {
    srand(42);
    nf = split("Nguyễn Nguyễn Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trương Đinh", fam, " ");
    nm = split("Văn Thị Văn Thị Hữu Đức Minh Thanh Ngọc Quốc Thu Xuân Hoàng Kim", mid, " ");
    ng = split("An Anh Bình Châu Dũng Dung Giang Hà Hải Hòa Hoà Hùng Hương Khánh Lan Linh Long Mai Minh Nam Nga Phúc Phương Quân Sơn Tâm Thảo Thủy Thuỷ Trang Tuấn Vy Yến", giv, " ");
    nc = split("Phường Bến Nghé, Quận 1, TP.HCM|Xã Tân Phú, Huyện Cai Lậy, Tiền Giang|P. Láng Hạ, Q. Đống Đa, Hà Nội|Phường 5, Quận 10, Thành phố Hồ Chí Minh|Xã Hòa Khánh, Huyện Cái Bè, Tỉnh Tiền Giang|Thị trấn Phùng, Đan Phượng, HN", com, "|");
    nsrc = split("BV Bach Mai|BHXH|TCMR", src, "|");
    print "ma_ho_so,nguon,ho_ten,ngay_sinh,gioi_tinh,dia_chi,so_dien_thoai,so_cccd,so_cmnd,ma_the_bhyt";
    for (i = 1; i <= rows; i++) {
      f = fam[int(rand() * nf) + 1]; m = mid[int(rand() * nm) + 1]; g = giv[int(rand() * ng) + 1];
      name = f " " m " " g;
      r = rand();
      if (r < 0.1) name = toupper(name);
      else if (r < 0.13) name = "Nguyá»…n " m " " g;
      else if (r < 0.15) name = "NguyÔn V¨n " g;
      y = 1940 + int(rand() * 80); mo = 1 + int(rand() * 12); d = 1 + int(rand() * 28);
      dob = (rand() < 0.5) ? sprintf("%02d/%02d/%d", d, mo, y) : sprintf("%d-%02d-%02d", y, mo, d);
      if (rand() < 0.05) dob = y;
      sex = (m == "Thị") ? "Nữ" : "Nam";
      addr = sprintf("%d %s %s", 1 + int(rand() * 200), (rand() < 0.5 ? "Lê Lợi," : "Trần Hưng Đạo,"), com[int(rand() * nc) + 1]);
      phone = sprintf("09%08d", int(rand() * 100000000));
      cccd = sprintf("0%02d%d%02d%06d", 1 + int(rand() * 90), (sex == "Nữ"), y % 100, int(rand() * 1000000));
      bhyt = sprintf("HS4%02d%010d", 1 + int(rand() * 90), int(rand() * 10000000000));
      printf "R%07d,%s,%s,%s,%s,\"%s\",%s,%s,,%s\n", i, src[int(rand() * nsrc) + 1], name, dob, sex, addr, phone, cccd, bhyt;
    }
  }' > "$IN"
  echo "input: awk generator, $ROWS records"
fi

# CPU seconds (user + sys) and peak RSS (MB, when /usr/bin/time exists) of one run; the
# machine is shared, so CPU time, not wall time, is the figure per core. The one-off
# start-up (embedded tables, gazetteer index) is measured on a one-record file and reported
# apart.
run() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%U %S %M' "$VNLINK" normalize --quiet --reference-year 2026 "$@" 2>&1 \
      >/dev/null | tail -1 | awk '{ printf "%.3f %d\n", $1 + $2, $3 / 1024 }'
  else
    local TIMEFORMAT='%3U %3S'
    { time "$VNLINK" normalize --quiet --reference-year 2026 "$@" >/dev/null 2>&1; } 2>&1 |
      awk '{ printf "%.3f ?\n", $1 + $2 }'
  fi
}
head -2 "$IN" > "$TMP/one.csv"
startup=$(run --threads 1 -o "$TMP/one.tsv" "$TMP/one.csv" | cut -d' ' -f1)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "start-up: ${startup} s CPU"
# The least CPU (and least wall) of RUNS runs: other machines' load on the host moves one
# run's figure by 20% or more.
for t in 1 2; do
  best_c="" best_w="" rss=""
  for _ in $(seq "${RUNS:-3}"); do
    start=$(date +%s.%N)
    read -r c rss < <(run --threads "$t" -o "$TMP/out.tsv" "$IN")
    end=$(date +%s.%N)
    w=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
    best_c=$(awk -v a="$best_c" -v b="$c" 'BEGIN { print (a == "" || b < a) ? b : a }')
    best_w=$(awk -v a="$best_w" -v b="$w" 'BEGIN { print (a == "" || b < a) ? b : a }')
  done
  awk -v n="$ROWS" -v c="$best_c" -v s0="$startup" -v w="$best_w" -v t="$t" -v m="$rss" -v r="${RUNS:-3}" 'BEGIN {
    printf "threads=%d  wall %.2f s  cpu %.2f s (least of %d runs)  %.0f records/s wall  %.0f records/s per CPU-second (start-up excluded: %.0f)  peak RSS %s MB\n",
      t, w, c, r, n / w, n / c, n / (c - s0), m }'
done

# Instructions per record: deterministic, so a change can be judged on a busy machine.
if command -v valgrind >/dev/null 2>&1; then
  head -n 20001 "$IN" > "$TMP/20k.csv"
  instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$VNLINK" normalize --quiet \
      --reference-year 2026 --threads 1 -o /dev/null "$1" 2>&1 | awk '/Collected/ { print $4 }'
  }
  a=$(instructions "$TMP/one.csv")
  b=$(instructions "$TMP/20k.csv")
  n=$(($(wc -l < "$TMP/20k.csv") - 1))
  awk -v a="$a" -v b="$b" -v n="$n" 'BEGIN {
    printf "instructions: %.0f per record (valgrind, first %d records, start-up of %.0f M excluded)\n",
      (b - a) / n, n, a / 1e6 }'
fi
