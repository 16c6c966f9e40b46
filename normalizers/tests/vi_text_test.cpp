#include "normalizers/vi_text.h"

#include <gtest/gtest.h>

namespace vnlink::vi {
namespace {

TEST(ViText, NfcComposesDecomposedVietnamese) {
  EXPECT_EQ(Nfc("Nguye\xCC\x82\xCC\x83n"), "Nguyễn");  // e + circumflex + tilde
  EXPECT_EQ(Nfc("ASCII only"), "ASCII only");
  EXPECT_TRUE(IsNfc("Nguyễn"));
  EXPECT_FALSE(IsNfc("Nguye\xCC\x82\xCC\x83n"));
  EXPECT_EQ(Nfd("ệ"), "e\xCC\xA3\xCC\x82");
}

TEST(ViText, StripTonesKeepsVowelQualityAndDStroke) {
  EXPECT_EQ(StripTones("Nguyễn Thị Hoà"), "Nguyên Thi Hoa");
  EXPECT_EQ(StripTones("Đặng Ðức Lưỡng"), "Đăng Đưc Lương");
  EXPECT_EQ(StripTones("Nguye\xCC\x82\xCC\x83n"), "Nguyên");
}

TEST(ViText, FoldAsciiRemovesEverything) {
  EXPECT_EQ(FoldAscii("Đặng Ðức Lưỡng ƯỚC"), "Dang Duc Luong UOC");
  EXPECT_EQ(FoldAscii("Hồ Lễ Đào"), "Ho Le Dao");
}

TEST(ViText, CaseMapping) {
  EXPECT_EQ(Lower("ĐẶNG THỊ ÁNH"), "đặng thị ánh");
  EXPECT_EQ(Upper("nguyễn"), "NGUYỄN");
  EXPECT_EQ(Lower("Ðức"), "đức");
  EXPECT_EQ(ProperCase("NGUYỄN văn  an"), "Nguyễn Văn  An");
}

TEST(ViText, SearchKeyCollapsesSpaceCaseAndAccents) {
  EXPECT_EQ(SearchKey("  Nguyễn   Văn\tAN "), "nguyen van an");
  EXPECT_EQ(SearchKey(""), "");
}

}  // namespace
}  // namespace vnlink::vi
