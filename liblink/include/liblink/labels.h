// File: liblink/labels.h
//
// Supervised estimation, for users with clerical review decisions or a ground truth:
// m is the level frequency among pairs labelled as matches, u among pairs labelled as
// non-matches (Splink's estimate_m_from_pairwise_labels / from a label column).
//
//   std::optional<bool> is_match = vnlink::ParseMatchLabel("non-match");  // false
//   vnlink::LabelledPairs pairs = vnlink::DrawTruthPairs(person, universe, {.seed = 42});
//   ... compare each pair, count patterns into `matches` and `non_matches` ...
//   vnlink::SupervisedEstimate e = vnlink::EstimateFromLabels(shape, matches, non_matches, 0.5);

#ifndef LIBLINK_LABELS_H_
#define LIBLINK_LABELS_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "liblink/em.h"
#include "liblink/pair_sampling.h"

namespace vnlink {

// A clerical label: "1", "match", "true", "yes" are matches; "0", "non-match",
// "non_match", "nonmatch", "false", "no" are not (ASCII case-insensitive, surrounding
// spaces ignored); anything else is nullopt.
[[nodiscard]] std::optional<bool> ParseMatchLabel(std::string_view text);

// Record pairs with known match status (first < second in each).
struct LabelledPairs {
  std::vector<RecordPair> matches;
  std::vector<RecordPair> non_matches;
  std::uint64_t match_pairs_available = 0;  // within-person comparable pairs in the truth
};

inline constexpr std::int64_t kUnknownPerson = -1;

struct TruthSampling {
  std::uint64_t max_match_pairs = 1'000'000;  // above this, a seeded sample of them
  std::uint64_t non_match_pairs = 1'000'000;  // random pairs of two known, different persons
  std::uint64_t seed = 1;
};

// Labelled pairs from a truth (person[i] = record i's person, kUnknownPerson when the
// truth does not cover it): every comparable pair of records of one person (or a
// selection-sampled subset of exactly max_match_pairs of them), and random comparable
// pairs of records of different persons drawn from `universe` (pairs with an unknown
// person are skipped; drawing gives up after 50 times the requested number of draws).
// Deterministic for a seed.
[[nodiscard]] LabelledPairs DrawTruthPairs(std::span<const std::int64_t> person,
                                           const PairUniverse& universe,
                                           const TruthSampling& options);

struct SupervisedEstimate {
  std::vector<std::vector<double>> m, u;
  std::vector<std::vector<double>> match_level_counts, non_match_level_counts;
  std::uint64_t match_pairs = 0, non_match_pairs = 0;
};

// m and u from the patterns of labelled matches and non-matches, smoothed as
// ProbabilitiesFromCounts. Throws std::invalid_argument when a width or level disagrees
// with the shape.
[[nodiscard]] SupervisedEstimate EstimateFromLabels(const std::vector<EmComparison>& comparisons,
                                                    const PatternCounts& matches,
                                                    const PatternCounts& non_matches,
                                                    double smoothing);

// Occurrences of each level among the patterns (kNoLevel and null levels count too, at
// their own index when they have one).
[[nodiscard]] std::vector<std::vector<double>> LevelCounts(
    const std::vector<EmComparison>& comparisons, const PatternCounts& counts);

}  // namespace vnlink

#endif  // LIBLINK_LABELS_H_
