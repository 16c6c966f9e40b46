#include "liblink/utf8.h"

#include <gtest/gtest.h>

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

TEST(Utf8, CountsCodePoints) {
  EXPECT_EQ(CountCodePoints("Nguyễn"), 6u);
  EXPECT_TRUE(IsAscii("abc"));
  EXPECT_FALSE(IsAscii("ă"));
}

}  // namespace
}  // namespace vnlink
