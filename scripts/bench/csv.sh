#!/usr/bin/env bash
# Benchmark: read CSV and write TSV with `vnlink cat` on one thread. Prints MB/s, with and
# without the fsync of the output file.
# Usage: scripts/bench/csv.sh [SIZE_MB] [VNLINK]   (default 1024 MB, build/tools/vnlink)
# The input mimics a patient export: ten columns of Vietnamese text, one field in five
# quoted, one in fifty with an embedded comma and doubled quotes.
set -euo pipefail
cd "$(dirname "$0")/../.."
size_mb=${1:-1024}
vnlink=${2:-build/tools/vnlink}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Build a 4 MB block once, then repeat it to the wanted size (generation stays cheap).
awk 'BEGIN {
  srand(7);
  split("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý", fam, " ");
  split("Văn Thị Hữu Đức Minh Ngọc Thanh Quốc", mid, " ");
  split("An Bình Cường Dũng Hà Hạnh Hùng Hương Lan Linh Mai Nam Phúc Thảo Trang Tuấn", giv, " ");
  print "ma_ho_so,nguon,ho_ten,ngay_sinh,gioi_tinh,dia_chi,so_dien_thoai,so_cccd,so_cmnd,ma_the_bhyt";
  bytes = 0; i = 0;
  while (bytes < 4 * 1024 * 1024) {
    i++;
    name = fam[int(rand()*16)+1] " " mid[int(rand()*8)+1] " " giv[int(rand()*16)+1];
    if (rand() < 0.2) name = "\"" name "\"";
    addr = int(rand()*200) "/" int(rand()*50) " Nguyễn Chí Thanh, P. Ngọc Khánh, Q. Ba Đình, Hà Nội";
    addr = (rand() < 0.02) ? "\"Số " int(rand()*99) ", \"\"Hẻm\"\" 5, Q.3, TPHCM\"" : "\"" addr "\"";
    line = sprintf("R%08d,BV Bạch Mai,%s,%02d/%02d/%04d,%s,%s,09%08d,0%011d,%09d,HS40101%08d",
                   i, name, int(rand()*28)+1, int(rand()*12)+1, 1930+int(rand()*90),
                   (rand()<0.5?"Nam":"Nữ"), addr, int(rand()*1e8), int(rand()*1e11),
                   int(rand()*1e9), int(rand()*1e8));
    print line; bytes += length(line) + 1;
  }
}' >"$work/block.csv"
header=$(head -1 "$work/block.csv")
tail -n +2 "$work/block.csv" >"$work/body.csv"
set +o pipefail  # head closes the pipe early on purpose
{
  echo "$header"
  reps=$(( size_mb / 4 + 1 ))
  for _ in $(seq "$reps"); do cat "$work/body.csv"; done
} | head -c "$((size_mb * 1024 * 1024))" | sed '$d' >"$work/in.csv"
set -o pipefail
bytes=$(stat -c %s "$work/in.csv")

# Twice: to a file (-o: temporary file, fsync, rename, the durable default), and to standard
# output redirected to a file (no fsync); the difference is what fsync costs.
run() {  # LABEL, then the output arguments
  local label=$1
  shift
  rm -f "$work/out.tsv"
  local start end user sys
  start=$(date +%s.%N)
  if [ "$1" = "-" ]; then
    /usr/bin/time -f "%U %S" -o "$work/cpu" "$vnlink" cat --threads 1 "$work/in.csv" >"$work/out.tsv"
  else
    /usr/bin/time -f "%U %S" -o "$work/cpu" "$vnlink" cat --threads 1 "$work/in.csv" -o "$work/out.tsv"
  fi
  end=$(date +%s.%N)
  read -r user sys <"$work/cpu"
  awk -v l="$label" -v b="$bytes" -v s="$start" -v e="$end" -v u="$user" -v k="$sys" 'BEGIN {
    t = e - s; c = u + k
    printf "csv->tsv %s: %.0f MB in %.2f s wall = %.0f MB/s; %.2f s CPU (%.2f user + %.2f sys) = %.0f MB/s per core\n",
           l, b/1e6, t, b/1e6/t, c, u, k, b/1e6/c }'
}
run "-o file (fsync)  " -o
run "> stdout (no sync)" -
