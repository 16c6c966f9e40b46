#include "liblink/column_selection.h"

#include <unordered_set>

#include "liblink/error.h"

namespace vnlink {

std::vector<std::string> SplitList(std::string_view s, char separator) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  std::size_t start = 0;
  for (;;) {
    std::size_t at = s.find(separator, start);
    out.emplace_back(
        s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

ColumnSelection ColumnSelection::Make(const std::vector<std::string>& input_header,
                                      std::string_view select, std::string_view rename) {
  auto find = [&](const std::string& name) -> std::size_t {
    for (std::size_t i = 0; i < input_header.size(); ++i) {
      if (input_header[i] == name) return i;
    }
    throw UsageError("no column '" + name + "' in the input");
  };
  ColumnSelection sel;
  if (select.empty()) {
    for (std::size_t i = 0; i < input_header.size(); ++i) sel.indices_.push_back(i);
  } else {
    for (const std::string& name : SplitList(select)) {
      if (name.empty())
        throw UsageError("empty column name in --select '" + std::string(select) + "'");
      sel.indices_.push_back(find(name));
    }
  }
  for (std::size_t i : sel.indices_) sel.header_.push_back(input_header[i]);

  for (const std::string& pair : SplitList(rename)) {
    std::size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size()) {
      throw UsageError("--rename takes old=new pairs, not '" + pair + "'");
    }
    std::string from = pair.substr(0, eq), to = pair.substr(eq + 1);
    bool found = false;
    for (std::string& h : sel.header_) {
      if (h == from) {
        h = to;
        found = true;
      }
    }
    if (!found) throw UsageError("no column '" + from + "' to rename in the output");
  }

  std::unordered_set<std::string> seen;
  for (const std::string& h : sel.header_) {
    if (!seen.insert(h).second) throw UsageError("column '" + h + "' appears twice in the output");
  }
  sel.identity_ = sel.indices_.size() == input_header.size();
  for (std::size_t i = 0; sel.identity_ && i < sel.indices_.size(); ++i) {
    sel.identity_ = sel.indices_[i] == i;
  }
  return sel;
}

}  // namespace vnlink
