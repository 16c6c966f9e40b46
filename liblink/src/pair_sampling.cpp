#include "liblink/pair_sampling.h"

#include <tbb/blocked_range.h>
#include <tbb/combinable.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>

#include "internal/rng.h"
#include "liblink/error.h"

namespace vnlink {

PairUniverse PairUniverse::AllPairs(std::uint32_t records) {
  PairUniverse u;
  u.records_ = records;
  const double n = records;
  u.size_ = n * (n - 1) / 2;
  if (records < 2) u.size_ = 0;
  return u;
}

PairUniverse PairUniverse::CrossSource(std::span<const std::uint32_t> source) {
  PairUniverse u;
  u.records_ = static_cast<std::uint32_t>(source.size());
  u.cross_source_ = true;
  u.source_.assign(source.begin(), source.end());
  std::map<std::uint32_t, std::vector<std::uint32_t>> by_source;
  for (std::uint32_t i = 0; i < source.size(); ++i) by_source[source[i]].push_back(i);
  for (auto& [id, members] : by_source) u.members_.push_back(std::move(members));
  double total = 0;
  for (std::uint32_t s = 0; s < u.members_.size(); ++s) {
    for (std::uint32_t t = s + 1; t < u.members_.size(); ++t) {
      total +=
          static_cast<double>(u.members_[s].size()) * static_cast<double>(u.members_[t].size());
      u.source_pairs_.emplace_back(s, t);
      u.cumulative_.push_back(total);
    }
  }
  u.size_ = total;
  return u;
}

namespace {

// SplitMix64 of the seed and stream: independent generator states per batch.
std::uint64_t StreamSeed(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t z = seed ^ (stream * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

RecordPair Ordered(std::uint32_t a, std::uint32_t b) {
  return a < b ? RecordPair{a, b} : RecordPair{b, a};
}

}  // namespace

std::vector<RecordPair> PairUniverse::Sample(std::uint64_t count, std::uint64_t seed,
                                             std::uint64_t stream) const {
  std::vector<RecordPair> pairs;
  if (size_ <= 0) return pairs;
  pairs.reserve(count);
  internal::Rng rng(StreamSeed(seed, stream));
  for (std::uint64_t k = 0; k < count; ++k) {
    if (!cross_source_) {
      const auto a = static_cast<std::uint32_t>(rng.Below(records_));
      auto b = static_cast<std::uint32_t>(rng.Below(records_ - 1));
      if (b >= a) ++b;
      pairs.push_back(Ordered(a, b));
      continue;
    }
    // A source pair with probability proportional to the pairs it holds, then one record
    // of each: uniform over all cross-source pairs.
    const double x = rng.Uniform() * size_;
    std::size_t sp =
        std::upper_bound(cumulative_.begin(), cumulative_.end(), x) - cumulative_.begin();
    if (sp >= cumulative_.size()) sp = cumulative_.size() - 1;
    const auto& [s, t] = source_pairs_[sp];
    const std::uint32_t a = members_[s][rng.Below(members_[s].size())];
    const std::uint32_t b = members_[t][rng.Below(members_[t].size())];
    pairs.push_back(Ordered(a, b));
  }
  return pairs;
}

std::vector<RecordPair> PairUniverse::Enumerate() const {
  std::vector<RecordPair> pairs;
  pairs.reserve(static_cast<std::size_t>(size_));
  if (!cross_source_) {
    for (std::uint32_t a = 0; a < records_; ++a) {
      for (std::uint32_t b = a + 1; b < records_; ++b) pairs.emplace_back(a, b);
    }
    return pairs;
  }
  for (const auto& [s, t] : source_pairs_) {
    for (std::uint32_t a : members_[s]) {
      for (std::uint32_t b : members_[t]) pairs.push_back(Ordered(a, b));
    }
  }
  return pairs;
}

namespace {

bool EveryLevelSeen(const std::vector<EmComparison>& comparisons,
                    const std::vector<std::vector<std::uint64_t>>& counts, std::uint64_t minimum) {
  for (std::size_t c = 0; c < comparisons.size(); ++c) {
    for (std::size_t l = 0; l < comparisons[c].num_levels; ++l) {
      if (!comparisons[c].IsNull(l) && counts[c][l] < minimum) return false;
    }
  }
  return true;
}

}  // namespace

USample SampleLevelCounts(const PairUniverse& universe,
                          const std::vector<EmComparison>& comparisons,
                          const PairComparator& compare, const USamplingOptions& options) {
  if (options.batch_pairs == 0) throw std::invalid_argument("batch_pairs must be > 0");
  USample sample;
  // Flat [comparison offset + level] counters; levels are checked against the shape.
  std::vector<std::size_t> offset;
  std::size_t slots = 0;
  for (const EmComparison& c : comparisons) {
    offset.push_back(slots);
    slots += c.num_levels;
  }
  sample.level_counts.resize(comparisons.size());
  for (std::size_t c = 0; c < comparisons.size(); ++c) {
    sample.level_counts[c].assign(comparisons[c].num_levels, 0);
  }
  if (universe.size() <= 0 || options.max_pairs == 0) return sample;

  sample.exhaustive = universe.size() <= static_cast<double>(options.max_pairs);
  const std::vector<RecordPair> all =
      sample.exhaustive ? universe.Enumerate() : std::vector<RecordPair>{};
  const std::uint64_t target = sample.exhaustive ? all.size() : options.max_pairs;

  for (std::uint64_t batch = 0, done = 0; done < target; ++batch) {
    const std::uint64_t n = std::min(options.batch_pairs, target - done);
    std::vector<RecordPair> drawn;
    std::span<const RecordPair> pairs;
    if (sample.exhaustive) {
      pairs = std::span<const RecordPair>(all).subspan(done, n);
    } else {
      drawn = universe.Sample(n, options.seed, batch);
      // Comparing in row order halves the cache misses on the record table (the left
      // rows become sequential); the counts are sums, so the order changes nothing.
      std::sort(drawn.begin(), drawn.end());
      pairs = drawn;
    }
    tbb::combinable<std::vector<std::uint64_t>> local(
        [slots] { return std::vector<std::uint64_t>(slots, 0); });
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, pairs.size(), 1024),
                      [&](const tbb::blocked_range<std::size_t>& range) {
                        std::vector<std::uint64_t>& counts = local.local();
                        std::vector<std::uint8_t> levels(comparisons.size());
                        for (std::size_t i = range.begin(); i < range.end(); ++i) {
                          compare(pairs[i].first, pairs[i].second, levels);
                          for (std::size_t c = 0; c < levels.size(); ++c) {
                            if (levels[c] == kNoLevel) continue;
                            if (levels[c] >= comparisons[c].num_levels) {
                              throw std::invalid_argument("comparator returned level " +
                                                          std::to_string(levels[c]) +
                                                          " out of range");
                            }
                            ++counts[offset[c] + levels[c]];
                          }
                        }
                      });
    // Integer sums: the same totals whatever the threads did.
    local.combine_each([&](const std::vector<std::uint64_t>& counts) {
      for (std::size_t c = 0; c < comparisons.size(); ++c) {
        for (std::size_t l = 0; l < comparisons[c].num_levels; ++l) {
          sample.level_counts[c][l] += counts[offset[c] + l];
        }
      }
    });
    done += n;
    sample.pairs = done;
    if (!sample.exhaustive && options.min_level_count > 0 && done < target &&
        EveryLevelSeen(comparisons, sample.level_counts, options.min_level_count)) {
      sample.stopped_early = true;
      break;
    }
  }
  return sample;
}

std::vector<std::vector<double>> UFromSample(const std::vector<EmComparison>& comparisons,
                                             const USample& sample, double smoothing) {
  if (sample.level_counts.size() != comparisons.size()) {
    throw std::invalid_argument("sample and comparisons differ in size");
  }
  std::vector<std::vector<double>> u;
  for (std::size_t c = 0; c < comparisons.size(); ++c) {
    std::vector<double> counts(sample.level_counts[c].begin(), sample.level_counts[c].end());
    u.push_back(ProbabilitiesFromCounts(comparisons[c], counts, smoothing));
  }
  return u;
}

double LambdaFromDeterministicRules(std::uint64_t matched_pairs, double recall,
                                    double comparable_pairs) {
  if (!(recall > 0 && recall <= 1)) {
    throw std::invalid_argument("recall must be in (0, 1]");
  }
  if (matched_pairs == 0) {
    throw Error("the deterministic rules match no pair: cannot estimate the match probability");
  }
  const double lambda = static_cast<double>(matched_pairs) / recall / comparable_pairs;
  if (!(lambda < 1)) {
    throw Error("the deterministic rules match " + std::to_string(matched_pairs) +
                " pairs, which at recall " + std::to_string(recall) +
                " is not fewer than all comparable pairs");
  }
  return lambda;
}

}  // namespace vnlink
