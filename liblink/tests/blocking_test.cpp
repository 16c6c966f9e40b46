#include "liblink/blocking.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "liblink/error.h"
#include "scoring_test_util.h"

namespace vnlink {
namespace {

using testing_util::TableFromTsv;

BlockingRule Rule(std::vector<KeyPart> parts) {
  BlockingRule r;
  r.parts = std::move(parts);
  r.name = RuleDisplayName(r);
  return r;
}

std::vector<std::string> KeyTexts(const BlockingRule& rule, const RecordTable& t, std::size_t row) {
  BlockingKeyMaker maker(rule, 0, t, "t.tsv");
  std::vector<std::uint64_t> keys;
  std::vector<std::string> texts;
  maker.Keys(row, keys, &texts);
  std::sort(texts.begin(), texts.end());
  return texts;
}

const char* kRecords =
    "unique_id\tname_fold\tname_exact\tdob\tphone\tsource_dataset\n"
    "a\tnguyen van an\tnguyễn văn an\t1990-05-12\t0912345678\tx\n"
    "b\tnguyen thi an\tnguyễn thị an\t1990-05\t0912345678\ty\n"
    "c\ttran an\ttrần an\t1990\t\tx\n"
    "d\t\t\t19xx\t0987654321\ty\n";

TEST(BlockingKeys, EveryFunction) {
  RecordTable t = TableFromTsv(kRecords);
  EXPECT_EQ(KeyTexts(Rule({{"dob"}}), t, 0), std::vector<std::string>{"1990-05-12"});
  EXPECT_EQ(KeyTexts(Rule({{"name_exact", KeyFunction::kFirstChars, 4}}), t, 0),
            std::vector<std::string>{"nguy"});
  // Code points, not bytes: "trần" is 4 code points.
  EXPECT_EQ(KeyTexts(Rule({{"name_exact", KeyFunction::kFirstChars, 4}}), t, 2),
            std::vector<std::string>{"trần"});
  EXPECT_EQ(KeyTexts(Rule({{"name_exact", KeyFunction::kFirstChars, 40}}), t, 2),
            std::vector<std::string>{"trần an"});
  EXPECT_EQ(KeyTexts(Rule({{"name_exact", KeyFunction::kLastChars, 5}}), t, 0),
            std::vector<std::string>{"ăn an"});
  EXPECT_EQ(KeyTexts(Rule({{"phone", KeyFunction::kLastChars, 4}}), t, 1),
            std::vector<std::string>{"5678"});
  EXPECT_EQ(KeyTexts(Rule({{"dob", KeyFunction::kYear}}), t, 1), std::vector<std::string>{"1990"});
  EXPECT_EQ(KeyTexts(Rule({{"dob", KeyFunction::kYear}}), t, 3), std::vector<std::string>{});
  EXPECT_EQ(KeyTexts(Rule({{"dob", KeyFunction::kYearMonth}}), t, 0),
            std::vector<std::string>{"1990-05"});
  EXPECT_EQ(KeyTexts(Rule({{"dob", KeyFunction::kYearMonth}}), t, 2), std::vector<std::string>{});
  EXPECT_EQ(KeyTexts(Rule({{"name_fold", KeyFunction::kAnyToken}}), t, 0),
            (std::vector<std::string>{"an", "nguyen", "van"}));
  // Conjunction with a token list: the cartesian product.
  EXPECT_EQ(
      KeyTexts(Rule({{"dob", KeyFunction::kYear}, {"name_fold", KeyFunction::kAnyToken}}), t, 2),
      (std::vector<std::string>{"1990|an", "1990|tran"}));
  // A missing part means no key at all.
  EXPECT_EQ(KeyTexts(Rule({{"dob", KeyFunction::kYear}, {"phone"}}), t, 2),
            std::vector<std::string>{});
}

TEST(BlockingKeys, MissingColumnIsAnError) {
  RecordTable t = TableFromTsv(kRecords);
  EXPECT_THROW(BlockingKeyMaker(Rule({{"cccd"}}), 0, t, "t.tsv"), DataError);
}

TEST(BlockingIndex, BlocksAndOwnership) {
  RecordTable t = TableFromTsv(kRecords);
  std::vector<BlockingRule> rules = {Rule({{"phone"}}), Rule({{"dob", KeyFunction::kYear}}),
                                     Rule({{"name_fold", KeyFunction::kAnyToken}})};
  BlockingIndex index(rules, t, "t.tsv");
  ASSERT_EQ(index.Blocks(0).size(), 1u);  // a, b share a phone
  EXPECT_EQ(index.Blocks(0)[0].rows.size(), 2u);
  ASSERT_EQ(index.Blocks(1).size(), 1u);  // a, b, c born 1990
  EXPECT_EQ(index.Blocks(1)[0].rows.size(), 3u);
  EXPECT_EQ(index.RecordsWithKey(1), 3u);
  // Tokens: "an" (a, b, c), "nguyen" (a, b); ordered by first row then key.
  EXPECT_EQ(index.Blocks(2).size(), 2u);
  EXPECT_EQ(index.Owner(0, 1)->rule, 0u);
  EXPECT_EQ(index.Owner(0, 2)->rule, 1u);
  EXPECT_FALSE(index.Owner(0, 3).has_value());
  EXPECT_FALSE(index.Owns(1, index.Blocks(1)[0].key, 0, 1));  // phone came first
  EXPECT_TRUE(index.Owns(1, index.Blocks(1)[0].key, 0, 2));
  // a and b share tokens "an" and "nguyen": only the smaller key owns the pair in rule 2.
  auto keys_a = index.Keys(2, 0);
  std::vector<std::uint64_t> shared;
  for (auto k : index.Keys(2, 1))
    if (std::find(keys_a.begin(), keys_a.end(), k) != keys_a.end()) shared.push_back(k);
  ASSERT_EQ(shared.size(), 2u);
  std::vector<BlockingRule> only_tokens = {rules[2]};
  BlockingIndex tokens(only_tokens, t, "t.tsv");
  EXPECT_FALSE(index.Owns(2, std::min(shared[0], shared[1]), 0, 1));  // phone owns it
  auto tk = tokens.Keys(0, 0);
  std::vector<std::uint64_t> tshared;
  for (auto k : tokens.Keys(0, 1))
    if (std::find(tk.begin(), tk.end(), k) != tk.end()) tshared.push_back(k);
  ASSERT_EQ(tshared.size(), 2u);
  EXPECT_TRUE(tokens.Owns(0, std::min(tshared[0], tshared[1]), 0, 1));
  EXPECT_FALSE(tokens.Owns(0, std::max(tshared[0], tshared[1]), 0, 1));
  EXPECT_EQ(tokens.Owner(0, 1)->key, std::min(tshared[0], tshared[1]));
}

TEST(Blocking, PairsInBlock) {
  EXPECT_EQ(PairsInBlock(0, LinkType::kDedupeOnly, {}), 0u);
  EXPECT_EQ(PairsInBlock(1, LinkType::kDedupeOnly, {}), 0u);
  EXPECT_EQ(PairsInBlock(5, LinkType::kLinkAndDedupe, {}), 10u);
  std::vector<std::uint64_t> per_source = {3, 2};
  EXPECT_EQ(PairsInBlock(5, LinkType::kLinkOnly, per_source), 6u);
}

TEST(Blocking, ShardOfKeyIsStableAndSpread) {
  std::vector<int> counts(4, 0);
  for (std::uint64_t k = 0; k < 4000; ++k) {
    std::uint32_t s = ShardOfKey(k * 0x9E3779B97F4A7C15ull, 4);
    ASSERT_LT(s, 4u);
    ++counts[s];
  }
  for (int c : counts) EXPECT_GT(c, 850);
  EXPECT_EQ(ShardOfKey(12345, 7), ShardOfKey(12345, 7));
  EXPECT_EQ(ShardOfKey(12345, 1), 0u);
}

// Random records over small domains so that rules overlap.
RecordTable RandomTable(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::string tsv = "unique_id\tsource_dataset\tfamily\tgiven\tdob\ttokens\n";
  const char* families[] = {"nguyen", "tran", "le", "pham", "hoang"};
  const char* givens[] = {"an", "binh", "chi", "dung", "hoa", "lan", "minh"};
  for (std::size_t i = 0; i < n; ++i) {
    tsv += "id" + std::to_string(i) + "\t" + (rng() % 2 ? "x" : "y") + "\t";
    tsv += rng() % 10 ? families[rng() % 5] : "";
    tsv += "\t";
    tsv += givens[rng() % 7];
    tsv += "\t" + std::to_string(1980 + rng() % 4) + "-0" + std::to_string(1 + rng() % 3) + "\t";
    tsv += std::string(givens[rng() % 7]) + " " + givens[rng() % 7];
    tsv += "\n";
  }
  return TableFromTsv(tsv);
}

TEST(BlockingStats, ExactCountsMatchEnumeration) {
  RecordTable t = RandomTable(300, 7);
  std::vector<BlockingRule> rules = {Rule({{"family"}, {"given"}}), Rule({{"dob"}}),
                                     Rule({{"tokens", KeyFunction::kAnyToken}})};
  BlockingIndex index(rules, t, "t.tsv");
  for (LinkType lt : {LinkType::kDedupeOnly, LinkType::kLinkOnly}) {
    StatsOptions opt;
    opt.sample_pairs = 1000000;  // enumerate: new_pairs exact
    auto stats = ComputeBlockingStats(index, rules, t, lt, t.Find("source_dataset"), opt);
    // Brute force over all pairs.
    std::vector<std::uint64_t> pairs(3, 0), owned(3, 0);
    for (std::size_t a = 0; a < t.size(); ++a)
      for (std::size_t b = a + 1; b < t.size(); ++b) {
        if (lt == LinkType::kLinkOnly && t.Value(a, 1) == t.Value(b, 1)) continue;
        for (std::size_t r = 0; r < 3; ++r) {
          auto ka = index.Keys(r, a), kb = index.Keys(r, b);
          for (auto k : ka) pairs[r] += std::count(kb.begin(), kb.end(), k);
        }
        if (auto o = index.Owner(a, b)) ++owned[o->rule];
      }
    for (std::size_t r = 0; r < 3; ++r) {
      EXPECT_EQ(stats[r].pairs, pairs[r]) << r;
      EXPECT_TRUE(stats[r].new_pairs_exact);
      EXPECT_EQ(stats[r].new_pairs, static_cast<double>(owned[r])) << r;
    }
    EXPECT_TRUE(stats[0].pairs_exact);
    EXPECT_FALSE(stats[2].pairs_exact);
    // Sampling estimates the same within a few percent, deterministically.
    opt.sample_pairs = 1500;
    auto sampled = ComputeBlockingStats(index, rules, t, lt, t.Find("source_dataset"), opt);
    auto again = ComputeBlockingStats(index, rules, t, lt, t.Find("source_dataset"), opt);
    for (std::size_t r = 1; r < 3; ++r) {
      EXPECT_FALSE(sampled[r].new_pairs_exact);
      EXPECT_NEAR(sampled[r].new_pairs, static_cast<double>(owned[r]), 0.06 * pairs[r] + 1) << r;
      EXPECT_EQ(sampled[r].new_pairs, again[r].new_pairs);
    }
  }
}

TEST(BlockingStats, LargestBlocks) {
  RecordTable t = TableFromTsv(kRecords);
  std::vector<BlockingRule> rules = {Rule({{"name_fold", KeyFunction::kAnyToken}})};
  BlockingIndex index(rules, t, "t.tsv");
  auto stats = ComputeBlockingStats(index, rules, t, LinkType::kDedupeOnly, std::nullopt, {});
  ASSERT_EQ(stats[0].largest.size(), 2u);
  EXPECT_EQ(stats[0].largest[0].key, "an");
  EXPECT_EQ(stats[0].largest[0].size, 3u);
  EXPECT_EQ(stats[0].largest[1].key, "nguyen");
  EXPECT_EQ(stats[0].pairs, 4u);  // 3 + 1: a-b counted under both shared tokens
  EXPECT_EQ(stats[0].new_pairs, 3.0);
}

}  // namespace
}  // namespace vnlink
