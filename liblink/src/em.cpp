#include "liblink/em.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace vnlink {

bool EmComparison::IsNull(std::size_t level) const {
  return std::find(null_levels.begin(), null_levels.end(), level) != null_levels.end();
}

void PatternCounts::Add(std::span<const std::uint8_t> levels, std::uint64_t count) {
  if (levels.size() != width_) {
    throw std::invalid_argument("pattern of width " + std::to_string(levels.size()) +
                                " added to counts of width " + std::to_string(width_));
  }
  if (count == 0) return;
  counts_[std::string(reinterpret_cast<const char*>(levels.data()), levels.size())] += count;
  total_ += count;
}

void PatternCounts::Merge(const PatternCounts& other) {
  if (other.width_ != width_)
    throw std::invalid_argument("merging pattern counts of another width");
  for (const auto& [key, count] : other.counts_) counts_[key] += count;
  total_ += other.total_;
}

std::vector<PatternCounts::Entry> PatternCounts::Sorted() const {
  // Sorting the byte keys (char_traits compares as unsigned char) is the lexicographic
  // order of the levels.
  std::vector<const std::pair<const std::string, std::uint64_t>*> items;
  items.reserve(counts_.size());
  for (const auto& item : counts_) items.push_back(&item);
  std::sort(items.begin(), items.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  std::vector<Entry> out;
  out.reserve(items.size());
  for (const auto* item : items) {
    out.push_back(
        {std::vector<std::uint8_t>(item->first.begin(), item->first.end()), item->second});
  }
  return out;
}

std::vector<double> ProbabilitiesFromCounts(const EmComparison& comparison,
                                            std::span<const double> counts, double smoothing) {
  if (counts.size() != comparison.num_levels) {
    throw std::invalid_argument("level counts do not match the comparison's levels");
  }
  std::vector<double> p(comparison.num_levels, 0.0);
  double total = 0;
  std::size_t informative = 0;
  for (std::size_t l = 0; l < comparison.num_levels; ++l) {
    if (comparison.IsNull(l)) continue;
    total += counts[l];
    ++informative;
  }
  const double denominator = total + smoothing * static_cast<double>(informative);
  if (denominator <= 0) {
    // Nothing observed and no smoothing: uniform over the informative levels.
    for (std::size_t l = 0; l < comparison.num_levels; ++l) {
      if (!comparison.IsNull(l)) p[l] = 1.0 / static_cast<double>(informative);
    }
    return p;
  }
  for (std::size_t l = 0; l < comparison.num_levels; ++l) {
    if (!comparison.IsNull(l)) p[l] = (counts[l] + smoothing) / denominator;
  }
  return p;
}

std::vector<std::vector<double>> DefaultStartingM(const std::vector<EmComparison>& comparisons,
                                                  const std::vector<std::vector<double>>& u) {
  if (u.size() != comparisons.size()) {
    throw std::invalid_argument("u has " + std::to_string(u.size()) + " comparisons, expected " +
                                std::to_string(comparisons.size()));
  }
  std::vector<std::vector<double>> m(comparisons.size());
  for (std::size_t c = 0; c < comparisons.size(); ++c) {
    const EmComparison& comparison = comparisons[c];
    if (u[c].size() != comparison.num_levels) {
      throw std::invalid_argument("u of comparison " + std::to_string(c) + " has the wrong size");
    }
    std::vector<std::size_t> order;
    for (std::size_t l = 0; l < comparison.num_levels; ++l) {
      if (!comparison.IsNull(l)) order.push_back(l);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return u[c][a] < u[c][b]; });
    m[c].assign(comparison.num_levels, 0.0);
    double weight = 1.0, total = 0.0;
    for (std::size_t level : order) {
      m[c][level] = weight;
      total += weight;
      weight /= 4.0;
    }
    for (double& v : m[c]) v /= total > 0 ? total : 1.0;
  }
  return m;
}

