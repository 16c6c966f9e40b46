#!/usr/bin/env python3
"""Synthetic canonical records (vnlink-formats(5) columns) for the train benchmark and the
train golden tests: households sharing a phone, a commune and usually a family name
(wives keep theirs), persons with one to three records carrying the errors registries
have (given-name typos, a wrong or partial birth date, missing phone or ids).

Usage: train_records.py N_RECORDS SEED RECORDS.tsv TRUTH.csv
"""
import random
import sys

FAMILY = [("nguyen", 38), ("tran", 11), ("le", 9.5), ("pham", 7), ("hoang", 5), ("phan", 4.5),
          ("vu", 3.9), ("dang", 2.1), ("bui", 2), ("do", 1.4), ("ho", 1.3), ("ngo", 1.3),
          ("duong", 1), ("ly", 0.5), ("truong", 1.2), ("dinh", 1), ("mai", 0.5), ("trinh", 0.6),
          ("lam", 0.5), ("luong", 0.5), ("ha", 0.4), ("cao", 0.4), ("ta", 0.3), ("kieu", 0.2)]
MIDDLE_M = ["van", "duc", "huu", "minh", "quoc", "thanh", "cong", "dinh", "xuan", "ngoc"]
MIDDLE_F = ["thi", "ngoc", "thu", "thanh", "kim", "thi", "thi", "my", "bich", "hong"]
GIVEN_M = ["an", "binh", "cuong", "dung", "duc", "giang", "hai", "hieu", "hoang", "hung", "huy",
           "khanh", "khoa", "kien", "long", "minh", "nam", "phong", "phuc", "quang", "quan",
           "son", "tai", "thang", "thanh", "tien", "toan", "trung", "tuan", "tung", "viet", "vinh"]
GIVEN_F = ["anh", "chi", "dung", "giang", "ha", "hanh", "hoa", "hong", "huong", "huyen", "lan",
           "linh", "loan", "mai", "my", "nga", "ngoc", "nhung", "oanh", "phuong", "quynh", "tam",
           "thao", "thu", "thuy", "trang", "tuyet", "uyen", "van", "xuan", "yen", "hien"]
COLUMNS = ["unique_id", "source_dataset", "full_name", "family_key", "middle_key", "given_key",
           "name_fold", "sex", "dob", "phone", "cccd", "commune_code"]
SOURCES = ["BV Bach Mai", "BHXH", "TCMR"]


def main():
    n, seed, out_path, truth_path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    rng = random.Random(seed)
    families = [f for f, _ in FAMILY]
    weights = [w for _, w in FAMILY]
    communes = ["%05d" % rng.randrange(100, 32000) for _ in range(max(50, n // 400))]

    def typo(s):
        i = rng.randrange(len(s))
        return s[:i] + rng.choice("abcdeghiklmnopqrstuvxy") + s[i + 1:]

    records, truth = [], []
    person = 0
    while len(records) < n:
        family = rng.choices(families, weights)[0]
        phone = "09%08d" % rng.randrange(10 ** 8)
        commune = rng.choice(communes)
        used = set()
        for k in range(rng.randint(1, 5)):
            person += 1
            sex = rng.choice("MF")
            own_family = rng.choices(families, weights)[0] if k == 1 and rng.random() < 0.9 else family
            given = rng.choice(GIVEN_M if sex == "M" else GIVEN_F)
            while given in used:
                given = rng.choice(GIVEN_M if sex == "M" else GIVEN_F)
            used.add(given)
            middle = rng.choice(MIDDLE_M if sex == "M" else MIDDLE_F)
            dob = "%04d-%02d-%02d" % (rng.randrange(1930, 2024), rng.randint(1, 12), rng.randint(1, 28))
            cccd = "0%02d%d%08d" % (rng.randrange(1, 97), rng.randint(0, 3), rng.randrange(10 ** 8))
            copies = rng.choices([1, 2, 3], [0.55, 0.35, 0.10])[0]
            for c in range(copies):
                if len(records) >= n:
                    break
                g, d, p, i = given, dob, phone, cccd
                if c > 0:
                    if rng.random() < 0.06:
                        g = typo(g)
                    r = rng.random()
                    if r < 0.03:
                        d = d[:4]
                    elif r < 0.06:
                        d = "%s-%s-%s" % (d[:4], d[8:10], d[5:7]) if int(d[8:10]) <= 12 else d[:4] + "-01-01"
                if rng.random() < 0.25:
                    p = ""
                if rng.random() < 0.45:
                    i = ""
                uid = "R%07d" % (len(records) + 1)
                fold = " ".join([own_family, middle, g])
                records.append([uid, rng.choice(SOURCES), fold.title(), own_family, middle, g, fold,
                                sex, d, p, i, commune if rng.random() > 0.05 else ""])
                truth.append((uid, "P%07d" % person))
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for r in records:
            f.write("\t".join(r) + "\n")
    with open(truth_path, "w", encoding="utf-8") as f:
        f.write("unique_id,person_id\n")
        for uid, pid in truth:
            f.write("%s,%s\n" % (uid, pid))


if __name__ == "__main__":
    main()
