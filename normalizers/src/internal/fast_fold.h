// Internal-only: a table-driven ASCII fold for NFC Vietnamese text that keeps, for every
// output byte, the byte offset of the input character it came from. It agrees with
// vi::SearchKey letter by letter (the table is built from SearchKey) but costs a table
// look-up per character instead of an ICU round trip, which the address parser needs to
// stay within a few microseconds per record.

#ifndef NORMALIZERS_INTERNAL_FAST_FOLD_H_
#define NORMALIZERS_INTERNAL_FAST_FOLD_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vnlink::vi::internal {

struct Folded {
  std::string text;                // lower-case ASCII for Vietnamese letters
  std::vector<std::uint32_t> src;  // src[i] = input offset of text[i]; src[size] = input size
};

// Lower-case ASCII fold of `s`. Letters with Vietnamese (or other Latin) diacritics map to
// their base letter, đ/Đ/ð/Ð to d, combining marks (U+0300..U+036F) vanish; any other
// non-ASCII character is copied through unchanged. No white-space collapsing.
[[nodiscard]] Folded FastFold(std::string_view s);
// Same into `out`, whose buffers are reused (no allocation once they are large enough).
void FastFold(std::string_view s, Folded& out);
// Same without the offsets.
[[nodiscard]] std::string FastFoldText(std::string_view s);
void FastFoldText(std::string_view s, std::string& out);

}  // namespace vnlink::vi::internal

#endif  // NORMALIZERS_INTERNAL_FAST_FOLD_H_
