#include "liblink/record_table.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "liblink/error.h"
#include "liblink/match.h"

namespace vnlink {
namespace {

RecordTable Sample() {
  RecordTable t({"unique_id", "source_dataset", "family_key"});
  std::vector<std::string_view> r1 = {"b2", "BHXH", "nguyen"};
  std::vector<std::string_view> r2 = {"a1", "TCMR", "nguyen"};
  std::vector<std::string_view> r3 = {"a1", "BHXH", ""};
  t.Add(r1, 2);
  t.Add(r2, 3);
  t.Add(r3, 5);
  return t;
}

TEST(RecordTable, InternsValuesPerColumn) {
  RecordTable t = Sample();
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t.Id(0, 2), t.Id(1, 2));  // same family, same id
  EXPECT_EQ(t.Id(2, 2), 0u);          // empty is id 0
  EXPECT_NE(t.Id(0, 0), t.Id(1, 0));
  EXPECT_EQ(t.Distinct(2), 2u);  // "" and "nguyen"
  EXPECT_EQ(t.Value(1, 1), "TCMR");
  EXPECT_EQ(t.Text(2, t.Id(0, 2)), "nguyen");
  EXPECT_EQ(t.Line(2), 5u);
}

// Enough distinct values to grow the hash index many times; ids stay dense and stable,
// and values that share a prefix or differ only in length stay distinct.
TEST(RecordTable, InternsManyValuesThroughGrowth) {
  RecordTable t({"v"});
  std::vector<std::string> values;
  for (int i = 0; i < 50000; ++i) values.push_back(std::string(i % 7, 'x') + std::to_string(i));
  for (int round = 0; round < 2; ++round) {
    for (const std::string& v : values) {
      std::vector<std::string_view> row = {v};
      t.Add(row);
    }
  }
  ASSERT_EQ(t.Distinct(0), values.size() + 1);
  for (std::size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(t.Id(i, 0), i + 1);
    EXPECT_EQ(t.Id(i + values.size(), 0), i + 1) << values[i];
    EXPECT_EQ(t.Value(i, 0), values[i]);
  }
}

TEST(RecordTable, LoadsOnlySelectedColumns) {
  RecordTable t({"unique_id", "note", "dob"}, {true, false, true});
  std::vector<std::string_view> r1 = {"a", "free text", "1990"};
  std::vector<std::string_view> r2 = {"b", "other text", "1990"};
  t.Add(r1);
  t.Add(r2);
  EXPECT_TRUE(t.Loaded(0));
  EXPECT_FALSE(t.Loaded(1));
  EXPECT_EQ(t.Value(0, 1), "");  // not loaded: reads as empty
  EXPECT_EQ(t.Distinct(1), 1u);
  EXPECT_EQ(t.Id(0, 2), t.Id(1, 2));
  EXPECT_EQ(t.Value(1, 0), "b");
  EXPECT_THROW(RecordTable({"a", "b"}, {true}), std::invalid_argument);
}

TEST(RecordTable, ColumnsByName) {
  RecordTable t = Sample();
  EXPECT_EQ(t.Find("family_key"), 2u);
  EXPECT_FALSE(t.Find("dob").has_value());
  EXPECT_EQ(t.Require("source_dataset", "r.tsv"), 1u);
  try {
    (void)t.Require("dob", "r.tsv");
    FAIL();
  } catch (const DataError& e) {
    EXPECT_STREQ(e.what(), "r.tsv:1: missing column 'dob'");
  }
}

TEST(RecordTable, RejectsWrongFieldCount) {
  RecordTable t({"a", "b"});
  std::vector<std::string_view> one = {"x"};
  EXPECT_THROW(t.Add(one), std::invalid_argument);
}

TEST(PairOrder, IdsThenSources) {
  RecordTable t = Sample();
  // Dedupe: byte order of ids ("a1" < "b2"); equal ids fall back to the row.
  EXPECT_TRUE(PairOrderLess(t, 0, std::nullopt, 1, 0));
  EXPECT_FALSE(PairOrderLess(t, 0, std::nullopt, 0, 1));
  EXPECT_TRUE(PairOrderLess(t, 0, std::nullopt, 1, 2));
  // Link modes: source first ("BHXH" < "TCMR").
  EXPECT_TRUE(PairOrderLess(t, 0, 1, 0, 1));
  EXPECT_TRUE(PairOrderLess(t, 0, 1, 2, 0));
}

}  // namespace
}  // namespace vnlink
