// File: normalizers/tone.h
//
// Tone-mark placement unified to ONE style, the old one ("kiểu cũ"): hòa, khỏe, thủy, tùy,
// ủy. Both "Hoà" and "Hòa" canonicalise to "Hòa", so the two spellings compare equal.
// Rules (NOTES.md 1.7): the tone sits on the main vowel; a vowel with a quality mark
// (ă â ê ô ơ ư) wins (the last one: ươ -> ơ); qu and gi are consonants; with a final
// consonant the last vowel carries it; open two-vowel rhymes (oa oe uy ia ua ai ...) take
// it on the first vowel, three-vowel ones on the middle.
//
//   vnlink::vi::CanonicalTones("Xã Hoà Bình, Thuỷ Nguyên") == "Xã Hòa Bình, Thủy Nguyên"
//   vnlink::vi::CanonicalTones("qúy") == "quý"
//
// Pure and thread-safe.

#ifndef NORMALIZERS_TONE_H_
#define NORMALIZERS_TONE_H_

#include <string>
#include <string_view>

namespace vnlink::vi {

// Moves the tone mark of every valid Vietnamese syllable in `text` (NFC) to its canonical
// (old-style) vowel. Words that are not valid syllables and case are left unchanged.
[[nodiscard]] std::string CanonicalTones(std::string_view text);

}  // namespace vnlink::vi

#endif  // NORMALIZERS_TONE_H_
