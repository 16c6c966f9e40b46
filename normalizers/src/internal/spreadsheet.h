// Internal-only: undo what spreadsheets do to numeric fields.

#ifndef NORMALIZERS_INTERNAL_SPREADSHEET_H_
#define NORMALIZERS_INTERNAL_SPREADSHEET_H_

#include <string_view>

namespace vnlink::vi::internal {

// "1985.0" -> "1985", "912345678.00" -> "912345678": a whole number exported as a float.
// Anything else (including "15.08.1985" and "0912.345.678") is returned unchanged.
inline std::string_view StripFloatZeros(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t");
  std::size_t e = s.find_last_not_of(" \t");
  if (b == std::string_view::npos) return s;
  std::string_view t = s.substr(b, e - b + 1);
  std::size_t dot = t.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == t.size()) return s;
  for (std::size_t i = 0; i < dot; ++i) {
    if (t[i] < '0' || t[i] > '9') return s;
  }
  for (std::size_t i = dot + 1; i < t.size(); ++i) {
    if (t[i] != '0') return s;
  }
  return t.substr(0, dot);
}

}  // namespace vnlink::vi::internal

#endif  // NORMALIZERS_INTERNAL_SPREADSHEET_H_
