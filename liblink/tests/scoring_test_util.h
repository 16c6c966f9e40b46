// Helpers shared by the scoring tests: small record tables written inline as TSV.
#ifndef LIBLINK_TESTS_SCORING_TEST_UTIL_H_
#define LIBLINK_TESTS_SCORING_TEST_UTIL_H_

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "liblink/record_table.h"

namespace vnlink::testing_util {

inline std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}

// A table from TSV text: the first line is the header.
inline RecordTable TableFromTsv(const std::string& tsv) {
  std::istringstream in(tsv);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  for (std::string_view f : SplitTabs(line)) header.emplace_back(f);
  RecordTable table(header);
  std::uint64_t n = 1;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    table.Add(SplitTabs(line), n);
  }
  return table;
}

}  // namespace vnlink::testing_util

#endif  // LIBLINK_TESTS_SCORING_TEST_UTIL_H_
