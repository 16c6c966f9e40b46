#include "liblink/report_summary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace vnlink {
namespace {

TEST(Histogram, BinsByFloorIncludingNegatives) {
  Histogram h(1.0);
  for (double w : {-0.5, -0.0001, 0.0, 0.99, 1.0, 12.3, -13.2}) h.Add(w);
  EXPECT_EQ(h.total(), 7u);
  const auto& b = h.bins();
  EXPECT_EQ(b.at(-1), 2u);  // [-1, 0)
  EXPECT_EQ(b.at(0), 2u);   // [0, 1)
  EXPECT_EQ(b.at(1), 1u);
  EXPECT_EQ(b.at(12), 1u);
  EXPECT_EQ(b.at(-14), 1u);
  Histogram half(0.5);
  half.Add(0.7);
  EXPECT_EQ(half.bins().begin()->first, 1);
}

TEST(PairSample, KeepsSmallestPrioritiesWhateverTheOrder) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (int i = 0; i < 500; ++i) {
    pairs.push_back({std::string("r").append(std::to_string(i)),
                     std::string("r").append(std::to_string(i + 1000))});
  }
  PairSample forward(20, 7), backward(20, 7);
  for (const auto& [l, r] : pairs) forward.Offer(l, r, 1.0, 0.5);
  for (auto it = pairs.rbegin(); it != pairs.rend(); ++it)
    backward.Offer(it->first, it->second, 1.0, 0.5);
  std::vector<SampledPair> a = forward.Sorted(), b = backward.Sorted();
  ASSERT_EQ(a.size(), 20u);
  ASSERT_EQ(b.size(), 20u);
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].id_l, b[i].id_l);
  EXPECT_EQ(forward.offered(), 500u);
  // They are the 20 smallest hashes of all 500.
  std::vector<std::uint64_t> all;
  for (const auto& [l, r] : pairs) all.push_back(PairPriority(7, l, r));
  std::sort(all.begin(), all.end());
  std::uint64_t largest_kept = 0;
  for (const SampledPair& p : a) largest_kept = std::max(largest_kept, p.priority);
  EXPECT_EQ(largest_kept, all[19]);
}

TEST(PairSample, SortedByWeightThenIds) {
  PairSample s(10, 1);
  s.Offer("b", "c", 2.0, 0.8);
  s.Offer("a", "d", 5.0, 0.97);
  s.Offer("a", "c", 2.0, 0.8);
  std::vector<SampledPair> v = s.Sorted();
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].id_l + v[0].id_r, "ad");
  EXPECT_EQ(v[1].id_l + v[1].id_r, "ac");
  EXPECT_EQ(v[2].id_l + v[2].id_r, "bc");
}

TEST(PairPriority, DependsOnSeedAndBothIds) {
  EXPECT_EQ(PairPriority(1, "a", "b"), PairPriority(1, "a", "b"));
  EXPECT_NE(PairPriority(1, "a", "b"), PairPriority(2, "a", "b"));
  EXPECT_NE(PairPriority(1, "ab", "c"), PairPriority(1, "a", "bc"));
}

TEST(PairSummary, CountsLinksReviewAndNearBand) {
  PairSummaryOptions o;
  o.match = 4;
  o.review = -2;
  PairSummary s(o);
  s.Add("p1", "p2", 10.9, 0.999);  // link, above the near band [4, 10)
  s.Add("p1", "p3", 7.9, 0.99);    // link, near
  s.Add("p4", "p5", 4.0, 0.94);    // link at the threshold, near
  s.Add("p6", "p7", 3.9, 0.93);    // review
  s.Add("p2", "p3", -2.0, 0.2);    // review at its lower end
  s.Add("p1", "p4", -16.8, 0.0);   // below
  s.Add("x", "y", NAN, NAN);
  EXPECT_EQ(s.pairs(), 6u);
  EXPECT_EQ(s.links(), 3u);
  EXPECT_EQ(s.in_review(), 2u);
  EXPECT_EQ(s.not_a_number(), 1u);
  EXPECT_DOUBLE_EQ(*s.near_limit(), 10.0);
  EXPECT_DOUBLE_EQ(*s.min_weight(), -16.8);
  EXPECT_DOUBLE_EQ(*s.max_weight(), 10.9);
  ASSERT_EQ(s.review_queue().size(), 2u);
  EXPECT_EQ(s.review_queue()[0].id_l, "p6");
  ASSERT_EQ(s.near_links().size(), 2u);
  EXPECT_EQ(s.near_links()[0].id_r, "p3");
}

