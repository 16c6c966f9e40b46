// File: liblink/em.h
//
// Expectation-maximisation for the Fellegi-Sunter model, over agreement-pattern counts: the
// distinct comparison vectors of a set of pairs with how often each occurs. A training
// round of millions of pairs has at most a few thousand patterns, so EM never touches
// individual pairs and each iteration costs microseconds.
//
//   std::vector<vnlink::EmComparison> shape = {{.num_levels = 3, .null_levels = {0}},
//                                              {.num_levels = 4, .null_levels = {0}}};
//   vnlink::PatternCounts counts(2);
//   counts.Add(std::vector<std::uint8_t>{2, 3});      // one pair: name exact, dob exact
//   ...
//   vnlink::EmParameters start{.lambda = 0.1, .m = {}, .u = u_from_sampling};
//   start.m = vnlink::DefaultStartingM(shape, start.u);
//   vnlink::EmResult r = vnlink::RunEm(shape, counts, start, {});
//   if (!r.converged) Warn(...);                       // r.params.m, r.params.lambda
//
// Model (as Splink parameterises it): a pair is a match with probability lambda; given
// match status the comparisons are independent, comparison c being at level l with
// probability m[c][l] (match) or u[c][l] (non-match). A null level, or kNoLevel, carries
// no information: it contributes a factor 1 to both likelihoods and is never counted.
//
// Smoothing: the M-step adds `smoothing` pseudo-pairs (default 0.5, Jeffreys-like) to every
// informative level of a comparison, so a level no pair of the round reaches gets a small
// positive m (a finite, strongly negative weight) instead of 0 (minus infinity). With the
// thousands of pairs of a real round the pseudo-count moves observed levels by < 1e-4.

#ifndef LIBLINK_EM_H_
#define LIBLINK_EM_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace vnlink {

// A pattern entry meaning "no information" (as a null level), for callers without one.
inline constexpr std::uint8_t kNoLevel = 0xFF;

// The shape of one comparison as EM sees it.
struct EmComparison {
  std::size_t num_levels = 0;            // levels are 0 .. num_levels-1
  std::vector<std::size_t> null_levels;  // levels that carry no information (Splink's null)
  // False: the comparison is left out entirely (a round that blocks on its columns);
  // its m and u are returned unchanged.
  bool active = true;

  [[nodiscard]] bool IsNull(std::size_t level) const;
};

// Distinct comparison vectors ("agreement patterns") of a fixed width, with their counts.
// Counting is order-independent (integer sums), so per-thread counters merged in any
// order give the same table.
class PatternCounts {
 public:
  explicit PatternCounts(std::size_t width) : width_(width) {}

  // Adds `count` pairs with this comparison vector (levels.size() == width()).
  void Add(std::span<const std::uint8_t> levels, std::uint64_t count = 1);
  // Adds every pattern of `other` (same width).
  void Merge(const PatternCounts& other);

  struct Entry {
    std::vector<std::uint8_t> levels;
    std::uint64_t count = 0;
  };
  // The patterns in ascending lexicographic order of their levels: a deterministic order
  // whatever the order of counting.
  [[nodiscard]] std::vector<Entry> Sorted() const;

  [[nodiscard]] std::size_t width() const { return width_; }
  [[nodiscard]] std::size_t distinct() const { return counts_.size(); }
  [[nodiscard]] std::uint64_t total() const { return total_; }

 private:
  std::size_t width_;
  std::uint64_t total_ = 0;
  std::unordered_map<std::string, std::uint64_t> counts_;  // key: the level bytes
};

// Fellegi-Sunter parameters. m[c][l] and u[c][l] for every level; null levels hold 0.
struct EmParameters {
  double lambda = 0;
  std::vector<std::vector<double>> m;
  std::vector<std::vector<double>> u;
};

struct EmOptions {
  int max_iterations = 100;
  // Converged when no parameter (m, lambda, and u when estimated) moves by more than this
  // in one iteration. Splink's em_convergence default.
  double tolerance = 1e-4;
  bool estimate_u = false;      // Splink's default: u comes from random sampling
  bool estimate_lambda = true;  // the match fraction among the round's pairs
  double smoothing = 0.5;       // pseudo-pairs per informative level (see file comment)
};

// The state after one iteration, for diagnostics.
struct EmIteration {
  double lambda = 0;
  double max_change = 0;      // largest parameter move of this iteration
  double log_likelihood = 0;  // of the counts under the parameters before the update
  std::vector<std::vector<double>> m;
};

struct EmResult {
  EmParameters params;
  bool converged = false;
  int iterations = 0;
  std::vector<EmIteration> history;  // one per iteration, in order
  // Expected number of matching pairs at each level under the final parameters: shows
  // how much evidence each m rests on (null and inactive levels: 0).
  std::vector<std::vector<double>> expected_match_counts;
};

// Runs EM from `start` until converged or options.max_iterations. Deterministic: patterns
// are visited in PatternCounts::Sorted() order. Throws std::invalid_argument when the
// shapes disagree, a pattern level is out of range, lambda is not in (0, 1), or an
// informative level of an active comparison has u <= 0.
[[nodiscard]] EmResult RunEm(const std::vector<EmComparison>& comparisons,
                             const PatternCounts& counts, const EmParameters& start,
                             const EmOptions& options);

// Deterministic starting m for EM that needs no knowledge of what the levels mean: the
// informative levels ranked by u ascending (rarer among non-matches = more agreement)
// get m proportional to 4^-rank (ties: lower index first), normalised to 1. For a
// two-level exact/else comparison this starts at m(exact) = 0.8.
[[nodiscard]] std::vector<std::vector<double>> DefaultStartingM(
    const std::vector<EmComparison>& comparisons, const std::vector<std::vector<double>>& u);

// Probabilities per level from counts, smoothed as EM smooths: (count + smoothing) /
// (total + smoothing * informative levels) for informative levels, 0 for null levels.
// Used for u from sampled pairs and m/u from labelled pairs.
[[nodiscard]] std::vector<double> ProbabilitiesFromCounts(const EmComparison& comparison,
                                                          std::span<const double> counts,
                                                          double smoothing);

}  // namespace vnlink

#endif  // LIBLINK_EM_H_
