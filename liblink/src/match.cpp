#include "liblink/match.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <numeric>

#include "liblink/error.h"

namespace vnlink {
namespace {

// About this many candidate pairs per unit of parallel work: large enough to amortise the
// pipeline, small enough to balance threads and bound the batch memory.
constexpr std::uint64_t kPairsPerItem = 1 << 16;

// A slice of a block: the left rows [begin, end) of the block's rows in output order,
// each compared with every row after it.
struct Slice {
  std::uint32_t rule;
  std::uint32_t block;
  std::uint32_t begin;
  std::uint32_t end;
};

struct WorkItem {
  std::vector<Slice> slices;
  std::uint64_t examined = 0;  // within-block pairs of the slices
  PairBatch batch;
  MatchStats stats;
};

}  // namespace

std::uint64_t MatchWorkPairs(const BlockingIndex& index, const MatchOptions& options) {
  std::uint64_t total = 0;
  for (std::size_t r = 0; r < index.rules(); ++r) {
    for (const Block& b : index.Blocks(r)) {
      std::uint64_t n = b.rows.size();
      if (BlockSkipped(n, options.max_block_size)) continue;
      if (options.shard_count > 1 && ShardOfKey(b.key, options.shard_count) != options.shard_index)
        continue;
      total += n * (n - 1) / 2;
    }
  }
  return total;
}

bool PairOrderLess(const RecordTable& table, std::size_t id_column,
                   std::optional<std::size_t> source_column, std::size_t a, std::size_t b) {
  if (source_column) {
    std::string_view sa = table.Value(a, *source_column), sb = table.Value(b, *source_column);
    if (sa != sb) return sa < sb;
  }
  std::string_view ia = table.Value(a, id_column), ib = table.Value(b, id_column);
  if (ia != ib) return ia < ib;
  return a < b;
}

MatchStats Match(const ComparisonEngine& engine, const BlockingIndex& index,
                 const MatchOptions& options, const std::function<void(const PairBatch&)>& sink) {
  if (!engine.trained()) {
    throw Error("the model is not trained: '" + engine.settings().MissingParameter() +
                "' is missing (run vnlink train)");
  }
  if (options.shard_count == 0 || options.shard_index >= options.shard_count)
    throw Error("invalid shard " + std::to_string(options.shard_index) + "/" +
                std::to_string(options.shard_count));
  const RecordTable& table = engine.table();
  const Settings& settings = engine.settings();
  bool link_only = settings.link_type == LinkType::kLinkOnly;
  if (settings.link_type != LinkType::kDedupeOnly && !options.source_column)
    throw Error("link type '" + std::string(LinkTypeName(settings.link_type)) +
                "' needs the source dataset column");
  std::size_t id_column = table.Require(settings.unique_id_column, "records");
  std::optional<std::size_t> order_source =
      settings.link_type == LinkType::kDedupeOnly ? std::nullopt : options.source_column;

  // Rank of every row in output order, so that sorting a block's rows by rank makes
  // (rows[i], rows[j]), i < j, the output orientation whatever the input order or shard.
  std::vector<std::uint32_t> rank(table.size());
  {
    std::vector<std::uint32_t> order(table.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return PairOrderLess(table, id_column, order_source, a, b);
    });
    for (std::uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  }

  MatchStats total;
  const std::size_t k = engine.size();

  // The serial input stage walks rules and blocks in order and cuts them into slices.
  std::uint32_t rule = 0, block = 0, row = 0;
  auto next_item = [&](tbb::flow_control& fc) -> std::shared_ptr<WorkItem> {
    auto item = std::make_shared<WorkItem>();
    std::uint64_t pairs = 0;
    while (rule < index.rules() && pairs < kPairsPerItem) {
      const auto& blocks = index.Blocks(rule);
      if (block >= blocks.size()) {
        ++rule, block = 0, row = 0;
        continue;
      }
      const Block& b = blocks[block];
      std::uint64_t n = b.rows.size();
      bool mine =
          options.shard_count == 1 || ShardOfKey(b.key, options.shard_count) == options.shard_index;
      if (!mine) {
        ++block;
        continue;
      }
      if (BlockSkipped(n, options.max_block_size)) {
        item->stats.blocks_skipped++;
        item->stats.pairs_skipped += n * (n - 1) / 2;
        ++block;
        continue;
      }
      if (row == 0) {
        item->stats.blocks++;
        item->stats.largest_block = std::max(item->stats.largest_block, n);
      }
      // Left rows from `row` until the slice holds enough pairs.
      std::uint32_t end = row;
      while (end < n && pairs < kPairsPerItem) {
        pairs += n - 1 - end;
        ++end;
      }
      item->slices.push_back({rule, block, row, end});
      item->examined = pairs;
      if (end >= n) {
        ++block;
        row = 0;
      } else {
        row = end;
      }
    }
    if (item->slices.empty() && item->stats.blocks_skipped == 0) {
      fc.stop();
      return nullptr;
    }
    return item;
  };

  tbb::enumerable_thread_specific<PairComparer> comparers(std::cref(engine));
  tbb::enumerable_thread_specific<std::vector<std::uint32_t>> sorted_rows;
  tbb::enumerable_thread_specific<std::vector<std::uint8_t>> scratch;
  tbb::enumerable_thread_specific<std::vector<std::uint64_t>> gathered;

  // When the rule and every earlier one give at most one key per record, a block's
  // ownership tests only compare each row's earlier keys: gather them once per block into
  // a small contiguous array (key, then 1/0 for present) instead of chasing the index per
  // pair.
  std::vector<bool> single_key_prefix(index.rules());
  {
    bool all_single = true;
    for (std::size_t r = 0; r < index.rules(); ++r) {
      all_single = all_single && !index.maker(r).multi_key();
      single_key_prefix[r] = all_single;
    }
  }

  auto score = [&](std::shared_ptr<WorkItem> item) -> std::shared_ptr<WorkItem> {
    PairComparer& comparer = comparers.local();
    std::vector<std::uint32_t>& rows = sorted_rows.local();
    std::vector<std::uint8_t>& levels = scratch.local();
    std::vector<std::uint64_t>& earlier = gathered.local();
    levels.resize(k);
    for (const Slice& s : item->slices) {
      const Block& b = index.Blocks(s.rule)[s.block];
      rows.assign(b.rows.begin(), b.rows.end());
      std::sort(rows.begin(), rows.end(),
                [&](std::uint32_t x, std::uint32_t y) { return rank[x] < rank[y]; });
      const bool fast = single_key_prefix[s.rule];
      const std::size_t stride = 2 * s.rule;
      if (fast) {
        earlier.resize(rows.size() * stride);
        for (std::size_t i = 0; i < rows.size(); ++i) {
          for (std::size_t r = 0; r < s.rule; ++r) {
            auto keys = index.Keys(r, rows[i]);
            earlier[i * stride + 2 * r] = keys.empty() ? 0 : keys[0];
            earlier[i * stride + 2 * r + 1] = keys.empty() ? 0 : 1;
          }
        }
      }
      auto owned = [&](std::size_t i, std::size_t j) {
        if (!fast) return index.Owns(s.rule, b.key, rows[i], rows[j]);
        const std::uint64_t* x = earlier.data() + i * stride;
        const std::uint64_t* y = earlier.data() + j * stride;
        for (std::size_t r = 0; r < stride; r += 2)
          if (x[r + 1] != 0 && y[r + 1] != 0 && x[r] == y[r]) return false;
        return true;
      };
      for (std::uint32_t i = s.begin; i < s.end; ++i) {
        std::uint32_t a = rows[i];
        comparer.SetLeft(a);
        for (std::size_t j = i + 1; j < rows.size(); ++j) {
          std::uint32_t c = rows[j];
          if (link_only &&
              table.Id(a, *options.source_column) == table.Id(c, *options.source_column))
            continue;
          if (!owned(i, j)) {
            item->stats.pairs_owned_elsewhere++;
            continue;
          }
          comparer.Compare(c, levels);
          double w = engine.ScorePair(a, c, levels);
          item->stats.pairs_scored++;
          if (w >= options.threshold_weight) {
            item->batch.pairs.push_back({a, c, s.rule, w});
            if (options.keep_levels)
              item->batch.levels.insert(item->batch.levels.end(), levels.begin(), levels.end());
          }
        }
      }
    }
    item->stats.pairs_kept = item->batch.pairs.size();
    return item;
  };

  auto emit = [&](std::shared_ptr<WorkItem> item) {
    MatchStats& s = item->stats;
    total.blocks += s.blocks;
    total.pairs_scored += s.pairs_scored;
    total.pairs_kept += s.pairs_kept;
    total.pairs_owned_elsewhere += s.pairs_owned_elsewhere;
    total.blocks_skipped += s.blocks_skipped;
    total.pairs_skipped += s.pairs_skipped;
    total.largest_block = std::max(total.largest_block, s.largest_block);
    if (!item->batch.pairs.empty()) sink(item->batch);
    if (options.progress && item->examined > 0) options.progress(item->examined);
  };

  std::size_t tokens =
      static_cast<std::size_t>(std::max(1, tbb::this_task_arena::max_concurrency()) * 4);
  tbb::parallel_pipeline(
      tokens, tbb::make_filter<void, std::shared_ptr<WorkItem>>(tbb::filter_mode::serial_in_order,
                                                                next_item) &
                  tbb::make_filter<std::shared_ptr<WorkItem>, std::shared_ptr<WorkItem>>(
                      tbb::filter_mode::parallel, score) &
                  tbb::make_filter<std::shared_ptr<WorkItem>, void>(
                      tbb::filter_mode::serial_in_order, emit));
  return total;
}

}  // namespace vnlink
