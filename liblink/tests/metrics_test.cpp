#include "liblink/metrics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace vnlink {
namespace {

// Persons: P1 = {a, b, c}, P2 = {d, e}, P3 = {f}: 3 + 1 + 0 = 4 true pairs.
Truth SmallTruth() {
  Truth truth;
  for (auto [id, person] :
       {std::pair{"a", "P1"}, {"b", "P1"}, {"c", "P1"}, {"d", "P2"}, {"e", "P2"}, {"f", "P3"}}) {
    EXPECT_TRUE(truth.Add(id, person));
  }
  return truth;
}

TEST(PairCounts, RatiosAndUndefinedCases) {
  PairCounts c{2, 2, 2};
  EXPECT_DOUBLE_EQ(*c.Precision(), 0.5);
  EXPECT_DOUBLE_EQ(*c.Recall(), 0.5);
  EXPECT_DOUBLE_EQ(*c.F1(), 0.5);
  PairCounts none{0, 0, 3};  // nothing predicted
  EXPECT_FALSE(none.Precision());
  EXPECT_DOUBLE_EQ(*none.Recall(), 0.0);
  EXPECT_FALSE(none.F1());
  PairCounts wrong{0, 4, 3};
  EXPECT_DOUBLE_EQ(*wrong.F1(), 0.0);
}

TEST(Truth, CountsTruePairsFromGroupSizes) {
  Truth truth = SmallTruth();
  EXPECT_EQ(truth.records(), 6u);
  EXPECT_EQ(truth.persons(), 3u);
  EXPECT_EQ(truth.TruePairs(), 4u);
  EXPECT_FALSE(truth.Add("a", "P9"));  // duplicate unique_id
  EXPECT_EQ(truth.TruePairs(), 4u);
  EXPECT_EQ(truth.PersonSize(truth.Person(*truth.Find("d"))), 2u);
}

TEST(PairEvaluator, CountsAtThresholdsWithUnknownsAndDuplicates) {
  Truth truth = SmallTruth();
  PairEvaluator pairs(truth);
  EXPECT_TRUE(pairs.Add("a", "b", 10));  // true
  EXPECT_TRUE(pairs.Add("b", "c", 2));   // true
  EXPECT_TRUE(pairs.Add("a", "d", 5));   // false
  EXPECT_TRUE(pairs.Add("d", "e", -1));  // true
  EXPECT_TRUE(pairs.Add("f", "c", 8));   // false
  EXPECT_TRUE(pairs.Add("a", "x", 9));   // x is not in the truth
  EXPECT_TRUE(pairs.Add("b", "a", 3));   // a-b again: counts once, at weight 10
  EXPECT_FALSE(pairs.Add("a", "a", 3));
  EXPECT_EQ(pairs.pairs(), 7u);
  EXPECT_EQ(pairs.unknown_pairs(), 1u);
  EXPECT_EQ(pairs.unknown_example(), "x");
  EXPECT_EQ(pairs.duplicate_pairs(), 1u);

  // Threshold 0: predicted ab bc ad cf; tp ab bc; fn ac de.
  PairCounts at0 = pairs.CountAt(0);
  EXPECT_EQ(at0.tp, 2u);
  EXPECT_EQ(at0.fp, 2u);
  EXPECT_EQ(at0.fn, 2u);
  // Threshold 10 is inclusive: ab only.
  PairCounts at10 = pairs.CountAt(10);
  EXPECT_EQ(at10.tp, 1u);
  EXPECT_EQ(at10.fp, 0u);
  EXPECT_EQ(at10.fn, 3u);
}

TEST(PairEvaluator, SweepCoversTheWeightRangeAndNamesTheBestF1) {
  Truth truth = SmallTruth();
  PairEvaluator pairs(truth);
  pairs.Add("a", "b", 10);
  pairs.Add("b", "c", 2);
  pairs.Add("a", "d", 5);
  pairs.Add("d", "e", -1);
  pairs.Add("f", "c", 8);
  // Weights -1..10 with step 5: thresholds -5, 0, 5, 10.
  EXPECT_EQ(pairs.SweepSize(5), 4u);
  const auto rows = pairs.Sweep(5);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].threshold, -5);
  EXPECT_EQ(rows[3].threshold, 10);
  // -5: all five pairs, tp 3 fp 2 fn 1: P 0.6, R 0.75, F1 2/3.
  EXPECT_NEAR(*rows[0].counts.F1(), 2.0 / 3, 1e-12);
  EXPECT_NEAR(*rows[1].counts.F1(), 0.5, 1e-12);
  // 5: ab ad cf, tp 1 fp 2 fn 3: P 1/3, R 1/4, F1 2/7.
  EXPECT_NEAR(*rows[2].counts.F1(), 2.0 / 7, 1e-12);
  EXPECT_NEAR(*rows[3].counts.F1(), 0.4, 1e-12);
  EXPECT_EQ(BestF1(rows), 0u);
}

