// File: liblink/training.h
//
// `vnlink train` as a library call: estimates every parameter of a settings document from
// the records and returns the completed model.
//
//   lambda  from the pairs the deterministic rules match and an assumed recall (Splink's
//           estimate_probability_two_random_records_match), or given, or from a truth;
//   u       from seeded random pairs (pair_sampling.h);
//   m       by EM over agreement-pattern counts, one round per training blocking rule
//           (em.h), averaged over the rounds that estimate each comparison
//           (training_rounds.h), leaving out (with a warning) a round whose top-level m
//           falls far below the others' (household confounding); or, supervised, from
//           labelled matching pairs;
//   TF      tables of every column a level adjusts on (term_frequency.h).
//
//   vnlink::RecordTable table(reader->header());  ... table.Add(...) ...
//   vnlink::TrainOptions opt;
//   opt.seed = 42;
//   vnlink::TrainResult r = vnlink::Train(settings, table, "records.tsv", opt);
//   for (const std::string& w : r.warnings) Warn(w);
//   std::string json = vnlink::SerializeSettings(r.model);
//
// A round compares the pairs its rule produces block by block (memory: one block at a
// time beyond the blocking index), counting distinct comparison vectors; above
// max_round_pairs pairs, each block contributes a seeded random subset of its pairs in
// proportion. In a round, a comparison is left out of EM when the rule blocks on one of
// its columns (as Splink does), or when the rule fixes it through another column
// (given_key for a full-name comparison): after a first EM, the round's non-matches reach
// its else level far less often than random pairs do. EM then runs again without it.
//
// Deterministic: the same records, settings and seed give the same model at any thread
// count (random draws depend only on the seed and the block; counts are integer sums).

#ifndef LIBLINK_TRAINING_H_
#define LIBLINK_TRAINING_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "liblink/em.h"
#include "liblink/pair_sampling.h"
#include "liblink/record_table.h"
#include "liblink/settings.h"
#include "liblink/training_rounds.h"

namespace vnlink {

inline constexpr std::uint64_t kDefaultRoundPairs = 2'000'000;
inline constexpr double kDefaultRecall = 0.8;

struct TrainOptions {
  std::uint64_t seed = 1;
  std::uint64_t max_u_pairs = kDefaultUSamplePairs;  // u sample size
  std::uint64_t min_level_count = 1000;              // u sampling's early stop (0: never)
  std::uint64_t max_round_pairs = kDefaultRoundPairs;
  double recall = kDefaultRecall;  // of the deterministic rules
  std::optional<double> lambda;    // given: no deterministic rules needed
  EmOptions em;                    // estimate_u is forced off (u comes from sampling)
  double smoothing = 0.5;          // pseudo-pairs per level, for m and u
  // A comparison is fixed through another column when its else level is reached by
  // fewer than fixed_else_ratio times the pairs expected there from the round's
  // non-matches, and at least fixed_min_expected were expected.
  double fixed_else_ratio = 0.1;
  double fixed_min_expected = 20;
  DisagreementOptions disagreement;
  // Supervised: pairs known to match (record rows). When set, m comes from their
  // comparison vectors and no EM round runs.
  const std::vector<RecordPair>* labelled_matches = nullptr;
  std::string labels_source;  // "labels" or "truth", for the diagnostics
  // From a truth: the number of comparable pairs of one person; > 0 makes lambda that
  // over all comparable pairs (exact, no recall assumed).
  std::uint64_t truth_match_pairs = 0;
  // Called (from the calling thread) as each step starts, e.g. "training round 'dob'".
  std::function<void(const std::string&)> progress;
};

// One level of the trained model, for the summary on standard error.
struct LevelSummary {
  std::string comparison, level;
  double m = 0, u = 0, weight = 0;  // weight = log2(m/u)
};

struct TrainResult {
  Settings model;                     // the settings with every parameter filled in
  std::vector<std::string> warnings;  // complete sentences for "vnlink train: warning: "
  std::vector<LevelSummary> levels;   // non-null levels in settings order
  double lambda = 0;
  std::uint64_t u_pairs = 0;
  std::size_t rounds = 0;
};

// The EM shape of the settings' comparisons: levels of type null carry no information.
[[nodiscard]] std::vector<EmComparison> ComparisonShapes(const Settings& settings);

// Per comparison: true when `rule` blocks on a column the comparison reads (its column,
// a level's columns or TF column).
[[nodiscard]] std::vector<bool> ComparisonsBlockedBy(const Settings& settings,
                                                     const BlockingRule& rule);

// The pairs the link type allows: all pairs, or in link_only those whose
// source_dataset values differ (DataError when the column is missing).
[[nodiscard]] PairUniverse ComparablePairs(const Settings& settings, const RecordTable& table,
                                           const std::string& file);

// Estimates lambda, u, m and TF tables (see the file comment). Throws DataError for
// missing columns, Error when lambda cannot be estimated or a comparison is estimated by
// no round and has no m in the settings.
[[nodiscard]] TrainResult Train(const Settings& settings, const RecordTable& table,
                                const std::string& file, const TrainOptions& options);

}  // namespace vnlink

#endif  // LIBLINK_TRAINING_H_
