#include "liblink/comparison.h"

#include <gtest/gtest.h>

#include <cmath>

#include "liblink/error.h"
#include "scoring_test_util.h"

namespace vnlink {
namespace {

using testing_util::TableFromTsv;

// Records laid out for one level kind per pair: (0,1), (2,3), ...
const char* kRecords =
    "unique_id\tname_exact\tname_fold\tfamily_key\tgiven_key\tdob\tweight\n"
    "r0\tnguyễn văn an\tnguyen van an\tnguyen\tan\t1990-05-12\t61.5\n"
    "r1\tnguyên văn an\tnguyen van an\tan\tnguyen\t1990-12-05\t63\n"
    "r2\ttrần thị bích\ttran thi bich\ttran\tbich\t1990\t\n"
    "r3\t\ttran thi bch\ttran\tbich\t1992-01-01\tabc\n"
    "r4\tlê thị hoa\tthi hoa le\tle\thoa\t1985-02-28\t50\n"
    "r5\tlê thị hoà\tle thi hoa\tle\thoa\t1985-03-01\t55\n";

// The level chosen for pair (a, b) by a one-comparison settings with `levels`
// (a JSON array of levels without the final else).
int LevelOf(const std::string& levels, std::size_t a, std::size_t b,
            const std::string& column = "name_fold") {
  static RecordTable table = TableFromTsv(kRecords);
  Settings s = ParseSettings(R"({"comparisons": [{"name": "c", "column": ")" + column +
                                 R"(", "levels": [)" + levels + R"(, {"type": "else"}]}]})",
                             "t.json");
  ComparisonEngine engine(s, table, "t.tsv");
  std::uint8_t level[1];
  engine.Compare(a, b, level);
  // The cached path must agree with the one-shot path, in both orders.
  PairComparer pc(engine);
  pc.SetLeft(a);
  std::uint8_t again[1];
  pc.Compare(b, again);
  EXPECT_EQ(level[0], again[0]);
  std::uint8_t reversed[1];
  engine.Compare(b, a, reversed);
  EXPECT_EQ(level[0], reversed[0]) << "comparison is not symmetric";
  return level[0];
}

TEST(Comparison, Null) {
  EXPECT_EQ(LevelOf(R"({"type": "null"})", 2, 3, "name_exact"), 0);
  EXPECT_EQ(LevelOf(R"({"type": "null"})", 0, 1, "name_exact"), 1);
  EXPECT_EQ(LevelOf(R"({"type": "null"})", 2, 3, "weight"), 0);
}

TEST(Comparison, ExactOnOwnColumns) {
  // name_exact differs (tone), name_fold agrees: the second exact level holds.
  std::string levels = R"({"type": "exact", "column": "name_exact"}, {"type": "exact"})";
  EXPECT_EQ(LevelOf(levels, 0, 1), 1);
  EXPECT_EQ(LevelOf(levels, 2, 3), 2);
  // Empty values never agree, even with each other (no null level here).
  EXPECT_EQ(LevelOf(R"({"type": "exact", "column": "weight"})", 2, 2), 1);
}

TEST(Comparison, JaroWinklerAndJaro) {
  // tran thi bich / tran thi bch: 12 matches, no transposition: jaro (12/13+1+1)/3 =
  // 0.97436, jaro-winkler + 4*0.1*(1-0.97436) = 0.98462.
  EXPECT_EQ(LevelOf(R"({"type": "jaro_winkler", "threshold": 0.98})", 2, 3), 0);
  EXPECT_EQ(LevelOf(R"({"type": "jaro_winkler", "threshold": 0.99})", 2, 3), 1);
  EXPECT_EQ(LevelOf(R"({"type": "jaro", "threshold": 0.98})", 2, 3), 1);
  EXPECT_EQ(LevelOf(R"({"type": "jaro", "threshold": 0.97})", 2, 3), 0);
  // On diacritics, as code points: nguyễn văn an / nguyên văn an.
  EXPECT_EQ(LevelOf(R"({"type": "jaro_winkler", "threshold": 0.95})", 0, 1, "name_exact"), 0);
}