TEST(PairEvaluator, SweepGridPointsAreClean) {
  Truth truth = SmallTruth();
  PairEvaluator pairs(truth);
  pairs.Add("a", "b", 0.3);
  pairs.Add("a", "c", 0.1);
  const auto rows = pairs.Sweep(0.1);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].threshold, 0.3);
  EXPECT_EQ(rows[2].counts.tp, 1u);  // 0.3 is at the threshold 0.3
}

TEST(PairEvaluator, WithoutWeightsEveryPairIsPredicted) {
  Truth truth = SmallTruth();
  PairEvaluator pairs(truth);
  pairs.Add("a", "b", std::nullopt);
  pairs.Add("a", "f", std::nullopt);
  EXPECT_EQ(pairs.CountAt(1e9).tp, 1u);
  EXPECT_EQ(pairs.CountAt(1e9).fp, 1u);
  EXPECT_EQ(pairs.SweepSize(1), 0u);
  EXPECT_TRUE(pairs.Sweep(1).empty());
}

TEST(BestF1, TiesGoToTheHighestThresholdAndUndefinedRowsAreSkipped) {
  std::vector<SweepRow> rows = {{1, {1, 1, 1}}, {2, {1, 1, 1}}, {3, {0, 0, 3}}};
  EXPECT_EQ(BestF1(rows), 1u);
  EXPECT_EQ(BestF1({{3, {0, 0, 3}}}), std::nullopt);
}

TEST(ClusterEvaluator, BCubedExactAndPairwiseByHand) {
  Truth truth = SmallTruth();
  truth.Add("g", "P4");  // 7 records, 4 persons, still 4 true pairs
  ClusterEvaluator clusters(truth);
  EXPECT_TRUE(clusters.Add("a", "C1"));
  EXPECT_TRUE(clusters.Add("b", "C1"));
  EXPECT_TRUE(clusters.Add("c", "C2"));
  EXPECT_TRUE(clusters.Add("f", "C2"));
  EXPECT_TRUE(clusters.Add("d", "C3"));
  EXPECT_TRUE(clusters.Add("e", "C3"));
  EXPECT_TRUE(clusters.Add("x", "C9"));   // unknown to the truth
  EXPECT_FALSE(clusters.Add("x", "C9"));  // given twice
  EXPECT_FALSE(clusters.Add("a", "C2"));  // given twice
  // g is missing: a singleton.
  const ClusterReport r = clusters.Evaluate();
  EXPECT_EQ(r.records, 7u);
  EXPECT_EQ(r.records_missing, 1u);
  EXPECT_EQ(r.records_unknown, 1u);
  EXPECT_EQ(r.unknown_example, "x");
  EXPECT_EQ(r.predicted_clusters, 4u);
  EXPECT_EQ(r.true_clusters, 4u);
  // n_ij: (C1,P1)=2 (C2,P1)=1 (C2,P3)=1 (C3,P2)=2 (g,P4)=1.
  // precision (4/2 + 1/2 + 1/2 + 4/2 + 1/1) / 7 = 6/7; recall (4/3 + 1/3 + 1 + 4/2 + 1) / 7.
  EXPECT_NEAR(*r.bcubed_precision, 6.0 / 7, 1e-12);
  EXPECT_NEAR(*r.bcubed_recall, 17.0 / 21, 1e-12);
  // Exact: P2 = C3 and P4 = {g}.
  EXPECT_EQ(r.exact_clusters, 2u);
  EXPECT_DOUBLE_EQ(*r.exact_share, 0.5);
  // Implied pairs ab de (true) cf (false); true ac bc missed.
  EXPECT_EQ(r.pairs.tp, 2u);
  EXPECT_EQ(r.pairs.fp, 1u);
  EXPECT_EQ(r.pairs.fn, 2u);
}

