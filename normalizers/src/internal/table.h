// Splitting the embedded reference tables (simple CSV without quoting, one header line).
#ifndef NORMALIZERS_SRC_INTERNAL_TABLE_H_
#define NORMALIZERS_SRC_INTERNAL_TABLE_H_

#include <string_view>
#include <vector>

namespace vnlink::vi::internal {

// Calls fn(fields) for every data line of `csv` (the header line is skipped).
template <typename Fn>
void ForEachRow(std::string_view csv, Fn fn) {
  bool header = true;
  std::vector<std::string_view> fields;
  while (!csv.empty()) {
    std::size_t nl = csv.find('\n');
    std::string_view line = csv.substr(0, nl);
    csv = nl == std::string_view::npos ? std::string_view() : csv.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (header) {
      header = false;
      continue;
    }
    if (line.empty()) continue;
    fields.clear();
    for (;;) {
      std::size_t comma = line.find(',');
      fields.push_back(line.substr(0, comma));
      if (comma == std::string_view::npos) break;
      line = line.substr(comma + 1);
    }
    fn(fields);
  }
}

// Calls fn(line) for every non-empty line of a plain list.
template <typename Fn>
void ForEachLine(std::string_view text, Fn fn) {
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) fn(line);
  }
}

}  // namespace vnlink::vi::internal

#endif  // NORMALIZERS_SRC_INTERNAL_TABLE_H_
