#include "internal/embedded_csv.h"

#include <stdexcept>

#include "liblink/byte_scan.h"
#include "liblink/embedded.h"

namespace vnlink::vi::internal {

std::size_t ColumnOf(std::span<const std::string> header, std::string_view name) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  throw std::logic_error("embedded table has no column '" + std::string(name) + "'");
}

std::size_t CsvTable::Column(std::string_view name) const { return ColumnOf(header, name); }

namespace {

// Holds the fields of the current row in strings reused from row to row (no allocation once
// they are long enough), and hands each whole row to the caller; a row of the wrong width
// throws.
class RowBuilder {
 public:
  RowBuilder(std::string_view name, const CsvRowFn& on_row) : name_(name), on_row_(on_row) {
    fields_.emplace_back();
  }
  std::string& field() { return fields_[count_]; }
  void EndField() {
    if (++count_ == fields_.size()) fields_.emplace_back();
    fields_[count_].clear();
  }
  void EndRow() {
    EndField();
    if (width_ == 0) {
      width_ = count_;
    } else if (count_ != width_) {
      throw std::logic_error("embedded table '" + std::string(name_) + "' has a ragged row");
    }
    on_row_(std::span<const std::string>(fields_.data(), count_));
    count_ = 0;
    fields_[0].clear();
  }

 private:
  std::string_view name_;
  const CsvRowFn& on_row_;
  std::vector<std::string> fields_;
  std::size_t count_ = 0;  // fields ended in the current row
  std::size_t width_ = 0;  // the header's
};

}  // namespace

CsvTable LoadEmbeddedCsv(std::string_view name) { return ParseCsvTable(EmbeddedFile(name), name); }

void ForEachEmbeddedCsvRow(std::string_view name, const CsvRowFn& on_row) {
  ForEachCsvRow(EmbeddedFile(name), name, on_row);
}

CsvTable ParseCsvTable(std::string_view text, std::string_view name) {
  CsvTable table;
  ForEachCsvRow(text, name, [&](std::span<const std::string> row) {
    if (table.header.empty()) {
      table.header.assign(row.begin(), row.end());
    } else {
      table.rows.emplace_back(row.begin(), row.end());
    }
  });
  return table;
}

void ForEachCsvRow(std::string_view text, std::string_view name, const CsvRowFn& on_row) {
  RowBuilder b(name, on_row);
  bool in_quotes = false;
  bool row_has_data = false;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    if (in_quotes) {
      std::size_t q = text.find('"', i);
      if (q == std::string_view::npos) q = n;
      b.field().append(text.substr(i, q - i));
      if (q + 1 < n && text[q + 1] == '"') {
        b.field().push_back('"');
        i = q + 2;
      } else {
        in_quotes = false;
        i = q + 1;
      }
      continue;
    }
    std::size_t j = i + FindAnyOf3(text.substr(i), ',', '\n', '"');
    std::string_view plain = text.substr(i, j - i);
    if (plain.find('\r') == std::string_view::npos) {
      b.field().append(plain);
      row_has_data |= !plain.empty();
    } else {
      for (char c : plain) {
        if (c == '\r') continue;
        b.field().push_back(c);
        row_has_data = true;
      }
    }
    if (j == n) break;
    if (text[j] == '"') {
      in_quotes = true;
      row_has_data = true;
    } else if (text[j] == ',') {
      b.EndField();
      row_has_data = true;
    } else if (row_has_data || !b.field().empty()) {  // '\n'
      b.EndRow();
      row_has_data = false;
    }
    i = j + 1;
  }
  if (row_has_data || !b.field().empty()) b.EndRow();
}

CsvTable ParseCsvTableScalar(std::string_view text, std::string_view name) {
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
