#include "liblink/id_interner.h"

#include <gtest/gtest.h>

#include <string>

namespace vnlink {
namespace {

TEST(IdInterner, GivesDenseHandlesInFirstSeenOrder) {
  IdInterner ids;
  EXPECT_EQ(ids.Intern("BV-0002"), 0u);
  EXPECT_EQ(ids.Intern("BV-0001"), 1u);
  EXPECT_EQ(ids.Intern("BV-0002"), 0u);
  EXPECT_EQ(ids.Intern(""), 2u);  // the empty id is an id like any other
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids.Name(1), "BV-0001");
  EXPECT_EQ(ids.Find("BV-0001"), 1u);
  EXPECT_EQ(ids.Find("BV-0003"), std::nullopt);
}

TEST(IdInterner, SurvivesGrowthAndKeepsViewsValid) {
  IdInterner ids;
  for (int i = 0; i < 100000; ++i) ids.Intern("BHXH-" + std::to_string(i));
  std::string_view first = ids.Name(0);
  for (int i = 0; i < 100000; ++i) {
    ASSERT_EQ(ids.Find("BHXH-" + std::to_string(i)), static_cast<std::uint32_t>(i));
  }
  EXPECT_EQ(first, "BHXH-0");
  // Long ids larger than one storage block.
  std::string long_id(3 << 20, 'x');
  EXPECT_EQ(ids.Intern(long_id), 100000u);
  EXPECT_EQ(ids.Name(100000), long_id);
}

TEST(IdInterner, RanksFollowByteOrderNotInsertionOrder) {
  IdInterner ids;
  ids.Intern("b");
  ids.Intern("Đức");  // UTF-8 bytes sort after ASCII
  ids.Intern("a10");
  ids.Intern("a9");
  const auto sorted = ids.SortedByName();
  ASSERT_EQ(sorted.size(), 4u);
  EXPECT_EQ(ids.Name(sorted[0]), "a10");
  EXPECT_EQ(ids.Name(sorted[1]), "a9");
  EXPECT_EQ(ids.Name(sorted[2]), "b");
  EXPECT_EQ(ids.Name(sorted[3]), "Đức");
  const auto rank = ids.Ranks();
  EXPECT_EQ(rank[0], 2u);
  EXPECT_EQ(rank[1], 3u);
  EXPECT_EQ(rank[2], 0u);
}

}  // namespace
}  // namespace vnlink
