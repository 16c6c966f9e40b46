#include "liblink/training_rounds.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace vnlink {
namespace {

// Comparisons: name (null, else, fuzzy, exact), dob (null, else, exact), phone (null, else, exact).
const std::vector<EmComparison> kShape = {{4, {0}}, {3, {0}}, {3, {0}}};
const std::vector<std::vector<double>> kU = {
    {0, 0.97, 0.02, 0.01}, {0, 0.9995, 0.0005}, {0, 0.99999, 0.00001}};

// Round "dob" (blocks on dob): estimates name and phone. Round "given_key & year":
// estimates dob and phone. Round "phone" (confounded by households): estimates name, dob.
std::vector<RoundEstimate> Rounds(double dob_exact_in_phone_round) {
  return {
      {"dob", {true, false, true}, {{0, 0.05, 0.15, 0.8}, {0, 0, 0}, {0, 0.6, 0.4}}},
      {"given_key & year", {false, true, true}, {{0, 0, 0, 0}, {0, 0.05, 0.95}, {0, 0.5, 0.5}}},
      {"phone",
       {true, true, false},
       {{0, 0.1, 0.2, 0.7},
        {0, 1 - dob_exact_in_phone_round, dob_exact_in_phone_round},
        {0, 0, 0}}},
  };
}

TEST(CombineRounds, AveragesOverTheRoundsThatEstimated) {
  const CombinedM c = CombineRounds(kShape, Rounds(0.95));
  EXPECT_EQ(c.rounds, (std::vector<std::size_t>{2, 2, 2}));
  EXPECT_DOUBLE_EQ(c.m[0][3], 0.75);
  EXPECT_DOUBLE_EQ(c.m[1][2], 0.95);
  EXPECT_DOUBLE_EQ(c.m[2][1], 0.55);
  EXPECT_EQ(c.m[0][0], 0.0);
}

TEST(CombineRounds, ComparisonNoRoundEstimatesStaysZero) {
  std::vector<RoundEstimate> rounds = Rounds(0.95);
  rounds.pop_back();
  rounds[0].estimated[0] = false;
  const CombinedM c = CombineRounds(kShape, rounds);
  EXPECT_EQ(c.rounds[0], 0u);
  EXPECT_EQ(c.m[0], (std::vector<double>{0, 0, 0, 0}));
  EXPECT_DOUBLE_EQ(c.m[1][2], 0.95);
}

TEST(FindDisagreements, FlagsTheHouseholdConfoundedRound) {
  // The Vietnamese case of the issue: 49% of "matches" share a birth date in the phone
  // round, against 95% elsewhere.
  const auto found = FindDisagreements(kShape, Rounds(0.49), kU, {});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].round, 2u);
  EXPECT_EQ(found[0].comparison, 1u);
  EXPECT_EQ(found[0].level, 2u);
  EXPECT_DOUBLE_EQ(found[0].m_round, 0.49);
  EXPECT_DOUBLE_EQ(found[0].m_others, 0.95);
}

TEST(FindDisagreements, QuietWhenRoundsRoughlyAgree) {
  // 0.8 vs 0.7 on exact name and 0.95 vs 0.90 on dob are ordinary sampling differences.
  EXPECT_TRUE(FindDisagreements(kShape, Rounds(0.90), kU, {}).empty());
  // A rise is not the confounding signature.
  EXPECT_TRUE(FindDisagreements(kShape, Rounds(0.99), kU, {}).empty());
}

TEST(FindDisagreements, RejectsMismatchedShapes) {
  std::vector<RoundEstimate> rounds = Rounds(0.5);
  rounds[1].m.pop_back();
  EXPECT_THROW((void)FindDisagreements(kShape, rounds, kU, {}), std::invalid_argument);
  EXPECT_THROW((void)CombineRounds(kShape, rounds), std::invalid_argument);
}

}  // namespace
}  // namespace vnlink
