// File: liblink/string_similarity.h
//
// String comparators over Unicode code points (UTF-8 input is decoded first, so "Nguyễn"
// has 6 characters, not 9 bytes):
//   Levenshtein         bit-parallel (Myers 1999 / Hyyro 2001) when the first string has
//                       <= 64 code points, dynamic programming beyond;
//   DamerauLevenshtein  the optimal string alignment variant (adjacent transpositions,
//                       no edit of a transposed pair: "ca" -> "abc" is 3), bit-parallel
//                       (Hyyro 2003) up to 64 code points, dynamic programming beyond;
//   Jaro, JaroWinkler   bit-parallel when the second string has <= 64 code points,
//                       the classic O(n*window) algorithm beyond.
//
//   double s = vnlink::JaroWinkler("nguyễn văn an", "nguyen van an");
//   int d = vnlink::Levenshtein("hoà", "hòa");        // 2 (not 4, as bytes would give)
//
// Jaro semantics (the classic definition, Winkler 1990): window = max(|a|,|b|)/2 - 1;
// each character of `a` in turn takes the first unmatched equal character of `b` within
// the window; t = half the matched characters out of order. Jaro("", "") = 1, Jaro of an
// empty and a non-empty string = 0. Jaro-Winkler adds l*p*(1-jaro) for a common prefix of
// l <= 4 code points, p = 0.1, only when jaro > 0.7 (the boost threshold).
//
// CodePointPattern keeps the bit masks of one string, for comparing it with many others.

#ifndef LIBLINK_STRING_SIMILARITY_H_
#define LIBLINK_STRING_SIMILARITY_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vnlink {

// Decodes UTF-8 into code points; invalid bytes decode as U+FFFD one byte at a time.
[[nodiscard]] std::u32string DecodeUtf8(std::string_view text);

// Edit distances in code points.
[[nodiscard]] int Levenshtein(std::u32string_view a, std::u32string_view b);
[[nodiscard]] int DamerauLevenshtein(std::u32string_view a, std::u32string_view b);
[[nodiscard]] int Levenshtein(std::string_view a, std::string_view b);
[[nodiscard]] int DamerauLevenshtein(std::string_view a, std::string_view b);

// Similarities in [0, 1].
[[nodiscard]] double Jaro(std::u32string_view a, std::u32string_view b);
[[nodiscard]] double JaroWinkler(std::u32string_view a, std::u32string_view b);
[[nodiscard]] double Jaro(std::string_view a, std::string_view b);
[[nodiscard]] double JaroWinkler(std::string_view a, std::string_view b);

// Winkler's prefix boost applied to a Jaro similarity.
[[nodiscard]] double WinklerBoost(double jaro, std::u32string_view a, std::u32string_view b);

// The bit masks of one string of at most 64 code points (the "pattern"): where each code
// point occurs. Build once, compare with many texts; no allocation per comparison.
class CodePointPattern {
 public:
  static constexpr std::size_t kMaxLength = 64;

  CodePointPattern() = default;
  // `pattern` must have at most kMaxLength code points (std::invalid_argument otherwise).
  explicit CodePointPattern(std::u32string_view pattern) { Assign(pattern); }
  void Assign(std::u32string_view pattern);

  [[nodiscard]] std::u32string_view pattern() const { return pattern_; }
  // Bits of the pattern positions holding code point c.
  [[nodiscard]] std::uint64_t Mask(char32_t c) const {
    if (c < 128) return ascii_[c];
    for (std::size_t i = 0; i < other_chars_.size(); ++i)
      if (other_chars_[i] == c) return other_masks_[i];
    return 0;
  }

  // Same results as the free functions with the pattern as the named argument.
  [[nodiscard]] int Levenshtein(std::u32string_view text) const;         // (pattern, text)
  [[nodiscard]] int DamerauLevenshtein(std::u32string_view text) const;  // (pattern, text)
  [[nodiscard]] double Jaro(std::u32string_view text) const;             // Jaro(text, pattern)

 private:
  std::u32string pattern_;
  std::uint64_t ascii_[128] = {};
  std::vector<char32_t> other_chars_;
  std::vector<std::uint64_t> other_masks_;
};

}  // namespace vnlink

#endif  // LIBLINK_STRING_SIMILARITY_H_
