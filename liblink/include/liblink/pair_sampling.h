// File: liblink/pair_sampling.h
//
// Seeded random record pairs, and u (the level probabilities among non-matching pairs)
// estimated from them, as Splink's estimate_u_using_random_sampling: nearly every random
// pair is a non-match, so the level frequencies of random pairs are u.
//
//   vnlink::PairUniverse universe = vnlink::PairUniverse::AllPairs(table.size());
//   vnlink::USample s = vnlink::SampleLevelCounts(universe, shape,
//       [&](std::uint32_t a, std::uint32_t b, std::span<std::uint8_t> levels) {
//         engine.Compare(a, b, levels);
//       }, {.max_pairs = 2'000'000, .seed = 42});
//   std::vector<std::vector<double>> u = vnlink::UFromSample(shape, s, 0.5);
//
// Determinism: pairs are drawn in batches, batch b from its own generator seeded from
// (seed, b), on one thread; only the comparisons run in parallel, and their level counts
// are integer sums. The early stop is decided between batches. So the same seed gives the
// same pairs and the same counts at any thread count, on any platform.

#ifndef LIBLINK_PAIR_SAMPLING_H_
#define LIBLINK_PAIR_SAMPLING_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <utility>
#include <vector>

#include "liblink/em.h"

namespace vnlink {

// A pair of record indices, first < second.
using RecordPair = std::pair<std::uint32_t, std::uint32_t>;

// The set of pairs that may be compared: all pairs of the records (dedupe_only,
// link_and_dedupe) or only those whose sources differ (link_only).
class PairUniverse {
 public:
  // Every pair of `records` records.
  [[nodiscard]] static PairUniverse AllPairs(std::uint32_t records);
  // Pairs of records from different sources; source[i] is record i's source number.
  [[nodiscard]] static PairUniverse CrossSource(std::span<const std::uint32_t> source);

  // The number of comparable pairs (a double: 10^8 records make 5e15 pairs).
  [[nodiscard]] double size() const { return size_; }
  [[nodiscard]] bool cross_source() const { return cross_source_; }
  [[nodiscard]] std::uint32_t records() const { return records_; }
  // True when records a and b may be compared under a cross-source universe (their
  // sources differ); always true for AllPairs.
  [[nodiscard]] bool DifferentSources(std::uint32_t a, std::uint32_t b) const {
    return !cross_source_ || source_[a] != source_[b];
  }

  // `count` pairs drawn uniformly (with replacement) from the universe with a generator
  // seeded from (seed, stream): different streams give independent draws. Empty when
  // the universe is empty.
  [[nodiscard]] std::vector<RecordPair> Sample(std::uint64_t count, std::uint64_t seed,
                                               std::uint64_t stream) const;
  // Every comparable pair in a fixed order (callers check size() first).
  [[nodiscard]] std::vector<RecordPair> Enumerate() const;

 private:
  std::uint32_t records_ = 0;
  bool cross_source_ = false;
  double size_ = 0;
  std::vector<std::uint32_t> source_;  // cross-source only: each record's source
  // Cross-source only: members of each source, and the source pairs (s < t) with the
  // cumulative number of pairs they hold.
  std::vector<std::vector<std::uint32_t>> members_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> source_pairs_;
  std::vector<double> cumulative_;
};

// Writes the level of every comparison for records (a, b). Called from several threads
// at once: it must be thread-safe.
using PairComparator =
    std::function<void(std::uint32_t a, std::uint32_t b, std::span<std::uint8_t> levels)>;

inline constexpr std::uint64_t kDefaultUSamplePairs = 2'000'000;

struct USamplingOptions {
  std::uint64_t max_pairs = kDefaultUSamplePairs;
  // Stop early once every informative level of every comparison has been seen this many
  // times (0: never stop early). Rare levels (an ID agreeing by chance) rarely get there,
  // so with them the sample runs to max_pairs.
  std::uint64_t min_level_count = 1000;
  std::uint64_t seed = 1;
  std::uint64_t batch_pairs = 1 << 16;
};

struct USample {
  std::vector<std::vector<std::uint64_t>> level_counts;  // [comparison][level]
  std::uint64_t pairs = 0;                               // pairs compared
  bool exhaustive = false;     // the universe had at most max_pairs pairs: all were compared
  bool stopped_early = false;  // min_level_count reached before max_pairs
};

// Compares random pairs (or, when the universe holds at most max_pairs pairs, every pair)
// and counts the levels. Runs the comparator in parallel on the current oneTBB arena.
[[nodiscard]] USample SampleLevelCounts(const PairUniverse& universe,
                                        const std::vector<EmComparison>& comparisons,
                                        const PairComparator& compare,
                                        const USamplingOptions& options);

// u per level from the sample, smoothed as ProbabilitiesFromCounts (null levels: 0).
[[nodiscard]] std::vector<std::vector<double>> UFromSample(
    const std::vector<EmComparison>& comparisons, const USample& sample, double smoothing);

// Lambda, the probability that two random records match, from the pairs that the
// deterministic rules match and their assumed recall, as Splink's
// estimate_probability_two_random_records_match: (matched / recall) / comparable_pairs.
// Throws vnlink::Error when no pair matched, or when the result is not below 1.
// std::invalid_argument when recall is not in (0, 1].
[[nodiscard]] double LambdaFromDeterministicRules(std::uint64_t matched_pairs, double recall,
                                                  double comparable_pairs);

}  // namespace vnlink

#endif  // LIBLINK_PAIR_SAMPLING_H_
