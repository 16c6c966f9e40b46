#include "normalizers/sex.h"

#include <gtest/gtest.h>

namespace vnlink::vi {
namespace {

TEST(NormalizeSex, VietnameseWords) {
  for (const char* s : {"Nam", "nam", "NAM", " Nam ", "Trai", "con trai", "Giới tính nam", "Ông"}) {
    EXPECT_EQ(NormalizeSex(s).sex, "M") << s;
  }
  for (const char* s :
       {"Nữ", "nữ", "NỮ", "nu", "Nu", "NU", "Gái", "gai", "Nữ giới", "Bà", "Nu\xCC\x9B\xCC\x83"}) {
    EXPECT_EQ(NormalizeSex(s).sex, "F") << s;
  }
}

TEST(NormalizeSex, CodesAndEnglish) {
  for (const char* s : {"M", "m", "M.", "1", "01", "male", "Male", "MALE", "man"}) {
    EXPECT_EQ(NormalizeSex(s).sex, "M") << s;
  }
  for (const char* s : {"F", "f", "2", "02", "female", "Female", "W", "woman"}) {
    EXPECT_EQ(NormalizeSex(s).sex, "F") << s;
  }
}

TEST(NormalizeSex, UnknownValuesAreEmpty) {
  for (const char* s :
       {"3", "Không rõ", "KHONG RO", "chưa rõ", "không xác định", "Khác", "unknown", "?", "-"}) {
    SexResult r = NormalizeSex(s);
    EXPECT_EQ(r.sex, "") << s;
    ASSERT_EQ(r.flags.size(), 1u) << s;
    EXPECT_EQ(r.flags[0], kSexUnknown) << s;
  }
  EXPECT_TRUE(NormalizeSex("").flags.empty());
  EXPECT_TRUE(NormalizeSex("  ").flags.empty());
  SexResult zero = NormalizeSex("0");
  EXPECT_EQ(zero.sex, "");
  ASSERT_EQ(zero.flags.size(), 1u);
  EXPECT_EQ(zero.flags[0], kSexAmbiguousZero);
  for (const char* s : {"x", "4", "Nam Định", "yes", "Nguyễn Văn An"}) {
    SexResult r = NormalizeSex(s);
    EXPECT_EQ(r.sex, "") << s;
    ASSERT_EQ(r.flags.size(), 1u) << s;
    EXPECT_EQ(r.flags[0], kSexUnrecognised) << s;
  }
}

}  // namespace
}  // namespace vnlink::vi
