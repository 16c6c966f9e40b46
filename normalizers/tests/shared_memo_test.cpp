// SharedMemo returns what was stored under a key, keeps the pair's recently used slot, makes
// a value only on a miss, and memoizes nothing with zero slots.
#include "normalizers/shared_memo.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace vnlink::vi {
namespace {

TEST(SharedMemo, FindsWhatWasInserted) {
  SharedMemo<std::string> memo(1 << 10);
  EXPECT_EQ(memo.Find("Xã Hòa Long"), nullptr);
  const auto& stored = memo.Insert("Xã Hòa Long", std::make_shared<const std::string>("10294"));
  EXPECT_EQ(*stored, "10294");
  const auto* hit = memo.Find("Xã Hòa Long");
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(**hit, "10294");
  EXPECT_EQ(memo.Find("Xã Hòa Lon"), nullptr);
  EXPECT_EQ(memo.Find(""), nullptr);
}

TEST(SharedMemo, ReplacesTheLeastRecentlyUsedOfAPair) {
  SharedMemo<int> memo(2);  // one pair: every key competes for it
  memo.Insert("a", std::make_shared<const int>(1));
  memo.Insert("b", std::make_shared<const int>(2));
  ASSERT_NE(memo.Find("a"), nullptr);  // a is now the recent one
  memo.Insert("c", std::make_shared<const int>(3));
  EXPECT_EQ(memo.Find("b"), nullptr);
  ASSERT_NE(memo.Find("a"), nullptr);
  ASSERT_NE(memo.Find("c"), nullptr);
  EXPECT_EQ(**memo.Find("a"), 1);
  EXPECT_EQ(**memo.Find("c"), 3);
}

TEST(SharedMemo, ValuesOutliveEviction) {
  SharedMemo<std::string> memo(2);
  std::shared_ptr<const std::string> kept =
      memo.Insert("a", std::make_shared<const std::string>("first"));
  memo.Insert("b", std::make_shared<const std::string>("second"));
  memo.Insert("c", std::make_shared<const std::string>("third"));
  EXPECT_EQ(*kept, "first");
}

TEST(SharedMemo, ZeroSlotsMemoizeNothing) {
  SharedMemo<int> memo(0);
  EXPECT_EQ(*memo.Insert("a", std::make_shared<const int>(7)), 7);
  EXPECT_EQ(memo.Find("a"), nullptr);
}

// FindOrInsert makes a value only on a miss, and shares the pair's replacement rule.
TEST(SharedMemo, FindOrInsertMakesOnlyOnAMiss) {
  SharedMemo<int> memo(2);
  int made = 0;
  auto make = [&](int v) {
    return [&made, v] {
      ++made;
      return std::make_shared<const int>(v);
    };
  };
  EXPECT_EQ(*memo.FindOrInsert("a", make(1)), 1);
  EXPECT_EQ(*memo.FindOrInsert("a", make(9)), 1);  // a hit: not made
  EXPECT_EQ(made, 1);
  EXPECT_EQ(*memo.FindOrInsert("b", make(2)), 2);
  EXPECT_EQ(*memo.FindOrInsert("a", make(9)), 1);  // a is now the recent one
  EXPECT_EQ(*memo.FindOrInsert("c", make(3)), 3);  // replaces b
  EXPECT_EQ(memo.Find("b"), nullptr);
  EXPECT_EQ(made, 3);
  // With the hash Prefetch gave: the same entries.
  std::uint64_t hash = memo.Prefetch("a");
  EXPECT_EQ(*memo.FindOrInsert("a", hash, make(9)), 1);
  EXPECT_EQ(made, 3);
  SharedMemo<int> none(0);
  EXPECT_EQ(*none.FindOrInsert("a", make(4)), 4);
  EXPECT_EQ(*none.FindOrInsert("a", make(5)), 5);  // nothing memoized
}

// Recycle hands back the value the last insertion replaced, once, and only when the memo
// was its last owner.
TEST(SharedMemo, RecycleOnlyWhatNobodyHolds) {
  SharedMemo<std::string> memo(2);  // one pair
  EXPECT_EQ(memo.Recycle(), nullptr);
  memo.Insert("a", std::make_shared<std::string>("first"));
  memo.Insert("b", std::make_shared<std::string>("second"));
  EXPECT_EQ(memo.Recycle(), nullptr);  // nothing replaced yet
  std::shared_ptr<const std::string> held =
      memo.Insert("c", std::make_shared<std::string>("third"));  // replaces a
  std::shared_ptr<std::string> reused = memo.Recycle();
  ASSERT_NE(reused, nullptr);
  EXPECT_EQ(*reused, "first");
  EXPECT_EQ(memo.Recycle(), nullptr);  // once
  ASSERT_NE(memo.Find("b"), nullptr);  // b recent: d replaces c, which is held
  memo.Insert("d", std::make_shared<std::string>("fourth"));
  EXPECT_EQ(memo.Recycle(), nullptr);
  EXPECT_EQ(*held, "third");
}

}  // namespace
}  // namespace vnlink::vi
