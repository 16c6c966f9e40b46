// File: tools/scoring_common.h
//
// What `vnlink block` and `vnlink match` share: reading the settings/model file and
// loading canonical records into a RecordTable, and the shard of a run.

#ifndef VNLINK_TOOLS_SCORING_COMMON_H_
#define VNLINK_TOOLS_SCORING_COMMON_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "liblink/record_reader.h"
#include "liblink/record_table.h"
#include "liblink/settings.h"

namespace vnlink::cli {

// Reads and validates a settings/model JSON file. Throws IoError or DataError.
Settings ReadSettingsFile(const std::string& path);

// Reads every record of `path` ("-" = standard input) into a table.
RecordTable LoadRecords(const std::string& path, const ReaderOptions& options);
// The same, loading only the columns `settings` reads (ReferencedColumns); the others
// read as empty. Scoring needs nothing else, and this halves the time and memory.
RecordTable LoadRecords(const std::string& path, const ReaderOptions& options,
                        const Settings& settings);
// RecordTable's column selection for `header`: true for the columns `settings` reads.
std::vector<bool> ColumnsToLoad(const std::vector<std::string>& header, const Settings& settings);

// The column of source_dataset when the link type needs it (DataError naming `file`
// when it is missing), nullopt for dedupe_only.
std::optional<std::size_t> SourceColumn(const Settings& settings, const RecordTable& table,
                                        const std::string& file);

// Checks that record ids are present and unique (within each source for the link types):
// a pair is named by its ids. Throws DataError naming the line of the second occurrence.
void CheckUniqueIds(const RecordTable& table, std::size_t id_column,
                    std::optional<std::size_t> source_column, const std::string& file);

struct Shard {
  std::uint32_t index = 0;
  std::uint32_t count = 1;
};

// Parses "i/N" (0 <= i < N). Throws UsageError naming `option`.
Shard ParseShard(const std::string& text, const std::string& option);

// The shard from SLURM_ARRAY_TASK_ID (minus SLURM_ARRAY_TASK_MIN when set) and
// SLURM_ARRAY_TASK_COUNT, or from a file name written by `block --shards`
// ("PREFIX.2-of-8.tsv"); nullopt when neither says.
std::optional<Shard> ShardFromEnvironment();
std::optional<Shard> ShardFromFileName(const std::string& path);

// Name of the shard file i of n: "PREFIX.i-of-n.tsv".
std::string ShardFileName(const std::string& prefix, std::uint32_t i, std::uint32_t n);

}  // namespace vnlink::cli

#endif  // VNLINK_TOOLS_SCORING_COMMON_H_
