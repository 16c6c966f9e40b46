#include "liblink/pair_sampling.h"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "liblink/error.h"

namespace vnlink {
namespace {

TEST(PairUniverse, AllPairsSamplesDistinctOrderedPairsUniformly) {
  const PairUniverse u = PairUniverse::AllPairs(4);
  EXPECT_EQ(u.size(), 6.0);
  const std::vector<RecordPair> pairs = u.Sample(60000, 9, 0);
  ASSERT_EQ(pairs.size(), 60000u);
  std::map<RecordPair, int> seen;
  for (const RecordPair& p : pairs) {
    ASSERT_LT(p.first, p.second);
    ASSERT_LT(p.second, 4u);
    ++seen[p];
  }
  ASSERT_EQ(seen.size(), 6u);
  for (const auto& [pair, n] : seen) EXPECT_NEAR(n, 10000, 400) << pair.first << "," << pair.second;
}

TEST(PairUniverse, SameSeedAndStreamGiveTheSamePairs) {
  const PairUniverse u = PairUniverse::AllPairs(100000);
  EXPECT_EQ(u.Sample(1000, 5, 3), u.Sample(1000, 5, 3));
  EXPECT_NE(u.Sample(1000, 5, 3), u.Sample(1000, 5, 4));
  EXPECT_NE(u.Sample(1000, 5, 3), u.Sample(1000, 6, 3));
}

TEST(PairUniverse, CrossSourcePairsNeverShareASource) {
  const std::vector<std::uint32_t> source = {7, 7, 2, 2, 2, 9};
  const PairUniverse u = PairUniverse::CrossSource(source);
  EXPECT_EQ(u.size(), 2.0 * 3 + 2 * 1 + 3 * 1);
  const std::vector<RecordPair> all = u.Enumerate();
  EXPECT_EQ(std::set<RecordPair>(all.begin(), all.end()).size(), 11u);
  std::map<RecordPair, int> seen;
  for (const RecordPair& p : u.Sample(110000, 1, 0)) {
    ASSERT_LT(p.first, p.second);
    ASSERT_NE(source[p.first], source[p.second]);
    ++seen[p];
  }
  ASSERT_EQ(seen.size(), 11u);
  for (const auto& [pair, n] : seen) EXPECT_NEAR(n, 10000, 450);
}

TEST(PairUniverse, EmptyUniverses) {
  EXPECT_EQ(PairUniverse::AllPairs(1).size(), 0.0);
  EXPECT_TRUE(PairUniverse::AllPairs(1).Sample(10, 1, 0).empty());
  const std::vector<std::uint32_t> one_source = {3, 3, 3};
  EXPECT_EQ(PairUniverse::CrossSource(one_source).size(), 0.0);
}

// Records with a category (0 = missing) and a comparison "category": null, else, exact.
struct Categories {
  std::vector<int> value;
  std::vector<EmComparison> shape = {{3, {0}}};
  PairComparator Comparator() const {
    return [this](std::uint32_t a, std::uint32_t b, std::span<std::uint8_t> levels) {
      if (value[a] == 0 || value[b] == 0)
        levels[0] = 0;
      else
        levels[0] = value[a] == value[b] ? 2 : 1;
    };
  }
};

Categories MakeCategories(int n, int categories) {
  Categories c;
  for (int i = 0; i < n; ++i) c.value.push_back(i % 17 == 0 ? 0 : 1 + (i * 7919) % categories);
  return c;
}

TEST(SampleLevelCounts, EstimatesUOfRandomPairs) {
  const Categories data = MakeCategories(20000, 10);
  USamplingOptions options;
  options.max_pairs = 200000;
  options.min_level_count = 0;
  options.seed = 3;
  const USample s =
      SampleLevelCounts(PairUniverse::AllPairs(20000), data.shape, data.Comparator(), options);
  EXPECT_EQ(s.pairs, 200000u);
  EXPECT_FALSE(s.exhaustive);
  EXPECT_FALSE(s.stopped_early);
  EXPECT_EQ(s.level_counts[0][0] + s.level_counts[0][1] + s.level_counts[0][2], 200000u);
  const auto u = UFromSample(data.shape, s, 0.5);
  EXPECT_EQ(u[0][0], 0.0);
  EXPECT_NEAR(u[0][2], 0.1, 0.005);  // ten equally common categories
}

TEST(SampleLevelCounts, ComparesEveryPairOfASmallUniverse) {
  const Categories data = MakeCategories(60, 4);
  std::vector<std::uint64_t> expected(3, 0);
  for (int a = 0; a < 60; ++a) {
    for (int b = a + 1; b < 60; ++b) {
      std::uint8_t level[1];
      data.Comparator()(a, b, level);
      ++expected[level[0]];
    }
  }
  USamplingOptions options;
  options.batch_pairs = 100;  // several batches
  const USample s =
      SampleLevelCounts(PairUniverse::AllPairs(60), data.shape, data.Comparator(), options);
  EXPECT_TRUE(s.exhaustive);
  EXPECT_EQ(s.pairs, 60u * 59 / 2);
  EXPECT_EQ(s.level_counts[0], expected);
}

TEST(SampleLevelCounts, SameCountsAtAnyThreadCount) {
  const Categories data = MakeCategories(5000, 50);
  USamplingOptions options;
  options.max_pairs = 100000;
  options.batch_pairs = 4096;
  options.min_level_count = 0;
  USample one, four;
  tbb::task_arena(1).execute([&] {
    one = SampleLevelCounts(PairUniverse::AllPairs(5000), data.shape, data.Comparator(), options);
  });
  tbb::task_arena(4).execute([&] {
    four = SampleLevelCounts(PairUniverse::AllPairs(5000), data.shape, data.Comparator(), options);
  });
  EXPECT_EQ(one.level_counts, four.level_counts);
  options.seed = 2;
  const USample other =
      SampleLevelCounts(PairUniverse::AllPairs(5000), data.shape, data.Comparator(), options);
  EXPECT_NE(one.level_counts, other.level_counts);
}

TEST(SampleLevelCounts, StopsEarlyOnceEveryLevelIsSeenEnough) {
  const Categories data = MakeCategories(20000, 10);
  USamplingOptions options;
  options.max_pairs = 1000000;
  options.min_level_count = 500;
  options.batch_pairs = 1000;
  const USample s =
      SampleLevelCounts(PairUniverse::AllPairs(20000), data.shape, data.Comparator(), options);
  EXPECT_TRUE(s.stopped_early);
  EXPECT_LT(s.pairs, 20000u);
  EXPECT_EQ(s.pairs % 1000, 0u);
  EXPECT_GE(s.level_counts[0][2], 500u);
  EXPECT_GE(s.level_counts[0][1], 500u);
}

TEST(SampleLevelCounts, RejectsOutOfRangeLevels) {
  const std::vector<EmComparison> shape = {{2, {}}};
  PairComparator bad = [](std::uint32_t, std::uint32_t, std::span<std::uint8_t> levels) {
    levels[0] = 5;
  };
  EXPECT_THROW((void)SampleLevelCounts(PairUniverse::AllPairs(10), shape, bad, {}),
               std::invalid_argument);
}

TEST(LambdaFromDeterministicRules, DividesByRecallAndComparablePairs) {
  // 1,000 records, 400 pairs agree on CCCD, rules thought to find 80% of matches.
  const double pairs = PairUniverse::AllPairs(1000).size();
  EXPECT_DOUBLE_EQ(LambdaFromDeterministicRules(400, 0.8, pairs), 500.0 / 499500.0);
  EXPECT_DOUBLE_EQ(LambdaFromDeterministicRules(400, 1.0, pairs), 400.0 / 499500.0);
  EXPECT_THROW((void)LambdaFromDeterministicRules(0, 0.8, pairs), Error);
  EXPECT_THROW((void)LambdaFromDeterministicRules(10, 0.0, pairs), std::invalid_argument);
  EXPECT_THROW((void)LambdaFromDeterministicRules(10, 1.5, pairs), std::invalid_argument);
  EXPECT_THROW((void)LambdaFromDeterministicRules(10, 0.5, 15), Error);
}

}  // namespace
}  // namespace vnlink
