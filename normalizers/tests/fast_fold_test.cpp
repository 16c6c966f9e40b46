// FastFold (a table fold written through pointers into a pre-sized buffer) agrees with a
// plain reference fold that asks vi::SearchKey about every character, byte for byte and
// offset for offset, on every Latin code point, combining marks, 4-byte characters and
// invalid or truncated UTF-8.
#include "../src/internal/fast_fold.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "normalizers/vi_text.h"

namespace vnlink::vi {
namespace {

std::string Utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
  return out;
}

// The contract of FastFold spelt out one character at a time: a sequence is decoded as
// far as the input goes (continuation bytes unchecked), a Latin letter whose SearchKey is
// one ASCII letter becomes that letter, a combining mark vanishes, anything else is
// copied; ASCII is lower-cased.
internal::Folded Reference(std::string_view s) {
  internal::Folded f;
  std::size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    auto start = static_cast<std::uint32_t>(i);
    if (b < 0x80) {
      f.text.push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b + 32) : static_cast<char>(b));
      f.src.push_back(start);
      ++i;
      continue;
    }
    std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    len = std::min(len, s.size() - i);
    char32_t c = 0;
    if (len == 2) c = ((b & 0x1F) << 6) | (s[i + 1] & 0x3F);
    if (len == 3) c = ((b & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
    const bool latin = (c >= 0xC0 && c <= 0x24F) || (c >= 0x1E00 && c <= 0x1EFF);
    const std::string key = latin ? SearchKey(Utf8(c)) : std::string();
    if (key.size() == 1 && key[0] >= 'a' && key[0] <= 'z') {
      f.text.push_back(key[0]);
      f.src.push_back(start);
    } else if (!(c >= 0x300 && c <= 0x36F)) {
      for (std::size_t k = 0; k < len; ++k) {
        f.text.push_back(s[i + k]);
        f.src.push_back(start);
      }
    }
    i += len;
  }
  f.src.push_back(static_cast<std::uint32_t>(s.size()));
  return f;
}

void ExpectAgrees(std::string_view s, internal::Folded& reused) {
  const internal::Folded want = Reference(s);
  const internal::Folded got = internal::FastFold(s);
  EXPECT_EQ(got.text, want.text) << s;
  EXPECT_EQ(got.src, want.src) << s;
  EXPECT_EQ(internal::FastFoldText(s), want.text) << s;
  internal::FastFold(s, reused);  // into buffers left over from the previous input
  EXPECT_EQ(reused.text, want.text) << s;
  EXPECT_EQ(reused.src, want.src) << s;
  std::string text = "left over from before";
  internal::FastFoldText(s, text);
  EXPECT_EQ(text, want.text) << s;
}

TEST(FastFold, EveryLatinCodePointAloneAndInText) {
  internal::Folded reused;
  for (char32_t c = 0x01; c <= 0x2FF; ++c) {
    ExpectAgrees(Utf8(c), reused);
    ExpectAgrees("Ab" + Utf8(c) + "Z.", reused);
  }
  for (char32_t c = 0x1E00; c <= 0x1EFF; ++c) {
    ExpectAgrees(Utf8(c), reused);
    ExpectAgrees("X " + Utf8(c) + Utf8(c) + " y", reused);
  }
  EXPECT_EQ(internal::FastFold("Đường Ỷ Lan").text, "duong y lan");
}

TEST(FastFold, CombiningMarksFourByteCharactersAndOtherScripts) {
  internal::Folded reused;
  for (char32_t c = 0x300; c <= 0x36F; ++c) {
    std::string s = "a";
    s += Utf8(c);
    s += "B";
    ExpectAgrees(s, reused);
  }
  for (std::string_view s :
       {"Hoa\xCC\x80 Ba\xCC\x81", "\xF0\x9F\x98\x80 nha", "Москва 12", "東京 Q1", "\xE2\x80\x99",
        "M\xE2\x80\x99"
        "Dr\xE1\xBA\xAFk",
        "x\xEF\xBB\xBFy", "\xF4\x8F\xBF\xBF"}) {
    ExpectAgrees(s, reused);
  }
}

TEST(FastFold, InvalidAndTruncatedUtf8) {
  internal::Folded reused;
  for (std::string_view s :
       {std::string_view("\x80"), std::string_view("\xFF"), std::string_view("a\xC3"),
        std::string_view("a\xE1\xBA"), std::string_view("\xF0\x9F\x98"),
        std::string_view("\xC3"
                         "A"),
        std::string_view("\xE1"
                         "AB c"),
        std::string_view("\xC3\xC3\xA0"), std::string_view("\xBF\xBF x"),
        std::string_view("a\0b", 3), std::string_view("")}) {
    ExpectAgrees(s, reused);
  }
  // Random byte strings, biased towards lead bytes and Latin letters.
  std::mt19937 rng(20261125);
  const std::string alphabet = "aZ 09.,\xC3\xA0\xC4\x91\xE1\xBA\xA1\xCC\x81\xF0\x80\xBF\xFF";
  for (int n = 0; n < 3000; ++n) {
    std::string s;
    const std::size_t len = rng() % 24;
    for (std::size_t k = 0; k < len; ++k) s.push_back(alphabet[rng() % alphabet.size()]);
    ExpectAgrees(s, reused);
  }
}

}  // namespace
}  // namespace vnlink::vi
