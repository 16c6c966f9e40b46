#include "liblink/blocking.h"

#include <xxhash.h>

#include <algorithm>
#include <numeric>

#include "liblink/error.h"

namespace vnlink {
namespace {

constexpr char kSeparator = '\x1f';  // joins key parts; never in a TSV field we key on

// Byte length of the first n code points of s.
std::size_t PrefixBytes(std::string_view s, int n) {
  std::size_t i = 0;
  for (int k = 0; k < n && i < s.size(); ++k) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

// Byte offset where the last n code points of s start.
std::size_t SuffixStart(std::string_view s, int n) {
  std::size_t i = s.size();
  for (int k = 0; k < n && i > 0; ++k) {
    --i;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  }
  return i;
}

bool Digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// SplitMix64: a small, platform-independent generator for the sampling estimate.
struct SplitMix {
  std::uint64_t state;
  std::uint64_t Next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n), by rejection so that it is exact.
  std::uint64_t Below(std::uint64_t n) {
    std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
    std::uint64_t x;
    do x = Next();
    while (x >= limit);
    return x % n;
  }
};

bool SharesKey(std::span<const std::uint64_t> x, std::span<const std::uint64_t> y) {
  std::size_t i = 0, j = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i] == y[j]) return true;
    if (x[i] < y[j])
      ++i;
    else
      ++j;
  }
  return false;
}

std::optional<std::uint64_t> SmallestShared(std::span<const std::uint64_t> x,
                                            std::span<const std::uint64_t> y) {
  std::size_t i = 0, j = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i] == y[j]) return x[i];
    if (x[i] < y[j])
      ++i;
    else
      ++j;
  }
  return std::nullopt;
}

}  // namespace

BlockingKeyMaker::BlockingKeyMaker(const BlockingRule& rule, std::size_t rule_index,
                                   const RecordTable& table, const std::string& file)
    : table_(table), seed_(0x766E6C696E6B0000ull + rule_index) {
  for (const KeyPart& p : rule.parts) {
    auto column = table.Find(p.column);
    if (!column)
      throw DataError(
          file, 1,
          "blocking rule '" + rule.name + "': no column '" + p.column + "' in the records");
    parts_.push_back({*column, p.function, p.n});
    if (p.function == KeyFunction::kAnyToken) multi_key_ = true;
  }
}

void BlockingKeyMaker::Keys(std::size_t row, std::vector<std::uint64_t>& keys,
                            std::vector<std::string>* texts) const {
  keys.clear();
  if (texts) texts->clear();
  // Values of each part; the keys are their cartesian product.
  std::vector<std::vector<std::string_view>> values(parts_.size());
  for (std::size_t i = 0; i < parts_.size(); ++i) {
    const Part& p = parts_[i];
    std::string_view v = table_.Value(row, p.column);
    if (v.empty()) return;
    switch (p.function) {
      case KeyFunction::kExact:
        values[i].push_back(v);
        break;
      case KeyFunction::kFirstChars:
        values[i].push_back(v.substr(0, PrefixBytes(v, p.n)));
        break;
      case KeyFunction::kLastChars:
        values[i].push_back(v.substr(SuffixStart(v, p.n)));
        break;
      case KeyFunction::kYear:
        if (v.size() >= 4 && Digits(v.substr(0, 4)) && (v.size() == 4 || v[4] == '-'))
          values[i].push_back(v.substr(0, 4));
        break;
      case KeyFunction::kYearMonth:
        if (v.size() >= 7 && Digits(v.substr(0, 4)) && v[4] == '-' && Digits(v.substr(5, 2)) &&
            (v.size() == 7 || v[7] == '-'))
          values[i].push_back(v.substr(0, 7));
        break;
      case KeyFunction::kAnyToken: {
        std::size_t a = 0;
        while (a < v.size()) {
          while (a < v.size() && v[a] == ' ') ++a;
          std::size_t b = a;
          while (b < v.size() && v[b] != ' ') ++b;
          if (b > a) values[i].push_back(v.substr(a, b - a));
          a = b;
        }
        break;
      }
    }
    if (values[i].empty()) return;
  }
  std::vector<std::size_t> pick(parts_.size(), 0);
  std::string key;
  std::vector<std::pair<std::uint64_t, std::string>> made;
  while (true) {
    key.clear();
    for (std::size_t i = 0; i < parts_.size(); ++i) {
      if (i > 0) key.push_back(kSeparator);
      key.append(values[i][pick[i]]);
    }
    std::uint64_t h = XXH3_64bits_withSeed(key.data(), key.size(), seed_);
    if (texts) {
      std::string text = key;
      std::replace(text.begin(), text.end(), kSeparator, '|');
      made.emplace_back(h, std::move(text));
    } else {
      keys.push_back(h);
    }
    std::size_t i = 0;
    while (i < parts_.size() && ++pick[i] == values[i].size()) pick[i++] = 0;
    if (i == parts_.size()) break;
  }
  if (texts) {
    std::sort(made.begin(), made.end());
    made.erase(std::unique(made.begin(), made.end(),
                           [](const auto& x, const auto& y) { return x.first == y.first; }),
               made.end());
    for (auto& [h, t] : made) {
      keys.push_back(h);
      texts->push_back(std::move(t));
    }
  } else {
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  }
}

