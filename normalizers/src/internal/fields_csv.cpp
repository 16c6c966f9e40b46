#include "internal/fields_csv.h"

#include <stdexcept>

namespace vnlink::vi::internal {
namespace {

// Splits RFC 4180 text into records of fields; "" inside quotes is a quote.
std::vector<std::vector<std::string>> Parse(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  bool any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field.push_back(c);
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !field.empty()) {
        record.push_back(std::move(field));
        records.push_back(std::move(record));
      }
      field.clear();
      record.clear();
      any = false;
    } else {
      field.push_back(c);
      any = true;
    }
  }
  if (any || !field.empty()) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace

CsvTable::CsvTable(std::string_view text) {
  auto records = Parse(text);
  if (records.empty()) throw std::runtime_error("embedded table has no header");
  header_ = std::move(records.front());
  rows_.reserve(records.size() - 1);
  for (std::size_t i = 1; i < records.size(); ++i) {
    records[i].resize(header_.size());
    rows_.push_back(std::move(records[i]));
  }
}

std::size_t CsvTable::Column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return i;
  }
  throw std::runtime_error("embedded table lacks column '" + std::string(name) + "'");
}

}  // namespace vnlink::vi::internal
