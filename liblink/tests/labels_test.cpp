#include "liblink/labels.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <vector>

namespace vnlink {
namespace {

TEST(ParseMatchLabel, AcceptsTheUsualSpellings) {
  for (const char* yes : {"1", "match", "Match", " MATCH ", "true", "yes"}) {
    EXPECT_EQ(ParseMatchLabel(yes), std::optional<bool>(true)) << yes;
  }
  for (const char* no : {"0", "non-match", "Non_Match", "nonmatch", "false", "No"}) {
    EXPECT_EQ(ParseMatchLabel(no), std::optional<bool>(false)) << no;
  }
  for (const char* bad : {"", "2", "maybe", "0.5", "khớp"}) {
    EXPECT_EQ(ParseMatchLabel(bad), std::nullopt) << bad;
  }
}

// Ten persons, records 3k, 3k+1, 3k+2 belong to person k; record 30 is not in the truth.
std::vector<std::int64_t> ThreeRecordsPerPerson() {
  std::vector<std::int64_t> person;
  for (int i = 0; i < 30; ++i) person.push_back(i / 3);
  person.push_back(kUnknownPerson);
  return person;
}

TEST(DrawTruthPairs, AllWithinPersonPairsAndRandomNonMatches) {
  const auto person = ThreeRecordsPerPerson();
  const PairUniverse universe = PairUniverse::AllPairs(31);
  TruthSampling options;
  options.non_match_pairs = 500;
  const LabelledPairs pairs = DrawTruthPairs(person, universe, options);
  EXPECT_EQ(pairs.match_pairs_available, 30u);
  ASSERT_EQ(pairs.matches.size(), 30u);
  for (const RecordPair& p : pairs.matches) {
    EXPECT_LT(p.first, p.second);
    EXPECT_EQ(person[p.first], person[p.second]);
  }
  ASSERT_EQ(pairs.non_matches.size(), 500u);
  for (const RecordPair& p : pairs.non_matches) {
    EXPECT_NE(person[p.first], person[p.second]);
    EXPECT_NE(p.second, 30u) << "record without a person";
  }
}

TEST(DrawTruthPairs, SamplesMatchesDownDeterministically) {
  const auto person = ThreeRecordsPerPerson();
  const PairUniverse universe = PairUniverse::AllPairs(31);
  TruthSampling options;
  options.max_match_pairs = 7;
  options.non_match_pairs = 10;
  const LabelledPairs a = DrawTruthPairs(person, universe, options);
  const LabelledPairs b = DrawTruthPairs(person, universe, options);
  ASSERT_EQ(a.matches.size(), 7u);
  EXPECT_EQ(std::set<RecordPair>(a.matches.begin(), a.matches.end()).size(), 7u);
  EXPECT_EQ(a.matches, b.matches);
  EXPECT_EQ(a.non_matches, b.non_matches);
  options.seed = 99;
  EXPECT_NE(DrawTruthPairs(person, universe, options).non_matches, a.non_matches);
}

TEST(DrawTruthPairs, LinkOnlyKeepsCrossSourcePairs) {
  // Person 0 has records in sources 0, 0 and 1: only two of its three pairs are comparable.
  const std::vector<std::int64_t> person = {0, 0, 0, 1, 1};
  const std::vector<std::uint32_t> source = {0, 0, 1, 0, 1};
  const LabelledPairs pairs =
      DrawTruthPairs(person, PairUniverse::CrossSource(source), {.non_match_pairs = 20});
  EXPECT_EQ(pairs.matches, (std::vector<RecordPair>{{0, 2}, {1, 2}, {3, 4}}));
  for (const RecordPair& p : pairs.non_matches) EXPECT_NE(source[p.first], source[p.second]);
}

TEST(EstimateFromLabels, LevelFrequenciesAmongMatchesAndNonMatches) {
  const std::vector<EmComparison> shape = {{3, {0}}, {2, {}}};
  PatternCounts matches(2), non_matches(2);
  matches.Add(std::vector<std::uint8_t>{2, 1}, 90);
  matches.Add(std::vector<std::uint8_t>{1, 1}, 10);
  matches.Add(std::vector<std::uint8_t>{0, 0}, 5);  // name missing: no evidence on it
  non_matches.Add(std::vector<std::uint8_t>{1, 0}, 990);
  non_matches.Add(std::vector<std::uint8_t>{2, kNoLevel}, 10);
  const SupervisedEstimate e = EstimateFromLabels(shape, matches, non_matches, 0.0);
  EXPECT_EQ(e.match_pairs, 105u);
  EXPECT_EQ(e.non_match_pairs, 1000u);
  EXPECT_DOUBLE_EQ(e.m[0][2], 0.9);
  EXPECT_EQ(e.m[0][0], 0.0);
  EXPECT_DOUBLE_EQ(e.u[0][2], 0.01);
  EXPECT_DOUBLE_EQ(e.m[1][1], 100.0 / 105.0);
  EXPECT_DOUBLE_EQ(e.u[1][0], 1.0);
  EXPECT_EQ(e.match_level_counts[0], (std::vector<double>{5, 10, 90}));
  const SupervisedEstimate smoothed = EstimateFromLabels(shape, matches, non_matches, 0.5);
  EXPECT_GT(smoothed.u[1][1], 0.0);
  PatternCounts wrong(3);
  EXPECT_THROW((void)EstimateFromLabels(shape, wrong, non_matches, 0.5), std::invalid_argument);
}

}  // namespace
}  // namespace vnlink
