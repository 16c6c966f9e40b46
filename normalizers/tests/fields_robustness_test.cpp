// Random mixtures of real address, date, phone and id pieces (fixed seed): every
// normalizer must return well-formed output or a flagged empty value, never crash.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "normalizers/date.h"
#include "normalizers/phone.h"
#include "normalizers/sex.h"
#include "normalizers/vi_address.h"
#include "normalizers/vn_id.h"

namespace vnlink::vi {
namespace {

const std::vector<std::string> kPieces = {"43",
                                          "14/12",
                                          "12A",
                                          "150",
                                          "Bis",
                                          "Số",
                                          "Ngõ",
                                          "ngách",
                                          "Hẻm",
                                          "Kiệt",
                                          "Đường",
                                          "Đ.",
                                          "Phố",
                                          "Huế",
                                          "Nguyễn Chí Thanh",
                                          "P.",
                                          "P.9",
                                          "F5",
                                          "Q.3",
                                          "Q.01",
                                          "Quận",
                                          "Huyện",
                                          "H.",
                                          "TX.",
                                          "TT.",
                                          "Thị xã",
                                          "Phường",
                                          "Xã",
                                          "Thị trấn",
                                          "Ea Tu",
                                          "Ba Đình",
                                          "Hà Nội",
                                          "HN",
                                          "TPHCM",
                                          "TP.",
                                          "Tp",
                                          "Sài Gòn",
                                          "Bà Rịa",
                                          "Vũng Tàu",
                                          "Thôn",
                                          "Tổ",
                                          "KP3",
                                          "Ấp",
                                          "Sóc Trăng",
                                          ",",
                                          ", ",
                                          " - ",
                                          "-",
                                          ".",
                                          "/",
                                          ";",
                                          " ",
                                          "  ",
                                          "0",
                                          "1",
                                          "9",
                                          "31",
                                          "02",
                                          "1990",
                                          "85",
                                          "ngày",
                                          "tháng",
                                          "năm",
                                          "+84",
                                          "0912",
                                          "345",
                                          "678",
                                          "0168",
                                          "(024)",
                                          "HS",
                                          "4",
                                          "01",
                                          "0120878811",
                                          "Nữ",
                                          "nam",
                                          "\xCC\x83",
                                          "\xE2\x80\x99",
                                          "Đ",
                                          "Việt Nam",
                                          "ĐN",
                                          "Láng",
                                          "Xã Đàn",
                                          "Bến Thành",
                                          "Thủ Dầu Một"};

std::string RandomField(std::mt19937& rng) {
  std::uniform_int_distribution<std::size_t> count(0, 8), pick(0, kPieces.size() - 1);
  std::string s;
  for (std::size_t n = count(rng); n > 0; --n) s += kPieces[pick(rng)];
  return s;
}

bool AllDigits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

TEST(FieldsRobustness, RandomMixtures) {
  std::mt19937 rng(20260701);
  const Gazetteer& g = Gazetteer::Shared();
  for (int i = 0; i < 3000; ++i) {
    std::string s = RandomField(rng);
    DateResult d = ParseDate(s, {.reference_year = 2026});
    if (!d.iso.empty()) {
      EXPECT_TRUE(d.iso.size() == 4 || d.iso.size() == 7 || d.iso.size() == 10) << s;
      if (d.precision == DatePrecision::kDay) {
        EXPECT_TRUE(IsValidDate(d.year, d.month, d.day)) << s;
      }
      EXPECT_FALSE(d.HasFlag(kDobInvalid)) << s;
    } else if (d.HasFlag(kDobInvalid)) {
      EXPECT_FALSE(d.reason.empty()) << s;
    }
    PhoneResult p = NormalizePhone(s);
    if (!p.number.empty()) {
      EXPECT_TRUE(AllDigits(p.number) && p.number[0] == '0') << s;
      EXPECT_TRUE(p.number.size() == 10 || p.number.size() == 11) << s;
    }
    NationalIdResult id = NormalizeNationalId(s);
    if (id.kind == NationalIdKind::kCccd) {
      EXPECT_TRUE(AllDigits(id.cccd) && id.cccd.size() == 12) << s;
    }
    if (id.kind == NationalIdKind::kCmnd) {
      EXPECT_TRUE(AllDigits(id.cmnd) && id.cmnd.size() == 9) << s;
    }
    BhytResult b = NormalizeBhyt(s);
    if (!b.bhxh.empty()) {
      EXPECT_TRUE(AllDigits(b.bhxh) && b.bhxh.size() == 10) << s;
    }
    SexResult x = NormalizeSex(s);
    EXPECT_TRUE(x.sex.empty() || x.sex == "M" || x.sex == "F") << s;
    AddressResult a = g.Parse(s);
    EXPECT_TRUE(a.commune_code.empty() || a.commune_code.size() == 5) << s;
    EXPECT_TRUE(a.district_code.empty() || a.district_code.size() == 3) << s;
    EXPECT_TRUE(a.province_code.empty() || a.province_code.size() == 2) << s;
    EXPECT_TRUE(a.commune_code_2025.empty() || a.commune_code_2025.size() == 5) << s;
    EXPECT_TRUE(a.province_code_2025.empty() || a.province_code_2025.size() == 2) << s;
    if (!a.commune_code_2025.empty()) {
      EXPECT_FALSE(a.province_code_2025.empty()) << s;
    }
    if (!a.commune_code.empty()) {
      EXPECT_FALSE(a.district_code.empty()) << s;
    }
    if (!a.district_code.empty()) {
      EXPECT_FALSE(a.province_code.empty()) << s;
    }
    EXPECT_EQ(a.street_key.empty(), a.street.empty()) << s;
  }
}

}  // namespace
}  // namespace vnlink::vi
