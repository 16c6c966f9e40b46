#include "internal/vi_fast.h"

#include <optional>

#include "normalizers/vi_syllable.h"
#include "normalizers/vi_text.h"

namespace vnlink::vi::internal {
namespace {

enum class Mode { kLower, kProper, kStrip, kFold };

std::optional<std::string> Map(std::string_view s, Mode mode) {
  std::string out;
  out.reserve(s.size());
  bool word_start = true;
  for (char32_t c : ToU32(s)) {
    bool space = c == ' ' || c == '\t';
    bool upper_here = mode == Mode::kProper && word_start && !space;
    if (c < 0x80) {
      char ch = static_cast<char>(c);
      if (mode == Mode::kLower || mode == Mode::kProper) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
        if (upper_here && ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 32);
      }
      out.push_back(ch);
    } else if (c == U'Đ' || c == U'đ' || c == 0xD0 || c == 0xF0) {
      bool upper = (c == U'Đ' || c == 0xD0);
      if (mode == Mode::kLower || mode == Mode::kProper) upper = upper_here;
      if (mode == Mode::kFold)
        out.push_back(upper ? 'D' : 'd');
      else
        AppendU8(out, upper ? U'Đ' : U'đ');
    } else {
      LetterParts p = SplitLetter(c);
      if (p.base == 0) return std::nullopt;
      switch (mode) {
        case Mode::kLower:
          AppendU8(out, ComposeLetter(p.base, p.tone, false));
          break;
        case Mode::kProper:
          AppendU8(out, ComposeLetter(p.base, p.tone, upper_here));
          break;
        case Mode::kStrip:
          AppendU8(out, ComposeLetter(p.base, Tone::kNone, p.upper));
          break;
        case Mode::kFold: {
          char a = AsciiOfBase(p.base);
          out.push_back(p.upper ? static_cast<char>(a - 32) : a);
          break;
        }
      }
    }
    word_start = space;
  }
  return out;
}

}  // namespace

char AsciiOfBase(char32_t base) {
  switch (base) {
    case U'ă':
    case U'â':
      return 'a';
    case U'ê':
      return 'e';
    case U'ô':
    case U'ơ':
      return 'o';
    case U'ư':
      return 'u';
    case U'đ':
      return 'd';
    default:
      return base < 0x80 ? static_cast<char>(base) : '?';
  }
}

std::string FastLower(std::string_view s) {
  auto r = Map(s, Mode::kLower);
  return r ? *r : Lower(s);
}
std::string FastProperCase(std::string_view s) {
  auto r = Map(s, Mode::kProper);
  return r ? *r : ProperCase(s);
}
std::string FastStripTones(std::string_view s) {
  auto r = Map(s, Mode::kStrip);
  return r ? *r : StripTones(s);
}
std::string FastFoldAscii(std::string_view s) {
  auto r = Map(s, Mode::kFold);
  return r ? *r : FoldAscii(s);
}

}  // namespace vnlink::vi::internal
