// File: liblink/match.h
//
// Prediction: every candidate pair of the blocking rules, scored once under the rule that
// owns it (blocking.h), kept when its match weight reaches the threshold. Blocks are
// scored in parallel (oneTBB) and delivered in a fixed order (rule, then block by first
// row, then pairs in output order of their records), so the output is the same at any
// thread count and each pair is oriented the same way in any shard.
//
//   vnlink::MatchOptions opt;
//   opt.threshold_weight = 3.0;
//   vnlink::MatchStats st = vnlink::Match(engine, index, opt,
//       [&](const vnlink::PairBatch& batch) { for (auto& p : batch.pairs) Write(p); });
//
// With MatchOptions::shard_count = N, only blocks whose key falls in shard shard_index
// (ShardOfKey) are scored: the N shards together produce each pair exactly once.
// A block with more than max_block_size records is skipped and counted in MatchStats.

#ifndef LIBLINK_MATCH_H_
#define LIBLINK_MATCH_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <vector>

#include "liblink/blocking.h"
#include "liblink/comparison.h"

namespace vnlink {

struct MatchOptions {
  // Pairs with match weight >= this are delivered.
  double threshold_weight = -std::numeric_limits<double>::infinity();
  std::uint32_t shard_index = 0;
  std::uint32_t shard_count = 1;
  // Blocks with more records are skipped (0 = no limit).
  std::size_t max_block_size = 0;
  // Keep each pair's comparison vector in PairBatch::levels (for --explain).
  bool keep_levels = false;
  // The source_dataset column, required for the link types other than kDedupeOnly.
  std::optional<std::size_t> source_column;
  // When set, called from one thread at a time with the number of within-block pairs
  // examined since the last call (their sum is MatchWorkPairs()): for progress displays.
  std::function<void(std::uint64_t)> progress;
};

// A scored pair: rows of the table with left before right in output order (unique_id
// byte order; in link modes (source_dataset, unique_id) order).
struct ScoredPair {
  std::uint32_t left;
  std::uint32_t right;
  std::uint32_t rule;
  double weight;
};

// A batch of pairs from one or more blocks, in output order. With keep_levels, the
// comparison vector of pairs[i] is levels[i*k, (i+1)*k) for k comparisons.
struct PairBatch {
  std::vector<ScoredPair> pairs;
  std::vector<std::uint8_t> levels;
};

struct MatchStats {
  std::uint64_t blocks = 0;                 // blocks of this shard that were scored
  std::uint64_t pairs_scored = 0;           // candidate pairs scored (each pair once)
  std::uint64_t pairs_kept = 0;             // delivered (at or above the threshold)
  std::uint64_t pairs_owned_elsewhere = 0;  // met again in a later rule/key, skipped
  std::uint64_t blocks_skipped = 0;         // larger than max_block_size
  std::uint64_t pairs_skipped = 0;          // candidate pairs inside the skipped blocks
  std::uint64_t largest_block = 0;          // records in the largest block scored
};

// Scores the candidate pairs and calls `sink` (from one thread at a time, in output
// order) with batches of kept pairs. Requires engine.trained(); throws Error otherwise.
MatchStats Match(const ComparisonEngine& engine, const BlockingIndex& index,
                 const MatchOptions& options, const std::function<void(const PairBatch&)>& sink);

// The within-block pairs Match() examines with these options (blocks of the shard, not
// above max_block_size): the total its progress callback reports.
[[nodiscard]] std::uint64_t MatchWorkPairs(const BlockingIndex& index, const MatchOptions& options);

// Orders (a, b) for output: true when row a comes before row b (see ScoredPair).
[[nodiscard]] bool PairOrderLess(const RecordTable& table, std::size_t id_column,
                                 std::optional<std::size_t> source_column, std::size_t a,
                                 std::size_t b);

}  // namespace vnlink

#endif  // LIBLINK_MATCH_H_
