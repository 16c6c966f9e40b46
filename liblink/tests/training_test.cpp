#include "liblink/training.h"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "liblink/error.h"
#include "liblink/labels.h"

namespace vnlink {
namespace {

// A synthetic population shaped like Vietnamese patient data: households share a family
// name, a phone and an address; about half the persons have two records with the errors
// records really have (typos in the given name, a wrong birth date, missing fields).
struct Population {
  std::unique_ptr<RecordTable> table;
  std::vector<std::int64_t> person;  // per record
  std::uint64_t cccd_pairs = 0;      // pairs agreeing on a present CCCD
  std::uint64_t true_pairs = 0;
};

const std::vector<std::string> kFamily = {"nguyen", "nguyen", "nguyen", "nguyen", "tran", "tran",
                                          "le",     "pham",   "hoang",  "vu",     "dang", "bui",
                                          "do",     "ho",     "ngo",    "duong"};
const std::vector<std::string> kGiven = {
    "an",     "binh",  "chi",  "dung", "giang", "ha",   "hai",  "hanh", "hoa",   "hung",  "huong",
    "khanh",  "lan",   "linh", "long", "mai",   "minh", "nam",  "nga",  "ngoc",  "nhung", "phong",
    "phuong", "quang", "son",  "tam",  "thanh", "thao", "thu",  "thuy", "trang", "tuan",  "tung",
    "van",    "viet",  "vinh", "xuan", "yen",   "duc",  "hieu", "kien", "loan",  "my",    "oanh"};

std::string Typo(std::string s, std::mt19937_64& rng) {
  std::size_t i = rng() % s.size();
  s[i] = static_cast<char>('a' + rng() % 26);
  return s;
}

Population MakePopulation(int households, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> uniform(0, 1);
  Population p;
  p.table = std::make_unique<RecordTable>(std::vector<std::string>{
      "unique_id", "given_key", "family_key", "dob", "phone", "address", "cccd"});
  int record = 0, person = 0;
  std::map<std::string, int> cccd_count;
  for (int h = 0; h < households; ++h) {
    const std::string family = kFamily[rng() % kFamily.size()];
    const std::string phone = std::to_string(912345678000ULL + rng() % 1000000);
    const std::string address = std::to_string(rng() % 100000);
    const int members = 1 + static_cast<int>(rng() % 4);
    std::vector<std::string> names_used;  // parents do not give two children one name
    for (int k = 0; k < members; ++k, ++person) {
      std::string given;
      do given = kGiven[rng() % kGiven.size()];
      while (std::find(names_used.begin(), names_used.end(), given) != names_used.end());
      names_used.push_back(given);
      // Wives keep their own family name: households are not one surname.
      const std::string own_family =
          k == 0 && members > 1 && uniform(rng) < 0.6 ? kFamily[rng() % kFamily.size()] : family;
      char dob[16];
      std::snprintf(dob, sizeof dob, "%04d-%02d-%02d", 1940 + static_cast<int>(rng() % 70),
                    1 + static_cast<int>(rng() % 12), 1 + static_cast<int>(rng() % 28));
      const std::string cccd = std::to_string(100000000000ULL + person);
      const int copies = uniform(rng) < 0.5 ? 2 : 1;
      p.true_pairs += copies == 2;
      for (int c = 0; c < copies; ++c, ++record) {
        const bool dirty = c == 1;
        std::vector<std::string> row = {std::to_string(record),
                                        dirty && uniform(rng) < 0.08 ? Typo(given, rng) : given,
                                        own_family,
                                        dirty && uniform(rng) < 0.05 ? "1975-01-01" : dob,
                                        uniform(rng) < 0.2 ? "" : phone,
                                        uniform(rng) < 0.1 ? "" : address,
                                        uniform(rng) < 0.5 ? "" : cccd};
        if (!row[6].empty()) ++cccd_count[row[6]];
        std::vector<std::string_view> fields(row.begin(), row.end());
        p.table->Add(fields, record + 2);
        p.person.push_back(person);
      }
    }
  }
  for (const auto& [id, n] : cccd_count)
    p.cccd_pairs += static_cast<std::uint64_t>(n) * (n - 1) / 2;
  return p;
}

constexpr const char* kComparisons = R"(
  "comparisons": [
    {"name": "given", "column": "given_key", "levels": [
      {"type": "null"}, {"type": "exact", "tf_adjustment": true},
      {"type": "jaro_winkler", "threshold": 0.85}, {"type": "else"}]},
    {"name": "family", "column": "family_key", "levels": [
      {"type": "null"}, {"type": "exact", "tf_adjustment": true}, {"type": "else"}]},
    {"name": "dob", "column": "dob", "levels": [
      {"type": "null"}, {"type": "exact"}, {"type": "else"}]},
    {"name": "phone", "column": "phone", "levels": [
      {"type": "null"}, {"type": "exact"}, {"type": "else"}]},
    {"name": "address", "column": "address", "levels": [
      {"type": "null"}, {"type": "exact"}, {"type": "else"}]}
  ])";

// The recommended rounds: names estimated in a dob round, the rest in a name round.
Settings GoodSettings(const std::string& extra_round = "") {
  const std::string json = std::string(R"({
    "link_type": "dedupe_only",
    "deterministic_rules": [{"keys": [{"column": "cccd"}]}],
    "training_blocking_rules": [
      {"name": "dob", "keys": [{"column": "dob"}]},
      {"name": "names", "keys": [{"column": "given_key"}, {"column": "family_key"}]})") +
                           extra_round + "],\n" + kComparisons + "}";
  return ParseSettings(json, "settings.json");
}

// Fewer random pairs than the tool's default keep the tests fast (also under ASan);
// 300,000 pairs still see every level but the rare ID agreements.
TrainOptions Fast() {
  TrainOptions options;
  options.max_u_pairs = 300000;
  return options;
}

const LevelSummary& Level(const TrainResult& r, const std::string& comparison,
                          const std::string& label_start) {
  for (const LevelSummary& l : r.levels) {
    if (l.comparison == comparison && l.level.rfind(label_start, 0) == 0) return l;
  }
  throw std::runtime_error("no level " + comparison + "/" + label_start);
}

TEST(Train, EstimatesSensibleParametersFromUnlabelledRecords) {
  const Population pop = MakePopulation(4000, 1);
  TrainOptions options = Fast();
  options.seed = 7;
  const TrainResult r = Train(GoodSettings(), *pop.table, "records.tsv", options);
  EXPECT_TRUE(r.model.IsTrained()) << r.model.MissingParameter();
  const double n = static_cast<double>(pop.table->size());
  EXPECT_DOUBLE_EQ(r.lambda, pop.cccd_pairs / 0.8 / (n * (n - 1) / 2));
  EXPECT_EQ(r.rounds, 2u);
  // The true m: a duplicate keeps its birth date 95% of the time, its given name 92%.
  EXPECT_NEAR(Level(r, "dob", "exact").m, 0.95, 0.04);
  EXPECT_NEAR(Level(r, "given", "exact").m, 0.92, 0.05);
  EXPECT_NEAR(Level(r, "family", "exact").m, 1.0, 0.03);
  // Weights: agreement is evidence for, disagreement against; dob exact beats family.
  for (const char* c : {"given", "family", "dob", "phone", "address"}) {
    EXPECT_GT(Level(r, c, "exact").weight, 1.0) << c;
    EXPECT_LT(Level(r, c, "else").weight, 0.0) << c;
  }
  EXPECT_GT(Level(r, "dob", "exact").weight, Level(r, "family", "exact").weight);
  // Term frequencies: nguyen is 4 of the 16 family-name draws.
  ASSERT_TRUE(r.model.tf_tables.contains("family_key"));
  EXPECT_NEAR(r.model.tf_tables.at("family_key").at("nguyen"), 0.25, 0.03);
  EXPECT_TRUE(r.model.tf_tables.contains("given_key"));
  EXPECT_FALSE(r.model.tf_tables.contains("dob"));
  // Diagnostics: each round says what it left out and how it converged.
  const auto& rounds = r.model.training.at("rounds");
  ASSERT_EQ(rounds.size(), 2u);
  EXPECT_TRUE(rounds[0].at("left_out").contains("dob"));
  EXPECT_TRUE(rounds[1].at("left_out").contains("given"));
  EXPECT_TRUE(rounds[1].at("left_out").contains("family"));
  EXPECT_TRUE(rounds[0].at("converged").get<bool>());
  EXPECT_GT(rounds[0].at("patterns").size(), 3u);
  for (const std::string& w : r.warnings) {
    EXPECT_EQ(w.find("confounding"), std::string::npos) << w;
  }
}

TEST(Train, SameModelAtAnyThreadCount) {
  const Population pop = MakePopulation(1500, 2);
  TrainOptions options;
  options.seed = 3;
  options.max_u_pairs = 200000;
  options.max_round_pairs = 3000;  // forces sampled rounds too
  std::string one, four;
  tbb::task_arena(1).execute(
      [&] { one = SerializeSettings(Train(GoodSettings(), *pop.table, "r.tsv", options).model); });
  tbb::task_arena(4).execute(
      [&] { four = SerializeSettings(Train(GoodSettings(), *pop.table, "r.tsv", options).model); });
  EXPECT_EQ(one, four);
  options.seed = 4;
  EXPECT_NE(SerializeSettings(Train(GoodSettings(), *pop.table, "r.tsv", options).model), one);
}

TEST(Train, WarnsAboutAHouseholdConfoundedRound) {
  // Blocking on phone and address admits whole households; they agree on family, phone
  // and address, and EM takes them for matches with different birth dates.
  const Population pop = MakePopulation(4000, 5);
  const TrainResult r =
      Train(GoodSettings(
                R"(, {"name": "household", "keys": [{"column": "address"}, {"column": "phone"}]})"),
            *pop.table, "records.tsv", Fast());
  bool warned = false;
  for (const std::string& w : r.warnings) {
    if (w.find("'household'") != std::string::npos && w.find("'dob'") != std::string::npos &&
        w.find("confounding") != std::string::npos) {
      warned = true;
    }
  }
  EXPECT_TRUE(warned) << r.model.training.at("warnings").dump();
  // The confounded estimate (about 0.25 here) is left out of the average.
  EXPECT_NEAR(Level(r, "dob", "exact").m, 0.95, 0.04);
  EXPECT_EQ(r.model.training.at("excluded_estimates").size(), 1u);
}

TEST(Train, LeavesOutAComparisonTheRoundFixesThroughAnotherColumn) {
  // Block on a copy of given_key under another name: the name comparison never reaches
  // its else level in that round, so EM must not estimate it there.
  const Population pop = MakePopulation(800, 6);
  RecordTable copy(
      {"unique_id", "given_key", "family_key", "dob", "phone", "address", "cccd", "given_copy"});
  for (std::size_t row = 0; row < pop.table->size(); ++row) {
    std::vector<std::string_view> fields;
    for (std::size_t c = 0; c < 7; ++c) fields.push_back(pop.table->Value(row, c));
    fields.push_back(pop.table->Value(row, 1));
    copy.Add(fields, row + 2);
  }
  Settings s = GoodSettings(
      R"(, {"name": "copy", "keys": [{"column": "given_copy"}, {"column": "dob", "function": "year"}]})");
  const TrainResult r = Train(s, copy, "records.tsv", Fast());
  const auto& left_out = r.model.training.at("rounds")[2].at("left_out");
  ASSERT_TRUE(left_out.contains("given")) << r.model.training.at("rounds")[2].dump();
  EXPECT_NE(left_out.at("given").get<std::string>().find("else level"), std::string::npos);
}

TEST(Train, SupervisedFromATruthGivesExactLambda) {
  const Population pop = MakePopulation(1500, 8);
  const PairUniverse universe = ComparablePairs(GoodSettings(), *pop.table, "r.tsv");
  const LabelledPairs labelled = DrawTruthPairs(pop.person, universe, {.non_match_pairs = 0});
  EXPECT_EQ(labelled.match_pairs_available, pop.true_pairs);
  TrainOptions options = Fast();
  options.labelled_matches = &labelled.matches;
  options.labels_source = "truth";
  options.truth_match_pairs = labelled.match_pairs_available;
  const TrainResult r = Train(GoodSettings(), *pop.table, "r.tsv", options);
  EXPECT_DOUBLE_EQ(r.lambda, pop.true_pairs / universe.size());
  EXPECT_EQ(r.rounds, 0u);
  EXPECT_NEAR(Level(r, "dob", "exact").m, 0.95, 0.03);
  EXPECT_EQ(r.model.training.at("m").at("method"), "truth");
}

TEST(Train, ExplainsWhatItCannotDo) {
  const Population pop = MakePopulation(200, 9);
  Settings no_rules = GoodSettings();
  no_rules.deterministic_rules.clear();
  EXPECT_THROW((void)Train(no_rules, *pop.table, "r.tsv", {}), Error);
  TrainOptions given = Fast();
  given.lambda = 1e-4;
  EXPECT_DOUBLE_EQ(Train(no_rules, *pop.table, "r.tsv", given).lambda, 1e-4);
  // Only the dob round: the dob comparison is estimated nowhere.
  Settings one_round = GoodSettings();
  one_round.training_blocking_rules.pop_back();
  try {
    (void)Train(one_round, *pop.table, "r.tsv", Fast());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("'dob'"), std::string::npos) << e.what();
  }
  Settings link = GoodSettings();
  link.link_type = LinkType::kLinkOnly;
  EXPECT_THROW((void)Train(link, *pop.table, "r.tsv", {}), DataError);  // no source_dataset
}

TEST(ComparisonsBlockedBy, MatchesRuleColumnsAgainstEveryColumnAComparisonReads) {
  const Settings s = GoodSettings();
  EXPECT_EQ(ComparisonsBlockedBy(s, s.training_blocking_rules[0]),
            (std::vector<bool>{false, false, true, false, false}));
  EXPECT_EQ(ComparisonsBlockedBy(s, s.training_blocking_rules[1]),
            (std::vector<bool>{true, true, false, false, false}));
  const std::vector<EmComparison> shapes = ComparisonShapes(s);
  ASSERT_EQ(shapes.size(), 5u);
  EXPECT_EQ(shapes[0].num_levels, 4u);
  EXPECT_EQ(shapes[0].null_levels, std::vector<std::size_t>{0});
}

}  // namespace
}  // namespace vnlink