TEST(ClusterEvaluator, PerfectClusteringScoresOne) {
  Truth truth = SmallTruth();
  ClusterEvaluator clusters(truth);
  for (const char* id : {"a", "b", "c"}) clusters.Add(id, "a");
  for (const char* id : {"d", "e"}) clusters.Add(id, "d");
  clusters.Add("f", "f");
  const ClusterReport r = clusters.Evaluate();
  EXPECT_DOUBLE_EQ(*r.bcubed_precision, 1.0);
  EXPECT_DOUBLE_EQ(*r.bcubed_recall, 1.0);
  EXPECT_EQ(r.exact_clusters, 3u);
  EXPECT_DOUBLE_EQ(*r.pairs.F1(), 1.0);
}

// prefix + number, appended (GCC 12 warns falsely on "r" + std::to_string(i)).
std::string Id(const char* prefix, unsigned i) {
  std::string id = prefix;
  id += std::to_string(i);
  return id;
}

TEST(Metrics, ResultsDoNotDependOnInputOrder) {
  // 300 records of 100 persons; random scored pairs, given in shuffled orders.
  std::mt19937 rng(7);
  std::vector<std::pair<std::string, std::string>> truth_rows;
  for (unsigned i = 0; i < 300; ++i) {
    truth_rows.emplace_back(Id("r", i), Id("p", rng() % 100));
  }
  struct P {
    std::string l, r;
    double w;
  };
  std::vector<P> pairs;
  for (int k = 0; k < 2000; ++k) {
    const auto a = rng() % 300, b = rng() % 300;
    if (a != b)
      pairs.push_back({truth_rows[a].first, truth_rows[b].first, (rng() % 400) / 10.0 - 20});
  }
  auto run = [&](std::vector<std::pair<std::string, std::string>> rows, std::vector<P> ps) {
    Truth truth;
    for (const auto& [id, person] : rows) truth.Add(id, person);
    PairEvaluator evaluator(truth);
    ClusterEvaluator clusters(truth);
    for (const P& p : ps) evaluator.Add(p.l, p.r, p.w);
    for (std::size_t i = 0; i < rows.size(); ++i) clusters.Add(rows[i].first, rows[i].second + "x");
    std::vector<double> out;
    for (const SweepRow& row : evaluator.Sweep(2.5)) {
      out.push_back(row.threshold);
      out.push_back(static_cast<double>(row.counts.tp));
      out.push_back(static_cast<double>(row.counts.fp));
    }
    const ClusterReport r = clusters.Evaluate();
    out.push_back(*r.bcubed_precision);
    out.push_back(*r.bcubed_recall);
    out.push_back(static_cast<double>(evaluator.duplicate_pairs()));
    return out;
  };
  const auto expected = run(truth_rows, pairs);
  for (int round = 0; round < 3; ++round) {
    std::shuffle(truth_rows.begin(), truth_rows.end(), rng);
    std::shuffle(pairs.begin(), pairs.end(), rng);
    for (P& p : pairs) {
      if (rng() % 2) std::swap(p.l, p.r);
    }
    EXPECT_EQ(run(truth_rows, pairs), expected);  // bitwise: same sums in the same order
  }
}

}  // namespace
}  // namespace vnlink
