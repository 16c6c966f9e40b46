// File: liblink/embedded.h
//
// Data files compiled into the binary (the Vietnamese gazetteers, name lists, encoding
// tables, default settings). Which files are embedded is declared in
// normalizers/CMakeLists.txt; cmake/Embed.cmake generates the definition.
//
//   std::string_view csv = vnlink::EmbeddedFile("admin_units_2025.csv");

#ifndef LIBLINK_EMBEDDED_H_
#define LIBLINK_EMBEDDED_H_

#include <stdexcept>
#include <string>
#include <string_view>

namespace vnlink {

// The bytes of the embedded file with this base name (e.g. "names_family.csv").
// Throws std::out_of_range when no such file was embedded (a build error, not user error).
[[nodiscard]] std::string_view EmbeddedFile(std::string_view name);

}  // namespace vnlink

#endif  // LIBLINK_EMBEDDED_H_
