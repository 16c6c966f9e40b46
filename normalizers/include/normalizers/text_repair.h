// File: normalizers/text_repair.h
//
// Repairs the text of one field before it is parsed: legacy-encoding mojibake (TCVN3/ABC,
// VNI-Windows, VISCII, Windows-1258 bytes read as Windows-1252 and saved as UTF-8) and
// double-encoded UTF-8 are detected and decoded with the tables in normalizers/data; then
// NFC, Ð/ð -> Đ/đ, typographic apostrophes -> ', white space unified (NBSP, tabs, runs ->
// one space, trimmed), control and zero-width characters removed. Every repair sets a flag.
//
//   auto r = vnlink::vi::RepairText("NguyÔn V¨n An");   // TCVN3 seen as Windows-1252
//   // r.text == "Nguyễn Văn An", r.flags == kRepairTcvn3
//   vnlink::vi::RepairFlagNames(r.flags)               // {"text_tcvn3"}
//
// Detection is conservative: a field is decoded only when it contains a non-ASCII word
// that is not a Vietnamese syllable and the decoding turns EVERY non-ASCII word into a
// valid syllable; correct Vietnamese, English or French text is never changed. Pure and
// thread-safe (tables are built once); callers memoize (names repeat heavily).

#ifndef NORMALIZERS_TEXT_REPAIR_H_
#define NORMALIZERS_TEXT_REPAIR_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vnlink::vi {

enum RepairFlag : std::uint32_t {
  kRepairDoubleUtf8 = 1u << 0,   // "text_double_utf8": UTF-8 read as cp1252/cp1258
  kRepairTcvn3 = 1u << 1,        // "text_tcvn3"
  kRepairVni = 1u << 2,          // "text_vni"
  kRepairCp1258 = 1u << 3,       // "text_cp1258"
  kRepairViscii = 1u << 4,       // "text_viscii"
  kRepairNfc = 1u << 5,          // "text_nfc": input was not in NFC
  kRepairEth = 1u << 6,          // "text_eth": Ð/ð (U+00D0/U+00F0) mapped to Đ/đ
  kRepairControl = 1u << 7,      // "text_control": control/zero-width/soft-hyphen removed
  kRepairSpace = 1u << 8,        // "text_space": NBSP/tab/newline/runs of spaces unified
  kRepairApostrophe = 1u << 9,   // "text_apostrophe": ’ ‘ ʼ ´ ` -> '
  kRepairUnrepaired = 1u << 10,  // "text_mojibake": looks like mojibake, no decoding fits
};

struct RepairedText {
  std::string text;
  std::uint32_t flags = 0;  // RepairFlag bits
};

// Repairs one field (valid UTF-8). The result is NFC, trimmed, single-spaced.
[[nodiscard]] RepairedText RepairText(std::string_view s);

// True when RepairText(s) would return `s` itself with no flag: no character the clean-up
// touches (controls, odd spaces, apostrophes, Ð/ð, combining marks), single spaces, no
// leading or trailing space, and no word that could be mojibake (every word with a
// non-ASCII letter is a Vietnamese syllable). No allocation; false when unsure (the caller
// then takes the full path). RepairText checks it first; a caller that splits a field on
// spaces may test the words on their own: the field passes when each word passes and
// they are joined by single spaces.
[[nodiscard]] bool RepairIsIdentity(std::string_view s);

// What RepairText needs to know about one word (no space) of a field, so that a caller
// that splits fields into words can settle fields from cached words (see RepairByWords).
struct RepairWordInfo {
  bool clean = false;        // non-empty, nothing the clean-up touches (RepairIsIdentity)
  bool invalid = false;      // a non-ASCII word that is no syllable: maybe mojibake
  bool undecodable = false;  // no decoding can succeed on a field holding this word
  // An ASCII piece keeps the word invalid under every decoding ("X.Hòa": "X") when the
  // piece is inside the word, or opens it and the word before ends in ASCII.
  bool stable_inner = false, stable_at_start = false;
  bool ascii_tail = false;      // the last character is ASCII
  bool looks_mojibake = false;  // holds a character typical of mojibake (Ã, ¤, €, ...)
};
[[nodiscard]] RepairWordInfo InspectRepairWord(std::string_view word);

