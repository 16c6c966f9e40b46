// File: liblink/metrics.h
//
// Accuracy of linkage against a ground truth (unique_id -> person_id): pairwise
// precision, recall and F1 of scored pairs at a match-weight threshold, a threshold sweep,
// and cluster metrics (B-cubed, exact clusters, pairwise metrics implied by clusters).
//
//   vnlink::Truth truth;
//   truth.Add("BV-1", "P1"); truth.Add("BV-2", "P1"); truth.Add("BV-3", "P2");
//   vnlink::PairEvaluator pairs(truth);
//   pairs.Add("BV-1", "BV-2", 7.5);
//   pairs.Add("BV-2", "BV-3", -3.0);
//   vnlink::PairCounts at0 = pairs.CountAt(0.0);  // tp 1, fp 0, fn 0
//
// True pairs are all pairs of records sharing a person_id. They are counted from the
// group sizes (sum of n(n-1)/2), never enumerated, so recall counts true pairs that no
// blocking rule produced as missed. A ratio whose denominator is zero is undefined
// (nullopt), not 0 or 1.

#ifndef LIBLINK_METRICS_H_
#define LIBLINK_METRICS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "liblink/id_interner.h"

namespace vnlink {

// Pairwise confusion counts and the ratios derived from them.
struct PairCounts {
  std::uint64_t tp = 0;
  std::uint64_t fp = 0;
  std::uint64_t fn = 0;

  // tp / (tp + fp); nullopt when nothing was predicted.
  [[nodiscard]] std::optional<double> Precision() const;
  // tp / (tp + fn); nullopt when the truth has no pairs.
  [[nodiscard]] std::optional<double> Recall() const;
  // 2PR / (P + R); nullopt when P or R is undefined, 0 when both are 0.
  [[nodiscard]] std::optional<double> F1() const;
};

// The ground truth: which person each record belongs to.
class Truth {
 public:
  // Adds a record; false (and no change) when the unique_id is already present.
  bool Add(std::string_view unique_id, std::string_view person_id);
  // The handle of a record, or nullopt when the truth does not know it.
  [[nodiscard]] std::optional<std::uint32_t> Find(std::string_view unique_id) const {
    return records_.Find(unique_id);
  }
  [[nodiscard]] std::uint32_t Person(std::uint32_t record) const { return person_[record]; }
  [[nodiscard]] std::uint32_t PersonSize(std::uint32_t person) const {
    return person_size_[person];
  }
  [[nodiscard]] std::size_t records() const { return records_.size(); }
  [[nodiscard]] std::size_t persons() const { return persons_.size(); }
  // The number of true pairs: sum over persons of n(n-1)/2.
  [[nodiscard]] std::uint64_t TruePairs() const { return true_pairs_; }

 private:
  IdInterner records_;
  IdInterner persons_;
  std::vector<std::uint32_t> person_;       // by record
  std::vector<std::uint32_t> person_size_;  // by person
  std::uint64_t true_pairs_ = 0;
};

// One row of a threshold sweep: the counts for pairs with match_weight >= threshold.
struct SweepRow {
  double threshold;
  PairCounts counts;
};

// Scored pairs judged against the truth. Memory: 16 bytes per pair (the sweep needs all
// weights).
class PairEvaluator {
 public:
  explicit PairEvaluator(const Truth& truth) : truth_(truth) {}

  // One pair of the scored file. `weight` is nullopt when the file has no match_weight
  // (every pair then counts as predicted). A pair naming a record the truth does not know
  // is counted in unknown_pairs() and left out of every metric. Returns false when the
  // pair links a record to itself (the caller reports it).
  bool Add(std::string_view id_l, std::string_view id_r, std::optional<double> weight);

  // The counts for the pairs at or above `threshold`. A pair given twice counts once, with
  // its highest weight (see duplicate_pairs()).
  [[nodiscard]] PairCounts CountAt(double threshold);
  // The number of rows Sweep(step) would return (0 without finite weights).
  [[nodiscard]] std::size_t SweepSize(double step);
  // Counts at thresholds k*step for every integer k from floor(min/step) to
  // ceil(max/step) over the finite weights, ascending. Empty without finite weights.
  [[nodiscard]] std::vector<SweepRow> Sweep(double step);

  [[nodiscard]] std::uint64_t pairs() const { return pairs_; }  // every pair given
  [[nodiscard]] std::uint64_t unknown_pairs() const { return unknown_pairs_; }
  // The first id (in input order) absent from the truth; empty when none.
  [[nodiscard]] const std::string& unknown_example() const { return unknown_example_; }
  [[nodiscard]] std::uint64_t duplicate_pairs();

 private:
  struct Scored {
    double weight;
    std::uint32_t lo;
    std::uint32_t hi;
  };
  void Prepare();

  const Truth& truth_;
  std::vector<Scored> scored_;
  bool prepared_ = false;
  std::vector<double> true_weights_;   // ascending
  std::vector<double> false_weights_;  // ascending
  std::uint64_t pairs_ = 0;
  std::uint64_t unknown_pairs_ = 0;
  std::uint64_t duplicates_ = 0;
  std::string unknown_example_;
};

// The row of a sweep with the highest F1 (the highest threshold among equals); nullopt
// when no row has a defined F1.
[[nodiscard]] std::optional<std::size_t> BestF1(const std::vector<SweepRow>& rows);

struct ClusterReport {
  std::uint64_t records = 0;             // truth records evaluated
  std::uint64_t records_missing = 0;     // truth records absent from the clusters: singletons
  std::uint64_t records_unknown = 0;     // cluster rows whose record the truth does not know
  std::string unknown_example;           // the first of them
  std::uint64_t predicted_clusters = 0;  // over truth records, missing ones included
  std::uint64_t true_clusters = 0;
  std::uint64_t exact_clusters = 0;   // true clusters reproduced exactly
  std::optional<double> exact_share;  // exact_clusters / true_clusters
  std::optional<double> bcubed_precision;
  std::optional<double> bcubed_recall;
  std::optional<double> bcubed_f1;
  PairCounts pairs;  // pairs implied by the clusters
};

// A clustering judged against the truth.
class ClusterEvaluator {
 public:
  explicit ClusterEvaluator(const Truth& truth);
  // One row of the clusters file; false when the unique_id was given before.
  bool Add(std::string_view unique_id, std::string_view cluster_id);
  // B-cubed precision = mean over records of |C(r) & T(r)| / |C(r)|, recall the same over
  // |T(r)|, where C(r) is r's cluster and T(r) its true cluster, both restricted to
  // records of the truth.
  [[nodiscard]] ClusterReport Evaluate() const;

 private:
  static constexpr std::uint32_t kNone = 0xffffffffu;
  const Truth& truth_;
  IdInterner clusters_;
  IdInterner unknown_;
  std::vector<std::uint32_t> cluster_of_;  // by truth record, kNone when not given
  std::string unknown_example_;
};

}  // namespace vnlink

#endif  // LIBLINK_METRICS_H_
