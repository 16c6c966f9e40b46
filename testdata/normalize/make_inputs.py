#!/usr/bin/env python3
"""Writes the raw inputs of testdata/normalize.reg (deterministic; rerun after editing).

Real-world shapes: hospital exports (synth dedupe schema), an insurance export (synth link
schema B), a TSV with Vietnamese headers, JSON Lines with English keys, a file that needs
an explicit mapping, and broken files. Mojibake is produced with the legacy tables of
normalizers/data, exactly as a mis-read file shows it.
"""
import csv, json, random, os

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', '..', 'normalizers', 'data')

def table(name, key, val):
    with open(os.path.join(DATA, name), encoding='utf-8') as f:
        return list(csv.DictReader(f))

def cp1252_bytes_to_text(bs):
    out = []
    for b in bs:
        try:
            out.append(bytes([b]).decode('cp1252'))
        except UnicodeDecodeError:
            out.append(chr(b))  # undefined bytes survive as C1 controls
    return ''.join(out)

TCVN3 = {chr(int(r['unicode'][2:], 16)): int(r['byte_hex'], 16)
         for r in table('legacy_tcvn3.csv', 0, 0) if r['in_tcvn3_vn3'] == '1' and r['unicode']}
VNI = {chr(int(r['unicode'][2:], 16)): bytes(int(x, 16) for x in r['vni_bytes_hex'].split())
       for r in table('legacy_vni_windows.csv', 0, 0)}
VISCII = {chr(int(r['unicode'][2:], 16)): int(r['byte_hex'], 16)
          for r in table('legacy_viscii.csv', 0, 0) if r['unicode']}

def tcvn3(s):
    bs = bytearray()
    for ch in s:
        if ord(ch) < 0x80: bs.append(ord(ch)); continue
        if ch in TCVN3: bs.append(TCVN3[ch]); continue
        lo = ch.lower()  # capital fonts: toned capitals are typed as lower-case bytes
        bs.append(TCVN3[lo])
    return cp1252_bytes_to_text(bytes(bs))

def vni(s):
    bs = bytearray()
    for ch in s:
        bs += VNI[ch] if ch in VNI else ch.encode('ascii')
    return cp1252_bytes_to_text(bytes(bs))

def cp1258(s):
    import unicodedata
    tones = '\u0300\u0301\u0303\u0309\u0323'
    bs = b''
    for ch in unicodedata.normalize('NFC', s):
        try:
            bs += ch.encode('cp1258')
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize('NFD', ch)
        base = unicodedata.normalize('NFC', ''.join(c for c in d if c not in tones))
        bs += base.encode('cp1258') + ''.join(c for c in d if c in tones).encode('cp1258')
    return cp1252_bytes_to_text(bs)

def viscii(s):
    bs = bytearray(VISCII[ch] if ch in VISCII else ord(ch) for ch in s)
    return cp1252_bytes_to_text(bytes(bs))

def double_utf8(s, page='cp1252'):
    if page == 'cp1258':
        return s.encode('utf-8').decode('cp1258', errors='strict')
    return cp1252_bytes_to_text(s.encode('utf-8'))

rng = random.Random(20261125)
FAMILY = ['Nguyễn'] * 8 + ['Trần'] * 3 + ['Lê'] * 3 + ['Phạm'] * 2 + [
    'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý',
    'Trương', 'Đinh', 'Đoàn', 'Lương', 'Mai', 'Cao', 'Tạ', 'Châu']
MALE_MID = ['Văn', 'Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Xuân', 'Đình']
FEMALE_MID = ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Mỹ', 'Hồng', 'Thị Thu']
MALE = ['An', 'Bình', 'Cường', 'Dũng', 'Đức', 'Hải', 'Hùng', 'Khánh', 'Long', 'Minh', 'Nam',
        'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thắng', 'Tuấn', 'Việt', 'Hòa', 'Thụy', 'Toàn', 'Khoa']
FEMALE = ['Anh', 'Châu', 'Dung', 'Giang', 'Hà', 'Hằng', 'Hoa', 'Hương', 'Lan', 'Linh',
          'Mai', 'Ngọc', 'Nhung', 'Phương', 'Thảo', 'Thủy', 'Trang', 'Vy', 'Yến', 'Hòa', 'Thúy']
