// Internal-only: a minimal RFC 4180 reader for the embedded reference tables
// (normalizers/data/*.csv). Do not depend on it from outside normalizers/.

#ifndef NORMALIZERS_INTERNAL_FIELDS_CSV_H_
#define NORMALIZERS_INTERNAL_FIELDS_CSV_H_

#include <string>
#include <string_view>
#include <vector>

namespace vnlink::vi::internal {

// A parsed CSV table: the header and the data rows, every row padded or cut to the
// header's width. Throws std::runtime_error when a required column is missing.
class CsvTable {
 public:
  explicit CsvTable(std::string_view text);
  // Index of the named column; throws std::runtime_error when absent.
  [[nodiscard]] std::size_t Column(std::string_view name) const;
  [[nodiscard]] const std::vector<std::vector<std::string>>& rows() const { return rows_; }

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace vnlink::vi::internal

#endif  // NORMALIZERS_INTERNAL_FIELDS_CSV_H_
