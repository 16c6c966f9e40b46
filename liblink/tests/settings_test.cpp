#include "liblink/settings.h"

#include <gtest/gtest.h>

#include <cmath>

#include "liblink/error.h"

namespace vnlink {
namespace {

constexpr const char* kModel = R"({
  "link_type": "dedupe_only",
  "blocking_rules": [
    {"keys": ["dob", {"column": "name_fold", "function": "first_chars", "n": 3}]},
    {"name": "phone", "keys": ["phone"]}
  ],
  "training_blocking_rules": [{"keys": [{"column": "dob", "function": "year"}]}],
  "deterministic_rules": [{"name": "cccd", "keys": ["cccd"]}],
  "comparisons": [
    {"name": "name", "column": "name_fold", "levels": [
      {"type": "null"},
      {"type": "exact", "column": "name_exact", "m_probability": 0.6, "u_probability": 0.001},
      {"type": "exact", "tf_adjustment": true, "m_probability": 0.2, "u_probability": 0.002},
      {"type": "jaro_winkler", "threshold": 0.92, "m_probability": 0.1, "u_probability": 0.01},
      {"type": "token_set", "threshold": 1, "m_probability": 0.05, "u_probability": 0.001},
      {"type": "else", "m_probability": 0.05, "u_probability": 0.986}
    ]},
    {"name": "dob", "column": "dob", "levels": [
      {"type": "null"},
      {"type": "exact", "m_probability": 0.8, "u_probability": 0.0001},
      {"type": "date_day_month_swapped", "m_probability": 0.05, "u_probability": 0.0001},
      {"type": "date_difference", "threshold": 1, "unit": "years", "m_probability": 0.1, "u_probability": 0.02},
      {"type": "else", "m_probability": 0.05, "u_probability": 0.9798}
    ]}
  ],
  "probability_two_random_records_match": 0.0001,
  "tf_minimum_u_value": 0.0005,
  "tf_tables": {"name_fold": {"nguyen van an": 0.002, "le thi hoa": 0.001}},
  "thresholds": {"match_probability": 0.9, "review_probability": 0.5},
  "training": {"em_rounds": [{"blocking_rule": "dob", "iterations": 12}]}
})";

