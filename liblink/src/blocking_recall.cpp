#include "liblink/blocking_recall.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <string>
#include <utility>

#include "liblink/error.h"

namespace vnlink {
namespace {

// About this many within-block pairs per unit of parallel work (as in match.cpp).
constexpr std::uint64_t kPairsPerSlice = 1 << 16;

// The left rows [begin, end) of one block, each paired with every later row.
struct Slice {
  std::uint32_t rule;
  std::uint32_t block;
  std::uint32_t begin;
  std::uint32_t end;
};

// Per rule, the keys of the skipped blocks, ascending.
std::vector<std::vector<std::uint64_t>> SkippedKeys(const BlockingIndex& index,
                                                    std::size_t max_block_size) {
  std::vector<std::vector<std::uint64_t>> skipped(index.rules());
  for (std::size_t r = 0; r < index.rules(); ++r) {
    for (const Block& b : index.Blocks(r))
      if (BlockSkipped(b.rows.size(), max_block_size)) skipped[r].push_back(b.key);
    std::sort(skipped[r].begin(), skipped[r].end());
  }
  return skipped;
}

// Counts the pairs of the slices that Match() scores: those of their block's owner
// (BlockingIndex::Owns), across sources for link_only.
std::uint64_t CountOwnedPairs(const BlockingIndex& index, const RecordTable& table,
                              const std::vector<Slice>& slices, bool link_only,
                              std::optional<std::size_t> source_column) {
  // When the rule and every earlier one give at most one key per record, ownership only
  // compares each row's earlier keys: gather them into a contiguous array per slice
  // (key, then 1/0 for present), as match.cpp does, instead of chasing the index per pair.
  std::vector<bool> single_key_prefix(index.rules());
  bool all_single = true;
  for (std::size_t r = 0; r < index.rules(); ++r) {
    all_single = all_single && !index.maker(r).multi_key();
    single_key_prefix[r] = all_single;
  }
  tbb::enumerable_thread_specific<std::uint64_t> counts(0);
  tbb::enumerable_thread_specific<std::vector<std::uint64_t>> gathered;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, slices.size()), [&](const auto& range) {
    std::uint64_t& count = counts.local();
    std::vector<std::uint64_t>& earlier = gathered.local();
    for (std::size_t s = range.begin(); s != range.end(); ++s) {
      const Slice& slice = slices[s];
      const Block& b = index.Blocks(slice.rule)[slice.block];
      const std::span<const std::uint32_t> rows = b.rows;
      const bool fast = single_key_prefix[slice.rule];
      const std::size_t stride = 2 * std::size_t{slice.rule};
      if (fast) {
        // Rows before slice.begin are never looked at: index from slice.begin.
        earlier.resize((rows.size() - slice.begin) * stride);
        for (std::size_t i = slice.begin; i < rows.size(); ++i) {
          std::uint64_t* out = earlier.data() + (i - slice.begin) * stride;
          for (std::size_t r = 0; r < slice.rule; ++r) {
            auto keys = index.Keys(r, rows[i]);
            out[2 * r] = keys.empty() ? 0 : keys[0];
            out[2 * r + 1] = keys.empty() ? 0 : 1;
          }
        }
      }
      auto owned = [&](std::size_t i, std::size_t j) {
        if (!fast) return index.Owns(slice.rule, b.key, rows[i], rows[j]);
        const std::uint64_t* x = earlier.data() + (i - slice.begin) * stride;
        const std::uint64_t* y = earlier.data() + (j - slice.begin) * stride;
        for (std::size_t r = 0; r < stride; r += 2)
          if (x[r + 1] != 0 && y[r + 1] != 0 && x[r] == y[r]) return false;
        return true;
      };
      for (std::size_t i = slice.begin; i < slice.end; ++i) {
        for (std::size_t j = i + 1; j < rows.size(); ++j) {
          if (link_only && table.Id(rows[i], *source_column) == table.Id(rows[j], *source_column))
            continue;
          count += owned(i, j);
        }
      }
    }
  });
  // Integer sums: the same total whatever the split between threads.
  std::uint64_t total = 0;
  for (std::uint64_t c : counts) total += c;
  return total;
}

}  // namespace

