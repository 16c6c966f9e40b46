#include "liblink/byte_scan.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace vnlink {
namespace {

// Every length up to three lanes, every position of the one match: lane edges and the
// partial last block are where a 16-byte scanner goes wrong.
TEST(FindAnyOf3, EveryLengthAndPosition) {
  for (std::size_t n = 0; n <= 50; ++n) {
    std::string s(n, 'x');
    EXPECT_EQ(FindAnyOf3(s, ',', '\n', '\r'), n) << n;
    for (std::size_t at = 0; at < n; ++at) {
      for (char c : {',', '\n', '\r'}) {
        s[at] = c;
        EXPECT_EQ(FindAnyOf3(s, ',', '\n', '\r'), at) << n << " " << at;
        s[at] = 'x';
      }
    }
  }
}

TEST(FindAnyOf3, MatchesTheScalarScanOnRandomInput) {
  std::mt19937 rng(4180);
  const std::string alphabet = "ab,\"\n\r\t;\xC3\xA1\xE1\xBB\x85\x80\xFF";
  std::string buffer(300, 'a');
  for (int iter = 0; iter < 20000; ++iter) {
    double density = std::uniform_real_distribution<>(0, 0.2)(rng);
    for (char& c : buffer) {
      c = std::bernoulli_distribution(density)(rng) ? alphabet[rng() % alphabet.size()] : 'a';
    }
    // A random start gives every alignment; a random end every tail length.
    std::size_t start = rng() % 40, len = rng() % 200;
    std::string_view s(buffer.data() + start, len);
    char a = alphabet[rng() % alphabet.size()], b = ',', c = alphabet[rng() % alphabet.size()];
    ASSERT_EQ(FindAnyOf3(s, a, b, c), FindAnyOf3Scalar(s, a, b, c))
        << "iteration " << iter << " start " << start << " len " << len;
  }
}

TEST(CopyForTsv, MatchesTheScalarCopyAndStaysInItsSlack) {
  std::mt19937 rng(9);
  const std::string alphabet = "abc\t\n\r \xC3\xA1";
  std::string source(200, 'a');
  for (int iter = 0; iter < 20000; ++iter) {
    double density = std::uniform_real_distribution<>(0, 0.1)(rng);
    for (char& c : source) {
      c = std::bernoulli_distribution(density)(rng) ? alphabet[rng() % alphabet.size()] : 'q';
    }
    std::size_t start = rng() % 30, len = rng() % 150;
    std::string_view s(source.data() + start, len);
    std::vector<char> fast(len + kCopySlack + 8, '#'), slow(len + kCopySlack + 8, '#');
    bool fast_replaced = CopyForTsv(fast.data(), s);
    bool slow_replaced = CopyForTsvScalar(slow.data(), s);
    ASSERT_EQ(fast_replaced, slow_replaced) << iter;
    ASSERT_EQ(std::string(fast.data(), len), std::string(slow.data(), len)) << iter;
    for (std::size_t k = len + kCopySlack; k < fast.size(); ++k) ASSERT_EQ(fast[k], '#') << iter;
  }
}

TEST(CopyForTsv, ReplacesBreaksAtEveryPosition) {
  for (std::size_t n = 1; n <= 40; ++n) {
    for (std::size_t at = 0; at < n; ++at) {
      std::string s(n, 'v');
      s[at] = "\t\n\r"[at % 3];
      std::string want(n, 'v');
      want[at] = ' ';
      std::vector<char> dst(n + kCopySlack);
      EXPECT_TRUE(CopyForTsv(dst.data(), s)) << n << " " << at;
      EXPECT_EQ(std::string(dst.data(), n), want) << n << " " << at;
    }
  }
  char dst[kCopySlack];
  EXPECT_FALSE(CopyForTsv(dst, std::string_view()));
}

}  // namespace
}  // namespace vnlink
