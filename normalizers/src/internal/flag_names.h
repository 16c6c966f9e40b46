// Internal-only: the names of the bits set in a flags word, for the *FlagNames functions
// of the normalizers (bit i is names[i]).

#ifndef NORMALIZERS_INTERNAL_FLAG_NAMES_H_
#define NORMALIZERS_INTERNAL_FLAG_NAMES_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace vnlink::vi::internal {

inline std::vector<std::string_view> NamesOfSetBits(std::uint32_t flags,
                                                    std::span<const std::string_view> names) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (flags & (1u << i)) out.push_back(names[i]);
  }
  return out;
}

}  // namespace vnlink::vi::internal

#endif  // NORMALIZERS_INTERNAL_FLAG_NAMES_H_
