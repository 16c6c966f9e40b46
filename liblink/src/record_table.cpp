#include "liblink/record_table.h"

#include <xxhash.h>

#include <stdexcept>

#include "liblink/error.h"

namespace vnlink {

std::size_t RecordTable::Hash::operator()(std::string_view s) const {
  return static_cast<std::size_t>(XXH3_64bits(s.data(), s.size()));
}

RecordTable::RecordTable(std::vector<std::string> header)
    : header_(std::move(header)), columns_(header_.size()) {
  for (Column& c : columns_) {
    c.values.emplace_back();
    c.index.emplace(std::string(), 0);
  }
}

void RecordTable::Add(std::span<const std::string_view> fields, std::uint64_t line) {
  if (fields.size() != header_.size())
    throw std::invalid_argument("record has " + std::to_string(fields.size()) +
                                " fields, header has " + std::to_string(header_.size()));
  if (lines_.size() >= 0xFFFFFFFEu) throw Error("more than 4294967294 records in one table");
  for (std::size_t i = 0; i < fields.size(); ++i) {
    Column& c = columns_[i];
    std::uint32_t id;
    if (fields[i].empty()) {
      id = 0;
    } else if (auto it = c.index.find(fields[i]); it != c.index.end()) {
      id = it->second;
    } else {
      id = static_cast<std::uint32_t>(c.values.size());
      c.values.emplace_back(fields[i]);
      c.index.emplace(std::string(fields[i]), id);
    }
    c.ids.push_back(id);
  }
  lines_.push_back(line);
}

std::optional<std::size_t> RecordTable::Find(std::string_view column) const {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == column) return i;
  return std::nullopt;
}

std::size_t RecordTable::Require(std::string_view column, const std::string& file) const {
  if (auto i = Find(column)) return *i;
  throw DataError(file, 1, "missing column '" + std::string(column) + "'");
}

}  // namespace vnlink
