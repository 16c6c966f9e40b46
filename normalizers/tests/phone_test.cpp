#include "normalizers/phone.h"

#include <gtest/gtest.h>

namespace vnlink::vi {
namespace {

std::string Num(std::string_view s) { return NormalizePhone(s).number; }

TEST(NormalizePhone, MobilesInEveryWriting) {
  EXPECT_EQ(Num("0912345678"), "0912345678");
  EXPECT_EQ(Num("0912 345 678"), "0912345678");
  EXPECT_EQ(Num("0912.345.678"), "0912345678");
  EXPECT_EQ(Num("0912-345-678"), "0912345678");
  EXPECT_EQ(Num("(091) 2345678"), "0912345678");
  EXPECT_EQ(Num("+84 912 345 678"), "0912345678");
  EXPECT_EQ(Num("+84912345678"), "0912345678");
  EXPECT_EQ(Num("84912345678"), "0912345678");
  EXPECT_EQ(Num("0084 912 345 678"), "0912345678");
  EXPECT_EQ(Num("+84 (0) 912 345 678"), "0912345678");
  EXPECT_EQ(Num("(+84) 38 912 3456"), "0389123456");
  EXPECT_EQ(Num("0862 123 456"), "0862123456");  // Viettel 086
  EXPECT_EQ(Num("0559 123 456"), "0559123456");  // Reddi 055
  PhoneResult r = NormalizePhone("0987654321");
  EXPECT_EQ(r.kind, PhoneKind::kMobile);
  EXPECT_TRUE(r.flags.empty());
}

TEST(NormalizePhone, ElevenDigitPrefixesOf2018AreMapped) {
  PhoneResult r = NormalizePhone("0168 912 3456");
  EXPECT_EQ(r.number, "0389123456");
  EXPECT_EQ(r.kind, PhoneKind::kMobile);
  EXPECT_TRUE(r.HasFlag(kPhoneOldPrefix));
  EXPECT_EQ(Num("01209123456"), "0709123456");    // MobiFone
  EXPECT_EQ(Num("0123.456.7890"), "0834567890");  // VinaPhone
  EXPECT_EQ(Num("01869123456"), "0569123456");    // Vietnamobile
  EXPECT_EQ(Num("01999123456"), "0599123456");    // Gmobile
  EXPECT_EQ(Num("+84 168 912 3456"), "0389123456");
  EXPECT_EQ(Num("841689123456"), "0389123456");
  PhoneResult lost_zero = NormalizePhone("1689123456");
  EXPECT_EQ(lost_zero.number, "0389123456");
  EXPECT_TRUE(lost_zero.HasFlag(kPhoneMissingZero));
  EXPECT_TRUE(lost_zero.HasFlag(kPhoneOldPrefix));
}

TEST(NormalizePhone, Landlines) {
  PhoneResult hn = NormalizePhone("(024) 3826 4567");
  EXPECT_EQ(hn.number, "02438264567");
  EXPECT_EQ(hn.kind, PhoneKind::kLandline);
  EXPECT_TRUE(hn.flags.empty());
  EXPECT_EQ(Num("028.3822.1234"), "02838221234");
  EXPECT_EQ(Num("+84 28 3822 1234"), "02838221234");
  EXPECT_EQ(Num("0236 3821 123"), "02363821123");  // Đà Nẵng
  PhoneResult old_hn = NormalizePhone("04 3826 4567");
  EXPECT_EQ(old_hn.number, "02438264567");
  EXPECT_TRUE(old_hn.HasFlag(kPhoneOldLandline));
  PhoneResult old_hcm = NormalizePhone("(08) 3822 1234");  // TP.HCM before 2017
  EXPECT_EQ(old_hcm.number, "02838221234");
  EXPECT_EQ(old_hcm.kind, PhoneKind::kLandline);
  EXPECT_TRUE(old_hcm.HasFlag(kPhoneOldLandline));
  EXPECT_EQ(Num("08.38221234"), "02838221234");
  PhoneResult vina = NormalizePhone("0838 221 234");  // same digits grouped as a mobile
  EXPECT_EQ(vina.number, "0838221234");
  EXPECT_EQ(vina.kind, PhoneKind::kMobile);
  EXPECT_EQ(Num("0838221234"), "0838221234");
  PhoneResult old_bd = NormalizePhone("0650 3822 123");  // Bình Dương before 2017
  EXPECT_EQ(old_bd.number, "06503822123");
  EXPECT_EQ(old_bd.kind, PhoneKind::kLandline);
  EXPECT_TRUE(old_bd.HasFlag(kPhoneOldLandline));
  PhoneResult old_hp = NormalizePhone("031 3842 123");  // Hải Phòng before 2017
  EXPECT_EQ(old_hp.number, "0313842123");
  EXPECT_TRUE(old_hp.HasFlag(kPhoneOldLandline));
}

TEST(NormalizePhone, MissingLeadingZero) {
  PhoneResult r = NormalizePhone("912345678");  // spreadsheet dropped the 0
  EXPECT_EQ(r.number, "0912345678");
  EXPECT_TRUE(r.HasFlag(kPhoneMissingZero));
  EXPECT_EQ(Num("2438264567"), "02438264567");
  EXPECT_EQ(Num("912345678.0"), "0912345678");  // spreadsheet float
}

TEST(NormalizePhone, SeveralNumbersInOneField) {
  PhoneResult r = NormalizePhone("0912345678 / 0987654321");
  EXPECT_EQ(r.number, "0912345678");
  EXPECT_TRUE(r.HasFlag(kPhoneMultiple));
  EXPECT_EQ(Num("0912345678; 0987654321"), "0912345678");
  EXPECT_EQ(Num("0912.345.678 - 0987.654.321"), "0912345678");
  EXPECT_EQ(Num("12345 hoặc 0987654321"), "0987654321");  // first valid one
}

TEST(NormalizePhone, InvalidNumbersAreFlaggedAndEmpty) {
  for (const char* s : {"12345", "0912345", "091234567890", "0112345678", "1900 1234", "113",
                        "0000000000", "không có", "0012345678"}) {
    PhoneResult r = NormalizePhone(s);
    EXPECT_EQ(r.number, "") << s;
    EXPECT_TRUE(r.HasFlag(kPhoneInvalid)) << s;
    EXPECT_FALSE(r.reason.empty()) << s;
  }
  EXPECT_EQ(NormalizePhone("12345").reason, "5 digits");
  EXPECT_EQ(NormalizePhone("0112345678").reason, "unknown prefix '011'");
  EXPECT_TRUE(NormalizePhone("").flags.empty());
  EXPECT_TRUE(NormalizePhone(" - ").flags.empty());
}

TEST(IsMobilePrefix, CurrentPlan) {
  for (const char* p : {"032", "039", "052", "056", "058", "059", "070", "076", "079", "081", "089",
                        "090", "099"}) {
    EXPECT_TRUE(IsMobilePrefix(p)) << p;
  }
  for (const char* p : {"031", "040", "050", "071", "075", "080", "024", "012", "91"}) {
    EXPECT_FALSE(IsMobilePrefix(p)) << p;
  }
}

}  // namespace
}  // namespace vnlink::vi
