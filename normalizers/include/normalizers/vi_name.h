// File: normalizers/vi_name.h
//
// Vietnamese personal names: repair (text_repair), split into family / middle / given
// names, given-name-first order detected from the surname distribution ("AN NGUYEN VAN",
// "An Văn Nguyễn", "Van An Nguyen" -> Nguyễn Văn An), compound surnames (Tôn Thất, Tôn Nữ,
// Âu Dương, Hoàng Phủ, Nguyễn Phúc ...), Văn/Thị marked, Telex residue repaired where
// unambiguous ("Nguyeenx" -> "Nguyễn"), and the matching keys of the canonical record.
//
//   vnlink::vi::ParsedName n = vnlink::vi::ParseName({.full = "NGUYỄN VĂN AN"});
//   // n.full == "Nguyễn Văn An", n.family_key == "nguyen", n.name_notone == "nguyên văn an"
//   vnlink::vi::NameFlagNames(n.flags)   // what was repaired or guessed
//
// ParseName is pure and thread-safe (the reference tables are built once, on first use).
// NameParser gives the same results faster, with per-syllable caches (one per thread);
// callers may still cache whole names (exact repeats are common).

#ifndef NORMALIZERS_VI_NAME_H_
#define NORMALIZERS_VI_NAME_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vnlink::vi {

// A name as it arrives: one full-name field, or parts. `holot` is family + middle in one
// field (the "họ lót"/"họ đệm" column beside "tên").
struct NameInput {
  std::string_view full;
  std::string_view family;
  std::string_view middle;
  std::string_view given;
  std::string_view holot;
};

enum NameFlag : std::uint32_t {
  kNameReordered = 1u << 0,         // "name_reordered": given name was written first
  kNameCompoundFamily = 1u << 1,    // "name_compound_family": Tôn Thất, Âu Dương ...
  kNameTelex = 1u << 2,             // "name_telex": Telex residue decoded (Nguyeenx)
  kNameSingleToken = 1u << 3,       // "name_single_token": one syllable only
  kNameNoDiacritics = 1u << 4,      // "name_no_diacritics": written without any accent
  kNameNoise = 1u << 5,             // "name_noise": digits or punctuation removed
  kNameUnknownFamily = 1u << 6,     // "name_family_unknown": first syllable is no known surname
  kNameChildOf = 1u << 7,           // "name_child_of": "Con bà ..."/"CB ..." prefix removed
  kNameToneMoved = 1u << 8,         // "name_tone_moved": tone placement canonicalised
  kNameTitle = 1u << 9,             // "name_title": "Ông"/"Bà"/"BS." title removed
  kNameInvalidSyllable = 1u << 10,  // "name_invalid_syllable": a token is no Vietnamese syllable
};

struct ParsedName {
  // Display form: NFC, proper case, canonical tone placement, family-middle-given order.
  std::string full, family, middle, given;
  // Keys of the canonical record (see the preamble / man/vnlink-normalize.1).
  std::string name_exact;                         // lower-case full name with diacritics
  std::string name_notone;                        // tone marks stripped, â ă ê ô ơ ư đ kept
  std::string name_fold;                          // ASCII fold
  std::string family_key, middle_key, given_key;  // ASCII folds of the parts
  std::string family_class;        // surname equivalence class (Hoàng/Huỳnh -> "hoang")
  bool middle_van = false;         // the middle name holds "Văn" (usually male)
  bool middle_thi = false;         // the middle name holds "Thị" (usually female)
  std::uint32_t flags = 0;         // NameFlag bits
  std::uint32_t repair_flags = 0;  // RepairFlag bits (text_repair.h) of the input text
};

// Parses a name from a full-name field or from parts (full wins when both are given).
// An input with no letters gives an empty result (no flags). Uncached: every field is
// repaired and tokenized whole (the reference NameParser is tested against).
[[nodiscard]] ParsedName ParseName(const NameInput& input);

// ParseName with bounded caches of what repeats across names: per space-separated word of
// a field (its tokens, Telex decoding, tone placement) and per syllable (keys, display
// case, surname statistics, validity, surname class). Whatever depends on the whole name
// (text repair of a field that could be mojibake, titles, "con ông", compound surnames,
// order) is still decided over the whole name: a field takes the cached way only when
// RepairText would leave it unchanged and it holds nothing but ASCII and Vietnamese
// letters. Results equal ParseName's whatever the cache holds. Not thread-safe: one per
// thread. Memory is bounded by the capacity (entries per cache; both are emptied when one
// is full).
class NameParser {
 public:
  static constexpr std::size_t kDefaultCapacity = std::size_t{1} << 14;
  // capacity 0: no cache at all, every field the full way (what ParseName does).
  explicit NameParser(std::size_t capacity = kDefaultCapacity);
  ~NameParser();
  NameParser(NameParser&&) noexcept;
  NameParser& operator=(NameParser&&) noexcept;
  NameParser(const NameParser&) = delete;
  NameParser& operator=(const NameParser&) = delete;

  [[nodiscard]] ParsedName Parse(const NameInput& input);
  // Parse memoized by the whole input (exact repeats are common) in a SharedMemo of
  // kMemoSlots slots (shared_memo.h); the result is shared with the memo. With capacity 0
  // nothing is memoized.
  [[nodiscard]] std::shared_ptr<const ParsedName> ParseShared(const NameInput& input);
  // Starts loading the memo slots of `input` and returns the hash to give ParseShared
  // after other work, which then need not wait for the table.
  std::uint64_t Prefetch(const NameInput& input);
  [[nodiscard]] std::shared_ptr<const ParsedName> ParseShared(const NameInput& input,
                                                              std::uint64_t hash);
  // Fits the L2 cache (see RecordNormalizer::kAddressSlots): misses are cheap with the
  // word and syllable caches warm.
  static constexpr std::size_t kMemoSlots = std::size_t{1} << 12;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The surname equivalence class key of a family name ("Huỳnh" -> "hoang", "Võ" -> "vu",
// "Tôn Thất" -> "ton that"): ASCII, per syllable, from name_variant_pairs.csv.
[[nodiscard]] std::string FamilyClass(std::string_view family);

// Decodes Telex typing residue in one token ("Nguyeenx" -> "Nguyễn", "Hoaf" -> "Hòa",
// "DDuwcs" -> "Đức"); empty when the token is a valid syllable already, or its decoding
// is not a valid syllable that occurs in the name lists.
[[nodiscard]] std::string DecodeTelexName(std::string_view token);

// The flag names of `flags`, in the fixed order of NameFlag.
[[nodiscard]] std::vector<std::string_view> NameFlagNames(std::uint32_t flags);

}  // namespace vnlink::vi

#endif  // NORMALIZERS_VI_NAME_H_
