#include "liblink/term_frequency.h"

#include <gtest/gtest.h>

namespace vnlink {
namespace {

TEST(TermFrequencyCounter, RelativeFrequenciesOfPresentValues) {
  TermFrequencyCounter tf;
  for (const char* v : {"nguyen", "tran", "nguyen", "", "le", "nguyen", ""}) tf.Add(v);
  EXPECT_EQ(tf.total(), 5u);
  EXPECT_EQ(tf.distinct(), 3u);
  const auto f = tf.Frequencies();
  ASSERT_EQ(f.size(), 3u);
  EXPECT_DOUBLE_EQ(f.at("nguyen"), 0.6);
  EXPECT_DOUBLE_EQ(f.at("tran"), 0.2);
  EXPECT_FALSE(f.contains(""));
  double sum = 0;
  for (const auto& [v, p] : f) sum += p;
  EXPECT_DOUBLE_EQ(sum, 1.0);
}

TEST(TermFrequencyCounter, MergeInAnyOrderGivesTheSameTable) {
  TermFrequencyCounter a, b;
  a.Add("hoa", 3);
  a.Add("an");
  b.Add("an", 4);
  b.Add("binh", 2);
  TermFrequencyCounter ab = a, ba = b;
  ab.Merge(b);
  ba.Merge(a);
  EXPECT_EQ(ab.Frequencies(), ba.Frequencies());
  EXPECT_EQ(ab.Count("an"), 5u);
  EXPECT_EQ(ab.Count("missing"), 0u);
}

TEST(TermFrequencyCounter, TopOrdersByFrequencyThenValue) {
  TermFrequencyCounter tf;
  tf.Add("tran", 2);
  tf.Add("le", 2);
  tf.Add("nguyen", 6);
  const auto top = tf.Top(2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].first, "nguyen");
  EXPECT_DOUBLE_EQ(top[0].second, 0.6);
  EXPECT_EQ(top[1].first, "le");  // tie with "tran": byte order
  EXPECT_EQ(tf.Top(10).size(), 3u);
  EXPECT_TRUE(TermFrequencyCounter().Frequencies().empty());
}

}  // namespace
}  // namespace vnlink
