// Internal: parsing of the small RFC 4180 tables embedded in the binary
// (normalizers/data/*.csv). Not a public API; the record readers handle user files.

#ifndef NORMALIZERS_INTERNAL_EMBEDDED_CSV_H_
#define NORMALIZERS_INTERNAL_EMBEDDED_CSV_H_

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vnlink::vi::internal {

// A parsed table: header names and rows of fields (quotes removed).
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // Index of a header column; throws std::logic_error when absent (a build-data bug).
  std::size_t Column(std::string_view name) const;
};

// Index of column `name` in a header row; throws std::logic_error when absent (a build-data
// bug).
std::size_t ColumnOf(std::span<const std::string> header, std::string_view name);

// Parses the embedded file `name` (see liblink/embedded.h). Throws on malformed data.
CsvTable LoadEmbeddedCsv(std::string_view name);
// Parses CSV `text` (named `name` in errors): a field at a time, with the byte scanner of
// liblink/byte_scan.h, as every run parses megabytes of gazetteer at start-up. Quoted
// fields may hold commas, newlines and doubled quotes; CR outside quotes is dropped; blank
// lines are skipped; a ragged row throws std::logic_error.
CsvTable ParseCsvTable(std::string_view text, std::string_view name);
// Calls `on_row` with every row of CSV `text`, the header first, in order (fields as
// ParseCsvTable gives them). The fields live until the next call: copy what you keep. No
// table is built, so a caller that keeps a few columns of a large table allocates little.
using CsvRowFn = std::function<void(std::span<const std::string> row)>;
void ForEachCsvRow(std::string_view text, std::string_view name, const CsvRowFn& on_row);
void ForEachEmbeddedCsvRow(std::string_view name, const CsvRowFn& on_row);
// The same a byte at a time: the reference the tests hold ParseCsvTable to.
CsvTable ParseCsvTableScalar(std::string_view text, std::string_view name);
// Non-empty lines of an embedded text file, CR stripped.
std::vector<std::string> LoadEmbeddedLines(std::string_view name);

}  // namespace vnlink::vi::internal

#endif  // NORMALIZERS_INTERNAL_EMBEDDED_CSV_H_
