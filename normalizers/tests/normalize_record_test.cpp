#include "normalizers/normalize_record.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "liblink/error.h"
#include "normalizers/text_repair.h"
#include "normalizers/vi_address.h"

namespace vnlink::vi {
namespace {

std::vector<std::string> SynthDedupe() {
  return {"ma_ho_so", "nguon",         "ho_ten",  "ngay_sinh", "gioi_tinh",
          "dia_chi",  "so_dien_thoai", "so_cccd", "so_cmnd",   "ma_the_bhyt"};
}

std::vector<std::string> SynthLinkB() {
  return {"id",        "ho_dem",     "ten",     "ngay_sinh",  "gioi_tinh", "so_nha_duong",
          "xa_phuong", "quan_huyen", "tinh_tp", "dien_thoai", "cccd",      "ma_bhyt"};
}

TEST(NormalizeRecord, AutoMapsTheSynthDedupeSchema) {
  auto h = SynthDedupe();
  ColumnMapping m = AutoMap(h);
  EXPECT_EQ(DescribeMapping(m, h),
            "unique_id=ma_ho_so, source=nguon, full_name=ho_ten, dob=ngay_sinh, sex=gioi_tinh, "
            "address=dia_chi, phone=so_dien_thoai, cccd=so_cccd, cmnd=so_cmnd, "
            "insurance_id=ma_the_bhyt");
}

TEST(NormalizeRecord, AutoMapsTheSynthLinkSchema) {
  auto h = SynthLinkB();
  ColumnMapping m = AutoMap(h);
  EXPECT_EQ(DescribeMapping(m, h),
            "unique_id=id, given_name=ten, holot=ho_dem, dob=ngay_sinh, sex=gioi_tinh, "
            "street=so_nha_duong, commune=xa_phuong, district=quan_huyen, province=tinh_tp, "
            "phone=dien_thoai, cccd=cccd, insurance_id=ma_bhyt");
}

TEST(NormalizeRecord, AutoMapIgnoresCaseAccentsAndSeparators) {
  std::vector<std::string> h = {"STT", "Họ và tên",    "Ngày sinh",   "Giới tính", "Địa chỉ",
                                "SĐT", "Số CMND/CCCD", "Mã thẻ BHYT", "Mã BN"};
  ColumnMapping m = AutoMap(h);
  EXPECT_EQ(DescribeMapping(m, h),
            "unique_id=Mã BN, full_name=Họ và tên, dob=Ngày sinh, sex=Giới tính, "
            "address=Địa chỉ, phone=SĐT, national_id=Số CMND/CCCD, insurance_id=Mã thẻ BHYT");
  std::vector<std::string> alone = {"ID", "Tên", "DOB"};
  EXPECT_EQ(DescribeMapping(AutoMap(alone), alone), "unique_id=ID, full_name=Tên, dob=DOB");
  std::vector<std::string> none = {"a", "b"};
  EXPECT_EQ(DescribeMapping(AutoMap(none), none), "(no column recognised)");
}

TEST(NormalizeRecord, ExplicitMapping) {
  std::vector<std::string> h = {"record_no", "patient", "birth", "ho_ten"};
  auto pairs = ParseMappingSpec("unique_id=record_no, full_name=patient,dob=birth", ',');
  ASSERT_EQ(pairs.size(), 3u);
  ColumnMapping m = ApplyMapping(AutoMap(h), pairs, h, "x.csv");
  // ho_ten lost full_name to the explicit choice.
  EXPECT_EQ(DescribeMapping(m, h), "unique_id=record_no, full_name=patient, dob=birth");
  auto file = ParseMappingSpec("# roles\nunique_id = record_no\n\nbhyt=birth # card\n", '\n');
  ASSERT_EQ(file.size(), 2u);
  EXPECT_EQ(file[1].first, "bhyt");
  EXPECT_EQ(file[1].second, "birth");
  EXPECT_THROW((void)ParseMappingSpec("unique_id", ','), UsageError);
  EXPECT_THROW((void)ApplyMapping({}, {{"colour", "patient"}}, h, "x.csv"), UsageError);
  try {
    (void)ApplyMapping({}, {{"dob", "ngay_sinh"}}, h, "x.csv");
    FAIL();
  } catch (const DataError& e) {
    EXPECT_STREQ(e.what(), "x.csv: missing column 'ngay_sinh' (mapped to dob)");
  }
  EXPECT_EQ(ParseRole("ho_dem"), Role::kHoLot);
  EXPECT_EQ(ParseRole("phone"), Role::kPhone);
  EXPECT_EQ(ParseRole("colour"), std::nullopt);
  EXPECT_EQ(RoleName(Role::kInsurance), "insurance_id");
}

TEST(NormalizeRecord, NameColumnsAndKeys) {
  auto h = SynthLinkB();
  RecordNormalizer norm(AutoMap(h), "BHXH", 2026);
  std::vector<std::string_view> row = {"B001", "NGUYỄN THỊ", "HOÀ", "", "", "",
                                       "",     "",           "",    "", "", ""};
  CanonicalRecord rec = norm.Normalize(row);
  EXPECT_EQ(rec.reject, "");
  EXPECT_EQ(rec.Get(kColUniqueId), "B001");
  EXPECT_EQ(rec.Get(kColSource), "BHXH");
  EXPECT_EQ(rec.Get(kColFullName), "Nguyễn Thị Hòa");
  EXPECT_EQ(rec.Get(kColNameExact), "nguyễn thị hòa");
  EXPECT_EQ(rec.Get(kColNameNotone), "nguyên thi hoa");
  EXPECT_EQ(rec.Get(kColNameFold), "nguyen thi hoa");
  EXPECT_EQ(rec.Get(kColFamilyClass), "nguyen");
  EXPECT_EQ(rec.Get(kColFlags), "name_tone_moved");
  EXPECT_EQ(CanonicalHeader().size(), static_cast<std::size_t>(kColCount));
  EXPECT_EQ(CanonicalHeader()[kColFlags], "flags");
  EXPECT_EQ(CanonicalHeader()[kColProvinceCode2025], "province_code_2025");
}

TEST(NormalizeRecord, RepairFlagsArePrefixedByField) {
  auto h = SynthDedupe();
  RecordNormalizer norm(AutoMap(h), "", 2026);
  std::vector<std::string_view> row = {"A1", "BV B¹ch Mai", "TrÇn V¨n Hïng", "", "", "", "", "", "",
                                       ""};
  CanonicalRecord rec = norm.Normalize(row);
  EXPECT_EQ(rec.Get(kColFullName), "Trần Văn Hùng");
  EXPECT_EQ(rec.Get(kColSource), "BV Bạch Mai");
  EXPECT_EQ(rec.Get(kColFlags), "name_text_tcvn3");
  // The memo gives the same answer the second time.
  CanonicalRecord again = norm.Normalize(row);
  for (std::size_t c = 0; c < kColCount; ++c) {
    EXPECT_EQ(again.Get(static_cast<Col>(c)), rec.Get(static_cast<Col>(c)));
  }
}

TEST(NormalizeRecord, Rejects) {
  auto h = SynthDedupe();
  RecordNormalizer norm(AutoMap(h), "", 2026);
  std::vector<std::string_view> no_id = {"  ", "", "Lê Văn Tám", "", "", "", "", "", "", ""};
  EXPECT_EQ(norm.Normalize(no_id).reject, "missing id");
  std::vector<std::string_view> empty = {"A2", "BV", "", "", "", "", "", "", "", ""};
  EXPECT_EQ(norm.Normalize(empty).reject, "no usable field");
  std::vector<std::string_view> short_row = {"A3"};  // fewer fields than the mapping
  EXPECT_EQ(norm.Normalize(short_row).reject, "no usable field");
}

}  // namespace
}  // namespace vnlink::vi

