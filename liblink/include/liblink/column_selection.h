// File: liblink/column_selection.h
//
// Choosing, ordering and renaming columns by name, as `vnlink cat --select` and
// `--rename` do.
//
//   auto sel = vnlink::ColumnSelection::Make(reader->header(), "ma_ho_so,ho_ten",
//                                            "ma_ho_so=unique_id");
//   sel.header();          // {"unique_id", "ho_ten"}
//   sel.indices();         // positions of ma_ho_so and ho_ten in the input header

#ifndef LIBLINK_COLUMN_SELECTION_H_
#define LIBLINK_COLUMN_SELECTION_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vnlink {

class ColumnSelection {
 public:
  // `select`: comma-separated column names in the wanted order; empty = all columns.
  // `rename`: comma-separated old=new pairs applied after selection; empty = none.
  // Throws UsageError for an unknown column, a malformed pair, or an output header with a
  // duplicate or empty name. Column names themselves cannot contain ',' or '='.
  [[nodiscard]] static ColumnSelection Make(const std::vector<std::string>& input_header,
                                            std::string_view select, std::string_view rename);

  const std::vector<std::string>& header() const { return header_; }
  const std::vector<std::size_t>& indices() const { return indices_; }
  // True when the output equals the input column for column (a fast path for readers).
  bool identity() const { return identity_; }

 private:
  std::vector<std::string> header_;
  std::vector<std::size_t> indices_;
  bool identity_ = false;
};

// Splits "a,b,,c" into {"a","b","","c"}; an empty string gives {}.
[[nodiscard]] std::vector<std::string> SplitList(std::string_view s, char separator = ',');

}  // namespace vnlink

#endif  // LIBLINK_COLUMN_SELECTION_H_
