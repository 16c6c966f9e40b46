#!/usr/bin/env python3
"""Writes realistic normalized Vietnamese-like canonical records (the TSV of
man/vnlink-formats.5) for benchmarks: people drawn from Vietnamese surname, middle-name and
given-name frequencies, each copied 1-3 times with typical errors (tone marks lost, a typo,
day and month swapped, a missing phone, a changed phone digit).

    gen_records.py N SEED > records.tsv
"""
import random
import sys
import unicodedata

FAMILY = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 4),
          ("Phan", 4.5), ("Vũ", 3.9), ("Võ", 3), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4),
          ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5), ("Đinh", 0.6), ("Trương", 0.6),
          ("Lương", 0.4), ("Mai", 0.4)]
MIDDLE_M = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quốc", "Hữu", "Công", "Thành", "Ngọc", "Xuân"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Hồng", "Bích"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Huy", "Khoa", "Long", "Minh", "Nam",
           "Phong", "Phúc", "Quang", "Sơn", "Tài", "Thắng", "Trung", "Tuấn", "Việt", "Hoàng",
           "Đạt", "Hiếu", "Khánh", "Lâm", "Nghĩa", "Toàn", "Vinh", "Duy", "Thịnh"]
GIVEN_F = ["Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Huyền", "Lan", "Linh",
           "Mai", "My", "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Quyên", "Tâm", "Thảo",
           "Thủy", "Trang", "Trinh", "Vân", "Yến", "Hằng", "Loan", "Ly", "Nhi"]
CLASS = {"huynh": "hoang", "vo": "vu"}
TONES = "\u0300\u0301\u0303\u0309\u0323"

def fold(s):
    s = s.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")

def notone(s):
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", s)
                                               if c not in TONES))

def person(rng, i):
    sex = rng.choice("MF")
    fam = rng.choices([f for f, _ in FAMILY], [w for _, w in FAMILY])[0]
    mid = rng.choice(MIDDLE_M if sex == "M" else MIDDLE_F)
    giv = rng.choice(GIVEN_M if sex == "M" else GIVEN_F)
    y, m, d = rng.randint(1940, 2020), rng.randint(1, 12), rng.randint(1, 28)
    prov = rng.randint(1, 96)
    dist = prov * 10 + rng.randint(0, 9)
    return dict(sex=sex, fam=fam, mid=mid, giv=giv, dob=f"{y:04d}-{m:02d}-{d:02d}",
                phone="09" + "".join(rng.choice("0123456789") for _ in range(8)),
                cccd=f"{prov:03d}{rng.randint(0, 1)}{y % 100:02d}{rng.randint(0, 999999):06d}",
                prov=f"{prov:02d}", dist=f"{dist:03d}", comm=f"{dist * 100 + rng.randint(0, 99):05d}")

def record(rng, p, uid, src):
    fam, mid, giv, dob, phone, cccd = p["fam"], p["mid"], p["giv"], p["dob"], p["phone"], p["cccd"]
    r = rng.random()
    full = f"{fam} {mid} {giv}"
    if r < 0.10:
        full = notone(full)  # tone marks lost at entry
    elif r < 0.15:
        k = rng.randrange(len(giv))
        giv = giv[:k] + giv[k + 1:] or giv  # a dropped letter
        full = f"{fam} {mid} {giv}"
    if rng.random() < 0.05 and int(dob[8:]) <= 12:
        dob = dob[:5] + dob[8:] + "-" + dob[5:7]  # day and month swapped
    if rng.random() < 0.2:
        phone = ""
    elif rng.random() < 0.05:
        phone = phone[:-1] + rng.choice("0123456789")
    if rng.random() < 0.5:
        cccd = ""
    parts = full.split(" ")
    exact = full.lower()
    fk, gk = fold(parts[0]).lower(), fold(parts[-1]).lower()
    return [uid, src, full, parts[0], " ".join(parts[1:-1]), parts[-1], exact, notone(exact),
            fold(exact), fk, fold(" ".join(parts[1:-1])).lower(), gk, CLASS.get(fk, fk), p["sex"],
            dob, phone, cccd, "", "", "", "", "", "", "", "", p["comm"], p["dist"], p["prov"], "", "", "", ""]

HEADER = ("unique_id source_dataset full_name family_name middle_name given_name name_exact "
          "name_notone name_fold family_key middle_key given_key family_class sex dob phone cccd "
          "cmnd bhxh bhyt_card house_number alley street street_key hamlet commune_code district_code "
          "province_code commune_code_2025 province_code_2025 address_rest flags").split()

def main():
    n, seed = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    out = sys.stdout
    out.write("\t".join(HEADER) + "\n")
    written, i = 0, 0
    while written < n:
        p = person(rng, i)
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            if written == n:
                break
            rec = record(rng, p, f"r{written:08d}", rng.choice(["BV Bach Mai", "BHXH", "TCMR"]))
            out.write("\t".join(rec) + "\n")
            written += 1
        i += 1

main()
