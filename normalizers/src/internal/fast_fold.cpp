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

template <bool kOffsets>
void Fold(std::string_view s, std::string& text, std::vector<std::uint32_t>* src) {
  const FoldTable& t = Table();
  text.reserve(s.size());
  if constexpr (kOffsets) src->reserve(s.size() + 1);
  std::size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    auto start = static_cast<std::uint32_t>(i);
    if (b < 0x80) {
      text.push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b + 32) : static_cast<char>(b));
      if constexpr (kOffsets) src->push_back(start);
      ++i;
      continue;
    }
    std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    if (i + len > s.size()) len = s.size() - i;
    char32_t c = 0;
    if (len == 2) c = ((b & 0x1F) << 6) | (s[i + 1] & 0x3F);
    if (len == 3) c = ((b & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
    char folded = 0;
    if (c >= kLatinLo && c <= kLatinHi) folded = t.latin[c - kLatinLo];
    if (c >= kExtLo && c <= kExtHi) folded = t.ext[c - kExtLo];
    if (folded != 0) {
      text.push_back(folded);
      if constexpr (kOffsets) src->push_back(start);
    } else if (!(c >= 0x0300 && c <= 0x036F)) {
      for (std::size_t k = 0; k < len; ++k) {
        text.push_back(s[i + k]);
        if constexpr (kOffsets) src->push_back(start);
      }
    }
    i += len;
  }
  if constexpr (kOffsets) src->push_back(static_cast<std::uint32_t>(s.size()));
}

}  // namespace

Folded FastFold(std::string_view s) {
  Folded f;
  Fold<true>(s, f.text, &f.src);
  return f;
}

std::string FastFoldText(std::string_view s) {
  std::string text;
  Fold<false>(s, text, nullptr);
  return text;
}

}  // namespace vnlink::vi::internal
