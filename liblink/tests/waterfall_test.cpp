#include "liblink/waterfall.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "liblink/comparison.h"
#include "liblink/settings.h"
#include "scoring_test_util.h"

namespace vnlink {
namespace {

using testing_util::TableFromTsv;

// The hand-checked model of testdata/explain (weights worked out in testdata/explain.reg),
// cut to name and dob.
const char* kModel = R"({
  "comparisons": [
    {"name": "name", "column": "name_fold", "levels": [
      {"type": "null"},
      {"type": "exact", "column": "name_exact", "m_probability": 0.5, "u_probability": 0.015625},
      {"type": "exact", "tf_adjustment": true, "m_probability": 0.125, "u_probability": 0.03125},
      {"type": "else", "m_probability": 0.25, "u_probability": 0.875}]},
    {"name": "dob", "column": "dob", "levels": [
      {"type": "null"},
      {"type": "exact", "m_probability": 0.75, "u_probability": 0.0029296875},
      {"type": "else", "m_probability": 0.0625, "u_probability": 0.5}]}],
  "probability_two_random_records_match": 0.0038910505836575876,
  "tf_minimum_u_value": 0.0078125,
  "tf_tables": {"name_fold": {"nguyen van an": 0.125}},
  "thresholds": {"match_weight": 4, "review_weight": -2}
})";

const char* kRecords =
    "unique_id\tname_exact\tname_fold\tdob\n"
    "p1\tnguyễn văn an\tnguyen van an\t1990-01-02\n"
    "p3\tnguyên văn an\tnguyen van an\t1990-01-02\n"
    "p4\ttrần thị bình\ttran thi binh\t\n";

class WaterfallTest : public ::testing::Test {
 protected:
  Settings model_ = ParseSettings(kModel, "model.json");
  RecordTable table_ = TableFromTsv(kRecords);
  ComparisonEngine engine_{model_, table_, "records.tsv"};
};

TEST_F(WaterfallTest, StepsSumToTheEngineWeight) {
  // p1 p3: prior -8, name_fold +2 with TF log2(1/32) - log2(1/8) = -2, dob exact +8.
  Waterfall w = ExplainPair(engine_, 0, 1, "unique_id");
  EXPECT_EQ(w.id_l, "p1");
  EXPECT_EQ(w.id_r, "p3");
  EXPECT_NEAR(w.prior_weight, -8.0, 1e-9);
  ASSERT_EQ(w.steps.size(), 2u);
  const WaterfallStep& name = w.steps[0];
  EXPECT_EQ(name.comparison, "name");
  EXPECT_EQ(name.column, "name_fold");
  EXPECT_EQ(name.value_l, "nguyen van an");
  EXPECT_NEAR(name.weight, 2.0, 1e-9);
  EXPECT_TRUE(name.has_tf);
  EXPECT_NEAR(name.tf_adjustment, -2.0, 1e-9);
  EXPECT_DOUBLE_EQ(name.tf_frequency_l, 0.125);
  EXPECT_DOUBLE_EQ(name.tf_u_exact, 0.03125);
  EXPECT_NEAR(w.steps[1].weight, 8.0, 1e-9);
  EXPECT_NEAR(w.match_weight, 0.0, 1e-9);
  EXPECT_NEAR(w.match_probability, 0.5, 1e-12);
  std::vector<std::uint8_t> levels(engine_.size());
  engine_.Compare(0, 1, levels);
  EXPECT_DOUBLE_EQ(w.match_weight, engine_.ScorePair(0, 1, levels));
  EXPECT_EQ(WaterfallDecision(w), "clerical review");
}

TEST_F(WaterfallTest, NullLevelShowsMissingValueAndNoWeight) {
  // p1 p4: name else log2(2/7), dob null (p4 has none).
  Waterfall w = ExplainPair(engine_, 0, 2, "unique_id");
  EXPECT_NEAR(w.steps[0].weight, std::log2(2.0 / 7.0), 1e-9);
  EXPECT_FALSE(w.steps[0].has_tf);
  EXPECT_TRUE(w.steps[1].is_null);
  EXPECT_EQ(w.steps[1].gamma, -1);
  EXPECT_EQ(w.steps[1].value_r, "");
  EXPECT_EQ(w.steps[1].weight, 0.0);
  EXPECT_EQ(WaterfallDecision(w), "no link");
}

TEST_F(WaterfallTest, TextIsAlignedByCodePoints) {
  std::string text = FormatWaterfall(ExplainPair(engine_, 0, 1, "unique_id"));
  EXPECT_NE(text.find("pair 'p1' and 'p3'"), std::string::npos);
  EXPECT_NE(text.find("match weight       0.000\n"), std::string::npos);
  EXPECT_NE(text.find("decision           clerical review (match threshold 4, review from -2)"),
            std::string::npos);
  EXPECT_NE(text.find("  tf name"), std::string::npos);
  // The running total ends each step line: -8, -6, -8, 0.
  for (const char* total : {"-8.000\n", "-6.000\n", "0.000\n"}) {
    EXPECT_NE(text.find(total), std::string::npos) << total;
  }
}

TEST(WaterfallDecision, NoThresholdNoDecision) {
  Waterfall w;
  w.match_weight = 30;
  EXPECT_EQ(WaterfallDecision(w), "");
  w.match_threshold = 6;
  EXPECT_EQ(WaterfallDecision(w), "link");
  w.match_weight = 1;
  EXPECT_EQ(WaterfallDecision(w), "no link");  // no review band
  EXPECT_EQ(FormatWaterfall(w).find("decision"), FormatWaterfall(w).rfind("decision"));
}

}  // namespace
}  // namespace vnlink
