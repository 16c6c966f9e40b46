#include "internal/embedded_csv.h"

#include <stdexcept>

#include "liblink/embedded.h"

namespace vnlink::vi::internal {

std::size_t CsvTable::Column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  throw std::logic_error("embedded table has no column '" + std::string(name) + "'");
}

CsvTable LoadEmbeddedCsv(std::string_view name) {
  const std::string_view text = EmbeddedFile(name);
  CsvTable table;
  std::vector<std::string> row;
  std::string field;
  bool in_quotes = false;
  bool row_has_data = false;
  auto end_row = [&] {
    row.push_back(std::move(field));
    field.clear();
    if (table.header.empty()) {
      table.header = std::move(row);
    } else if (row.size() != table.header.size()) {
      throw std::logic_error("embedded table '" + std::string(name) + "' has a ragged row");
    } else {
      table.rows.push_back(std::move(row));
    }
    row.clear();
    row_has_data = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        field.push_back(c);
      }
      continue;
    }
    if (c == '"') {
      in_quotes = true;
      row_has_data = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      row_has_data = true;
    } else if (c == '\n') {
      if (row_has_data || !field.empty()) end_row();
    } else if (c != '\r') {
      field.push_back(c);
      row_has_data = true;
    }
  }
  if (row_has_data || !field.empty()) end_row();
  return table;
}

std::vector<std::string> LoadEmbeddedLines(std::string_view name) {
  const std::string_view text = EmbeddedFile(name);
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) lines.emplace_back(line);
    start = end + 1;
  }
  return lines;
}

}  // namespace vnlink::vi::internal
