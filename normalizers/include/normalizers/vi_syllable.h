// File: normalizers/vi_syllable.h
//
// The Vietnamese letter and syllable model shared by text repair, tone placement and name
// parsing: each of the 134 toned letters split into base letter (a ă â e ê i o ô ơ u ư y)
// and tone, and a validity test for written syllables (onset + rhyme + allowed tone).
//
//   vnlink::vi::IsSyllable("nguyễn")  == true;   IsSyllable("nguyôn") == false
//   vnlink::vi::IsFoldedSyllable("nguyen") == true;   IsFoldedSyllable("hoaf") == false
//   vnlink::vi::SplitLetter(U'ễ') == {U'ê', Tone::kTilde, false}
//
// All functions are pure and thread-safe (tables are built once, on first use).

#ifndef NORMALIZERS_VI_SYLLABLE_H_
#define NORMALIZERS_VI_SYLLABLE_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace vnlink::vi {

enum class Tone : std::uint8_t { kNone = 0, kGrave, kAcute, kHook, kTilde, kDot };

struct LetterParts {
  char32_t base = 0;  // lower-case base letter with its quality mark (â, ư, ...), or 0
  Tone tone = Tone::kNone;
  bool upper = false;
};

// Splits a precomposed vowel letter (any of the 144 vowel forms, both cases). For any
// other code point returns base == 0.
[[nodiscard]] LetterParts SplitLetter(char32_t c);
// The precomposed letter for a base vowel (lower case, as SplitLetter returns), tone and
// case; 0 when `base` is not one of the 12 vowels.
[[nodiscard]] char32_t ComposeLetter(char32_t base, Tone tone, bool upper);

// UTF-8 <-> UTF-32 for already-valid UTF-8 (invalid bytes decode to U+FFFD).
[[nodiscard]] std::u32string ToU32(std::string_view s);
[[nodiscard]] std::string ToU8(std::u32string_view s);
void AppendU8(std::string& out, char32_t c);

// True when `s` (NFC, either case) is one well-formed written Vietnamese syllable: a
// valid onset (qu and gi as consonants), a valid rhyme, at most one tone mark, and only
// acute or dot below before a final c, ch, p, t. Tone position is not checked (both the
// old and the new placement style are accepted).
[[nodiscard]] bool IsSyllable(std::string_view s);
// The same for UTF-32 text (no allocation: the hot path of mojibake detection).
[[nodiscard]] bool IsSyllable(std::u32string_view s);
// True when `s` (ASCII, either case) is the ASCII fold of some valid syllable
// ("nguyen", "truong", "dung"); false for "hoaf", "nguyeen", "dduc".
[[nodiscard]] bool IsFoldedSyllable(std::string_view s);

}  // namespace vnlink::vi

#endif  // NORMALIZERS_VI_SYLLABLE_H_
