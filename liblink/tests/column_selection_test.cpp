#include "liblink/column_selection.h"

#include <gtest/gtest.h>

#include "liblink/error.h"

namespace vnlink {
namespace {

TEST(ColumnSelection, SelectsOrdersAndRenames) {
  auto sel =
      ColumnSelection::Make({"ma_ho_so", "ho_ten", "dob"}, "dob,ma_ho_so", "ma_ho_so=unique_id");
  EXPECT_EQ(sel.header(), (std::vector<std::string>{"dob", "unique_id"}));
  EXPECT_EQ(sel.indices(), (std::vector<std::size_t>{2, 0}));
  EXPECT_FALSE(sel.identity());
  EXPECT_TRUE(ColumnSelection::Make({"a", "b"}, "", "").identity());
}

TEST(ColumnSelection, ErrorsAreUsageErrors) {
  EXPECT_THROW(ColumnSelection::Make({"a"}, "b", ""), UsageError);
  EXPECT_THROW(ColumnSelection::Make({"a"}, "", "a"), UsageError);
  EXPECT_THROW(ColumnSelection::Make({"a", "b"}, "", "a=b"), UsageError);
  EXPECT_THROW(ColumnSelection::Make({"a"}, "a,,a", ""), UsageError);
}

TEST(SplitList, KeepsEmptyItems) {
  EXPECT_EQ(SplitList("a,,b"), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_TRUE(SplitList("").empty());
}

}  // namespace
}  // namespace vnlink
