// File: normalizers/synth_text.h
//
// Letter-level rewriting of Vietnamese text, used by `vnlink synth` to reproduce the ways
// names and addresses are really written: Telex keystroke residue, tone marks dropped,
// decomposed (NFD) letters, the old or new tone placement, the look-alike Ð for Đ, and
// text that passed through a legacy 8-bit encoding (TCVN3, VNI-Windows) or through UTF-8
// twice and was then read as Windows-1252. Table-driven and ICU-free: the generator calls
// these millions of times per second.
//
//   vnlink::vi::TelexResidue("Nguyễn")        == "Nguyeenx"
//   vnlink::vi::ToneStyle("Hòa Thủy", true)   == "Hoà Thuỷ"    (new placement)
//   vnlink::vi::LegacyMojibake("Nguyễn", vnlink::vi::LegacyEncoding::kTcvn3) == "NguyÔn"
//
// Inputs are NFC UTF-8 (the generator's own text); output is valid UTF-8.

#ifndef NORMALIZERS_SYNTH_TEXT_H_
#define NORMALIZERS_SYNTH_TEXT_H_

#include <string>
#include <string_view>

namespace vnlink::vi {

// Every Vietnamese tone and vowel-quality mark removed; đ/Đ become d/D.
[[nodiscard]] std::string DropDiacritics(std::string_view s);
// The same, appended to `out` (no allocation once `out` has room).
void AppendDropDiacritics(std::string_view s, std::string& out);
// Vietnamese-aware upper case (ASCII and the 134 Vietnamese letters).
[[nodiscard]] std::string UpperVi(std::string_view s);
// Canonical decomposition (NFD) of Vietnamese letters, marks in canonical order.
[[nodiscard]] std::string DecomposeVi(std::string_view s);
// Each accented letter written as its Telex keystrokes left in the text: â -> aa,
// ơ -> ow, đ -> dd, and the tone key at the end of the syllable (s f r x j).
[[nodiscard]] std::string TelexResidue(std::string_view s);
// Moves tone marks of open oa/oe/uy syllables to the new (true: hoà, thuỷ) or the old
// (false: hòa, thủy) placement; other syllables are left alone.
[[nodiscard]] std::string ToneStyle(std::string_view s, bool new_style);
// Đ/đ replaced by the look-alike Ð/ð (U+00D0/U+00F0).
[[nodiscard]] std::string EthForDstroke(std::string_view s);
// True when `s` contains Đ or đ.
[[nodiscard]] bool HasDstroke(std::string_view s);

enum class LegacyEncoding { kTcvn3, kVni, kUtf8Twice };

// `s` encoded in the legacy encoding (TCVN3 has no toned capitals: they take the small
// letter's byte, as capital fonts did) and the bytes read back as Windows-1252, which is
// how such text arrives in a UTF-8 file. Bytes undefined in Windows-1252 become the C1
// control of the same value. Uses the tables legacy_tcvn3.csv and legacy_vni_windows.csv.
[[nodiscard]] std::string LegacyMojibake(std::string_view s, LegacyEncoding encoding);
// The same, appended to `out`.
void AppendLegacyMojibake(std::string_view s, LegacyEncoding encoding, std::string& out);

}  // namespace vnlink::vi

#endif  // NORMALIZERS_SYNTH_TEXT_H_
