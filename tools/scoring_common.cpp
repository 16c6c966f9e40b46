#include "scoring_common.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <unordered_map>

#include "liblink/error.h"

namespace vnlink::cli {
namespace {

std::optional<std::uint64_t> ParseUnsigned(std::string_view s) {
  std::uint64_t v = 0;
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

Settings ReadSettingsFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open '" + path + "'", errno);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw IoError("cannot read '" + path + "'", errno);
  return ParseSettings(text.str(), path);
}

RecordTable LoadRecords(const std::string& path, const ReaderOptions& options) {
  auto reader = RecordReader::Open(path, options);
  RecordTable table(reader->header());
  Row row;
  while (reader->Next(row)) table.Add(row.fields, row.line);
  return table;
}

RecordTable LoadRecords(const std::string& path, const ReaderOptions& options,
                        const Settings& settings) {
  auto reader = RecordReader::Open(path, options);
  RecordTable table(reader->header(), ColumnsToLoad(reader->header(), settings));
  Row row;
  while (reader->Next(row)) table.Add(row.fields, row.line);
  return table;
}

std::vector<bool> ColumnsToLoad(const std::vector<std::string>& header, const Settings& settings) {
  const std::vector<std::string> used = ReferencedColumns(settings);
  std::vector<bool> load;
  for (const std::string& column : header)
    load.push_back(std::find(used.begin(), used.end(), column) != used.end());
  return load;
}

std::optional<std::size_t> SourceColumn(const Settings& settings, const RecordTable& table,
                                        const std::string& file) {
  if (settings.link_type == LinkType::kDedupeOnly) return std::nullopt;
  if (auto c = table.Find(settings.source_dataset_column)) return c;
  throw DataError(file, 1,
                  "missing column '" + settings.source_dataset_column + "' (link type '" +
                      std::string(LinkTypeName(settings.link_type)) + "' needs it)");
}

void CheckUniqueIds(const RecordTable& table, std::size_t id_column,
                    std::optional<std::size_t> source_column, const std::string& file) {
  // Interned ids make this a check on integer pairs.
  std::unordered_map<std::uint64_t, std::size_t> first;
  first.reserve(table.size());
  for (std::size_t row = 0; row < table.size(); ++row) {
    std::uint64_t id = table.Id(row, id_column);
    if (id == 0) throw DataError(file, table.Line(row), "empty unique id");
    std::uint64_t source = source_column ? table.Id(row, *source_column) : 0;
    auto [it, inserted] = first.emplace((source << 32) | id, row);
    if (!inserted) {
      throw DataError(file, table.Line(row),
                      "duplicate unique id '" + std::string(table.Value(row, id_column)) +
                          "' (first on line " + std::to_string(table.Line(it->second)) + ")");
    }
  }
}

Shard ParseShard(const std::string& text, const std::string& option) {
  auto slash = text.find('/');
  std::optional<std::uint64_t> i, n;
  if (slash != std::string::npos) {
    i = ParseUnsigned(std::string_view(text).substr(0, slash));
    n = ParseUnsigned(std::string_view(text).substr(slash + 1));
  }
  if (!i || !n || *n == 0 || *n > 1000000 || *i >= *n)
    throw UsageError(option + " must be i/N with 0 <= i < N, not '" + text + "'");
  return {static_cast<std::uint32_t>(*i), static_cast<std::uint32_t>(*n)};
}

std::optional<Shard> ShardFromEnvironment() {
  const char* id = std::getenv("SLURM_ARRAY_TASK_ID");
  const char* count = std::getenv("SLURM_ARRAY_TASK_COUNT");
  if (id == nullptr || count == nullptr || *id == '\0' || *count == '\0') return std::nullopt;
  std::optional<std::uint64_t> i = ParseUnsigned(id), n = ParseUnsigned(count), min = 0;
  if (const char* m = std::getenv("SLURM_ARRAY_TASK_MIN"); m != nullptr && *m != '\0')
    min = ParseUnsigned(m);
  if (!i || !n || !min || *i < *min || *i - *min >= *n) {
    throw UsageError(std::string("cannot take the shard from SLURM_ARRAY_TASK_ID='") + id +
                     "' and SLURM_ARRAY_TASK_COUNT='" + count + "' (use --shard i/N)");
  }
  return Shard{static_cast<std::uint32_t>(*i - *min), static_cast<std::uint32_t>(*n)};
}

std::optional<Shard> ShardFromFileName(const std::string& path) {
  static const std::regex kName(R"(\.([0-9]+)-of-([0-9]+)\.tsv$)");
  std::smatch m;
  if (!std::regex_search(path, m, kName)) return std::nullopt;
  auto i = ParseUnsigned(m[1].str()), n = ParseUnsigned(m[2].str());
  if (!i || !n || *n == 0 || *i >= *n) return std::nullopt;
  return Shard{static_cast<std::uint32_t>(*i), static_cast<std::uint32_t>(*n)};
}

std::string ShardFileName(const std::string& prefix, std::uint32_t i, std::uint32_t n) {
  return prefix + "." + std::to_string(i) + "-of-" + std::to_string(n) + ".tsv";
}

}  // namespace vnlink::cli
