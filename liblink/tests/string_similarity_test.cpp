#include "liblink/string_similarity.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace vnlink {
namespace {

// Naive references: full matrices, written from the textbook definitions.
int NaiveLevenshtein(const std::u32string& a, const std::u32string& b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j)
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
  return d[a.size()][b.size()];
}

int NaiveOsa(const std::u32string& a, const std::u32string& b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

double NaiveJaro(const std::u32string& a, const std::u32string& b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  int window = std::max(0, static_cast<int>(std::max(a.size(), b.size())) / 2 - 1);
  std::vector<bool> fa(a.size()), fb(b.size());
  int m = 0;
  for (int i = 0; i < static_cast<int>(a.size()); ++i)
    for (int j = std::max(0, i - window); j <= std::min<int>(b.size() - 1, i + window); ++j)
      if (!fb[j] && a[i] == b[j]) {
        fa[i] = fb[j] = true;
        ++m;
        break;
      }
  if (m == 0) return 0.0;
  std::u32string sa, sb;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (fa[i]) sa += a[i];
  for (std::size_t j = 0; j < b.size(); ++j)
    if (fb[j]) sb += b[j];
  int half = 0;
  for (std::size_t k = 0; k < sa.size(); ++k) half += sa[k] != sb[k];
  double md = m;
  return (md / a.size() + md / b.size() + (md - half / 2) / md) / 3.0;
}

double NaiveJaroWinkler(const std::u32string& a, const std::u32string& b) {
  double j = NaiveJaro(a, b);
  if (j <= 0.7) return j;
  int l = 0;
  while (l < 4 && l < static_cast<int>(a.size()) && l < static_cast<int>(b.size()) && a[l] == b[l])
    ++l;
  return j + l * 0.1 * (1 - j);
}

// Random strings over a small alphabet (so that strings share characters), with edits of
// a base string so that close pairs are common too.
std::u32string RandomString(std::mt19937_64& rng, const std::u32string& alphabet,
                            std::size_t max_len) {
  std::size_t len = std::uniform_int_distribution<std::size_t>(0, max_len)(rng);
  std::u32string s;
  for (std::size_t i = 0; i < len; ++i)
    s += alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
  return s;
}

std::u32string Mutate(std::mt19937_64& rng, std::u32string s, const std::u32string& alphabet) {
  int edits = std::uniform_int_distribution<int>(0, 4)(rng);
  for (int e = 0; e < edits; ++e) {
    int kind = std::uniform_int_distribution<int>(0, 3)(rng);
    std::size_t pos =
        s.empty() ? 0 : std::uniform_int_distribution<std::size_t>(0, s.size() - 1)(rng);
    char32_t c = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
    if (kind == 0 || s.empty())
      s.insert(s.begin() + static_cast<long>(pos), c);
    else if (kind == 1)
      s.erase(pos, 1);
    else if (kind == 2)
      s[pos] = c;
    else if (pos + 1 < s.size())
      std::swap(s[pos], s[pos + 1]);
  }
  return s;
}

void CheckAgainstNaive(const std::u32string& alphabet, std::size_t max_len, int rounds,
                       std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  for (int r = 0; r < rounds; ++r) {
    std::u32string a = RandomString(rng, alphabet, max_len);
    std::u32string b =
        (r % 2 == 0) ? Mutate(rng, a, alphabet) : RandomString(rng, alphabet, max_len);
    SCOPED_TRACE(testing::Message() << "round " << r << " |a|=" << a.size() << " |b|=" << b.size());
    ASSERT_EQ(Levenshtein(a, b), NaiveLevenshtein(a, b));
    ASSERT_EQ(DamerauLevenshtein(a, b), NaiveOsa(a, b));
    ASSERT_DOUBLE_EQ(Jaro(a, b), NaiveJaro(a, b));
    ASSERT_DOUBLE_EQ(JaroWinkler(a, b), NaiveJaroWinkler(a, b));
    if (a.size() <= 64) {
      CodePointPattern p(a);
      ASSERT_EQ(p.Levenshtein(b), NaiveLevenshtein(a, b));
      ASSERT_EQ(p.DamerauLevenshtein(b), NaiveOsa(a, b));
      ASSERT_DOUBLE_EQ(p.Jaro(b), NaiveJaro(b, a));
    }
  }
}

TEST(StringSimilarity, RandomAsciiShortAgainstNaive) {
  CheckAgainstNaive(U"abcde", 12, 8000, 1);
  CheckAgainstNaive(U"nguyenvathiloc ", 30, 5000, 2);
}

TEST(StringSimilarity, RandomVietnameseAgainstNaive) {
  CheckAgainstNaive(U"aăâeêioôơuưyđàáảãạằắẳẵặầấẩẫậ ngtrh", 30, 5000, 3);
}

TEST(StringSimilarity, RandomAroundAndBeyond64AgainstNaive) {
  // Lengths up to 140 cross the 64-code-point bit-parallel limit on either side.
  CheckAgainstNaive(U"abcdeđươ", 140, 600, 4);
}

TEST(StringSimilarity, ExactlySixtyFourAndSixtyFive) {
  std::u32string a(64, U'ư'), b(65, U'ư');
  b[10] = U'a';
  EXPECT_EQ(Levenshtein(a, b), NaiveLevenshtein(a, b));
  EXPECT_EQ(DamerauLevenshtein(b, a), NaiveOsa(b, a));
  EXPECT_DOUBLE_EQ(Jaro(a, b), NaiveJaro(a, b));
  EXPECT_DOUBLE_EQ(Jaro(b, a), NaiveJaro(b, a));
}

TEST(StringSimilarity, EmptyStrings) {
  EXPECT_EQ(Levenshtein(std::string_view(""), std::string_view("")), 0);
  EXPECT_EQ(Levenshtein(std::string_view(""), std::string_view("văn")), 3);
  EXPECT_EQ(DamerauLevenshtein(std::string_view("thị"), std::string_view("")), 3);
  EXPECT_DOUBLE_EQ(Jaro(std::string_view(""), std::string_view("")), 1.0);
  EXPECT_DOUBLE_EQ(Jaro(std::string_view("an"), std::string_view("")), 0.0);
  EXPECT_DOUBLE_EQ(JaroWinkler(std::string_view(""), std::string_view("an")), 0.0);
}

TEST(StringSimilarity, CodePointsNotBytes) {
  // "hoà" vs "hòa": two substitutions of code points (bytes would differ more).
  EXPECT_EQ(Levenshtein(std::string_view("hoà"), std::string_view("hòa")), 2);
  EXPECT_EQ(DamerauLevenshtein(std::string_view("hoà"), std::string_view("hòa")), 2);
  EXPECT_EQ(Levenshtein(std::string_view("Nguyễn"), std::string_view("Nguyen")), 1);
  EXPECT_EQ(DecodeUtf8("Nguyễn").size(), 6u);
}

TEST(StringSimilarity, KnownValues) {
  // Textbook values (Winkler 1990 / Wikipedia).
  EXPECT_NEAR(Jaro(std::string_view("MARTHA"), std::string_view("MARHTA")), 0.944444, 1e-6);
  EXPECT_NEAR(JaroWinkler(std::string_view("MARTHA"), std::string_view("MARHTA")), 0.961111, 1e-6);
  EXPECT_NEAR(Jaro(std::string_view("DIXON"), std::string_view("DICKSONX")), 0.766667, 1e-6);
  EXPECT_NEAR(JaroWinkler(std::string_view("DIXON"), std::string_view("DICKSONX")), 0.813333, 1e-6);
  EXPECT_EQ(Levenshtein(std::string_view("kitten"), std::string_view("sitting")), 3);
  // OSA, not unrestricted Damerau-Levenshtein: "ca" -> "abc" is 3 (unrestricted gives 2).
  EXPECT_EQ(DamerauLevenshtein(std::string_view("ca"), std::string_view("abc")), 3);
  EXPECT_EQ(DamerauLevenshtein(std::string_view("nguyen"), std::string_view("ngyuen")), 1);
  EXPECT_EQ(Levenshtein(std::string_view("nguyen"), std::string_view("ngyuen")), 2);
}

TEST(StringSimilarity, InvalidUtf8DecodesAsReplacement) {
  std::u32string d = DecodeUtf8(std::string("a\xC3(b\xE1\xBB", 6));
  EXPECT_EQ(d, std::u32string(U"a\uFFFD(b\uFFFD\uFFFD"));
}

TEST(StringSimilarity, PatternReuseClearsPreviousMasks) {
  CodePointPattern p(U"abc");
  p.Assign(U"xyz");
  EXPECT_EQ(p.Mask(U'a'), 0u);
  EXPECT_EQ(p.Levenshtein(U"xyz"), 0);
  p.Assign(U"đươ");
  EXPECT_EQ(p.Mask(U'x'), 0u);
  EXPECT_EQ(p.Mask(U'ư'), 2u);
}

}  // namespace
}  // namespace vnlink
