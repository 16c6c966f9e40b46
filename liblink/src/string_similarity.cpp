#include "liblink/string_similarity.h"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace vnlink {
namespace {

// Two rolling rows are enough for Levenshtein; OSA needs the row before as well.
int LevenshteinDp(std::u32string_view a, std::u32string_view b) {
  std::vector<int> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    int diag = row[0];
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      int up = row[j];
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({up + 1, row[j - 1] + 1, diag + cost});
      diag = up;
    }
  }
  return row[b.size()];
}

int OsaDp(std::u32string_view a, std::u32string_view b) {
  std::size_t n = b.size();
  std::vector<int> prev2(n + 1), prev(n + 1), cur(n + 1);
  for (std::size_t j = 0; j <= n; ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= n; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        v = std::min(v, prev2[j - 2] + 1);
      cur[j] = v;
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[n];
}

double JaroFromCounts(std::size_t len_a, std::size_t len_b, std::size_t matches,
                      std::size_t half_transpositions) {
  if (matches == 0) return 0.0;
  double m = static_cast<double>(matches);
  double t = static_cast<double>(half_transpositions / 2);
  return (m / static_cast<double>(len_a) + m / static_cast<double>(len_b) + (m - t) / m) / 3.0;
}

std::size_t JaroWindow(std::size_t len_a, std::size_t len_b) {
  std::size_t longest = std::max(len_a, len_b);
  return longest / 2 > 0 ? longest / 2 - 1 : 0;
}

// The classic algorithm, used beyond 64 code points.
double JaroGeneral(std::u32string_view a, std::u32string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  std::size_t window = JaroWindow(a.size(), b.size());
  std::vector<char> flag_a(a.size(), 0), flag_b(b.size(), 0);
  std::size_t matches = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::size_t lo = i > window ? i - window : 0;
    std::size_t hi = std::min(b.size(), i + window + 1);
    for (std::size_t j = lo; j < hi; ++j) {
      if (!flag_b[j] && a[i] == b[j]) {
        flag_a[i] = flag_b[j] = 1;
        ++matches;
        break;
      }
    }
  }
  std::size_t half = 0;
  std::size_t j = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!flag_a[i]) continue;
    while (!flag_b[j]) ++j;
    if (a[i] != b[j]) ++half;
    ++j;
  }
  return JaroFromCounts(a.size(), b.size(), matches, half);
}

}  // namespace

std::u32string DecodeUtf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(c);
      ++i;
      continue;
    }
    int extra = c >= 0xF0 && c < 0xF5 ? 3 : c >= 0xE0 ? (c < 0xF0 ? 2 : -1) : c >= 0xC2 ? 1 : -1;
    char32_t cp = extra == 3 ? c & 0x07 : extra == 2 ? c & 0x0F : c & 0x1F;
    bool ok = extra > 0 && i + static_cast<std::size_t>(extra) < s.size();
    if (ok) {
      for (int k = 1; k <= extra; ++k) {
        unsigned char d = static_cast<unsigned char>(s[i + k]);
        if ((d & 0xC0) != 0x80) {
          ok = false;
          break;
        }
        cp = (cp << 6) | (d & 0x3F);
      }
    }
    // Overlong three-byte forms, surrogates and values above U+10FFFF are invalid.
    if (ok && ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
               (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)))) {
      ok = false;
    }
    if (ok) {
      out.push_back(cp);
      i += static_cast<std::size_t>(extra) + 1;
    } else {
      out.push_back(U'\uFFFD');
      ++i;
    }
  }
  return out;
}

void CodePointPattern::Assign(std::u32string_view pattern) {
  if (pattern.size() > kMaxLength) throw std::invalid_argument("pattern longer than 64");
  // Clear only what the previous pattern set: Assign is called once per left record.
  for (char32_t c : pattern_) {
    if (c < 128) ascii_[c] = 0;
  }
  other_chars_.clear();
  other_masks_.clear();
  pattern_.assign(pattern);
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char32_t c = pattern[i];
    std::uint64_t bit = std::uint64_t{1} << i;
    if (c < 128) {
      ascii_[c] |= bit;
      continue;
    }
    auto it = std::find(other_chars_.begin(), other_chars_.end(), c);
    if (it == other_chars_.end()) {
      other_chars_.push_back(c);
      other_masks_.push_back(bit);
    } else {
      other_masks_[static_cast<std::size_t>(it - other_chars_.begin())] |= bit;
    }
  }
}

int CodePointPattern::Levenshtein(std::u32string_view text) const {
  std::size_t m = pattern_.size();
  if (m == 0) return static_cast<int>(text.size());
  if (text.empty()) return static_cast<int>(m);
  // Myers' algorithm in Hyyro's formulation: vertical delta vectors VP/VN of the DP column.
  std::uint64_t vp = m == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << m) - 1;
  std::uint64_t vn = 0;
  const std::uint64_t last = std::uint64_t{1} << (m - 1);
  int score = static_cast<int>(m);
  for (char32_t c : text) {
    std::uint64_t eq = Mask(c);
    std::uint64_t x = eq | vn;
    std::uint64_t d0 = (((x & vp) + vp) ^ vp) | x;
    std::uint64_t hp = vn | ~(d0 | vp);
    std::uint64_t hn = vp & d0;
    if (hp & last) ++score;
    if (hn & last) --score;
    hp = (hp << 1) | 1;
    hn <<= 1;
    vp = hn | ~(d0 | hp);
    vn = hp & d0;
  }
  return score;
}

