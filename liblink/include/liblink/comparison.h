// File: liblink/comparison.h
//
// The comparison engine: for a pair of records, the level of every comparison of the
// settings (the comparison vector, "gamma"), and the Fellegi-Sunter score of a vector:
//
//   match weight = log2(lambda/(1-lambda)) + sum_c log2(m_c/u_c) + sum_c TF adjustment_c
//   TF adjustment = w * (log2 u_exact - log2 max(tf_l, tf_r, tf_minimum_u_value))
//   probability  = 2^weight / (1 + 2^weight)
//
//   vnlink::ComparisonEngine engine(settings, table, "records.tsv");
//   std::vector<std::uint8_t> levels(engine.size());
//   engine.Compare(a, b, levels);                 // train: u sampling, EM patterns
//   double w = engine.ScorePair(a, b, levels);    // match (needs a trained model)
//
// Levels are indices into Comparison::levels (0 = the first level listed). The gamma value
// printed in gamma_<name> columns follows Splink: -1 for a null level, otherwise the
// number of non-null levels below it (the else level is 0, the best level the highest).
//
// The engine precomputes per distinct value (code points, parsed dates, numbers, tokens,
// TF frequencies), so it is built once per table and then shared read-only by threads.
// PairComparer adds per-thread state that caches the left record of a block.

#ifndef LIBLINK_COMPARISON_H_
#define LIBLINK_COMPARISON_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "liblink/record_table.h"
#include "liblink/settings.h"

namespace vnlink {

class PairComparer;

class ComparisonEngine {
 public:
  // Resolves every column against the table (DataError naming `file` and the JSON path
  // of the level when a column is missing) and precomputes per-value data. `settings`
  // and `table` must outlive the engine.
  ComparisonEngine(const Settings& settings, const RecordTable& table, const std::string& file);
  ~ComparisonEngine();
  ComparisonEngine(const ComparisonEngine&) = delete;
  ComparisonEngine& operator=(const ComparisonEngine&) = delete;

  // Number of comparisons (length of a comparison vector).
  [[nodiscard]] std::size_t size() const;
  [[nodiscard]] const Settings& settings() const { return settings_; }
  [[nodiscard]] const RecordTable& table() const { return table_; }

  // Writes the level of every comparison for records a and b into `levels` (size()).
  // Thread-safe, but sets up comparator state on every call: for many pairs (u sampling,
  // EM pattern counts) keep one PairComparer per thread instead.
  void Compare(std::size_t a, std::size_t b, std::span<std::uint8_t> levels) const;

  // True when every parameter needed by Score/ScorePair is present (see
  // Settings::IsTrained); the scoring functions below require it.
  [[nodiscard]] bool trained() const { return trained_; }
  // Prior weight log2(lambda/(1-lambda)) + sum of level weights log2(m/u): no TF.
  [[nodiscard]] double Score(std::span<const std::uint8_t> levels) const;
  // Score() plus the TF adjustments, which depend on the records' values.
  [[nodiscard]] double ScorePair(std::size_t a, std::size_t b,
                                 std::span<const std::uint8_t> levels) const;
  // The Bayes factor weight of one comparison of a pair: log2(m/u) + its TF adjustment
  // (0 for a null level). bf_<name> = 2^this.
  [[nodiscard]] double ComparisonWeight(std::size_t comparison, std::size_t a, std::size_t b,
                                        std::uint8_t level) const;
  // log2(m/u) of a level (0 for null levels); log2(lambda/(1-lambda)).
  [[nodiscard]] double LevelWeight(std::size_t comparison, std::uint8_t level) const;
  [[nodiscard]] double PriorWeight() const { return prior_weight_; }

  // The Splink gamma value of a level (see the file comment).
  [[nodiscard]] int Gamma(std::size_t comparison, std::uint8_t level) const;

  struct Impl;  // the compiled plan and per-value data (comparison.cpp)

 private:
  friend class PairComparer;
  const Settings& settings_;
  const RecordTable& table_;
  std::unique_ptr<Impl> impl_;
  bool trained_ = false;
  double prior_weight_ = 0;
};

// Per-thread comparison state: caches the left record's comparator state (bit masks for
// the string metrics) so that comparing it with many right records allocates nothing, and
// (with `memoize`) remembers recent metric values per pair of distinct values, which pays
// within blocks where values recur. Works for any sequence of pairs, random ones too:
//
//   vnlink::PairComparer pc(engine);
//   for (auto [a, b] : sampled_pairs) { pc.SetLeft(a); pc.Compare(b, levels); ... }
class PairComparer {
 public:
  explicit PairComparer(const ComparisonEngine& engine, bool memoize = true);
  ~PairComparer();
  PairComparer(const PairComparer&) = delete;
  PairComparer& operator=(const PairComparer&) = delete;

  // Sets the left record; Compare(b, ...) then compares (left, b).
  void SetLeft(std::size_t a);
  // As ComparisonEngine::Compare(left, b, levels), with the same result.
  void Compare(std::size_t b, std::span<std::uint8_t> levels);

 private:
  struct State;
  const ComparisonEngine& engine_;
  std::unique_ptr<State> state_;
};

}  // namespace vnlink

#endif  // LIBLINK_COMPARISON_H_
