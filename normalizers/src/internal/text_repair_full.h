// Internal-only: RepairText without its shortcut for text it leaves unchanged
// (RepairIsIdentity), so tests can check that the shortcut never changes a result.

#ifndef NORMALIZERS_SRC_INTERNAL_TEXT_REPAIR_FULL_H_
#define NORMALIZERS_SRC_INTERNAL_TEXT_REPAIR_FULL_H_

#include <string_view>

#include "normalizers/text_repair.h"

namespace vnlink::vi::internal {

// Every step of RepairText (NFC, mojibake scoring and decoding search, clean-up) on `s`.
[[nodiscard]] RepairedText RepairTextFull(std::string_view s);

}  // namespace vnlink::vi::internal

#endif  // NORMALIZERS_SRC_INTERNAL_TEXT_REPAIR_FULL_H_
