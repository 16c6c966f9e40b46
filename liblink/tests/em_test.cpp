#include "liblink/em.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

namespace vnlink {
namespace {

// A known model shaped like vnlink's comparisons: level 0 is the null level, level 1 the
// else level, the last level exact agreement.
struct TrueModel {
  std::vector<EmComparison> shape;
  EmParameters params;
  double null_rate = 0.1;
};

TrueModel PatientLikeModel() {
  TrueModel t;
  t.shape = {{3, {0}}, {4, {0}}, {3, {0}}, {5, {0}}};
  t.params.lambda = 0.15;
  t.params.m = {{0, 0.1, 0.9}, {0, 0.05, 0.15, 0.8}, {0, 0.2, 0.8}, {0, 0.1, 0.1, 0.2, 0.6}};
  t.params.u = {{0, 0.95, 0.05}, {0, 0.9, 0.08, 0.02}, {0, 0.7, 0.3}, {0, 0.6, 0.25, 0.1, 0.05}};
  return t;
}

// Draws `pairs` comparison vectors from the model (as Splink's
// test_correctness_of_convergence.py does) and counts their patterns.
PatternCounts Generate(const TrueModel& t, int pairs, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  PatternCounts counts(t.shape.size());
  std::vector<std::uint8_t> levels(t.shape.size());
  for (int i = 0; i < pairs; ++i) {
    const bool match = uniform(rng) < t.params.lambda;
    for (std::size_t c = 0; c < t.shape.size(); ++c) {
      if (uniform(rng) < t.null_rate) {
        levels[c] = 0;
        continue;
      }
      const std::vector<double>& p = match ? t.params.m[c] : t.params.u[c];
      double x = uniform(rng), acc = 0;
      std::size_t level = p.size() - 1;
      for (std::size_t l = 1; l < p.size(); ++l) {
        acc += p[l];
        if (x < acc) {
          level = l;
          break;
        }
      }
      levels[c] = static_cast<std::uint8_t>(level);
    }
    counts.Add(levels);
  }
  return counts;
}

// The stated tolerance of the convergence test: 200,000 pairs of which ~30,000 are
// matches give m a standard error below 0.003; 0.01 is over three of them.
constexpr double kMTolerance = 0.01;
constexpr double kLambdaTolerance = 0.005;

TEST(RunEm, RecoversKnownMAndLambdaWithUFixed) {
  const TrueModel t = PatientLikeModel();
  const PatternCounts counts = Generate(t, 200000, 42);
  EXPECT_LE(counts.distinct(), 3u * 4 * 3 * 5);
  EmParameters start{0.5, {}, t.params.u};
  start.m = DefaultStartingM(t.shape, start.u);
  const EmResult r = RunEm(t.shape, counts, start, {});
  EXPECT_TRUE(r.converged);
  EXPECT_NEAR(r.params.lambda, t.params.lambda, kLambdaTolerance);
  for (std::size_t c = 0; c < t.shape.size(); ++c) {
    EXPECT_EQ(r.params.m[c][0], 0.0) << "null level";
    for (std::size_t l = 1; l < t.params.m[c].size(); ++l) {
      EXPECT_NEAR(r.params.m[c][l], t.params.m[c][l], kMTolerance) << "c=" << c << " l=" << l;
    }
    EXPECT_EQ(r.params.u[c], t.params.u[c]) << "u stays fixed";
  }
  EXPECT_EQ(r.history.size(), static_cast<std::size_t>(r.iterations));
  EXPECT_LE(r.history.back().max_change, EmOptions{}.tolerance);
}

TEST(RunEm, RecoversUTooWhenAskedToEstimateIt) {
  const TrueModel t = PatientLikeModel();
  const PatternCounts counts = Generate(t, 200000, 7);
  // Start u off the truth: flat over the informative levels.
  std::vector<std::vector<double>> flat_u;
  for (const EmComparison& c : t.shape) {
    std::vector<double> u(c.num_levels, 0.0);
    for (std::size_t l = 1; l < c.num_levels; ++l) u[l] = 1.0 / (c.num_levels - 1);
    flat_u.push_back(u);
  }
  // Only the ranking of the true u (which levels mean agreement) guides the start.
  EmParameters start{0.3, DefaultStartingM(t.shape, t.params.u), flat_u};
  EmOptions options;
  options.estimate_u = true;
  options.max_iterations = 1000;
  options.tolerance = 1e-6;
  const EmResult r = RunEm(t.shape, counts, start, options);
  EXPECT_TRUE(r.converged);
  EXPECT_NEAR(r.params.lambda, t.params.lambda, 0.01);
  for (std::size_t c = 0; c < t.shape.size(); ++c) {
    for (std::size_t l = 1; l < t.params.m[c].size(); ++l) {
      EXPECT_NEAR(r.params.m[c][l], t.params.m[c][l], 0.02) << "c=" << c << " l=" << l;
      EXPECT_NEAR(r.params.u[c][l], t.params.u[c][l], 0.02) << "c=" << c << " l=" << l;
    }
  }
}

TEST(RunEm, ReportsNotConvergedAtTheIterationLimit) {
  const TrueModel t = PatientLikeModel();
  const PatternCounts counts = Generate(t, 20000, 1);
  EmParameters start{0.5, DefaultStartingM(t.shape, t.params.u), t.params.u};
  EmOptions options;
  options.max_iterations = 2;
  const EmResult r = RunEm(t.shape, counts, start, options);
  EXPECT_FALSE(r.converged);
  EXPECT_EQ(r.iterations, 2);
  ASSERT_EQ(r.history.size(), 2u);
  EXPECT_GT(r.history[1].max_change, options.tolerance);
}

TEST(RunEm, LogLikelihoodNeverDecreasesWithoutSmoothing) {
  const TrueModel t = PatientLikeModel();
  const PatternCounts counts = Generate(t, 20000, 3);
  EmParameters start{0.5, DefaultStartingM(t.shape, t.params.u), t.params.u};
  EmOptions options;
  options.smoothing = 0;
  options.estimate_u = true;
  options.tolerance = 1e-9;
  const EmResult r = RunEm(t.shape, counts, start, options);
  ASSERT_GT(r.history.size(), 3u);
  for (std::size_t i = 1; i < r.history.size(); ++i) {
    EXPECT_GE(r.history[i].log_likelihood, r.history[i - 1].log_likelihood - 1e-6) << i;
  }
}

TEST(RunEm, UnobservedLevelGetsSmoothedPositiveM) {
  // Comparison 1's level 2 (e.g. "phone exact") never occurs in this round.
  const std::vector<EmComparison> shape = {{3, {0}}, {3, {0}}};
  PatternCounts counts(2);
  counts.Add(std::vector<std::uint8_t>{2, 1}, 300);
  counts.Add(std::vector<std::uint8_t>{1, 1}, 700);
  EmParameters start{0.3, {{0, 0.2, 0.8}, {0, 0.2, 0.8}}, {{0, 0.9, 0.1}, {0, 0.99, 0.01}}};
  const EmResult r = RunEm(shape, counts, start, {});
  EXPECT_GT(r.params.m[1][2], 0.0);
  EXPECT_LT(r.params.m[1][2], 0.01);
  EXPECT_TRUE(std::isfinite(std::log2(r.params.m[1][2] / start.u[1][2])));
  EXPECT_NEAR(r.params.m[1][1] + r.params.m[1][2], 1.0, 1e-12);
  EXPECT_EQ(r.expected_match_counts[1][2], 0.0);
}

TEST(RunEm, InactiveComparisonIsLeftOutAndUnchanged) {
  const TrueModel t = PatientLikeModel();
  const PatternCounts counts = Generate(t, 20000, 5);
  std::vector<EmComparison> shape = t.shape;
  shape[2].active = false;
  EmParameters start{0.5, DefaultStartingM(shape, t.params.u), t.params.u};
  const EmResult r = RunEm(shape, counts, start, {});
  EXPECT_EQ(r.params.m[2], start.m[2]);
  EXPECT_EQ(r.expected_match_counts[2], std::vector<double>(3, 0.0));
  EXPECT_NEAR(r.params.m[0][2], t.params.m[0][2], 0.03);
}

TEST(RunEm, NoLevelAndNullLevelAreTheSame) {
  const std::vector<EmComparison> shape = {{3, {0}}, {3, {0}}, {2, {}}};
  PatternCounts with_null(3), with_none(3);
  const std::vector<std::vector<std::uint8_t>> patterns = {{2, 2, 1}, {1, 1, 0}, {0, 2, 1},
                                                           {2, 0, 0}, {1, 2, 0}, {1, 1, 1}};
  const std::vector<std::uint64_t> n = {120, 900, 40, 30, 50, 60};
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    with_null.Add(patterns[i], n[i]);
    std::vector<std::uint8_t> p = patterns[i];
    for (std::size_t c = 0; c < 2; ++c) {
      if (p[c] == 0) p[c] = kNoLevel;
    }
    with_none.Add(p, n[i]);
  }
  EmParameters start{
      0.2, {{0, 0.2, 0.8}, {0, 0.2, 0.8}, {0.3, 0.7}}, {{0, 0.9, 0.1}, {0, 0.8, 0.2}, {0.6, 0.4}}};
  const EmResult a = RunEm(shape, with_null, start, {});
  const EmResult b = RunEm(shape, with_none, start, {});
  // Equal up to rounding: the two tables sort their patterns differently (255 > 0).
  for (std::size_t c = 0; c < shape.size(); ++c) {
    for (std::size_t l = 0; l < shape[c].num_levels; ++l) {
      EXPECT_NEAR(a.params.m[c][l], b.params.m[c][l], 1e-12);
    }
  }
  EXPECT_NEAR(a.params.lambda, b.params.lambda, 1e-12);
  EXPECT_EQ(a.iterations, b.iterations);
}

TEST(RunEm, ResultDoesNotDependOnCountingOrder) {
  const TrueModel t = PatientLikeModel();
  const PatternCounts a = Generate(t, 5000, 11), b = Generate(t, 5000, 12);
  PatternCounts ab(a.width()), ba(a.width());
  ab.Merge(a);
  ab.Merge(b);
  ba.Merge(b);
  ba.Merge(a);
  EmParameters start{0.5, DefaultStartingM(t.shape, t.params.u), t.params.u};
  const EmResult x = RunEm(t.shape, ab, start, {}), y = RunEm(t.shape, ba, start, {});
  EXPECT_EQ(x.params.m, y.params.m);  // bit for bit
  EXPECT_EQ(x.params.lambda, y.params.lambda);
}

TEST(RunEm, RejectsBadInput) {
  const std::vector<EmComparison> shape = {{3, {0}}};
  PatternCounts counts(1);
  EmParameters start{0.2, {{0, 0.2, 0.8}}, {{0, 0.9, 0.1}}};
  EXPECT_THROW((void)RunEm(shape, counts, start, {}), std::invalid_argument);  // no pairs
  counts.Add(std::vector<std::uint8_t>{3});
  EXPECT_THROW((void)RunEm(shape, counts, start, {}), std::invalid_argument);  // level 3
  PatternCounts ok(1);
  ok.Add(std::vector<std::uint8_t>{2});
  EmParameters bad_lambda = start;
  bad_lambda.lambda = 1.0;
  EXPECT_THROW((void)RunEm(shape, ok, bad_lambda, {}), std::invalid_argument);
  EmParameters zero_u = start;
  zero_u.u[0][2] = 0;
  EXPECT_THROW((void)RunEm(shape, ok, zero_u, {}), std::invalid_argument);
  EmParameters short_m = start;
  short_m.m[0].pop_back();
  EXPECT_THROW((void)RunEm(shape, ok, short_m, {}), std::invalid_argument);
}

TEST(PatternCounts, CountsDistinctPatternsInSortedOrder) {
  PatternCounts counts(3);
  counts.Add(std::vector<std::uint8_t>{2, 0, 1});
  counts.Add(std::vector<std::uint8_t>{1, 3, 1}, 5);
  counts.Add(std::vector<std::uint8_t>{2, 0, 1}, 2);
  counts.Add(std::vector<std::uint8_t>{1, 3, 0}, 0);  // zero counts are not patterns
  EXPECT_EQ(counts.distinct(), 2u);
  EXPECT_EQ(counts.total(), 8u);
  const auto sorted = counts.Sorted();
  ASSERT_EQ(sorted.size(), 2u);
  EXPECT_EQ(sorted[0].levels, (std::vector<std::uint8_t>{1, 3, 1}));
  EXPECT_EQ(sorted[0].count, 5u);
  EXPECT_EQ(sorted[1].count, 3u);
  EXPECT_THROW(counts.Add(std::vector<std::uint8_t>{1, 2}), std::invalid_argument);
  PatternCounts other(2);
  EXPECT_THROW(counts.Merge(other), std::invalid_argument);
}

TEST(DefaultStartingM, RanksLevelsByU) {
  const std::vector<EmComparison> shape = {{3, {0}}, {4, {0}}, {2, {}}};
  const auto m = DefaultStartingM(shape, {{0, 0.99, 0.01}, {0, 0.8, 0.01, 0.19}, {0.5, 0.5}});
  EXPECT_EQ(m[0][0], 0.0);
  EXPECT_DOUBLE_EQ(m[0][2], 0.8);
  EXPECT_DOUBLE_EQ(m[0][1], 0.2);
  EXPECT_GT(m[1][2], m[1][3]);
  EXPECT_GT(m[1][3], m[1][1]);
  EXPECT_DOUBLE_EQ(m[1][1] + m[1][2] + m[1][3], 1.0);
  EXPECT_DOUBLE_EQ(m[2][0], 0.8);  // tie: lower index first
}

TEST(ProbabilitiesFromCounts, SmoothsInformativeLevelsOnly) {
  const EmComparison c{4, {0}};
  const std::vector<double> counts = {50, 6, 3, 0};
  const auto p = ProbabilitiesFromCounts(c, counts, 0.5);
  EXPECT_EQ(p[0], 0.0);
  EXPECT_DOUBLE_EQ(p[1], 6.5 / 10.5);
  EXPECT_DOUBLE_EQ(p[3], 0.5 / 10.5);
  const auto raw = ProbabilitiesFromCounts(c, counts, 0.0);
  EXPECT_DOUBLE_EQ(raw[1], 6.0 / 9.0);
  EXPECT_EQ(raw[3], 0.0);
  const auto none = ProbabilitiesFromCounts(c, std::vector<double>(4, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(none[2], 1.0 / 3.0);
}

}  // namespace
}  // namespace vnlink
