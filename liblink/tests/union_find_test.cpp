#include "liblink/union_find.h"

#include <gtest/gtest.h>

namespace vnlink {
namespace {

TEST(UnionFind, MergesSetsAndTracksSizes) {
  UnionFind uf(6);
  EXPECT_TRUE(uf.Union(0, 1));
  EXPECT_TRUE(uf.Union(2, 3));
  EXPECT_FALSE(uf.Union(1, 0));
  EXPECT_TRUE(uf.Union(3, 1));
  EXPECT_EQ(uf.Find(0), uf.Find(2));
  EXPECT_NE(uf.Find(0), uf.Find(4));
  EXPECT_EQ(uf.Size(3), 4u);
  EXPECT_EQ(uf.Size(5), 1u);
}

TEST(UnionFind, LargerSetKeepsItsRoot) {
  UnionFind uf(5);
  uf.Union(1, 2);
  uf.Union(1, 3);
  const std::uint32_t root = uf.Find(1);
  uf.Union(4, 2);  // singleton 4 joins the set of three
  EXPECT_EQ(uf.Find(4), root);
}

TEST(UnionFind, LongChainStaysCorrect) {
  constexpr std::uint32_t kN = 200000;
  UnionFind uf(kN);
  for (std::uint32_t i = 1; i < kN; ++i) uf.Union(i - 1, i);
  EXPECT_EQ(uf.Size(0), kN);
  EXPECT_EQ(uf.Find(kN - 1), uf.Find(0));
}

TEST(UnionFind, ResizeAndResetMakeSingletons) {
  UnionFind uf(2);
  uf.Union(0, 1);
  uf.Resize(4);
  EXPECT_EQ(uf.Size(3), 1u);
  EXPECT_EQ(uf.Size(0), 2u);
  uf.Reset(0);
  uf.Reset(1);
  EXPECT_NE(uf.Find(0), uf.Find(1));
  EXPECT_EQ(uf.Size(1), 1u);
}

}  // namespace
}  // namespace vnlink