std::string ErrorOf(const std::string& json) {
  try {
    (void)ParseSettings(json, "m.json");
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

TEST(Settings, ParsesAFullModel) {
  Settings s = ParseSettings(kModel, "m.json");
  EXPECT_EQ(s.link_type, LinkType::kDedupeOnly);
  ASSERT_EQ(s.blocking_rules.size(), 2u);
  EXPECT_EQ(s.blocking_rules[0].name, "dob & first_chars(name_fold, 3)");
  EXPECT_EQ(s.blocking_rules[0].parts[1].function, KeyFunction::kFirstChars);
  EXPECT_EQ(s.blocking_rules[0].parts[1].n, 3);
  EXPECT_EQ(s.training_blocking_rules[0].parts[0].function, KeyFunction::kYear);
  ASSERT_EQ(s.comparisons.size(), 2u);
  const Comparison& name = s.comparisons[0];
  EXPECT_EQ(name.levels[1].columns, std::vector<std::string>{"name_exact"});
  EXPECT_TRUE(name.levels[2].tf_adjustment);
  EXPECT_EQ(name.levels[2].tf_column, "name_fold");
  EXPECT_EQ(name.levels[3].label, "jaro_winkler name_fold >= 0.92");
  EXPECT_EQ(s.comparisons[1].levels[3].unit, DateUnit::kYears);
  EXPECT_EQ(s.tf_tables.at("name_fold").at("le thi hoa"), 0.001);
  EXPECT_TRUE(s.IsTrained());
  EXPECT_NEAR(*s.thresholds.MatchWeight(), std::log2(9.0), 1e-12);
  EXPECT_EQ(s.training["em_rounds"][0]["iterations"], 12);
}

TEST(Settings, ReferencedColumnsAreEveryColumnTheDocumentReads) {
  const Settings s = ParseSettings(kModel, "m.json");
  EXPECT_EQ(ReferencedColumns(s),
            (std::vector<std::string>{"cccd", "dob", "name_exact", "name_fold", "phone",
                                      "source_dataset", "unique_id"}));
}

TEST(Settings, SerializeRoundTripsByteForByte) {
  Settings s = ParseSettings(kModel, "m.json");
  std::string once = SerializeSettings(s);
  std::string twice = SerializeSettings(ParseSettings(once, "once.json"));
  EXPECT_EQ(once, twice);
  EXPECT_NE(once.find("\"match_probability\": 0.9"), std::string::npos);
  // Stable key order: the format tag first, TF tables sorted by value.
  EXPECT_EQ(once.rfind("{\n  \"format\": \"vnlink-model\",\n  \"version\": 1,", 0), 0u);
  EXPECT_LT(once.find("le thi hoa"), once.find("nguyen van an"));
}

TEST(Settings, TrainCanFillParametersAndReserialise) {
  Settings s = ParseSettings(R"({"comparisons": [{"name": "sex", "column": "sex",
      "levels": [{"type": "null"}, {"type": "exact"}, {"type": "else"}]}]})",
                             "s.json");
  EXPECT_FALSE(s.IsTrained());
  EXPECT_EQ(s.MissingParameter(), "probability_two_random_records_match");
  s.probability_two_random_records_match = 0.001;
  EXPECT_EQ(s.MissingParameter(), "comparisons[0].levels[1].m_probability");
  s.comparisons[0].levels[1].m_probability = 0.95;
  s.comparisons[0].levels[1].u_probability = 0.5;
  s.comparisons[0].levels[2].m_probability = 0.05;
  s.comparisons[0].levels[2].u_probability = 0.5;
  s.training = nlohmann::ordered_json{{"seed", 7}};
  EXPECT_TRUE(s.IsTrained());
  Settings back = ParseSettings(SerializeSettings(s), "t.json");
  EXPECT_EQ(*back.comparisons[0].levels[1].m_probability, 0.95);
  EXPECT_EQ(back.training["seed"], 7);
}

