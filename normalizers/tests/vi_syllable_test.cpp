#include "normalizers/vi_syllable.h"

#include <gtest/gtest.h>

#include <string>

namespace vnlink::vi {
namespace {

TEST(ViSyllable, SplitsAndComposesLetters) {
  LetterParts p = SplitLetter(U'ễ');
  EXPECT_EQ(p.base, U'ê');
  EXPECT_EQ(p.tone, Tone::kTilde);
  EXPECT_FALSE(p.upper);
  EXPECT_TRUE(SplitLetter(U'Ự').upper);
  EXPECT_EQ(SplitLetter(U'Ự').base, U'ư');
  EXPECT_EQ(SplitLetter(U'n').base, 0u);
  EXPECT_EQ(ComposeLetter(U'ơ', Tone::kDot, false), U'ợ');
  EXPECT_EQ(ComposeLetter(U'a', Tone::kGrave, true), U'À');
  EXPECT_EQ(ComposeLetter(U'z', Tone::kGrave, true), 0u);
}

TEST(ViSyllable, Utf8RoundTrip) {
  EXPECT_EQ(ToU8(ToU32("Nguyễn Đức 𝄞")), "Nguyễn Đức 𝄞");
  EXPECT_EQ(ToU32("a\xFF").back(), 0xFFFDu);
  EXPECT_EQ(ToU32("\xE1\xBB"), (std::u32string{0xFFFD, 0xFFFD}));  // truncated
  EXPECT_EQ(ToU32("\xE1"
                  "ab"),
            (std::u32string{0xFFFD, U'a', U'b'}));  // no continuation
  EXPECT_EQ(ToU32(""), U"");
  EXPECT_EQ(ToU8(U""), "");
  EXPECT_EQ(ToU8(U"\u00E9\u1EC5\U0001D11Ea"), "\u00E9\u1EC5\U0001D11Ea");
  std::string appended = "x";
  for (char32_t c : std::u32string(U"\u00E9\u1EC5\U0001D11E")) AppendU8(appended, c);
  EXPECT_EQ(appended, "x\u00E9\u1EC5\U0001D11E");
}

TEST(ViSyllable, AcceptsRealSyllables) {
  for (const char* s :
       {"nguyễn", "Trần",  "THỊ",    "thủy",  "thuỷ", "hòa",   "hoà",   "quý",     "giữa",  "gì",
        "người",  "khuỷu", "thuyết", "đức",   "ủy",   "uỷ",    "xoong", "nghiêng", "Phước", "an",
        "ích",    "oanh",  "khuya",  "giếng", "quốc", "Quỳnh", "quýt",  "QUÝNH",   "quých"}) {
    EXPECT_TRUE(IsSyllable(s)) << s;
  }
}

TEST(ViSyllable, RejectsMojibakeAndForeignWords) {
  for (const char* s :
       {"nguyôn", "nguyeãn", "nguyêÞn", "Nguyá»…n", "Hoµng", "Toaøn", "john", "hélène", "café",
        "thànhh", "lóc2", "", "hoàá", "bìch", "hoaf", "nguyeenx"}) {
    EXPECT_FALSE(IsSyllable(s)) << s;
  }
  // Only acute or dot below before a final stop.
  EXPECT_TRUE(IsSyllable("Bích"));
  EXPECT_TRUE(IsSyllable("Phục"));
  EXPECT_FALSE(IsSyllable("Phùc"));
  // y + t/nh/ch only after the "qu" glide.
  EXPECT_FALSE(IsSyllable("ỳnh"));
  EXPECT_FALSE(IsSyllable("tỳnh"));
  EXPECT_FALSE(IsSyllable("quỳt"));
}

// Case never matters (ASCII vowels and consonants take one path, other letters the
// table); characters beside the ASCII letter ranges, and keys longer than any syllable,
// are no syllables.
TEST(ViSyllable, CaseAndEdges) {
  for (const char* s : {"nguyễn", "nghiêng", "khuỷu", "quých", "ương", "an", "đường", "y"}) {
    std::u32string lower = ToU32(s), upper = lower, mixed = lower;
    for (char32_t& c : upper) {
      LetterParts p = SplitLetter(c);
      if (p.base != 0) c = ComposeLetter(p.base, p.tone, true);
      if (c >= 'a' && c <= 'z') c -= 32;
      if (c == U'đ') c = U'Đ';
    }
    for (std::size_t i = 0; i < mixed.size(); i += 2) mixed[i] = upper[i];
    EXPECT_TRUE(IsSyllable(std::u32string_view(lower))) << s;
    EXPECT_TRUE(IsSyllable(std::u32string_view(upper))) << s;
    EXPECT_TRUE(IsSyllable(std::u32string_view(mixed))) << s;
    EXPECT_TRUE(IsSyllable(ToU8(upper))) << s;
  }
  for (const char* s : {"@n", "[n", "`n", "{n", "a n", "a-n", "an\x7F", "nghiêngg", "nghiênggggg",
                        "ươươươươươ", "ĐĐĐĐĐĐĐĐĐ", "ăăăăăăăăăă", "nnnnnnnnnnnnnnnnn"}) {
    EXPECT_FALSE(IsSyllable(s)) << s;
  }
}

TEST(ViSyllable, FoldedSyllables) {
  for (const char* s :
       {"nguyen", "NGUYEN", "truong", "duc", "thuy", "khuyen", "nghieng", "a", "quynh", "QUYT"}) {
    EXPECT_TRUE(IsFoldedSyllable(s)) << s;
  }
  for (const char* s :
       {"hoaf", "nguyeenx", "dduc", "vaan", "john", "x1", "", "truowng", "ynh", "tynh", "qu"}) {
    EXPECT_FALSE(IsFoldedSyllable(s)) << s;
  }
}

}  // namespace
}  // namespace vnlink::vi