TEST(Comparison, LevenshteinAndDamerau) {
  EXPECT_EQ(LevelOf(R"({"type": "levenshtein", "threshold": 1})", 2, 3), 0);
  EXPECT_EQ(LevelOf(R"({"type": "levenshtein", "threshold": 0})", 2, 3), 1);
  // lê thị hoa / lê thị hoà: one code point.
  EXPECT_EQ(LevelOf(R"({"type": "levenshtein", "threshold": 1})", 4, 5, "name_exact"), 0);
  // "an nguyen" swapped tokens are far in edit distance but equal as a token set.
  EXPECT_EQ(LevelOf(R"({"type": "damerau_levenshtein", "threshold": 1})", 2, 3), 0);
  EXPECT_EQ(LevelOf(R"({"type": "damerau_levenshtein", "threshold": 2})", 4, 5), 1);
}

TEST(Comparison, TokenSetIgnoresOrder) {
  EXPECT_EQ(LevelOf(R"({"type": "token_set", "threshold": 1})", 4, 5), 0);
  EXPECT_EQ(LevelOf(R"({"type": "levenshtein", "threshold": 4})", 4, 5), 1);
  // tran thi bich / tran thi bch share 2 of 4 tokens.
  EXPECT_EQ(LevelOf(R"({"type": "token_set", "threshold": 0.5})", 2, 3), 0);
  EXPECT_EQ(LevelOf(R"({"type": "token_set", "threshold": 0.51})", 2, 3), 1);
}

TEST(Comparison, DateDifference) {
  // 1985-02-28 / 1985-03-01: 1 day, 1 month, 0 years.
  EXPECT_EQ(LevelOf(R"({"type": "date_difference", "threshold": 1, "unit": "days"})", 4, 5, "dob"),
            0);
  EXPECT_EQ(LevelOf(R"({"type": "date_difference", "threshold": 0, "unit": "days"})", 4, 5, "dob"),
            1);
  EXPECT_EQ(
      LevelOf(R"({"type": "date_difference", "threshold": 0, "unit": "months"})", 4, 5, "dob"), 1);
  EXPECT_EQ(
      LevelOf(R"({"type": "date_difference", "threshold": 1, "unit": "months"})", 4, 5, "dob"), 0);
  EXPECT_EQ(LevelOf(R"({"type": "date_difference", "threshold": 0, "unit": "years"})", 4, 5, "dob"),
            0);
  // Partial 1990 vs 1992-01-01: years work, days cannot be told.
  EXPECT_EQ(LevelOf(R"({"type": "date_difference", "threshold": 2, "unit": "years"})", 2, 3, "dob"),
            0);
  EXPECT_EQ(LevelOf(R"({"type": "date_difference", "threshold": 1, "unit": "years"})", 2, 3, "dob"),
            1);
  EXPECT_EQ(
      LevelOf(R"({"type": "date_difference", "threshold": 9999, "unit": "days"})", 2, 3, "dob"), 1);
}

TEST(Comparison, DateDayMonthSwapped) {
  EXPECT_EQ(LevelOf(R"({"type": "date_day_month_swapped"})", 0, 1, "dob"), 0);
  EXPECT_EQ(LevelOf(R"({"type": "date_day_month_swapped"})", 4, 5, "dob"), 1);
  EXPECT_EQ(LevelOf(R"({"type": "date_day_month_swapped"})", 0, 0, "dob"), 1);
}

TEST(Comparison, NumericDifference) {
  EXPECT_EQ(LevelOf(R"({"type": "numeric_difference", "threshold": 1.5})", 0, 1, "weight"), 0);
  EXPECT_EQ(LevelOf(R"({"type": "numeric_difference", "threshold": 1.4})", 0, 1, "weight"), 1);
  // Not a number: no level but else.
  EXPECT_EQ(LevelOf(R"({"type": "numeric_difference", "threshold": 1000})", 3, 4, "weight"), 1);
}

TEST(Comparison, EquivalenceClass) {
  std::string levels =
      R"({"type": "equivalence_class", "classes": [["nguyen", "an"], ["x", "y"]]})";
  EXPECT_EQ(LevelOf(levels, 0, 1, "family_key"), 0);
  EXPECT_EQ(LevelOf(levels, 2, 3, "family_key"), 0);  // unlisted, same value
  EXPECT_EQ(LevelOf(levels, 0, 2, "family_key"), 1);
}

TEST(Comparison, ColumnsReversed) {
  std::string levels = R"({"type": "columns_reversed", "columns": ["family_key", "given_key"]})";
  EXPECT_EQ(LevelOf(levels, 0, 1), 0);
  EXPECT_EQ(LevelOf(levels, 2, 3), 1);
}