// RepairText of a field made of words joined by single spaces, from the words alone (add
// them in order): when every word is clean and either none is invalid or an invalid one
// stays invalid under every decoding, the result is the field itself with Flags();
// otherwise Flags() is empty and only the full RepairText can tell.
class RepairByWords {
 public:
  void Add(const RepairWordInfo& word);  // inline: called for every word of every field
  [[nodiscard]] std::optional<std::uint32_t> Flags() const;

 private:
  bool clean_ = true, invalid_ = false, settled_ = false, looks_mojibake_ = false;
  bool previous_ascii_tail_ = true;  // the first word has no word before it
};

inline void RepairByWords::Add(const RepairWordInfo& w) {
  clean_ = clean_ && w.clean;
  invalid_ = invalid_ || w.invalid;
  settled_ = settled_ || (w.invalid && (w.undecodable || w.stable_inner ||
                                        (w.stable_at_start && previous_ascii_tail_)));
  looks_mojibake_ = looks_mojibake_ || w.looks_mojibake;
  previous_ascii_tail_ = w.ascii_tail;
}

// RepairText with a bounded per-thread cache of what it learns about each word, for callers
// that repair many fields made of recurring words (addresses: "Xã", "Huyện", commune names
// with thousands of different house numbers). A field of words joined by single spaces is
// settled from its cached words whenever RepairText itself would settle it so (identity, or
// RepairByWords); anything else takes RepairText. Repair(s) always equals RepairText(s):
// the cache holds only facts of a word alone, and a word that does not fit a slot is
// inspected afresh. Not thread-safe: one per thread.
class TextRepairer {
 public:
  // `slots`: a power of two >= 2 (two slots per hash; the least recently used is replaced).
  explicit TextRepairer(std::size_t slots = 4096);

  [[nodiscard]] RepairedText Repair(std::string_view s);
  // Repair(s).text, without a copy when its cached words settle `s` (the common case): `s`
  // itself, else a view of this repairer's buffer, valid until the next call. Adds
  // Repair(s).flags to `flags`.
  [[nodiscard]] std::string_view RepairView(std::string_view s, std::uint32_t& flags);

 private:
  struct WordFacts {
    RepairWordInfo info;    // InspectRepairWord(word)
    bool identity = false;  // RepairIsIdentity(word)
  };
  // Longer words are not cached. 32-byte slots: the table (128 KB) stays in the L2 cache,
  // where the look-up's load was most of its cost; Vietnamese syllables take at most 11
  // bytes, and no word of 200,000 synth addresses took more than 18.
  static constexpr std::size_t kMaxKey = 18;
  struct Slot {
    std::uint32_t tag = 0;  // high bits of the hash
    std::uint8_t size = 0;  // 0: empty
    bool recent = false;
    WordFacts facts;
    char key[kMaxKey];
  };
  static_assert(sizeof(Slot) == 32);
  // The first slot of the pair of a word's hash (an even index).
  Slot* PairOf(std::uint64_t hash) { return &slots_[(hash >> 17) & (slots_.size() - 2)]; }
  WordFacts Facts(std::string_view word, std::uint64_t hash);
  // The flags of RepairText(s) when it returns `s` itself, settled from cached words; empty
  // when only the decoding search can tell.
  std::optional<std::uint32_t> Settle(std::string_view s);

  std::vector<Slot> slots_;
  std::string repaired_;  // RepairView's result when the text changes
};

// The flag names of `flags`, in the fixed order of RepairFlag.
[[nodiscard]] std::vector<std::string_view> RepairFlagNames(std::uint32_t flags);

}  // namespace vnlink::vi

#endif  // NORMALIZERS_TEXT_REPAIR_H_
