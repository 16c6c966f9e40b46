#include "internal/fast_fold.h"

#include <array>

#include "normalizers/vi_text.h"

namespace vnlink::vi::internal {
namespace {

constexpr char32_t kLatinLo = 0x00C0, kLatinHi = 0x024F;
constexpr char32_t kExtLo = 0x1E00, kExtHi = 0x1EFF;
constexpr std::size_t kLatinSize = kLatinHi - kLatinLo + 1;
constexpr std::size_t kExtSize = kExtHi - kExtLo + 1;

std::string EncodeUtf8(char32_t c) {
  std::string out;
  if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
  }
  out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  return out;
}

// One byte per code point of the two Latin blocks: the folded ASCII letter, or 0 when
// the character does not fold to one letter (it is then copied through).
struct FoldTable {
  std::array<char, kLatinSize> latin{};
  std::array<char, kExtSize> ext{};
  FoldTable() {
    auto fill = [](char32_t c) -> char {
      std::string key = SearchKey(EncodeUtf8(c));
      if (key.size() == 1 && key[0] >= 'a' && key[0] <= 'z') return key[0];
      return 0;
    };
    for (char32_t c = kLatinLo; c <= kLatinHi; ++c) latin[c - kLatinLo] = fill(c);
    for (char32_t c = kExtLo; c <= kExtHi; ++c) ext[c - kExtLo] = fill(c);
  }
};

const FoldTable& Table() {
  static const FoldTable table;
  return table;
}

// ASCII lower-case of every byte below 0x80.
constexpr std::array<char, 128> kLower = [] {
  std::array<char, 128> t{};
  for (int b = 0; b < 128; ++b) t[b] = static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
  return t;
}();

// Folds `s` into `out` (room for s.size() bytes: no character folds to more bytes than it
// has) and, with kOffsets, the offsets into `src` (room for s.size() + 1). Returns the
// folded size. Writing through pointers into a pre-sized buffer costs a fraction of a
// push_back per byte.
template <bool kOffsets>
std::size_t Fold(std::string_view s, char* out, std::uint32_t* src) {
  const FoldTable& t = Table();
  const std::size_t n = s.size();
  std::size_t i = 0, o = 0;
  while (i < n) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {  // an ASCII run: one table look-up per byte
      do {
        out[o] = kLower[b];
        if constexpr (kOffsets) src[o] = static_cast<std::uint32_t>(i);
        ++o;
        if (++i == n) break;
        b = static_cast<unsigned char>(s[i]);
      } while (b < 0x80);
      continue;
    }
    auto start = static_cast<std::uint32_t>(i);
    // Continuation bytes are not checked: a truncated or invalid sequence is decoded as
    // far as it goes (the behaviour SearchKey's table was matched against).
    std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    if (i + len > n) len = n - i;
    char32_t c = 0;
    if (len == 2) c = ((b & 0x1F) << 6) | (s[i + 1] & 0x3F);
    if (len == 3) c = ((b & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
    char folded = 0;
    if (c >= kLatinLo && c <= kLatinHi) folded = t.latin[c - kLatinLo];
    if (c >= kExtLo && c <= kExtHi) folded = t.ext[c - kExtLo];
    if (folded != 0) {
      out[o] = folded;
      if constexpr (kOffsets) src[o] = start;
      ++o;
    } else if (!(c >= 0x0300 && c <= 0x036F)) {
      for (std::size_t k = 0; k < len; ++k) {
        out[o] = s[i + k];
        if constexpr (kOffsets) src[o] = start;
        ++o;
      }
    }
    i += len;
  }
  if constexpr (kOffsets) src[o] = static_cast<std::uint32_t>(n);
  return o;
}

}  // namespace

void FastFold(std::string_view s, Folded& out) {
  out.text.resize(s.size());
  out.src.resize(s.size() + 1);
  const std::size_t n = Fold<true>(s, out.text.data(), out.src.data());
  out.text.resize(n);
  out.src.resize(n + 1);
}

Folded FastFold(std::string_view s) {
  Folded f;
  FastFold(s, f);
  return f;
}

void FastFoldText(std::string_view s, std::string& out) {
  out.resize(s.size());
  out.resize(Fold<false>(s, out.data(), nullptr));
}

std::string FastFoldText(std::string_view s) {
  std::string text;
  FastFoldText(s, text);
  return text;
}

}  // namespace vnlink::vi::internal