namespace vnlink::vi {
namespace {

TEST(NormalizeRecord, FieldParsersAreWiredIn) {
  auto h = SynthDedupe();
  RecordNormalizer norm(AutoMap(h), "", 2026);
  std::vector<std::string_view> row = {
      "A7", "BV Bạch Mai",     "Nguyễn Thị Lan", "9/1/1985", "nữ",
      "",   "+84 912 345 678", "001185000123",   "",         "hs 4 01 0120878811"};
  CanonicalRecord rec = norm.Normalize(row);
  EXPECT_EQ(rec.reject, "");
  EXPECT_EQ(rec.Get(kColSex), "F");
  EXPECT_EQ(rec.Get(kColDob), "1985-01-09");
  EXPECT_EQ(rec.Get(kColPhone), "0912345678");
  EXPECT_EQ(rec.Get(kColCccd), "001185000123");
  EXPECT_EQ(rec.Get(kColCmnd), "");
  EXPECT_EQ(rec.Get(kColBhytCard), "HS4010120878811");
  EXPECT_EQ(rec.Get(kColBhxh), "0120878811");
  EXPECT_EQ(rec.Get(kColFlags), "dob_ambiguous_day_month");
}

TEST(NormalizeRecord, BadValuesAreFlaggedNotFatal) {
  auto h = SynthDedupe();
  RecordNormalizer norm(AutoMap(h), "", 2026);
  std::vector<std::string_view> row = {"A8", "",      "Trần Văn Hùng", "31/02/1990", "Nam",
                                       "",   "12345", "001085000123",  "",           ""};
  CanonicalRecord rec = norm.Normalize(row);
  EXPECT_EQ(rec.reject, "");
  EXPECT_EQ(rec.Get(kColDob), "");
  EXPECT_EQ(rec.Get(kColPhone), "");
  EXPECT_EQ(rec.Get(kColFlags), "dob_invalid;phone_invalid");
  // A CCCD that says female for a man named Văn: flagged, never fixed.
  std::vector<std::string_view> mismatch = {"A9", "", "Trần Văn Hùng", "1985", "Nam",
                                            "",   "", "001185000123",  "",     ""};
  CanonicalRecord m = norm.Normalize(mismatch);
  EXPECT_EQ(m.Get(kColCccd), "001185000123");
  EXPECT_NE(m.Get(kColFlags).find("cccd_sex_mismatch"), std::string::npos);
  // Thị with sex M.
  std::vector<std::string_view> conflict = {"A10", "", "Lê Thị Hoa", "", "Nam", "", "", "", "", ""};
  EXPECT_EQ(norm.Normalize(conflict).fields[kColFlags], "sex_name_conflict");
}

}  // namespace
}  // namespace vnlink::vi

