#include "liblink/utf8.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace vnlink {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_EQ(FindInvalidUtf8(""), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("plain ascii text longer than eight bytes"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("Nguyễn Thị Ánh Đào 𝄞"), std::string_view::npos);
}

TEST(Utf8, FindsTheFirstBadByte) {
  EXPECT_EQ(FindInvalidUtf8("abc\xFF"), 3u);
  EXPECT_EQ(FindInvalidUtf8("abcdefghij\x80"), 10u);   // lone continuation
  EXPECT_EQ(FindInvalidUtf8("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("\xE0\x80\xAF"), 0u);      // overlong 3-byte
  EXPECT_EQ(FindInvalidUtf8("x\xED\xA0\x80"), 1u);     // surrogate
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("Nguy\xE1\xBB"), 4u);      // truncated
  EXPECT_EQ(FindInvalidUtf8("Nguy\xC3\xA1n\xC3"), 7u);
}

// The fast path runs on strings of 32 bytes and more: put each kind of error at every
// offset of a long string, across the 16-byte lanes and at the very end.
TEST(Utf8, LongStringsFindTheFirstBadByteAtEveryOffset) {
  const std::vector<std::string> bad = {"\xFF",         "\x80",         "\xC0\xAF",
                                        "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                        "\xE1\xBB",     "\xC3",         "\xF0\x9D\x84"};
  const std::string text = "Nguyễn Thị Ánh Đào 𝄞 Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh";
  for (const std::string& b : bad) {
    for (std::size_t at = 0; at <= 70; ++at) {
      // Cut the valid text at a character boundary near `at`.
      std::size_t cut = std::min(at, text.size());
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      std::string s = text.substr(0, cut) + b + "x" + text;
      EXPECT_EQ(FindInvalidUtf8(s), cut) << "offset " << at;
      std::string at_end = text.substr(0, cut) + text + b;  // cut short at the very end
      EXPECT_EQ(FindInvalidUtf8(at_end), cut + text.size()) << "offset " << at;
    }
  }
  EXPECT_EQ(FindInvalidUtf8(text + text), std::string_view::npos);
}

// All pairs of bytes, and the sequences of three and four bytes that matter, at the end of
// a lane and straddling into the next: the fast check and the scalar code must agree.
TEST(Utf8, FastCheckAgreesWithScalarOnEveryShortSequence) {
  const std::string pad(40, 'a');
  const unsigned char conts[] = {0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0};
  for (std::size_t pos : {13u, 15u, 31u}) {
    for (int b1 = 0x80; b1 <= 0xFF; ++b1) {
      for (int b2 = 0; b2 <= 0xFF; ++b2) {
        std::string s = pad.substr(0, pos);
        s += static_cast<char>(b1);
        s += static_cast<char>(b2);
        s += pad;
        ASSERT_EQ(FindInvalidUtf8(s), FindInvalidUtf8Scalar(s)) << pos << " " << b1 << " " << b2;
        if (b1 < 0xE0) continue;
        for (unsigned char b3 : conts) {
          for (unsigned char b4 : conts) {
            std::string t = pad.substr(0, pos);
            t += static_cast<char>(b1);
            t += static_cast<char>(b2);
            t += static_cast<char>(b3);
            t += static_cast<char>(b4);
            t += pad;
            ASSERT_EQ(FindInvalidUtf8(t), FindInvalidUtf8Scalar(t))
                << pos << " " << b1 << " " << b2 << " " << int{b3} << " " << int{b4};
          }
        }
      }
    }
  }
}

// Differential test on random text: valid characters of every length mixed with stray
// bytes, at random lengths and alignments (fixed seed).
TEST(Utf8, FastCheckAgreesWithScalarOnRandomText) {
  std::mt19937 rng(8);
  const std::vector<std::string> pieces = {
      "a",        " ",    ",",    "\n",   "é",    "Đ",        "ễ",        "ự",
      "€",        "𝄞",    "\x80", "\xBF", "\xC3", "\xE1\xBB", "\xF0\x9D", "\xED\xA0\x80",
      "\xC1\xBF", "\xF5", "\xFF"};
  for (int iter = 0; iter < 30000; ++iter) {
    std::string s;
    std::size_t len = rng() % 160;
    double bad = std::uniform_real_distribution<>(0, 0.05)(rng);
    while (s.size() < len) {
      bool stray = std::bernoulli_distribution(bad)(rng);
      s += stray ? pieces[10 + rng() % (pieces.size() - 10)] : pieces[rng() % 10];
    }
    std::size_t start = rng() % 4;
    std::string_view v = std::string_view(s).substr(std::min(start, s.size()));
    ASSERT_EQ(FindInvalidUtf8(v), FindInvalidUtf8Scalar(v)) << "iteration " << iter;
  }
}

TEST(Utf8, CountsCodePoints) {
  EXPECT_EQ(CountCodePoints("Nguyễn"), 6u);
  EXPECT_TRUE(IsAscii("abc"));
  EXPECT_FALSE(IsAscii("ă"));
}

}  // namespace
}  // namespace vnlink