int CodePointPattern::DamerauLevenshtein(std::u32string_view text) const {
  std::size_t m = pattern_.size();
  if (m == 0) return static_cast<int>(text.size());
  if (text.empty()) return static_cast<int>(m);
  // Hyyro 2003: Myers' recurrence with a transposition term TR for the OSA distance.
  std::uint64_t vp = m == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << m) - 1;
  std::uint64_t vn = 0, d0 = 0, pm_prev = 0;
  const std::uint64_t last = std::uint64_t{1} << (m - 1);
  int score = static_cast<int>(m);
  for (char32_t c : text) {
    std::uint64_t pm = Mask(c);
    std::uint64_t tr = (((~d0) & pm) << 1) & pm_prev;
    d0 = (((pm & vp) + vp) ^ vp) | pm | vn | tr;
    std::uint64_t hp = vn | ~(d0 | vp);
    std::uint64_t hn = d0 & vp;
    if (hp & last) ++score;
    if (hn & last) --score;
    hp = (hp << 1) | 1;
    hn <<= 1;
    vp = hn | ~(d0 | hp);
    vn = hp & d0;
    pm_prev = pm;
  }
  return score;
}

double CodePointPattern::Jaro(std::u32string_view text) const {
  // Jaro(text, pattern): each text character, in order, takes the first free pattern
  // position holding it within the window; the pattern's free positions are a bit set.
  std::size_t len_p = pattern_.size();
  std::size_t len_t = text.size();
  if (len_p == 0 && len_t == 0) return 1.0;
  if (len_p == 0 || len_t == 0) return 0.0;
  std::size_t window = JaroWindow(len_t, len_p);
  std::uint64_t p_flag = 0;
  std::size_t matches = 0;
  // The text positions that matched, in order, for the transposition count.
  char32_t matched_text[kMaxLength];
  const std::uint64_t all = len_p == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << len_p) - 1;
  for (std::size_t i = 0; i < len_t; ++i) {
    std::size_t lo = i > window ? i - window : 0;
    if (lo >= len_p) break;
    std::size_t hi = std::min(len_p, i + window + 1);  // exclusive
    std::uint64_t bound = (hi == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << hi) - 1) &
                          ~((std::uint64_t{1} << lo) - 1) & all;
    std::uint64_t x = Mask(text[i]) & bound & ~p_flag;
    if (x != 0) {
      p_flag |= x & (~x + 1);
      matched_text[matches++] = text[i];
    }
  }
  if (matches == 0) return 0.0;
  std::size_t half = 0;
  std::uint64_t flags = p_flag;
  for (std::size_t k = 0; k < matches; ++k) {
    std::uint64_t low = flags & (~flags + 1);
    if ((Mask(matched_text[k]) & low) == 0) ++half;
    flags ^= low;
  }
  return JaroFromCounts(len_t, len_p, matches, half);
}

int Levenshtein(std::u32string_view a, std::u32string_view b) {
  if (a.size() <= CodePointPattern::kMaxLength) return CodePointPattern(a).Levenshtein(b);
  if (b.size() <= CodePointPattern::kMaxLength) return CodePointPattern(b).Levenshtein(a);
  return LevenshteinDp(a, b);
}

int DamerauLevenshtein(std::u32string_view a, std::u32string_view b) {
  // OSA is symmetric (reverse both strings' roles and every edit reverses), so either
  // string may be the pattern.
  if (a.size() <= CodePointPattern::kMaxLength) return CodePointPattern(a).DamerauLevenshtein(b);
  if (b.size() <= CodePointPattern::kMaxLength) return CodePointPattern(b).DamerauLevenshtein(a);
  return OsaDp(a, b);
}

double Jaro(std::u32string_view a, std::u32string_view b) {
  if (b.size() <= CodePointPattern::kMaxLength) return CodePointPattern(b).Jaro(a);
  return JaroGeneral(a, b);
}

double WinklerBoost(double jaro, std::u32string_view a, std::u32string_view b) {
  if (jaro <= 0.7) return jaro;
  std::size_t limit = std::min<std::size_t>({4, a.size(), b.size()});
  std::size_t prefix = 0;
  while (prefix < limit && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
}

double JaroWinkler(std::u32string_view a, std::u32string_view b) {
  return WinklerBoost(Jaro(a, b), a, b);
}

int Levenshtein(std::string_view a, std::string_view b) {
  return Levenshtein(std::u32string_view(DecodeUtf8(a)), std::u32string_view(DecodeUtf8(b)));
}
int DamerauLevenshtein(std::string_view a, std::string_view b) {
  return DamerauLevenshtein(std::u32string_view(DecodeUtf8(a)), std::u32string_view(DecodeUtf8(b)));
}
double Jaro(std::string_view a, std::string_view b) {
  return Jaro(std::u32string_view(DecodeUtf8(a)), std::u32string_view(DecodeUtf8(b)));
}
double JaroWinkler(std::string_view a, std::string_view b) {
  return JaroWinkler(std::u32string_view(DecodeUtf8(a)), std::u32string_view(DecodeUtf8(b)));
}

}  // namespace vnlink