BlockingIndex::BlockingIndex(const std::vector<BlockingRule>& rules, const RecordTable& table,
                             const std::string& file) {
  for (std::size_t r = 0; r < rules.size(); ++r) makers_.emplace_back(rules[r], r, table, file);
  rules_.resize(rules.size());
  std::vector<std::uint64_t> keys;
  for (std::size_t r = 0; r < rules.size(); ++r) {
    RuleIndex& ri = rules_[r];
    ri.key_offsets.reserve(table.size() + 1);
    ri.key_offsets.push_back(0);
    for (std::size_t row = 0; row < table.size(); ++row) {
      makers_[r].Keys(row, keys);
      ri.keys.insert(ri.keys.end(), keys.begin(), keys.end());
      ri.key_offsets.push_back(static_cast<std::uint32_t>(ri.keys.size()));
      ri.records_with_key += !keys.empty();
    }
    // Group (key, row) entries; rows stay ascending within a key.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> entries;
    entries.reserve(ri.keys.size());
    for (std::uint32_t row = 0; row < table.size(); ++row)
      for (std::uint32_t k = ri.key_offsets[row]; k < ri.key_offsets[row + 1]; ++k)
        entries.emplace_back(ri.keys[k], row);
    std::sort(entries.begin(), entries.end());
    struct Range {
      std::uint64_t key;
      std::size_t begin, end;
    };
    std::vector<Range> ranges;
    for (std::size_t i = 0; i < entries.size();) {
      std::size_t j = i;
      while (j < entries.size() && entries[j].first == entries[i].first) ++j;
      if (j - i >= 2) ranges.push_back({entries[i].first, i, j});
      i = j;
    }
    std::sort(ranges.begin(), ranges.end(), [&](const Range& x, const Range& y) {
      std::uint32_t fx = entries[x.begin].second, fy = entries[y.begin].second;
      return fx != fy ? fx < fy : x.key < y.key;
    });
    std::size_t total = 0;
    for (const Range& g : ranges) total += g.end - g.begin;
    ri.block_rows.reserve(total);
    for (const Range& g : ranges)
      for (std::size_t i = g.begin; i < g.end; ++i) ri.block_rows.push_back(entries[i].second);
    std::size_t offset = 0;
    for (const Range& g : ranges) {
      std::size_t n = g.end - g.begin;
      ri.blocks.push_back(
          {g.key, std::span<const std::uint32_t>(ri.block_rows.data() + offset, n)});
      offset += n;
    }
  }
}

std::span<const std::uint64_t> BlockingIndex::Keys(std::size_t rule, std::size_t row) const {
  const RuleIndex& ri = rules_[rule];
  return std::span<const std::uint64_t>(ri.keys.data() + ri.key_offsets[row],
                                        ri.key_offsets[row + 1] - ri.key_offsets[row]);
}

std::optional<PairOwner> BlockingIndex::Owner(std::size_t a, std::size_t b) const {
  for (std::size_t r = 0; r < rules_.size(); ++r) {
    if (auto k = SmallestShared(Keys(r, a), Keys(r, b)))
      return PairOwner{static_cast<std::uint32_t>(r), *k};
  }
  return std::nullopt;
}

bool BlockingIndex::Owns(std::size_t rule, std::uint64_t key, std::size_t a, std::size_t b) const {
  for (std::size_t r = 0; r < rule; ++r)
    if (SharesKey(Keys(r, a), Keys(r, b))) return false;
  if (!makers_[rule].multi_key()) return true;
  auto k = SmallestShared(Keys(rule, a), Keys(rule, b));
  return k && *k == key;
}

std::uint32_t ShardOfKey(std::uint64_t key, std::uint32_t shards) {
  std::uint64_t h = XXH3_64bits_withSeed(&key, sizeof key, 0x5348415244ull);
  return static_cast<std::uint32_t>(h % shards);
}