NEW_STYLE = {'Hòa': 'Hoà', 'Thủy': 'Thuỷ', 'Thụy': 'Thuỵ', 'Thúy': 'Thuý'}
COMMUNES = [
    ('Phường Bến Nghé', 'Quận 1', 'TP. Hồ Chí Minh'), ('Phường 9', 'Quận 3', 'TP.HCM'),
    ('Phường Láng Hạ', 'Quận Đống Đa', 'Hà Nội'), ('Xã Tân Phú', 'Huyện Cai Lậy', 'Tiền Giang'),
    ('Phường Hòa Khánh Bắc', 'Quận Liên Chiểu', 'Đà Nẵng'), ('Xã Hoà Định', 'Huyện Chợ Gạo', 'Tiền Giang'),
    ('Thị trấn Phùng', 'Huyện Đan Phượng', 'Hà Nội'), ('Phường Vĩnh Ninh', 'Quận Thuận Hoá', 'TP. Huế'),
    ('Phường Thuỷ Châu', 'Thị xã Hương Thủy', 'Thừa Thiên Huế'), ('Phường An Hòa', 'Quận Ninh Kiều', 'Cần Thơ'),
    ('Phường Ba Đình', '', 'Thành phố Hà Nội'), ('Xã Hòa Vang', '', 'Đà Nẵng')]