TEST(Comparison, FirstHoldingLevelWins) {
  std::string levels = R"({"type": "null", "column": "name_exact"},
      {"type": "exact", "column": "name_exact"}, {"type": "exact"},
      {"type": "jaro_winkler", "threshold": 0.9})";
  EXPECT_EQ(LevelOf(levels, 0, 1), 2);
  EXPECT_EQ(LevelOf(levels, 2, 3), 0);
  EXPECT_EQ(LevelOf(levels, 0, 0), 1);
  EXPECT_EQ(LevelOf(levels, 0, 4), 4);
}

TEST(Comparison, MissingColumnNamesTheLevel) {
  RecordTable table = TableFromTsv(kRecords);
  Settings s = ParseSettings(R"({"comparisons": [{"name": "c", "column": "name_fold", "levels": [
      {"type": "exact", "column": "nope"}, {"type": "else"}]}]})",
                             "t.json");
  try {
    ComparisonEngine engine(s, table, "r.tsv");
    FAIL();
  } catch (const DataError& e) {
    EXPECT_STREQ(e.what(), "r.tsv:1: comparisons[0].levels[0]: no column 'nope' in the records");
  }
}

TEST(Comparison, ScoresWithPriorLevelWeightsAndTf) {
  RecordTable table = TableFromTsv(kRecords);
  Settings s = ParseSettings(R"({
    "probability_two_random_records_match": 0.2,
    "tf_minimum_u_value": 0.001,
    "tf_tables": {"given_key": {"an": 0.25, "nguyen": 0.5, "hoa": 0.002}},
    "comparisons": [
      {"name": "given", "column": "given_key", "levels": [
        {"type": "null"},
        {"type": "exact", "tf_adjustment": true, "m_probability": 0.8, "u_probability": 0.05},
        {"type": "else", "m_probability": 0.2, "u_probability": 0.95}]},
      {"name": "dob", "column": "dob", "levels": [
        {"type": "exact", "m_probability": 0.5, "u_probability": 0.125},
        {"type": "else", "m_probability": 0.5, "u_probability": 0.875}]}]})",
                             "t.json");
  ComparisonEngine engine(s, table, "t.tsv");
  ASSERT_TRUE(engine.trained());
  std::uint8_t v[2];
  engine.Compare(4, 5, v);  // given "hoa" = "hoa", dob differs
  EXPECT_EQ(v[0], 1);
  EXPECT_EQ(v[1], 1);
  EXPECT_EQ(engine.Gamma(0, 1), 1);
  EXPECT_EQ(engine.Gamma(0, 0), -1);
  EXPECT_EQ(engine.Gamma(0, 2), 0);
  // prior log2(0.2/0.8) = -2; exact log2(0.8/0.05) = 4; TF log2(0.05) - log2(0.002)
  // = log2(25); dob else log2(0.5/0.875).
  double expected = -2 + 4 + std::log2(25.0) + std::log2(0.5 / 0.875);
  EXPECT_NEAR(engine.ScorePair(4, 5, v), expected, 1e-12);
  EXPECT_NEAR(engine.Score(v), -2 + 4 + std::log2(0.5 / 0.875), 1e-12);
  EXPECT_NEAR(engine.ComparisonWeight(0, 4, 5, v[0]), 4 + std::log2(25.0), 1e-12);
  // A common value is adjusted down: "nguyen" vs "nguyen" is not in records here, so use
  // r2/r3 "bich" (absent from the table): the minimum 0.001 applies.
  engine.Compare(2, 3, v);
  EXPECT_NEAR(engine.ComparisonWeight(0, 2, 3, v[0]), 4 + std::log2(0.05 / 0.001), 1e-12);
  EXPECT_NEAR(engine.LevelWeight(0, 2), std::log2(0.2 / 0.95), 1e-12);
  EXPECT_NEAR(engine.PriorWeight(), -2, 1e-12);
}

TEST(Comparison, UntrainedEngineStillCompares) {
  RecordTable table = TableFromTsv(kRecords);
  Settings s = ParseSettings(R"({"comparisons": [{"name": "c", "column": "dob", "levels": [
      {"type": "exact"}, {"type": "else"}]}]})",
                             "t.json");
  ComparisonEngine engine(s, table, "t.tsv");
  EXPECT_FALSE(engine.trained());
  std::vector<std::uint8_t> v(1);
  engine.Compare(0, 0, v);
  EXPECT_EQ(v[0], 0);
}

}  // namespace
}  // namespace vnlink
