#include "normalizers/vn_id.h"

#include <gtest/gtest.h>

namespace vnlink::vi {
namespace {

TEST(NormalizeNationalId, CccdDecoded) {
  NationalIdResult r = NormalizeNationalId("087084000999");
  EXPECT_EQ(r.kind, NationalIdKind::kCccd);
  EXPECT_EQ(r.cccd, "087084000999");
  EXPECT_EQ(r.province_code, "87");
  EXPECT_EQ(Pre2025ProvinceName(r.province_code), "Tỉnh Đồng Tháp");
  EXPECT_EQ(r.sex, "M");
  EXPECT_EQ(r.birth_year, 1984);
  EXPECT_TRUE(r.flags.empty());
  NationalIdResult girl = NormalizeNationalId("001305012345");  // Hà Nội, female, 2005
  EXPECT_EQ(girl.province_code, "01");
  EXPECT_EQ(girl.sex, "F");
  EXPECT_EQ(girl.birth_year, 2005);
  EXPECT_EQ(NormalizeNationalId("079 195 001 234").birth_year, 1995);
  EXPECT_EQ(NormalizeNationalId("079.195.001.234").cccd, "079195001234");
  EXPECT_EQ(NormalizeNationalId("079-195-001-234").sex, "F");
  EXPECT_EQ(NormalizeNationalId("048210000001").birth_year, 2010);
}

TEST(NormalizeNationalId, MismatchesAreFlaggedNeverFixed) {
  NationalIdResult r = NormalizeNationalId("087084000999", {.sex = "F", .birth_year = 1985});
  EXPECT_EQ(r.cccd, "087084000999");
  EXPECT_EQ(r.sex, "M");
  EXPECT_EQ(r.birth_year, 1984);
  EXPECT_TRUE(r.HasFlag(kCccdSexMismatch));
  EXPECT_TRUE(r.HasFlag(kCccdYearMismatch));
  NationalIdResult ok = NormalizeNationalId("087084000999", {.sex = "M", .birth_year = 1984});
  EXPECT_TRUE(ok.flags.empty());
  NationalIdResult century = NormalizeNationalId("001284000001", {.birth_year = 1984});
  EXPECT_TRUE(century.HasFlag(kCccdYearMismatch));  // G = 2 says 2084
  EXPECT_TRUE(NormalizeNationalId("003084000999").HasFlag(kCccdProvinceUnknown));  // no code 03
  EXPECT_TRUE(NormalizeNationalId("187084000999").HasFlag(kCccdProvinceUnknown));
}

TEST(NormalizeNationalId, CmndAndColumnHints) {
  NationalIdResult cmnd = NormalizeNationalId("023456789");
  EXPECT_EQ(cmnd.kind, NationalIdKind::kCmnd);
  EXPECT_EQ(cmnd.cmnd, "023456789");
  EXPECT_EQ(cmnd.cccd, "");
  EXPECT_TRUE(cmnd.flags.empty());
  NationalIdResult in_cmnd_col = NormalizeNationalId("079195001234", {.column = IdColumn::kCmnd});
  EXPECT_EQ(in_cmnd_col.kind, NationalIdKind::kCccd);
  EXPECT_TRUE(in_cmnd_col.HasFlag(kIdTypeFromLength));
  NationalIdResult in_cccd_col = NormalizeNationalId("271450123", {.column = IdColumn::kCccd});
  EXPECT_EQ(in_cccd_col.kind, NationalIdKind::kCmnd);
  EXPECT_TRUE(in_cccd_col.HasFlag(kIdTypeFromLength));
}

TEST(NormalizeNationalId, LeadingZeroLostBySpreadsheet) {
  NationalIdResult r = NormalizeNationalId("79195001234", {.column = IdColumn::kCccd});
  EXPECT_EQ(r.cccd, "079195001234");
  EXPECT_TRUE(r.HasFlag(kIdMissingZero));
  NationalIdResult c = NormalizeNationalId("12345678", {.column = IdColumn::kCmnd});
  EXPECT_EQ(c.cmnd, "012345678");
  EXPECT_TRUE(c.HasFlag(kIdMissingZero));
  EXPECT_TRUE(NormalizeNationalId("12345678", {.column = IdColumn::kCccd}).HasFlag(kIdInvalid));
  NationalIdResult f = NormalizeNationalId("79195001234.0");  // spreadsheet float, zero lost
  EXPECT_EQ(f.cccd, "079195001234");
  EXPECT_TRUE(f.HasFlag(kIdMissingZero));
}

TEST(NormalizeNationalId, LabelsAreIgnored) {
  EXPECT_EQ(NormalizeNationalId("CCCD: 079195001234").cccd, "079195001234");
  EXPECT_EQ(NormalizeNationalId("Số CMND 023456789").cmnd, "023456789");
  EXPECT_EQ(NormalizeNationalId("Căn cước công dân số 079195001234").cccd, "079195001234");
  EXPECT_EQ(NormalizeNationalId("CMT: 023.456.789").cmnd, "023456789");
}

TEST(NormalizeNationalId, InvalidShapes) {
  for (const char* s : {"12345", "0123456789", "1234567890123", "000000000000", "999999999",
                        "7.91950E+10", "CMND 0234567", "0791950012x4", "abc 079195001234"}) {
    NationalIdResult r = NormalizeNationalId(s);
    EXPECT_EQ(r.kind, NationalIdKind::kNone) << s;
    EXPECT_TRUE(r.HasFlag(kIdInvalid)) << s;
    EXPECT_FALSE(r.reason.empty()) << s;
  }
  EXPECT_EQ(NormalizeNationalId("0123456789").reason, "10 digits");
  EXPECT_EQ(NormalizeNationalId("7.91950E+10").reason,
            "number in scientific notation (digits lost)");
  EXPECT_TRUE(NormalizeNationalId("").flags.empty());
  EXPECT_TRUE(NormalizeNationalId("  ").flags.empty());
}

TEST(NormalizeBhyt, FullCardSplit) {
  BhytResult r = NormalizeBhyt("HS4010120878811");
  EXPECT_EQ(r.card, "HS4010120878811");
  EXPECT_EQ(r.group, "HS");
  EXPECT_EQ(r.level, 4);
  EXPECT_EQ(r.province_code, "01");
  EXPECT_EQ(r.bhxh, "0120878811");
  EXPECT_TRUE(r.flags.empty());
  EXPECT_EQ(NormalizeBhyt("hs 4 01 0120878811").card, "HS4010120878811");
  EXPECT_EQ(NormalizeBhyt("HS-4-01-0120878811").card, "HS4010120878811");
  EXPECT_EQ(NormalizeBhyt(" DN 4 79 7912345678 ").bhxh, "7912345678");
  BhytResult te = NormalizeBhyt("TE1790123456789");
  EXPECT_EQ(te.group, "TE");
  EXPECT_EQ(te.level, 1);
  EXPECT_EQ(te.province_code, "79");
}

TEST(NormalizeBhyt, NumberOnlyAndUnknownGroup) {
  BhytResult r = NormalizeBhyt("0120878811");
  EXPECT_EQ(r.card, "");
  EXPECT_EQ(r.bhxh, "0120878811");
  EXPECT_TRUE(r.HasFlag(kBhytNumberOnly));
  BhytResult zz = NormalizeBhyt("ZZ4010120878811");
  EXPECT_EQ(zz.bhxh, "0120878811");
  EXPECT_TRUE(zz.HasFlag(kBhytGroupUnknown));
}

TEST(NormalizeBhyt, InvalidShapes) {
  for (const char* s : {"HS401012087881", "HS9010120878811", "H54010120878811", "HS40101208788I1",
                        "123456789", "0120878811 22"}) {
    BhytResult r = NormalizeBhyt(s);
    EXPECT_EQ(r.bhxh, "") << s;
    EXPECT_TRUE(r.HasFlag(kBhytInvalid)) << s;
    EXPECT_FALSE(r.reason.empty()) << s;
  }
  EXPECT_EQ(NormalizeBhyt("HS9010120878811").reason, "benefit level '9' not 1 to 5");
  EXPECT_TRUE(NormalizeBhyt("").flags.empty());
}

}  // namespace
}  // namespace vnlink::vi