TEST(PairSummary, NoThresholdMeansNoSamples) {
  PairSummary s(PairSummaryOptions{});
  s.Add("a", "b", 30, 1);
  EXPECT_EQ(s.links(), 0u);
  EXPECT_TRUE(s.review_queue().empty());
  EXPECT_FALSE(s.near_limit());
  EXPECT_EQ(s.histogram().total(), 1u);
}

TEST(PairSummary, ReviewSampleIsBounded) {
  PairSummaryOptions o;
  o.match = 10;
  o.review = 0;
  o.review_size = 5;
  PairSummary s(o);
  for (int i = 0; i < 1000; ++i) s.Add(std::string("a").append(std::to_string(i)), "b", 5, 0.9);
  EXPECT_EQ(s.in_review(), 1000u);
  EXPECT_EQ(s.review_queue().size(), 5u);
}

TEST(ClusterCollector, SizesAndLargestWithMembers) {
  ClusterCollector c;
  for (const char* id : {"r5", "r1", "r3"}) c.Add(id, "c1");
  for (const char* id : {"r2", "r4"}) c.Add(id, "c2");
  c.Add("r6", "c0");
  c.Add("r7", "c9");
  c.Add("r8", "c8");
  c.Add("r9", "c8");
  ClusterSummary s = c.Summarize(2, 2);
  EXPECT_EQ(s.records, 9u);
  EXPECT_EQ(s.clusters, 5u);
  EXPECT_EQ(s.size_counts.at(1), 2u);
  EXPECT_EQ(s.size_counts.at(2), 2u);
  EXPECT_EQ(s.size_counts.at(3), 1u);
  ASSERT_EQ(s.largest.size(), 2u);
  EXPECT_EQ(s.largest[0].cluster_id, "c1");
  EXPECT_EQ(s.largest[0].size, 3u);
  EXPECT_EQ(s.largest[0].members, (std::vector<std::string>{"r1", "r3"}));  // first 2 by id
  EXPECT_EQ(s.largest[1].cluster_id, "c2");  // ties by cluster id: c2 before c8
}

TEST(MissingnessCounter, CountsEmptyFields) {
  MissingnessCounter m({"unique_id", "phone", "cccd"});
  std::vector<std::string_view> a = {"r1", "", "001090000001"}, b = {"r2", "", ""};
  m.Add(a);
  m.Add(b);
  EXPECT_EQ(m.records(), 2u);
  EXPECT_EQ(m.missing(), (std::vector<std::uint64_t>{0, 2, 1}));
}

TEST(RejectReasonKey, DropsQuotedValuesAndNumbers) {
  EXPECT_EQ(RejectReasonKey("invalid date '31/02/1990' in column 'ngay_sinh'"), "invalid date");
  EXPECT_EQ(RejectReasonKey("expected 12 fields, found 9"), "expected N fields, found N");
  EXPECT_EQ(RejectReasonKey("invalid UTF-8 (byte 0x9f at byte 14)"), "invalid UTF-8");
  EXPECT_EQ(RejectReasonKey("unexpected character 'x' after a closing quote"),
            "unexpected character");
  EXPECT_EQ(RejectReasonKey("tên trống"), "tên trống");
  EXPECT_EQ(RejectReasonKey("'x'"), "'x'");  // nothing before the quote: kept whole
}

TEST(RejectCounter, GroupsAndSortsByCount) {
  RejectCounter r;
  r.Add("a.csv", "invalid phone '091' in column 'so_dien_thoai'");
  r.Add("a.csv", "invalid date '31/02/1990' in column 'ngay_sinh'");
  r.Add("b.csv", "invalid date '1990-13-01' in column 'ngay_sinh'");
  auto v = r.Sorted();
  EXPECT_EQ(r.total(), 3u);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].reason, "invalid date");
  EXPECT_EQ(v[0].count, 2u);
  EXPECT_EQ(v[0].example, "invalid date '31/02/1990' in column 'ngay_sinh'");
  EXPECT_EQ(v[0].source, "a.csv");
  EXPECT_EQ(v[1].reason, "invalid phone");
}

}  // namespace
}  // namespace vnlink