TEST(Settings, ErrorsNameTheJsonPath) {
  auto with_level = [](const std::string& level) {
    return R"({"comparisons": [{"name": "n", "column": "c", "levels": [)" + level +
           R"(, {"type": "else"}]}]})";
  };
  EXPECT_EQ(ErrorOf(with_level(R"({"type": "jarowinkler"})")),
            "m.json: comparisons[0].levels[0]: unknown level type 'jarowinkler'");
  EXPECT_EQ(ErrorOf(with_level(R"({"type": "jaro_winkler"})")),
            "m.json: comparisons[0].levels[0]: level type 'jaro_winkler' needs a 'threshold'");
  EXPECT_EQ(ErrorOf(with_level(R"({"type": "jaro", "threshold": 1.5})")),
            "m.json: comparisons[0].levels[0].threshold: '1.5' is not a similarity in (0, 1]");
  EXPECT_EQ(ErrorOf(with_level(R"({"type": "exact", "treshold": 1})")),
            "m.json: comparisons[0].levels[0]: unknown key 'treshold'");
  EXPECT_EQ(ErrorOf(with_level(R"({"type": "exact", "m_probability": 0})")),
            "m.json: comparisons[0].levels[0].m_probability: '0' is not a probability in (0, 1]");
  EXPECT_EQ(
      ErrorOf(with_level(R"({"type": "null", "u_probability": 0.5})")),
      "m.json: comparisons[0].levels[0]: a null level has no m or u (it carries no evidence)");
  EXPECT_EQ(ErrorOf(with_level(R"({"type": "columns_reversed", "column": "a"})")),
            "m.json: comparisons[0].levels[0]: 'columns_reversed' needs 'columns' with two names");
  EXPECT_EQ(ErrorOf(with_level(R"({"type": "date_difference", "threshold": 2, "unit": "weeks"})")),
            "m.json: comparisons[0].levels[0].unit: unknown unit 'weeks' (days, months or years)");
  EXPECT_EQ(ErrorOf(with_level(R"({"type": "equivalence_class"})")),
            "m.json: comparisons[0].levels[0]: 'equivalence_class' needs 'classes'");
  EXPECT_EQ(ErrorOf(with_level(R"({"type": "jaro", "threshold": 0.9, "tf_adjustment": true})")),
            "m.json: comparisons[0].levels[0]: TF adjustment on 'c' needs an 'exact' level on "
            "that column in the comparison");
  EXPECT_EQ(ErrorOf(with_level(R"({"type": "else"})")),
            "m.json: comparisons[0].levels[0]: 'else' must be the last level");
  EXPECT_EQ(
      ErrorOf(
          R"({"comparisons": [{"name": "n", "column": "c", "levels": [{"type": "null"}, {"type": "exact"}]}]})"),
      "m.json: comparisons[0].levels[1]: the last level must be 'else'");
  EXPECT_EQ(
      ErrorOf(R"({"link_type": "dedupe", "comparisons": []})"),
      "m.json: link_type: unknown link type 'dedupe' (dedupe_only, link_only or link_and_dedupe)");
  EXPECT_EQ(
      ErrorOf(
          R"({"blocking_rules": [{"keys": [{"column": "x", "function": "first_chars"}]}], "comparisons": []})"),
      "m.json: blocking_rules[0].keys[0]: function 'first_chars' needs 'n'");
  EXPECT_EQ(
      ErrorOf(
          R"({"blocking_rules": [{"keys": [{"column": "x", "function": "soundex"}]}], "comparisons": []})"),
      "m.json: blocking_rules[0].keys[0].function: unknown key function 'soundex'");
  EXPECT_EQ(ErrorOf(R"({"comparisons": [{"name": "a b", "levels": []}]})"),
            "m.json: comparisons[0].name: 'a b' is not a name of letters, digits and '_'");
  EXPECT_EQ(ErrorOf(R"({"comparisons": 3})"),
            "m.json: comparisons: expected a non-empty array of comparisons");
  EXPECT_EQ(
      ErrorOf(
          R"({"probability_two_random_records_match": 1, "comparisons": [{"name": "n", "column": "c", "levels": [{"type": "exact"}, {"type": "else"}]}]})"),
      "m.json: probability_two_random_records_match: '1' is not a probability in (0, 1)");
  EXPECT_EQ(
      ErrorOf(
          R"({"thresholds": {"match_weight": 1, "review_probability": 0.5}, "comparisons": [{"name": "n", "column": "c", "levels": [{"type": "exact"}, {"type": "else"}]}]})"),
      "m.json: thresholds: give thresholds as weights or as probabilities, not both");
  EXPECT_EQ(ErrorOf("{\"comparisons\": [}").substr(0, 22), "m.json: invalid JSON: ");
  EXPECT_EQ(
      ErrorOf(
          R"({"comparisons": [{"name": "n", "levels": [{"type": "exact"}, {"type": "else"}]}]})"),
      "m.json: comparisons[0].levels[0]: no column: give the level a 'column' or the "
      "comparison a 'column'");
}

TEST(Settings, ProbabilityWeightConversions) {
  EXPECT_DOUBLE_EQ(ProbabilityToWeight(0.5), 0.0);
  EXPECT_DOUBLE_EQ(ProbabilityToWeight(0.8), 2.0);
  EXPECT_DOUBLE_EQ(WeightToProbability(2.0), 0.8);
  EXPECT_DOUBLE_EQ(WeightToProbability(-2.0), 0.2);
  EXPECT_EQ(WeightToProbability(5000), 1.0);
}

TEST(Settings, Names) {
  EXPECT_EQ(LevelTypeName(LevelType::kDamerauLevenshtein), "damerau_levenshtein");
  EXPECT_EQ(KeyFunctionName(KeyFunction::kAnyToken), "any_token");
  EXPECT_EQ(LinkTypeName(LinkType::kLinkAndDedupe), "link_and_dedupe");
}

}  // namespace
}  // namespace vnlink
