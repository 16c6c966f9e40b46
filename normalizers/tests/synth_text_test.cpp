#include "normalizers/synth_text.h"

#include <gtest/gtest.h>

namespace vnlink::vi {
namespace {

TEST(SynthText, TelexResidue) {
  EXPECT_EQ(TelexResidue("Nguyễn"), "Nguyeenx");
  EXPECT_EQ(TelexResidue("Đặng Thị Hương"), "DDawngj Thij Huwowng");
  EXPECT_EQ(TelexResidue("Lê Văn An"), "Lee Vawn An");
}

TEST(SynthText, ToneStyleMovesOnlyOpenOaOeUy) {
  EXPECT_EQ(ToneStyle("Hòa Thủy Khỏe", true), "Hoà Thuỷ Khoẻ");
  EXPECT_EQ(ToneStyle("Hoà Thuỷ Khoẻ", false), "Hòa Thủy Khỏe");
  EXPECT_EQ(ToneStyle("Hoàng Quý Thuyết", true), "Hoàng Quý Thuyết");
  EXPECT_EQ(ToneStyle("HÒA", true), "HOÀ");
  EXPECT_EQ(ToneStyle("Ủy", true), "Uỷ");
  EXPECT_EQ(ToneStyle("Nguyễn Văn An", true), "Nguyễn Văn An");
}

TEST(SynthText, DropDiacriticsAndUpper) {
  EXPECT_EQ(DropDiacritics("Đặng Văn Hưng, Phường Bến Nghé"), "Dang Van Hung, Phuong Ben Nghe");
  EXPECT_EQ(UpperVi("nguyễn thị ánh đào"), "NGUYỄN THỊ ÁNH ĐÀO");
}

TEST(SynthText, DecomposeInCanonicalOrder) {
  EXPECT_EQ(DecomposeVi("ệ"), "e\xCC\xA3\xCC\x82");  // e U+0323 U+0302
  EXPECT_EQ(DecomposeVi("ờ"), "o\xCC\x9B\xCC\x80");  // o U+031B U+0300
  EXPECT_EQ(DecomposeVi("ự"), "u\xCC\x9B\xCC\xA3");  // u U+031B U+0323
  EXPECT_EQ(DecomposeVi("ấ"), "a\xCC\x82\xCC\x81");  // a U+0302 U+0301
  EXPECT_EQ(DecomposeVi("Đức"),
            "Đu\xCC\x9B\xCC\x81"
            "c");
}

TEST(SynthText, EthAndDstroke) {
  EXPECT_TRUE(HasDstroke("Đặng"));
  EXPECT_TRUE(HasDstroke("Hoàng Văn đức"));
  EXPECT_FALSE(HasDstroke("Nguyễn"));
  EXPECT_EQ(EthForDstroke("Đặng Đức"), "\xC3\x90ặng \xC3\x90ức");
}

// The detection signatures of shared/data/vn/legacy_encodings.md.
TEST(SynthText, LegacyMojibakeMatchesKnownSignatures) {
  EXPECT_EQ(LegacyMojibake("Nguyễn", LegacyEncoding::kTcvn3), "NguyÔn");
  EXPECT_EQ(LegacyMojibake("Nguyễn", LegacyEncoding::kVni), "Nguyeãn");
  EXPECT_EQ(LegacyMojibake("Nguyễn", LegacyEncoding::kUtf8Twice), "Nguyá»…n");
  EXPECT_EQ(LegacyMojibake("Trần Thị Thủy", LegacyEncoding::kTcvn3), "TrÇn ThÞ Thñy");
  EXPECT_EQ(LegacyMojibake("Trần Thị Thủy", LegacyEncoding::kVni), "Traàn Thò Thuûy");
  EXPECT_EQ(LegacyMojibake("Hoàng Văn Đức", LegacyEncoding::kTcvn3), "Hoµng V¨n §øc");
  EXPECT_EQ(LegacyMojibake("Hoàng Văn Đức", LegacyEncoding::kVni), "Hoaøng Vaên Ñöùc");
  // Capital fonts: toned capitals use the small letter's byte.
  EXPECT_EQ(LegacyMojibake("NGUYỄN", LegacyEncoding::kTcvn3), "NGUYÔN");
  // Windows-1252 holes become C1 controls, so the result stays valid UTF-8.
  EXPECT_EQ(LegacyMojibake("Đ", LegacyEncoding::kUtf8Twice), "Ä\xC2\x90");
}

}  // namespace
}  // namespace vnlink::vi