namespace {

// The patterns in sorted order, flattened; entries that carry no information are -1.
struct FlatPatterns {
  std::size_t width = 0;
  std::vector<int> levels;
  std::vector<double> counts;
  double total = 0;
};

FlatPatterns Flatten(const std::vector<EmComparison>& comparisons, const PatternCounts& counts) {
  FlatPatterns flat;
  flat.width = comparisons.size();
  for (const PatternCounts::Entry& e : counts.Sorted()) {
    for (std::size_t c = 0; c < flat.width; ++c) {
      const std::uint8_t level = e.levels[c];
      const EmComparison& comparison = comparisons[c];
      if (level == kNoLevel || !comparison.active || comparison.IsNull(level)) {
        flat.levels.push_back(-1);
        continue;
      }
      if (level >= comparison.num_levels) {
        throw std::invalid_argument("pattern level " + std::to_string(level) + " of comparison " +
                                    std::to_string(c) + " is out of range");
      }
      flat.levels.push_back(level);
    }
    flat.counts.push_back(static_cast<double>(e.count));
    flat.total += static_cast<double>(e.count);
  }
  return flat;
}

void CheckShape(const std::vector<EmComparison>& comparisons,
                const std::vector<std::vector<double>>& p, const char* what) {
  if (p.size() != comparisons.size()) {
    throw std::invalid_argument(std::string(what) + " has " + std::to_string(p.size()) +
                                " comparisons, expected " + std::to_string(comparisons.size()));
  }
  for (std::size_t c = 0; c < comparisons.size(); ++c) {
    if (p[c].size() != comparisons[c].num_levels) {
      throw std::invalid_argument(std::string(what) + " of comparison " + std::to_string(c) +
                                  " has the wrong number of levels");
    }
  }
}

// Sums of the E-step: expected matching / non-matching pairs per level.
struct Expectation {
  std::vector<std::vector<double>> match, non_match;
  double matches = 0;
  double log_likelihood = 0;
};

Expectation ExpectationStep(const std::vector<EmComparison>& comparisons, const FlatPatterns& flat,
                            const EmParameters& p) {
  Expectation e;
  e.match.resize(comparisons.size());
  e.non_match.resize(comparisons.size());
  for (std::size_t c = 0; c < comparisons.size(); ++c) {
    e.match[c].assign(comparisons[c].num_levels, 0.0);
    e.non_match[c].assign(comparisons[c].num_levels, 0.0);
  }
  // Log space: a dozen small m and u multiplied can underflow a double.
  std::vector<std::vector<double>> log_m(p.m.size()), log_u(p.u.size());
  for (std::size_t c = 0; c < comparisons.size(); ++c) {
    for (double v : p.m[c]) log_m[c].push_back(std::log(v));
    for (double v : p.u[c]) log_u[c].push_back(std::log(v));
  }
  const double log_lambda = std::log(p.lambda), log_not_lambda = std::log1p(-p.lambda);
  const std::size_t width = flat.width;
  for (std::size_t i = 0; i < flat.counts.size(); ++i) {
    const int* levels = &flat.levels[i * width];
    double lm = log_lambda, lu = log_not_lambda;
    for (std::size_t c = 0; c < width; ++c) {
      if (levels[c] < 0) continue;
      lm += log_m[c][levels[c]];
      lu += log_u[c][levels[c]];
    }
    const double hi = std::max(lm, lu);
    const double log_total = hi + std::log(std::exp(lm - hi) + std::exp(lu - hi));
    const double posterior = std::exp(lm - log_total);
    const double n = flat.counts[i];
    e.log_likelihood += n * log_total;
    e.matches += n * posterior;
    for (std::size_t c = 0; c < width; ++c) {
      if (levels[c] < 0) continue;
      e.match[c][levels[c]] += n * posterior;
      e.non_match[c][levels[c]] += n * (1.0 - posterior);
    }
  }
  return e;
}

double MaxChange(const std::vector<std::vector<double>>& a,
                 const std::vector<std::vector<double>>& b) {
  double change = 0;
  for (std::size_t c = 0; c < a.size(); ++c) {
    for (std::size_t l = 0; l < a[c].size(); ++l)
      change = std::max(change, std::abs(a[c][l] - b[c][l]));
  }
  return change;
}

}  // namespace

EmResult RunEm(const std::vector<EmComparison>& comparisons, const PatternCounts& counts,
               const EmParameters& start, const EmOptions& options) {
  if (counts.width() != comparisons.size()) {
    throw std::invalid_argument("pattern width differs from the number of comparisons");
  }
  CheckShape(comparisons, start.m, "m");
  CheckShape(comparisons, start.u, "u");
  if (!(start.lambda > 0 && start.lambda < 1)) {
    throw std::invalid_argument("starting lambda must be in (0, 1)");
  }
  if (options.smoothing < 0) throw std::invalid_argument("smoothing must be >= 0");
  if (counts.total() == 0) throw std::invalid_argument("no pairs to estimate from");
  for (std::size_t c = 0; c < comparisons.size(); ++c) {
    if (!comparisons[c].active) continue;
    for (std::size_t l = 0; l < comparisons[c].num_levels; ++l) {
      if (comparisons[c].IsNull(l)) continue;
      if (!(start.u[c][l] > 0)) {
        throw std::invalid_argument("u of comparison " + std::to_string(c) + " level " +
                                    std::to_string(l) + " must be > 0");
      }
    }
  }
  const FlatPatterns flat = Flatten(comparisons, counts);

  EmResult result;
  result.params = start;
  EmParameters& p = result.params;
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    const Expectation e = ExpectationStep(comparisons, flat, p);
    EmParameters next = p;
    for (std::size_t c = 0; c < comparisons.size(); ++c) {
      if (!comparisons[c].active) continue;
      next.m[c] = ProbabilitiesFromCounts(comparisons[c], e.match[c], options.smoothing);
      if (options.estimate_u) {
        next.u[c] = ProbabilitiesFromCounts(comparisons[c], e.non_match[c], options.smoothing);
      }
    }
    if (options.estimate_lambda) {
      // Kept inside (0, 1): a round where every pair looks like a match (or none does)
      // must not make the next E-step divide by zero.
      next.lambda = std::clamp(e.matches / flat.total, 1e-12, 1.0 - 1e-12);
    }
    double change = MaxChange(p.m, next.m);
    if (options.estimate_u) change = std::max(change, MaxChange(p.u, next.u));
    change = std::max(change, std::abs(next.lambda - p.lambda));
    p = std::move(next);
    result.iterations = iteration;
    result.history.push_back({p.lambda, change, e.log_likelihood, p.m});
    if (change <= options.tolerance) {
      result.converged = true;
      break;
    }
  }
  result.expected_match_counts = ExpectationStep(comparisons, flat, p).match;
  return result;
}

}  // namespace vnlink
