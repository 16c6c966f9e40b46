#include "liblink/record_table.h"

#include <xxhash.h>

#include <stdexcept>

#include "liblink/error.h"

namespace vnlink {
namespace {

constexpr std::size_t kInitialSlots = 1024;  // a power of two

}  // namespace

RecordTable::RecordTable(std::vector<std::string> header)
    : RecordTable(header, std::vector<bool>(header.size(), true)) {}

RecordTable::RecordTable(std::vector<std::string> header, std::vector<bool> load)
    : header_(std::move(header)), columns_(header_.size()) {
  if (load.size() != header_.size())
    throw std::invalid_argument("column selection does not match the header");
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    Column& c = columns_[i];
    c.load = load[i];
    c.offsets = {0, 0};  // id 0: the empty value
    c.tags = {0};
    if (c.load) c.slots.assign(kInitialSlots, 0);
  }
}

void RecordTable::Column::Grow() {
  std::vector<std::uint32_t> bigger(slots.size() * 2, 0);
  const std::size_t mask = bigger.size() - 1;
  for (std::uint32_t id : slots) {
    if (id == 0) continue;
    std::string_view v(arena.data() + offsets[id], offsets[id + 1] - offsets[id]);
    std::size_t i = XXH3_64bits(v.data(), v.size()) & mask;
    while (bigger[i] != 0) i = (i + 1) & mask;
    bigger[i] = id;
  }
  slots.swap(bigger);
}

std::uint32_t RecordTable::Column::Intern(std::string_view value) {
  const std::uint64_t hash = XXH3_64bits(value.data(), value.size());
  const auto tag = static_cast<std::uint32_t>(hash >> 32);
  const std::size_t mask = slots.size() - 1;
  std::size_t i = hash & mask;
  for (;; i = (i + 1) & mask) {
    const std::uint32_t id = slots[i];
    if (id == 0) break;
    if (tags[id] == tag && offsets[id + 1] - offsets[id] == value.size() &&
        arena.compare(offsets[id], value.size(), value) == 0) {
      return id;
    }
  }
  const auto id = static_cast<std::uint32_t>(tags.size());
  slots[i] = id;
  arena.append(value);
  offsets.push_back(arena.size());
  tags.push_back(tag);
  // Keep the load factor at most one half: probes stay short.
  if (2 * (tags.size() - 1) > slots.size()) Grow();
  return id;
}

void RecordTable::Add(std::span<const std::string_view> fields, std::uint64_t line) {
  if (fields.size() != header_.size())
    throw std::invalid_argument("record has " + std::to_string(fields.size()) +
                                " fields, header has " + std::to_string(header_.size()));
  if (lines_.size() >= 0xFFFFFFFEu) throw Error("more than 4294967294 records in one table");
  for (std::size_t i = 0; i < fields.size(); ++i) {
    Column& c = columns_[i];
    c.ids.push_back(c.load && !fields[i].empty() ? c.Intern(fields[i]) : 0);
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
