// File: liblink/record_table.h
//
// Canonical records held in memory for blocking and matching, column by column, every
// value interned per column: value id 0 is the empty (missing) value, and two records
// agree exactly on a column iff their ids are equal. Comparators precompute per distinct
// value, not per record, which is what makes scoring fast.
//
//   vnlink::RecordTable table(reader->header());
//   vnlink::Row row;
//   while (reader->Next(row)) table.Add(row.fields, row.line);
//   std::size_t dob = table.Require("dob", "records.tsv");
//   bool same = table.Id(0, dob) == table.Id(1, dob);
//
// A table may load only some columns (the ones a settings document reads, for example):
// the others keep their place in the header but read as empty, and cost no time or memory
// beyond 4 bytes a record. Interning is an open-addressing hash per column over one byte
// arena, because loading millions of records is dominated by these look-ups.

#ifndef LIBLINK_RECORD_TABLE_H_
#define LIBLINK_RECORD_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vnlink {

class RecordTable {
 public:
  explicit RecordTable(std::vector<std::string> header);
  // Loads only the columns whose `load[i]` is true (load.size() == header.size(), else
  // std::invalid_argument); the others read as empty.
  RecordTable(std::vector<std::string> header, std::vector<bool> load);

  // Appends a record; `fields` must have one value per header column (else
  // std::invalid_argument). `line` is kept for messages.
  void Add(std::span<const std::string_view> fields, std::uint64_t line = 0);

  [[nodiscard]] std::size_t size() const { return lines_.size(); }
  [[nodiscard]] const std::vector<std::string>& header() const { return header_; }
  [[nodiscard]] std::optional<std::size_t> Find(std::string_view column) const;
  // The index of a column; throws DataError(file, 1, "missing column 'x'") (the header).
  [[nodiscard]] std::size_t Require(std::string_view column, const std::string& file) const;

  // The interned id of a record's value (0 = empty) and the text of an id.
  [[nodiscard]] std::uint32_t Id(std::size_t row, std::size_t column) const {
    return columns_[column].ids[row];
  }
  [[nodiscard]] std::string_view Text(std::size_t column, std::uint32_t id) const {
    const Column& c = columns_[column];
    return std::string_view(c.arena.data() + c.offsets[id], c.offsets[id + 1] - c.offsets[id]);
  }
  [[nodiscard]] std::string_view Value(std::size_t row, std::size_t column) const {
    return Text(column, Id(row, column));
  }
  // Number of distinct values of a column, the empty value (id 0) included. Views
  // returned by Text()/Value() stay valid until the next Add().
  [[nodiscard]] std::size_t Distinct(std::size_t column) const {
    return columns_[column].offsets.size() - 1;
  }
  // False for a column the table was told not to load.
  [[nodiscard]] bool Loaded(std::size_t column) const { return columns_[column].load; }
  [[nodiscard]] std::uint64_t Line(std::size_t row) const { return lines_[row]; }

 private:
  struct Column {
    bool load = true;
    std::vector<std::uint32_t> ids;      // per record
    std::string arena;                   // the distinct values, back to back
    std::vector<std::uint64_t> offsets;  // value id -> start in arena; one extra at the end
    std::vector<std::uint32_t> tags;     // value id -> high bits of its hash
    std::vector<std::uint32_t> slots;    // open addressing: value id, 0 = free
    std::uint32_t Intern(std::string_view value);
    void Grow();
  };
  std::vector<std::string> header_;
  std::vector<Column> columns_;
  std::vector<std::uint64_t> lines_;
};

}  // namespace vnlink

#endif  // LIBLINK_RECORD_TABLE_H_