std::optional<double> BlockingRecall::Recall() const {
  if (true_pairs == 0) return std::nullopt;
  return static_cast<double>(found) / static_cast<double>(true_pairs);
}

BlockingRecall EvaluateBlocking(const BlockingIndex& index, const RecordTable& table,
                                std::span<const std::uint32_t> person,
                                const BlockingRecallOptions& options) {
  const bool link_only = options.link_type == LinkType::kLinkOnly;
  if (link_only && !options.source_column)
    throw Error("link type 'link_only' needs the source dataset column");
  if (person.size() != table.size())
    throw Error("blocking recall: " + std::to_string(person.size()) + " persons for " +
                std::to_string(table.size()) + " records");
  BlockingRecall result;
  result.rules.resize(index.rules());
  const std::vector<std::vector<std::uint64_t>> skipped =
      SkippedKeys(index, options.max_block_size);
  auto is_skipped = [&](std::size_t rule, std::uint64_t key) {
    return std::binary_search(skipped[rule].begin(), skipped[rule].end(), key);
  };

  // The true pairs: every pair of rows of one person, judged from their keys.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> by_person;  // (person, row)
  for (std::uint32_t row = 0; row < table.size(); ++row)
    if (person[row] != kNoPerson) by_person.emplace_back(person[row], row);
  std::sort(by_person.begin(), by_person.end());
  for (std::size_t g = 0; g < by_person.size();) {
    std::size_t end = g;
    while (end < by_person.size() && by_person[end].first == by_person[g].first) ++end;
    for (std::size_t i = g; i < end; ++i) {
      for (std::size_t j = i + 1; j < end; ++j) {
        const std::uint32_t a = by_person[i].second, b = by_person[j].second;
        if (link_only && table.Id(a, *options.source_column) == table.Id(b, *options.source_column))
          continue;
        ++result.true_pairs;
        bool owner_seen = false;
        std::size_t producers = 0, producer = 0;
        for (std::size_t r = 0; r < index.rules(); ++r) {
          const auto x = index.Keys(r, a), y = index.Keys(r, b);
          bool shares = false, scored = false;
          for (std::size_t p = 0, q = 0; p < x.size() && q < y.size();) {
            if (x[p] < y[q]) {
              ++p;
            } else if (y[q] < x[p]) {
              ++q;
            } else {
              // Shared keys come in ascending order: the first is the owner key.
              const bool skip = is_skipped(r, x[p]);
              if (!shares && !owner_seen) {
                owner_seen = true;
                ++(skip ? result.lost_in_skipped_blocks : result.found);
              }
              shares = true;
              scored = scored || !skip;
              ++p, ++q;
            }
          }
          if (scored) {
            ++result.rules[r].true_pairs;
            ++producers;
            producer = r;
          }
        }
        if (producers == 1) ++result.rules[producer].only;
      }
    }
    g = end;
  }

  // The candidate pairs: the blocks that are not skipped, cut into slices.
  std::vector<Slice> slices;
  for (std::uint32_t r = 0; r < index.rules(); ++r) {
    const auto& blocks = index.Blocks(r);
    for (std::uint32_t k = 0; k < blocks.size(); ++k) {
      const std::uint64_t n = blocks[k].rows.size();
      if (BlockSkipped(n, options.max_block_size)) {
        ++result.blocks_skipped;
        result.pairs_skipped += n * (n - 1) / 2;
        continue;
      }
      std::uint32_t begin = 0;
      while (begin < n) {
        std::uint32_t end = begin;
        std::uint64_t pairs = 0;
        while (end < n && pairs < kPairsPerSlice) pairs += n - 1 - end++;
        slices.push_back({r, k, begin, end});
        begin = end;
      }
    }
  }
  result.candidate_pairs = CountOwnedPairs(index, table, slices, link_only, options.source_column);
  return result;
}

}  // namespace vnlink