STREETS = ['Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Trãi', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Điện Biên Phủ']
SOURCES = ['BV Bạch Mai', 'BV Chợ Rẫy', 'TCMR', 'BHXH']

def person(i):
    male = rng.random() < 0.5
    fam = rng.choice(FAMILY)
    mid = rng.choice(MALE_MID if male else FEMALE_MID)
    giv = rng.choice(MALE if male else FEMALE)
    y, m, d = rng.randint(1935, 2023), rng.randint(1, 12), rng.randint(1, 28)
    return male, fam, mid, giv, y, m, d

def date_shape(y, m, d):
    k = rng.randrange(8)
    return [f'{d:02d}/{m:02d}/{y}', f'{d}/{m}/{y}', f'{y}-{m:02d}-{d:02d}', f'{y}{m:02d}{d:02d}',
            f'{d:02d}.{m:02d}.{y}', f'{d:02d}-{m:02d}-{y}', f'{y}', f'ngày {d} tháng {m} năm {y}'][k]

def phone():
    p = f'09{rng.randint(0, 99999999):08d}'
    k = rng.randrange(5)
    return [p, f'+84 {p[1:4]} {p[4:7]} {p[7:]}', f'{p[:4]}.{p[4:7]}.{p[7:]}', p[1:], ''][k]

def cccd(male, y):
    prov = rng.choice(['001', '079', '048', '082', '092', '046'])
    g = (0 if y < 2000 else 2) + (0 if male else 1)
    return f'{prov}{g}{y % 100:02d}{rng.randint(0, 999999):06d}'

def bhyt():
    return rng.choice(['HS', 'DN', 'GD', 'TE', 'HT', 'CN']) + str(rng.randint(1, 5)) + \
        rng.choice(['01', '79', '48', '82']) + f'{rng.randint(0, 9999999999):010d}'

def address(i):
    ward, dist, prov = rng.choice(COMMUNES)
    num = rng.choice([f'{rng.randint(1, 300)}', f'{rng.randint(1, 99)}/{rng.randint(1, 30)}',
                      f'{rng.randint(1, 99)}A', f'Số {rng.randint(1, 200)}'])
    return ', '.join(p for p in (f'{num} {rng.choice(STREETS)}', ward, dist, prov) if p)

def write_csv(name, header, rows):
    with open(os.path.join(HERE, name), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)

# ---- 1. hospital.csv: the synth dedupe schema -------------------------------------------
H = ['ma_ho_so', 'nguon', 'ho_ten', 'ngay_sinh', 'gioi_tinh', 'dia_chi', 'so_dien_thoai',
     'so_cccd', 'so_cmnd', 'ma_the_bhyt']
special = [
    # names: encodings
    ('Trần Thị Thủy', tcvn3('Trần Thị Thủy')), ('Hoàng Văn Đức', tcvn3('Hoàng Văn Đức')),
    ('NGUYỄN VĂN AN', tcvn3('NGUYỄN VĂN AN')), ('Đặng Thị Mường', tcvn3('Đặng Thị Mường')),
    ('Huỳnh Văn Phước', vni('Huỳnh Văn Phước')), ('Nguyễn Thị Mỹ Lệ', vni('Nguyễn Thị Mỹ Lệ')),
    ('Trương Quốc Khải', vni('Trương Quốc Khải')),
    ('Nguyễn Văn Đức', cp1258('Nguyễn Văn Đức')), ('Lê Thị Hồng Nhung', cp1258('Lê Thị Hồng Nhung')),
    ('Nguyễn Thị Bích', viscii('Nguyễn Thị Bích')), ('Trần Thị Thủy', viscii('Trần Thị Thủy')),
    ('Nguyễn Bắc Toàn', 'Nguyễn Bắc ' + double_utf8('Toàn', 'cp1258')),
    ('Trần Quốc Tuấn', double_utf8('Trần Quốc Tuấn')), ('Phạm Thị Ánh', double_utf8('Phạm Thị Ánh')),
    ('Hoàng Văn Đức', double_utf8('Hoàng Văn Đức')),
    # names: unicode hygiene
    ('NFD', 'Nguye\u0302\u0303n Thi\u0323 Lan'), ('eth', 'Ðặng Ðức Anh'), ('space', ' Lê  Thị\u00a0Hồng '),
    ('apostrophe', 'H\u2019Hen Niê'), ('zero width', 'Võ\u200b Thị Sáu'),
    # names: tone placement
    ('new style', 'NGUYỄN THỊ HOÀ'), ('new style', 'Lê Thanh Thuỷ'), ('new style', 'Trần Văn Khoẻ'),
    ('old style', 'Lê Thanh Thủy'), ('qu', 'Đỗ Văn Qúy'),
    # names: order, compounds, telex, shapes
    ('given first', 'AN NGUYEN VAN'), ('given first', 'An Văn Nguyễn'), ('given first', 'Van An Nguyen'),
    ('given first', 'Minh Thị Trần'), ('compound', 'Tôn Thất Thuyết'), ('compound', 'Tôn Nữ Thị Ninh'),
    ('compound', 'Âu Dương Phong'), ('compound', 'Hoàng Phủ Ngọc Tường'), ('compound', 'Nguyễn Phúc Bửu Lộc'),
    ('not compound', 'Nguyễn Phúc An'), ('telex', 'Nguyeenx Vawn Hoaf'), ('telex', 'TRUWOWNG VAWN NAM'),
    ('child', 'Con bà Nguyễn Thị Hoa'), ('child', 'CB Trần Thị Mai'), ('title', 'Ông Lê Văn Tám'),
    ('noise', 'Phạm Văn Bình (2)'), ('noise', 'Lê.Thị.Hồng'), ('ascii', 'nguyen van binh'),
    ('ascii caps', 'TRAN THI MAI'), ('class', 'Huỳnh Thị Thuý'), ('class', 'Hoàng Thị Thúy'),
    ('class', 'Võ Văn Kiệt'), ('class', 'Vũ Văn Kiệt'), ('unknown family', 'Lò Văn Hoàng'),
    ('single', 'Nguyễn'), ('single', 'Lan'), ('french', 'Nguyễn Hélène'), ('ethnic', 'Ksor H\'Blơk'),
]
rows = []
n = 0
for label, name in special:
    n += 1
    male, fam, mid, giv, y, m, d = person(n)
    words = (label + ' ' + name).replace('.', ' ').split()
    male = not any(w in ('Thị', 'THỊ', 'Thi', 'THI', 'Thij', 'Nữ', 'Lan', 'Hélène', 'Hoa', 'Mai',
                         'HOÀ', 'Ninh', 'Thuỷ', 'Hồng', 'Sáu', 'Niê') for w in words)
    if label in ('Trần Thị Thủy', 'Đặng Thị Mường', 'Nguyễn Thị Mỹ Lệ', 'Lê Thị Hồng Nhung',
                 'Nguyễn Thị Bích', 'Phạm Thị Ánh', 'class') and 'Văn' not in name:
        male = False
    rows.append([f'BV{n:04d}', rng.choice(SOURCES), name, date_shape(y, m, d),
                 'Nam' if male else 'Nữ', address(n), phone(), cccd(male, y), '', bhyt()])
# dates, sex, phones, ids, cards: one odd value each in an otherwise sound row
odd = [
    (3, '31/02/1990'), (3, '13/25/1990'), (3, '05/14/1990'), (3, '00/00/1990'), (3, '01/01/1990'),
    (3, '2031-01-01'), (3, '09/01/85'), (3, '1985-01-09 00:00:00'), (3, '03/1972'), (3, 'không rõ'),
    (3, 'ngay 9 thang 1 nam 2021'), (3, '31122'),
    (4, 'nam'), (4, 'NỮ'), (4, 'nu'), (4, 'M'), (4, 'F'), (4, '1'), (4, '2'), (4, '0'), (4, 'male'),
    (4, 'female'), (4, 'x'), (4, 'Không rõ'),
    (6, '0168.912.3456'), (6, '(024) 3826 4567'), (6, '04 3826 4567'), (6, '12345'),
    (6, '0912345678 / 0987654321'), (6, '84-98-765-4321'), (6, '0123 456 789'),
    (7, '079 190 001 234'), (7, '01085000123'), (7, '12345'), (7, '001299000123'),
    (8, '012345678'), (8, '001085000456'), (8, '12345678'),
    (9, 'hs 4 01 0120878811'), (9, '0120878811'), (9, 'XX1234'), (9, 'ZZ4790123456789'),
    (5, 'Số 14/12 Ngõ 56 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM'), (5, '150 Bis Hẻm 3 Nguyễn Trãi, F.5, Q.05, Sài Gòn'),
    (5, tcvn3('Thôn Đông, Xã Hòa Định, Huyện Chợ Gạo, Tiền Giang')),
    (5, 'so 12 Lang Ha, phuong Lang Ha, quan Dong Da, Ha Noi'), (5, '45 Nguyễn Chí Thanh, P. Láng Thượng, Q. Đống Đa, HN'),
    (5, 'Khu phố 2, P. Tân Phong, TP. Biên Hòa, Đồng Nai'), (5, 'Phường Ba Đình, Thành phố Hà Nội'),
    (5, 'Xóm 3, Xã Nghi Phong, Huyện Nghi Lộc, Nghệ An'), (5, 'Tổ 5, Phường Hoàng Văn Thụ, Q. Hoàng Mai, Hà Nội'),
    (5, '12 Kiệt 34 Hùng Vương, Phường Phú Nhuận, TP Huế'), (5, 'Ấp Bình Phú, Xã Bình Phục Nhứt, Chợ Gạo, TG'), (5, vni('Ấp 3, Xã Tân Phú, Cai Lậy, Tiền Giang')),
]
for col, value in odd:
    n += 1
    male, fam, mid, giv, y, m, d = person(n)
    if col == 4 and value in ('nam', 'M', '1', 'male', 'NỮ', 'nu', 'F', '2', 'female'):
        while male != (value in ('nam', 'M', '1', 'male')):  # a name that fits the sex
            male, fam, mid, giv, y, m, d = person(n)
    row = [f'BV{n:04d}', rng.choice(SOURCES), f'{fam} {mid} {giv}', date_shape(y, m, d),
           'Nam' if male else 'Nữ', address(n), phone(), cccd(male, y), '', bhyt()]
    row[col] = value
    if col in (3, 4): row[7] = ''  # an odd date or sex would contradict the CCCD
    if col == 7 and value == '001299000123':
        row[3], row[4] = '1985', 'Nam'  # cccd says 1999 female
    rows.append(row)
# ordinary rows with the usual noise
while len(rows) < 150:
    n += 1
    male, fam, mid, giv, y, m, d = person(n)
    name = f'{fam} {mid} {giv}'
    r = rng.random()
    if r < 0.15: name = name.upper()
    elif r < 0.25: name = ' '.join(NEW_STYLE.get(t, t) for t in name.split())
    rows.append([f'BV{n:04d}', rng.choice(SOURCES), name, date_shape(y, m, d),
                 rng.choice(['Nam', 'nam', '1', 'M']) if male else rng.choice(['Nữ', 'nữ', '2', 'F']),
                 address(n), phone(), cccd(male, y) if rng.random() < 0.7 else '',
                 f'{rng.randint(0, 399999999):09d}' if rng.random() < 0.2 else '', bhyt() if rng.random() < 0.6 else ''])
# rejects: missing id, duplicate id, nothing usable
rows.append(['', 'BHXH', 'Nguyễn Văn Không Mã', '01/01/1980', 'Nam', '', '', '', '', ''])
rows.append(['  ', 'BHXH', 'Lê Thị Trống', '', 'Nữ', '', '', '', '', ''])
rows.append(['BV0003', 'TCMR', 'Bản Sao Trùng Mã', '02/02/1982', 'Nam', '', '', '', '', ''])
rows.append(['BV0010', 'TCMR', 'Trùng Mã Lần Hai', '', '', '', '', '', '', ''])
rows.append(['BV9999', 'TCMR', '', '', 'Nam', '', '', '', '', ''])
write_csv('hospital.csv', H, rows)

# ---- 2. insurance.csv: synth link schema B ------------------------------------------------
B = ['id', 'ho_dem', 'ten', 'ngay_sinh', 'gioi_tinh', 'so_nha_duong', 'xa_phuong', 'quan_huyen',
     'tinh_tp', 'dien_thoai', 'cccd', 'ma_bhyt']
rows = []
parts = [('Tôn Thất', 'Thuyết'), ('Tôn Nữ Thị', 'Ninh'), ('NGUYỄN THỊ', 'HOÀ'), ('Nguyen Van', 'Binh'),
         (tcvn3('Trần Thị'), tcvn3('Thủy')), (vni('Huỳnh Văn'), vni('Phước')), ('Âu Dương', 'Phong'),
         ('Lê', 'Lợi'), ('', 'Tám'), ('Nguyeenx Thij', 'Lan')]
for i in range(80):
    male, fam, mid, giv, y, m, d = person(i)
    hd, tn = (parts[i] if i < len(parts) else (f'{fam} {mid}', giv))
    ward, dist, prov = rng.choice(COMMUNES)
    if i < len(parts): male = not any(w in hd + ' ' + tn for w in ('Thị', 'THỊ', 'Thij', 'Nữ', 'HOÀ', 'Thủy', 'Thñy'))
    rows.append([f'BH-{i + 1:05d}', hd, tn, date_shape(y, m, d), rng.choice(['1', 'Nam'] if male else ['2', 'Nữ']),
                 f'{rng.randint(1, 200)} {rng.choice(STREETS)}', ward, dist, prov, phone(),
                 cccd(male, y) if rng.random() < 0.8 else '', bhyt()])
rows.append(['BH-00001', 'Bùi', 'Trùng', '1990', '1', '', '', '', '', '', '', ''])
write_csv('insurance.csv', B, rows)

# ---- 3. export.tsv: Vietnamese headers, extra columns -----------------------------------
T = ['STT', 'Mã BN', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Địa chỉ', 'SĐT', 'Số CMND/CCCD',
     'Mã thẻ BHYT', 'Ghi chú']
with open(os.path.join(HERE, 'export.tsv'), 'w', encoding='utf-8') as f:
    f.write('\t'.join(T) + '\n')
    for i in range(60):
        male, fam, mid, giv, y, m, d = person(i)
        idv = cccd(male, y) if i % 3 else f'{rng.randint(10000000, 399999999):09d}'
        note = rng.choice(['', 'tái khám', 'chuyển viện', 'BHYT 80%', ''])
        f.write('\t'.join([str(i + 1), f'KB{2026000 + i}', f'{fam} {mid} {giv}'.upper() if i % 4 == 0 else f'{fam} {mid} {giv}',
                           date_shape(y, m, d), 'Nam' if male else 'Nữ', address(i), phone(), idv,
                           bhyt() if i % 2 else '', note]) + '\n')

# ---- 4. people.jsonl: English keys, name in parts ------------------------------------------
with open(os.path.join(HERE, 'people.jsonl'), 'w', encoding='utf-8') as f:
    for i in range(40):
        male, fam, mid, giv, y, m, d = person(i)
        if i == 0: fam, mid, giv = 'Tôn Thất', '', 'Thuyết'
        if i == 1: fam, mid, giv = 'NGUYEN', 'VAN', 'AN'
        if i == 2: fam, mid, giv = 'Lê', 'Thị', 'Hoà'
        rec = {'id': f'P{i + 1:03d}', 'last_name': fam, 'middle_name': mid, 'first_name': giv,
               'dob': f'{y}-{m:02d}-{d:02d}', 'gender': 'male' if male else 'female',
               'phone': phone(), 'address': address(i), 'national_id': cccd(male, y)}
        f.write(json.dumps(rec, ensure_ascii=False) + '\n')

# ---- 5. custom.csv: headers nothing recognises --------------------------------------------
with open(os.path.join(HERE, 'custom.csv'), 'w', encoding='utf-8') as f:
    f.write('record_no,patient,birth,sex_code,tel,origin\n')
    for i in range(12):
        male, fam, mid, giv, y, m, d = person(i)
        f.write(f'C{i + 1},{fam} {mid} {giv},{d:02d}/{m:02d}/{y},{1 if male else 2},{phone()},clinic {i % 3}\n')
with open(os.path.join(HERE, 'custom.map'), 'w', encoding='utf-8') as f:
    f.write('# role=column for custom.csv\nunique_id = record_no\nfull_name = patient\n'
            'dob = birth\nsex = sex_code   # 1 male, 2 female\nphone = tel\n')

# ---- 6. broken files ---------------------------------------------------------------------
with open(os.path.join(HERE, 'ragged.csv'), 'w', encoding='utf-8') as f:
    f.write('ma_ho_so,ho_ten,ngay_sinh\nR1,Nguyễn Văn An,01/01/1980\nR2,Lê Thị Bình\n'
            'R3,Trần Văn Cường,03/03/1983\n')
with open(os.path.join(HERE, 'badquote.csv'), 'w', encoding='utf-8') as f:
    f.write('ma_ho_so,ho_ten,ngay_sinh\nQ1,Nguyễn Văn An,01/01/1980\nQ2,"Lê Thị "Bình",02/02/1982\n')
with open(os.path.join(HERE, 'badutf8.csv'), 'wb') as f:
    f.write('ma_ho_so,ho_ten,ngay_sinh\nU1,Nguyễn Văn An,01/01/1980\n'.encode() +
            b'U2,Nguy\xd4n V\xa8n B\xecnh,02/02/1982\nU3,' + 'Trần Văn Cường,03/03/1983\n'.encode())
with open(os.path.join(HERE, 'noid.csv'), 'w', encoding='utf-8') as f:
    f.write('ho_ten,ngay_sinh\nNguyễn Văn An,01/01/1980\n')

# ---- 7. cases.csv: hand-picked shapes (alleys, unknown values, units that need care) ------
CASES = [
    # alleys: Hà Nội Ngõ/Ngách, Sài Gòn Hẻm, Huế/Đà Nẵng Kiệt; the street after the alley
    ('K01', 'Nguyễn Văn Hải', '12/03/1980', 'Nam', 'Số 7 ngách 3 ngõ 68 Cầu Giấy, Cầu Giấy, Hà Nội'),
    ('K02', 'Trần Thị Mai', '1975', 'Nữ', 'Số 14 Ngõ 42 Láng Hạ, P. Láng Hạ, Q. Đống Đa, HN'),
    ('K03', 'Lê Văn Tám', '05/06/1990', 'nam', 'Hẻm 5/12 Nguyễn Trãi, Phường 2, Quận 5, TP.HCM'),
    ('K04', 'Phạm Thị Hoa', '1962-11-30', 'F', '45/7 Hẻm 45 Đường Lê Văn Sỹ, P.13, Q.3, TPHCM'),
    ('K05', 'Hồ Văn Sơn', '22/02/1958', 'M', 'Kiệt 12 Lê Lợi, Phường Vĩnh Ninh, TP. Huế'),
    ('K06', 'Ngô Thị Lan', '01/01/1970', '2', 'Số 3 kiệt 15 Hải Phòng, Thạch Thang, Hải Châu, Đà Nẵng'),
    ('K07', 'Đỗ Minh Tuấn', '1988', '1', 'ngo 5 Hue, Hai Ba Trung, Ha Noi'),
    # Lang without marks: Láng, not the hamlet word Làng
    ('L01', 'Vũ Thị Hằng', '03/04/1995', 'Nữ', 'Lang Ha, Dong Da, Ha Noi'),
    ('L02', 'Vu Van Nam', '1993', 'nam', 'so 5 Lang Ha, Ha Noi'),
    ('L03', 'Bùi Thị Thu', '1969', 'Nữ', 'Làng Vân, Xã Vân Hà, Huyện Việt Yên, Bắc Giang'),
    ('L04', 'Đinh Văn Lực', '1950', 'Nam', 'Lang 3, Xã Tân Phú, Huyện Cai Lậy, Tiền Giang'),
    # Huế: a province-level city since 2025 (Tỉnh Thừa Thiên Huế before)
    ('H01', 'Tôn Nữ Thị Hà', '14/02/1948', 'Nữ', '5 Lê Lợi, TP. Huế'),
    ('H02', 'Nguyễn Phúc Bảo', '1952', 'Nam', 'Phú Hội, TP. Huế, Thừa Thiên Huế'),
    ('H03', 'Lê Thị Thu', '1985', 'Nữ', 'TP Huế, Thừa Thiên Huế'),
    # Tiền Giang has a Thị xã and a Huyện Cai Lậy: the commune decides
    ('T01', 'Võ Văn Kiệt', '1966', 'Nam', 'Ấp 3, Xã Tân Phú, Huyện Cai Lậy, Tiền Giang'),
    ('T02', 'Huỳnh Thị Bé', '1971', 'Nữ', 'Phường 1, Cai Lậy, Tiền Giang'),
    ('T03', 'Huỳnh Văn Bé', '1973', 'Nam', 'Cai Lậy, Tiền Giang'),
    # unknown dates and sexes: dob_unknown / sex_unknown, not invalid
    ('U01', 'Lò Văn Pá', 'không rõ', 'Nam', 'Bản Mường, Xã Chiềng Sinh, TP Sơn La, Sơn La'),
    ('U02', 'Lò Thị Ín', 'Chưa rõ', 'không rõ', 'Xã Chiềng Sinh, Sơn La'),
    ('U03', 'Quàng Văn Ơn', 'N/A', 'Chưa rõ', 'Xã Chiềng Sinh, Sơn La'),
    ('U04', 'Cầm Thị Dung', '-', '3', 'Xã Chiềng Sinh, Sơn La'),
    ('U05', 'Hà Văn Thắng', '0', '?', 'Xã Chiềng Sinh, Sơn La'),
    ('U06', 'Hà Thị Mỵ', '00/00/0000', 'Nữ', 'Xã Chiềng Sinh, Sơn La'),
    ('U07', 'Lường Văn Ba', '00/00/1955', 'Nam', 'Xã Chiềng Sinh, Sơn La'),
    ('U08', 'Lường Thị Bốn', '31/02/1990', 'Nữ', 'Xã Chiềng Sinh, Sơn La'),
    ('U09', 'Sa Văn Năm', 'xx/xx/xxxx', 'x', 'Xã Chiềng Sinh, Sơn La'),
    # y after the "qu" glide (quỳnh, quýt, quých): real syllables, not mojibake or Telex
    ('Q01', 'Nguyễn Thị Quỳnh', '1991', 'Nữ', 'Xã An Bài, Huyện Quỳnh Phụ, Thái Bình'),
    ('Q02', 'NGUYEN THI QUYNH', '1991', 'F', 'Quynh Phu, Thai Binh'),
    ('Q03', 'Trần Quýt', '1940', 'Nam', 'Xã Quỳnh Hậu, Huyện Quỳnh Lưu, Nghệ An'),
    ('Q04', 'Lê Quynhf Anh', '2001', 'Nữ', 'Quỳnh Lưu, Nghệ An'),
]
write_csv('cases.csv', ['ma_ho_so', 'ho_ten', 'ngay_sinh', 'gioi_tinh', 'dia_chi'],
          [list(c) for c in CASES])
