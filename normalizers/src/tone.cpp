#include "normalizers/tone.h"

#include <string>

#include "normalizers/vi_syllable.h"

namespace vnlink::vi {
namespace {

bool IsLetter(char32_t c) {
  return (c < 0x80 && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) ||
         SplitLetter(c).base != 0 || c == U'đ' || c == U'Đ';
}

char32_t LowerAscii(char32_t c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

bool HasQualityMark(char32_t base) {
  return base == U'ă' || base == U'â' || base == U'ê' || base == U'ô' || base == U'ơ' ||
         base == U'ư';
}

// Re-places the tone inside one word [b, e) of `w`, when it is a valid syllable.
void FixWord(std::u32string& w, std::size_t b, std::size_t e) {
  std::size_t toned = e;
  Tone tone = Tone::kNone;
  for (std::size_t i = b; i < e; ++i) {
    LetterParts p = SplitLetter(w[i]);
    if (p.base != 0 && p.tone != Tone::kNone) {
      if (toned != e) return;  // two tones: not a syllable, leave it
      toned = i;
      tone = p.tone;
    }
  }
  if (toned == e) return;
  if (!IsSyllable(std::u32string_view(w).substr(b, e - b))) return;

  std::size_t i = b;
  while (i < e && SplitLetter(w[i]).base == 0) ++i;  // consonant onset
  if (i > b && i < e) {
    char32_t prev = LowerAscii(w[i - 1]);
    char32_t here = SplitLetter(w[i]).base;
    bool next_vowel = i + 1 < e && SplitLetter(w[i + 1]).base != 0;
    if (prev == 'q' && here == U'u' && next_vowel) ++i;                // qu
    if (prev == 'g' && i - 1 == b && here == U'i' && next_vowel) ++i;  // gi
  }
  std::size_t v0 = i;
  while (i < e && SplitLetter(w[i]).base != 0) ++i;
  std::size_t v1 = i;  // vowel cluster [v0, v1)
  if (v0 == v1) return;
  bool coda = v1 < e;
  std::size_t main = v1;
  for (std::size_t k = v0; k < v1; ++k) {
    if (HasQualityMark(SplitLetter(w[k]).base)) main = k;
  }
  if (main == v1) {
    std::size_t n = v1 - v0;
    if (coda)
      main = v1 - 1;
    else if (n == 1 || n == 2)
      main = v0;
    else
      main = v0 + 1;
  }
  if (main == toned) return;
  LetterParts from = SplitLetter(w[toned]);
  LetterParts to = SplitLetter(w[main]);
  w[toned] = ComposeLetter(from.base, Tone::kNone, from.upper);
  w[main] = ComposeLetter(to.base, tone, to.upper);
}

}  // namespace

std::string CanonicalTones(std::string_view text) {
  bool ascii = true;
  for (unsigned char c : text) {
    if (c >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return std::string(text);
  std::u32string w = ToU32(text);
  for (std::size_t i = 0; i < w.size();) {
    if (!IsLetter(w[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < w.size() && IsLetter(w[j])) ++j;
    FixWord(w, i, j);
    i = j;
  }
  return ToU8(w);
}

}  // namespace vnlink::vi
