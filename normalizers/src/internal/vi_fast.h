// Internal-only: case mapping and folding for text made only of ASCII and precomposed
// Vietnamese letters (the overwhelming case for names), by table instead of an ICU round
// trip. Each function gives the same result as its vi_text.h counterpart; for any other
// input it calls that counterpart.
#ifndef NORMALIZERS_SRC_INTERNAL_VI_FAST_H_
#define NORMALIZERS_SRC_INTERNAL_VI_FAST_H_

#include <string>
#include <string_view>

namespace vnlink::vi::internal {

// The ASCII letter of a lower-case base letter as SplitLetter gives it (ă, â -> a; ê -> e;
// ô, ơ -> o; ư -> u) or of đ (-> d); ASCII passes through; anything else gives '?'.
[[nodiscard]] char AsciiOfBase(char32_t base);

[[nodiscard]] std::string FastLower(std::string_view s);
[[nodiscard]] std::string FastProperCase(std::string_view s);
[[nodiscard]] std::string FastStripTones(std::string_view s);
[[nodiscard]] std::string FastFoldAscii(std::string_view s);

}  // namespace vnlink::vi::internal

#endif  // NORMALIZERS_SRC_INTERNAL_VI_FAST_H_