void ShardsOfRecord(const BlockingIndex& index, std::size_t row, std::uint32_t shards,
                    std::vector<std::uint32_t>& out) {
  out.clear();
  for (std::size_t r = 0; r < index.rules(); ++r)
    for (std::uint64_t key : index.Keys(r, row)) out.push_back(ShardOfKey(key, shards));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

std::uint64_t PairsInBlock(std::uint64_t n, LinkType link_type,
                           std::span<const std::uint64_t> per_source) {
  std::uint64_t all = n * (n - (n > 0)) / 2;
  if (link_type != LinkType::kLinkOnly) return all;
  for (std::uint64_t s : per_source) all -= s * (s - (s > 0)) / 2;
  return all;
}

std::vector<RuleStats> ComputeBlockingStats(const BlockingIndex& index,
                                            const std::vector<BlockingRule>& rules,
                                            const RecordTable& table, LinkType link_type,
                                            std::optional<std::size_t> source_column,
                                            const StatsOptions& options) {
  std::vector<RuleStats> out;
  bool link_only = link_type == LinkType::kLinkOnly;
  if (link_only && !source_column) throw Error("link_only statistics need a source column");
  auto cross = [&](std::uint32_t a, std::uint32_t b) {
    return !link_only || table.Id(a, *source_column) != table.Id(b, *source_column);
  };
  for (std::size_t r = 0; r < index.rules(); ++r) {
    RuleStats st;
    st.name = rules[r].name;
    st.records_with_key = index.RecordsWithKey(r);
    st.pairs_exact = !index.maker(r).multi_key();
    const auto& blocks = index.Blocks(r);
    st.blocks = blocks.size();
    std::vector<std::uint64_t> cumulative;  // pairs up to and including each block
    cumulative.reserve(blocks.size());
    std::vector<std::uint64_t> per_source;
    for (const Block& b : blocks) {
      per_source.clear();
      if (link_only) {
        std::vector<std::uint32_t> ids;
        for (std::uint32_t row : b.rows) ids.push_back(table.Id(row, *source_column));
        std::sort(ids.begin(), ids.end());
        for (std::size_t i = 0; i < ids.size();) {
          std::size_t j = i;
          while (j < ids.size() && ids[j] == ids[i]) ++j;
          per_source.push_back(j - i);
          i = j;
        }
      }
      st.pairs += PairsInBlock(b.rows.size(), link_type, per_source);
      cumulative.push_back(st.pairs);
    }
    // The largest blocks, with readable keys.
    std::vector<std::size_t> order(blocks.size());
    std::iota(order.begin(), order.end(), 0);
    std::size_t top = std::min(options.top_blocks, blocks.size());
    std::vector<RuleStats::Largest> largest;
    std::partial_sort(order.begin(), order.begin() + static_cast<long>(top), order.end(),
                      [&](std::size_t x, std::size_t y) {
                        if (blocks[x].rows.size() != blocks[y].rows.size())
                          return blocks[x].rows.size() > blocks[y].rows.size();
                        return x < y;
                      });
    std::vector<std::uint64_t> keys;
    std::vector<std::string> texts;
    for (std::size_t t = 0; t < top; ++t) {
      const Block& b = blocks[order[t]];
      index.maker(r).Keys(b.rows[0], keys, &texts);
      auto it = std::find(keys.begin(), keys.end(), b.key);
      st.largest.push_back({texts[static_cast<std::size_t>(it - keys.begin())], b.rows.size()});
    }
    std::stable_sort(st.largest.begin(), st.largest.end(), [](const auto& x, const auto& y) {
      return x.size != y.size ? x.size > y.size : x.key < y.key;
    });
    // Pairs not owned by an earlier rule (nor, for multi-key rules, by a smaller key).
    if (st.pairs <= options.sample_pairs) {
      std::uint64_t owned = 0;
      for (const Block& b : blocks)
        for (std::size_t i = 0; i < b.rows.size(); ++i)
          for (std::size_t j = i + 1; j < b.rows.size(); ++j)
            owned += cross(b.rows[i], b.rows[j]) && index.Owns(r, b.key, b.rows[i], b.rows[j]);
      st.new_pairs = static_cast<double>(owned);
      st.new_pairs_exact = true;
    } else {
      SplitMix rng{options.seed * 0x9E3779B97F4A7C15ull + r};
      std::uint64_t owned = 0;
      for (std::uint64_t s = 0; s < options.sample_pairs; ++s) {
        std::uint64_t pick = rng.Below(st.pairs);
        std::size_t bi = static_cast<std::size_t>(
            std::upper_bound(cumulative.begin(), cumulative.end(), pick) - cumulative.begin());
        const Block& b = blocks[bi];
        std::uint32_t x, y;
        do {  // a uniform pair of the block (across sources for link_only)
          std::uint64_t i = rng.Below(b.rows.size()), j = rng.Below(b.rows.size() - 1);
          if (j >= i) ++j;
          x = b.rows[std::min(i, j)];
          y = b.rows[std::max(i, j)];
        } while (!cross(x, y));
        owned += index.Owns(r, b.key, x, y);
      }
      st.new_pairs = static_cast<double>(st.pairs) * static_cast<double>(owned) /
                     static_cast<double>(options.sample_pairs);
      st.new_pairs_exact = false;
    }
    out.push_back(std::move(st));
  }
  return out;
}

}  // namespace vnlink
