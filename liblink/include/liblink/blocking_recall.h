// File: liblink/blocking_recall.h
//
// Blocking recall: how many of a ground truth's true pairs the blocking rules bring to
// `vnlink match`, rule by rule, and how many distinct candidate pairs they cost.
//
//   vnlink::BlockingIndex index(settings.blocking_rules, table, "records.tsv");
//   std::vector<std::uint32_t> person = ...;  // by row; kNoPerson outside the truth
//   vnlink::BlockingRecallOptions opt;
//   opt.max_block_size = 20000;
//   vnlink::BlockingRecall r = vnlink::EvaluateBlocking(index, table, person, opt);
//   // r.found of r.true_pairs reach match; r.candidate_pairs pairs are scored
//
// The semantics are those of Match() (match.h): a pair is scored once, under its owner
// (the first rule sharing a key, its smallest shared key); a block above max_block_size is
// skipped, and its pairs are then not scored at all, not even by a later rule that also
// brings them together (the later rule leaves them to their owner); for kLinkOnly only
// pairs across sources are candidates.
//
// True pairs are checked from the two records' keys alone, never by listing blocks:
// O(true pairs x rules). The candidate pairs are counted, not stored: every pair of every
// scored block is visited and counted when its block owns it, as Match() does, so the
// time is that of enumerating the blocks' pairs and the memory grows with the largest
// block (its rows' keys under the earlier rules), not with the number of pairs.

#ifndef LIBLINK_BLOCKING_RECALL_H_
#define LIBLINK_BLOCKING_RECALL_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "liblink/blocking.h"
#include "liblink/record_table.h"
#include "liblink/settings.h"

namespace vnlink {

struct BlockingRecallOptions {
  LinkType link_type = LinkType::kDedupeOnly;
  // The source_dataset column: required for kLinkOnly (pairs within a source are then
  // neither candidates nor true pairs to find).
  std::optional<std::size_t> source_column;
  // As MatchOptions::max_block_size: blocks with more records are skipped (0 = no limit).
  std::size_t max_block_size = 0;
};

// The true pairs of one rule.
struct RuleRecall {
  // True pairs sharing a key of this rule whose block is not skipped.
  std::uint64_t true_pairs = 0;
  // Of those, the pairs no other rule brings together in a block that is not skipped:
  // the true pairs lost if this rule were removed.
  std::uint64_t only = 0;
};

struct BlockingRecall {
  std::uint64_t true_pairs = 0;  // pairs of rows of one person (across sources for kLinkOnly)
  std::uint64_t found = 0;       // of those, the pairs Match() scores
  std::uint64_t lost_in_skipped_blocks = 0;  // true pairs whose owner block is skipped
  std::vector<RuleRecall> rules;             // by rule index
  std::uint64_t candidate_pairs = 0;         // distinct pairs Match() scores
  std::uint64_t blocks_skipped = 0;          // blocks above max_block_size
  std::uint64_t pairs_skipped = 0;           // n(n-1)/2 summed over them (as MatchStats counts)

  // found / true_pairs; nullopt when there are no true pairs.
  [[nodiscard]] std::optional<double> Recall() const;
};

// The person of a row outside the truth.
inline constexpr std::uint32_t kNoPerson = 0xffffffffu;

// Judges the blocking of `index` (built over `table`) against `person`, one entry per row
// of the table: rows with the same value (other than kNoPerson) are one person. Counting
// the candidate pairs runs in parallel (oneTBB); the result does not depend on the number
// of threads. Throws Error when kLinkOnly lacks the source column or `person` has the
// wrong size.
[[nodiscard]] BlockingRecall EvaluateBlocking(const BlockingIndex& index, const RecordTable& table,
                                              std::span<const std::uint32_t> person,
                                              const BlockingRecallOptions& options);

}  // namespace vnlink

#endif  // LIBLINK_BLOCKING_RECALL_H_