namespace vnlink::vi {
namespace {

TEST(NormalizeRecord, FreeTextAddressIsRepairedParsedAndResolved) {
  auto h = SynthDedupe();
  RecordNormalizer norm(AutoMap(h), "", 2026);
  // VNI mojibake of "14/12 Kỳ Đồng, P.9, Q.3, TPHCM".
  std::vector<std::string_view> row = {
      "A11", "", "Lê Văn Tám", "", "", "14/12 Kyø Ñoàng, P.9, Q.3, TPHCM", "", "", "", ""};
  CanonicalRecord rec = norm.Normalize(row);
  EXPECT_EQ(rec.Get(kColHouseNumber), "14/12");
  EXPECT_EQ(rec.Get(kColStreet), "Kỳ Đồng");
  EXPECT_EQ(rec.Get(kColStreetKey), "ky dong");
  EXPECT_EQ(rec.Get(kColCommuneCode), "27142");
  EXPECT_EQ(rec.Get(kColDistrictCode), "770");
  EXPECT_EQ(rec.Get(kColProvinceCode), "79");
  EXPECT_EQ(rec.Get(kColProvinceCode2025), "79");
  EXPECT_EQ(rec.Get(kColFlags), "address_text_vni");
  // Memoized: same answer, same flags.
  CanonicalRecord again = norm.Normalize(row);
  EXPECT_EQ(again.Get(kColFlags), rec.Get(kColFlags));
  EXPECT_EQ(again.Get(kColCommuneCode), "27142");
}

TEST(NormalizeRecord, AddressInPartsAndUnresolvedTextKept) {
  auto h = SynthLinkB();
  RecordNormalizer norm(AutoMap(h), "BHXH", 2026);
  std::vector<std::string_view> row = {
      "B2",     "Trần Văn",        "Bình", "", "", "14/12 Kỳ Đồng", "Phường 9",
      "Quận 3", "TP. Hồ Chí Minh", "",     "", ""};
  CanonicalRecord rec = norm.Normalize(row);
  EXPECT_EQ(rec.Get(kColCommuneCode), "27142");
  EXPECT_EQ(rec.Get(kColHouseNumber), "14/12");
  std::vector<std::string_view> nowhere = {"B3",          "Trần Văn", "Bình", "", "", "",
                                           "Xã Không Có", "",         "",     "", "", ""};
  CanonicalRecord unresolved = norm.Normalize(nowhere);
  EXPECT_EQ(unresolved.reject, "");
  EXPECT_EQ(unresolved.Get(kColCommuneCode), "");
  EXPECT_NE(unresolved.Get(kColAddressRest).find("Không Có"), std::string_view::npos);
}

// Past the memo's slots, addresses replace entries and reuse their columns: every record
// still gets the columns of its own address.
TEST(NormalizeRecord, ReusedAddressColumnsAreClean) {
  RecordNormalizer norm(AutoMap(SynthDedupe()), "", 2026);
  const std::vector<std::string> bases = {
      "Xã Hòa Long, Huyện Lai Vung, Tỉnh Đồng Tháp",
      "P. Láng Hạ, Q. Đống Đa, Hà Nội",
      "Ấp Quyết Tiến, Xã Hòa Long, Huyện Lai Vung, Tỉnh Đồng Tháp",
      "Th«n 6, X· Hßa Long, HuyÖn Lai Vung, TØnh §ång Th¸p",
      "Xã Không Có, Tỉnh Không Có",
      "Ngõ 12 Ngách 3, Phường 9, Quận 3, TP. Hồ Chí Minh"};
  for (std::size_t i = 0; i < 3 * 4096; ++i) {
    std::string address;
    if (i % 3 != 0) address.append(std::to_string(i)).append(" Lê Lợi, ");
    address.append(bases[i % bases.size()]);
    if (i % 3 == 0) address.append(", ").append(std::to_string(i));  // unresolved, kept
    std::string id = "R" + std::to_string(i);
    std::vector<std::string_view> row = {id, "", "Lê An", "", "", address, "", "", "", ""};
    CanonicalRecord rec = norm.Normalize(row);
    AddressResult want = ParseAddress(RepairText(address).text);
    EXPECT_EQ(rec.Get(kColHouseNumber), want.house_number) << address;
    EXPECT_EQ(rec.Get(kColStreet), want.street) << address;
    EXPECT_EQ(rec.Get(kColHamlet), want.hamlet) << address;
    EXPECT_EQ(rec.Get(kColCommuneCode), want.commune_code) << address;
    EXPECT_EQ(rec.Get(kColCommuneCode2025), want.commune_code_2025) << address;
    EXPECT_EQ(rec.Get(kColAddressRest), want.rest) << address;
    // The repair's flags, then the parser's.
    RepairedText repaired = RepairText(address);
    std::vector<std::string> want_flags;
    for (std::string_view f : RepairFlagNames(repaired.flags)) {
      want_flags.push_back("address_" + std::string(f));
    }
    want_flags.insert(want_flags.end(), want.flags.begin(), want.flags.end());
    EXPECT_EQ(std::vector<std::string>(rec.address->flags.begin(), rec.address->flags.end()),
              want_flags)
        << address;
  }
}

// The address columns are kept as one TSV block: the columns back out of it, a tab, CR or
// LF inside a value is a space (as the TSV writer makes it), and empty columns keep their
// place.
TEST(NormalizeRecord, AddressColumnsAreOneTsvBlock) {
  std::array<std::string, AddressColumns::kCount> values = {
      "14/12", "", "Kỳ Đồng", "ky dong", "", "27142", "770", "79", "", "79", "a\tb\r\nc"};
  std::array<const std::string*, AddressColumns::kCount> columns{};
  for (std::size_t i = 0; i < values.size(); ++i) columns[i] = &values[i];
  AddressColumns a;
  a.Assign(columns);
  EXPECT_EQ(a.tsv, "14/12\t\tKỳ Đồng\tky dong\t\t27142\t770\t79\t\t79\ta b  c");
  for (std::size_t i = 0; i + 1 < values.size(); ++i) EXPECT_EQ(a.Column(i), values[i]) << i;
  EXPECT_EQ(a.Column(AddressColumns::kCount - 1), "a b  c");
  CanonicalRecord rec;
  EXPECT_EQ(rec.AddressBlock(), std::string(AddressColumns::kCount - 1, '\t'));
  rec.address = std::make_shared<const AddressColumns>(a);
  EXPECT_EQ(rec.AddressBlock(), a.tsv);
  EXPECT_EQ(rec.Get(kColStreet), "Kỳ Đồng");
  EXPECT_EQ(rec.Get(kColAddressRest), "a b  c");
}

}  // namespace
}  // namespace vnlink::vi
