#include "liblink/cluster.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "liblink/error.h"

namespace vnlink {
namespace {

struct Pair {
  std::string l, r;
  double w;
};
struct Record {
  std::string id;
  std::vector<std::string> values;  // cannot-link values
};
using Rows = std::vector<std::pair<std::string, std::string>>;  // (unique_id, cluster_id)

// Runs both passes the way the cluster tool does: records first, then the pairs.
Rows Cluster(const std::vector<Pair>& pairs, ClusterOptions options,
             const std::vector<Record>& records = {}, ClusterStats* stats_out = nullptr) {
  ClusterBuilder builder(options);
  for (const Record& rec : records) {
    const std::uint32_t h = builder.AddRecord(rec.id);
    std::vector<std::string_view> values(rec.values.begin(), rec.values.end());
    builder.SetCannotLinkValues(h, values);
  }
  for (const Pair& p : pairs) builder.AddPair(builder.AddRecord(p.l), builder.AddRecord(p.r), p.w);
  if (builder.NeedsSecondPass()) {
    for (const Pair& p : pairs) {
      builder.AddGuardedPair(*builder.FindRecord(p.l), *builder.FindRecord(p.r), p.w);
    }
  }
  ClusterStats stats;
  Rows rows;
  for (const ClusterAssignment& a : builder.Finish(stats)) {
    rows.emplace_back(std::string(builder.Id(a.record)), std::string(builder.Id(a.cluster)));
  }
  if (stats_out != nullptr) *stats_out = stats;
  return rows;
}

// "r<i>" (built by appending: GCC 12 warns falsely on "r" + std::to_string(i)).
std::string R(unsigned i) {
  std::string id = "r";
  id += std::to_string(i);
  return id;
}

ClusterOptions At(double threshold) {
  ClusterOptions options;
  options.threshold = threshold;
  return options;
}

TEST(Cluster, ChainBecomesOneClusterNamedBySmallestId) {
  // d-c-b-a linked in a chain given out of order: one cluster named "a".
  const std::vector<Pair> pairs = {{"c", "d", 9}, {"a", "b", 7}, {"b", "c", 5}};
  EXPECT_EQ(Cluster(pairs, At(5)), (Rows{{"a", "a"}, {"b", "a"}, {"c", "a"}, {"d", "a"}}));
}

TEST(Cluster, ThresholdIsInclusiveAndWeakLinksCut) {
  const std::vector<Pair> pairs = {{"c", "d", 9}, {"a", "b", 7}, {"b", "c", 4.999}};
  EXPECT_EQ(Cluster(pairs, At(5)), (Rows{{"a", "a"}, {"b", "a"}, {"c", "c"}, {"d", "c"}}));
  EXPECT_EQ(Cluster(pairs, At(4.999)), (Rows{{"a", "a"}, {"b", "a"}, {"c", "a"}, {"d", "a"}}));
  // Records of pairs below any threshold still get their own cluster.
  EXPECT_EQ(Cluster(pairs, At(100)), (Rows{{"a", "a"}, {"b", "b"}, {"c", "c"}, {"d", "d"}}));
}

TEST(Cluster, StarAndRecordsWithoutPairs) {
  const std::vector<Pair> pairs = {
      {"HS-05", "HS-10", 12}, {"HS-02", "HS-10", 11}, {"HS-10", "HS-11", 10}};
  const std::vector<Record> records = {{"HS-01", {}}, {"HS-02", {}}, {"HS-99", {}}};
  ClusterStats stats;
  EXPECT_EQ(Cluster(pairs, At(0), records, &stats), (Rows{{"HS-01", "HS-01"},
                                                          {"HS-02", "HS-02"},
                                                          {"HS-05", "HS-02"},
                                                          {"HS-10", "HS-02"},
                                                          {"HS-11", "HS-02"},
                                                          {"HS-99", "HS-99"}}));
  EXPECT_EQ(stats.records, 6u);
  EXPECT_EQ(stats.clusters, 3u);
  EXPECT_EQ(stats.pairs, 3u);
  EXPECT_EQ(stats.links, 3u);
  using SizeCount = std::pair<std::uint32_t, std::uint64_t>;
  EXPECT_EQ(stats.size_counts, (std::vector<SizeCount>{{1, 2}, {4, 1}}));
  ASSERT_EQ(stats.largest.size(), 3u);
  EXPECT_EQ(stats.largest[0].second, 4u);
  EXPECT_EQ(stats.largest[1].second, 1u);  // ties of size: smallest id first
  EXPECT_EQ(stats.largest[2].second, 1u);
  EXPECT_EQ(stats.guarded_components, 0u);
}

TEST(Cluster, MaxSizeSplitsAtTheWeakestLink) {
  // a=b (9) ~ b-c (2) ~ c=d (8) ~ d-e (7): with at most 3 per cluster the weak b-c goes.
  const std::vector<Pair> pairs = {{"b", "c", 2}, {"d", "e", 7}, {"a", "b", 9}, {"c", "d", 8}};
  ClusterOptions options = At(0);
  options.max_cluster_size = 3;
  ClusterStats stats;
  EXPECT_EQ(Cluster(pairs, options, {}, &stats),
            (Rows{{"a", "a"}, {"b", "a"}, {"c", "c"}, {"d", "c"}, {"e", "c"}}));
  EXPECT_EQ(stats.guarded_components, 1u);
  EXPECT_EQ(stats.guarded_records, 5u);
  EXPECT_EQ(stats.guarded_edges, 4u);
  EXPECT_EQ(stats.refused_max_size, 1u);
  EXPECT_EQ(stats.components_split, 1u);
  EXPECT_EQ(stats.clusters_from_split, 2u);
  // A component at the limit is left alone.
  options.max_cluster_size = 5;
  EXPECT_EQ(Cluster(pairs, options, {}, &stats).back(),
            (std::pair<std::string, std::string>{"e", "a"}));
  EXPECT_EQ(stats.guarded_components, 0u);
}

TEST(Cluster, TiesAreBrokenByIdsNotInputOrder) {
  // A star of equal weights with at most two per cluster: (a,c) sorts first.
  ClusterOptions options = At(0);
  options.max_cluster_size = 2;
  std::vector<Pair> pairs = {{"c", "d", 5}, {"b", "c", 5}, {"a", "c", 5}};
  const Rows expected = {{"a", "a"}, {"c", "a"}, {"b", "b"}, {"d", "d"}};
  EXPECT_EQ(Cluster(pairs, options), expected);
  std::reverse(pairs.begin(), pairs.end());
  EXPECT_EQ(Cluster(pairs, options), expected);
}

TEST(Cluster, CannotLinkRefusesTheWeakerMerge) {
  // Two CCCDs joined through a record without one: the stronger link wins.
  const std::vector<Pair> pairs = {{"a", "b", 10}, {"b", "c", 12}, {"c", "d", 3}};
  const std::vector<Record> records = {
      {"a", {"001090000001"}}, {"b", {""}}, {"c", {"001090000002"}}, {"d", {"001090000002"}}};
  ClusterOptions options = At(0);
  options.cannot_link_columns = 1;
  ClusterStats stats;
  EXPECT_EQ(Cluster(pairs, options, records, &stats),
            (Rows{{"a", "a"}, {"b", "b"}, {"c", "b"}, {"d", "b"}}));
  EXPECT_EQ(stats.refused_cannot_link, (std::vector<std::uint64_t>{1}));
  EXPECT_EQ(stats.components_split, 1u);
}

TEST(Cluster, CannotLinkLeavesAgreeingComponentsAlone) {
  const std::vector<Pair> pairs = {{"a", "b", 10}, {"b", "c", 12}};
  const std::vector<Record> records = {
      {"a", {"079", ""}}, {"b", {"079", "0912345678"}}, {"c", {"", "0912345678"}}};
  ClusterOptions options = At(0);
  options.cannot_link_columns = 2;
  ClusterStats stats;
  EXPECT_EQ(Cluster(pairs, options, records, &stats), (Rows{{"a", "a"}, {"b", "a"}, {"c", "a"}}));
  EXPECT_EQ(stats.guarded_components, 0u);
  EXPECT_EQ(stats.refused_cannot_link, (std::vector<std::uint64_t>{0, 0}));
}

TEST(Cluster, CannotLinkCountsTheFirstBrokenColumn) {
  const std::vector<Pair> pairs = {{"a", "b", 10}};
  const std::vector<Record> records = {{"a", {"1", "x"}}, {"b", {"2", "y"}}};
  ClusterOptions options = At(0);
  options.cannot_link_columns = 2;
  ClusterStats stats;
  EXPECT_EQ(Cluster(pairs, options, records, &stats), (Rows{{"a", "a"}, {"b", "b"}}));
  EXPECT_EQ(stats.refused_cannot_link, (std::vector<std::uint64_t>{1, 0}));
}

TEST(Cluster, OneToOneKeepsTheBestLinkPerRecord) {
  const std::vector<Pair> pairs = {
      {"A1", "B1", 10}, {"A1", "B2", 9}, {"A2", "B1", 8}, {"A2", "B2", 7}, {"A3", "B3", 1}};
  ClusterOptions options = At(2);
  options.one_to_one = true;
  ClusterStats stats;
  EXPECT_EQ(
      Cluster(pairs, options, {}, &stats),
      (Rows{{"A1", "A1"}, {"B1", "A1"}, {"A2", "A2"}, {"B2", "A2"}, {"A3", "A3"}, {"B3", "B3"}}));
  EXPECT_EQ(stats.refused_one_to_one, 2u);
  EXPECT_EQ(stats.guarded_components, 1u);
}

TEST(Cluster, OneToOneTiesGoToTheSmallestIds) {
  ClusterOptions options = At(0);
  options.one_to_one = true;
  const std::vector<Pair> pairs = {{"A2", "B1", 5}, {"A1", "B1", 5}};
  EXPECT_EQ(Cluster(pairs, options), (Rows{{"A1", "A1"}, {"B1", "A1"}, {"A2", "A2"}}));
}

TEST(Cluster, SecondPassWithOtherPairsIsAnError) {
  ClusterOptions options = At(0);
  options.max_cluster_size = 2;
  ClusterBuilder builder(options);
  const std::uint32_t a = builder.AddRecord("a"), b = builder.AddRecord("b"),
                      c = builder.AddRecord("c"), d = builder.AddRecord("d");
  builder.AddPair(a, b, 1);
  builder.AddPair(b, c, 1);
  ASSERT_TRUE(builder.NeedsSecondPass());
  EXPECT_THROW(builder.AddGuardedPair(a, d, 1), Error);
  EXPECT_THROW(builder.AddRecord("new"), Error);
}

TEST(Cluster, OutputDoesNotDependOnPairOrder) {
  // A random graph with every guard on: shuffled inputs must give identical rows.
  std::mt19937 rng(42);
  std::vector<Pair> pairs;
  std::vector<Record> records;
  for (unsigned i = 0; i < 400; ++i) {
    records.push_back({R(i), {std::to_string(rng() % 50 == 0 ? rng() % 3 : 9)}});
    if (records.back().values[0] == "9") records.back().values[0].clear();
  }
  for (int k = 0; k < 1500; ++k) {
    const unsigned a = rng() % 400;
    const unsigned b = rng() % 400;
    if (a == b) continue;
    pairs.push_back({R(a), R(b), static_cast<double>(rng() % 8)});  // many equal weights
  }
  ClusterOptions options = At(3);
  options.max_cluster_size = 6;
  options.cannot_link_columns = 1;
  ClusterStats stats;
  const Rows expected = Cluster(pairs, options, records, &stats);
  EXPECT_GT(stats.refused_max_size, 0u);
  EXPECT_GT(stats.components_split, 0u);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(pairs.begin(), pairs.end(), rng);
    std::shuffle(records.begin(), records.end(), rng);
    ASSERT_EQ(Cluster(pairs, options, records), expected);
  }
  // Every cluster respects the size limit.
  std::map<std::string, int> sizes;
  for (const auto& [id, cluster] : expected) ++sizes[cluster];
  for (const auto& [cluster, size] : sizes) EXPECT_LE(size, 6) << cluster;
}

TEST(BucketSizes, GroupsByPowersOfTen) {
  const std::vector<std::pair<std::uint32_t, std::uint64_t>> counts = {
      {1, 900}, {2, 50}, {9, 1}, {10, 2}, {57, 1}, {99, 1}, {100, 1}, {4321, 1}};
  const auto buckets = BucketSizes(counts);
  ASSERT_EQ(buckets.size(), 6u);
  EXPECT_EQ(buckets[0].lo, 1u);
  EXPECT_EQ(buckets[0].clusters, 900u);
  EXPECT_EQ(buckets[3].lo, 10u);
  EXPECT_EQ(buckets[3].hi, 99u);
  EXPECT_EQ(buckets[3].clusters, 4u);
  EXPECT_EQ(buckets[4].lo, 100u);
  EXPECT_EQ(buckets[4].hi, 999u);
  EXPECT_EQ(buckets[5].lo, 1000u);
  EXPECT_EQ(buckets[5].hi, 9999u);
}

}  // namespace
}  // namespace vnlink
