// File: liblink/blocking.h
//
// Blocking: the keys of every record under every rule, the blocks they form, which rule
// owns a pair, pair counts, and the shard of a key.
//
//   vnlink::BlockingIndex index(settings.blocking_rules, table, "records.tsv");
//   for (std::size_t r = 0; r < index.rules(); ++r)
//     for (const vnlink::Block& b : index.Blocks(r)) ...  // b.rows share key b.key
//   std::optional<vnlink::PairOwner> o = index.Owner(a, b);  // the pair's rule and key
//
// A key is the 64-bit xxHash (XXH3, seeded with the rule index) of the rule's parts
// joined with a unit separator; two records meet under a rule when they share a key hash.
// Rules with a kAnyToken part give a record several keys (the cartesian product of the
// parts' values). A record with an empty part has no key under that rule.
//
// Ownership makes every pair scored once: the owner of a pair is the first rule under
// which the two records share a key, and within that rule their smallest shared key. A
// pair is emitted only from its owner's block, decided from the two records alone, so
// shards (ShardOfKey) need no coordination: each owner key lives in exactly one shard.

#ifndef LIBLINK_BLOCKING_H_
#define LIBLINK_BLOCKING_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "liblink/record_table.h"
#include "liblink/settings.h"

namespace vnlink {

// A rule compiled against a table: computes the keys of one record.
class BlockingKeyMaker {
 public:
  // Resolves the columns (DataError naming `file` and the rule when one is missing).
  BlockingKeyMaker(const BlockingRule& rule, std::size_t rule_index, const RecordTable& table,
                   const std::string& file);

  // The record's keys, sorted ascending, without duplicates; empty when it has none.
  // `texts`, when given, receives the readable key ("1990|ngu") of each, in the same order.
  void Keys(std::size_t row, std::vector<std::uint64_t>& keys,
            std::vector<std::string>* texts = nullptr) const;
  [[nodiscard]] bool multi_key() const { return multi_key_; }

 private:
  struct Part {
    std::size_t column;
    KeyFunction function;
    int n;
  };
  const RecordTable& table_;
  std::vector<Part> parts_;
  std::uint64_t seed_;
  bool multi_key_ = false;
};

// Records sharing one key under one rule (row indices ascending).
struct Block {
  std::uint64_t key;
  std::span<const std::uint32_t> rows;
};

// Which rule and key own a pair (see the file comment).
struct PairOwner {
  std::uint32_t rule;
  std::uint64_t key;
};

class BlockingIndex {
 public:
  // Computes every record's keys under every rule and groups them into blocks. Memory:
  // one 64-bit key and one row index per (record, key).
  BlockingIndex(const std::vector<BlockingRule>& rules, const RecordTable& table,
                const std::string& file);

  [[nodiscard]] std::size_t rules() const { return makers_.size(); }
  [[nodiscard]] const BlockingKeyMaker& maker(std::size_t rule) const { return makers_[rule]; }
  // The keys of a record under a rule, sorted ascending.
  [[nodiscard]] std::span<const std::uint64_t> Keys(std::size_t rule, std::size_t row) const;
  // The blocks of a rule with at least two records, ordered by their first row.
  [[nodiscard]] const std::vector<Block>& Blocks(std::size_t rule) const {
    return rules_[rule].blocks;
  }
  // Records with at least one key under the rule.
  [[nodiscard]] std::uint64_t RecordsWithKey(std::size_t rule) const {
    return rules_[rule].records_with_key;
  }
  // The owner of pair (a, b), or nullopt when no rule brings them together.
  [[nodiscard]] std::optional<PairOwner> Owner(std::size_t a, std::size_t b) const;
  // True when (a, b) is owned by rule `rule` with key `key`: no earlier rule shares a key
  // and `key` is their smallest shared key under `rule`.
  [[nodiscard]] bool Owns(std::size_t rule, std::uint64_t key, std::size_t a, std::size_t b) const;

 private:
  struct RuleIndex {
    std::vector<std::uint32_t> key_offsets;  // per row: [off[r], off[r+1]) into keys
    std::vector<std::uint64_t> keys;
    std::vector<std::uint32_t> block_rows;  // rows grouped by key
    std::vector<Block> blocks;
    std::uint64_t records_with_key = 0;
  };
  std::vector<BlockingKeyMaker> makers_;
  std::vector<RuleIndex> rules_;
};

// The shard (0..shards-1) that matches the block of `key`. Stable across runs and
// machines (xxHash of the key hash), so `block --shards` and `match --shard` agree.
[[nodiscard]] std::uint32_t ShardOfKey(std::uint64_t key, std::uint32_t shards);

// The shards a record must be written to by `block --shards`: those of all its keys under
// every rule, sorted, without duplicates (empty when it has no key). A shard holding
// every record with a key in it can compute each pair's owner from the two records, so
// `match --shard i/N` on that shard file produces exactly the pairs owned by shard i.
void ShardsOfRecord(const BlockingIndex& index, std::size_t row, std::uint32_t shards,
                    std::vector<std::uint32_t>& out);

// Whether match (and eval's blocking recall) skips a block of `rows` records: more than
// `max_block_size` of them, 0 meaning no limit.
[[nodiscard]] inline bool BlockSkipped(std::size_t rows, std::size_t max_block_size) {
  return max_block_size > 0 && rows > max_block_size;
}

// Candidate pairs in a block of `n` records, by link type: n(n-1)/2, or for kLinkOnly
// n(n-1)/2 minus the pairs within each source (`per_source` holds the source counts).
[[nodiscard]] std::uint64_t PairsInBlock(std::uint64_t n, LinkType link_type,
                                         std::span<const std::uint64_t> per_source);

// Blocking statistics of one rule (`vnlink block --stats`).
struct RuleStats {
  std::string name;
  std::uint64_t records_with_key = 0;
  std::uint64_t blocks = 0;     // keys shared by at least two records
  std::uint64_t pairs = 0;      // exact: sum over keys of the block's pairs (PairsInBlock)
  bool pairs_exact = true;      // false for multi-key rules: a pair sharing k keys counts k
  double new_pairs = 0;         // estimated pairs not owned by an earlier rule
  bool new_pairs_exact = true;  // false when estimated by sampling
  struct Largest {
    std::string key;  // readable key text
    std::uint64_t size;
  };
  std::vector<Largest> largest;  // largest blocks, size descending, key ascending on ties
};

struct StatsOptions {
  std::size_t top_blocks = 5;           // how many largest blocks to list
  std::uint64_t sample_pairs = 100000;  // above this many pairs, estimate new_pairs by sampling
  std::uint64_t seed = 1;               // sampling seed
};

// Statistics for every rule. Pair counts come from block sizes, never by enumerating
// pairs; new_pairs is exact when the rule has at most sample_pairs pairs (enumerated),
// otherwise a seeded uniform sample of that many pairs estimates the owned fraction.
[[nodiscard]] std::vector<RuleStats> ComputeBlockingStats(
    const BlockingIndex& index, const std::vector<BlockingRule>& rules, const RecordTable& table,
    LinkType link_type, std::optional<std::size_t> source_column, const StatsOptions& options);

// The default display name of a rule: its parts joined with " & ", e.g.
// "dob & first_chars(name_fold, 3)".
[[nodiscard]] std::string RuleDisplayName(const BlockingRule& rule);

}  // namespace vnlink

#endif  // LIBLINK_BLOCKING_H_
