#include "liblink/blocking_recall.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <map>
#include <random>
#include <string>
#include <utility>

#include "liblink/comparison.h"
#include "liblink/error.h"
#include "liblink/match.h"
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

// Persons from a column of the table ("" = not in the truth).
std::vector<std::uint32_t> Persons(const RecordTable& t, const std::string& column) {
  const std::size_t c = *t.Find(column);
  std::vector<std::uint32_t> person;
  for (std::size_t row = 0; row < t.size(); ++row)
    person.push_back(t.Value(row, c).empty() ? kNoPerson : t.Id(row, c));
  return person;
}

// Appends one TSV line (the fields are evaluated in the caller's order, so the random
// records do not depend on the compiler's order of evaluation).
void AppendRow(std::string& tsv, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) tsv.append(i ? "\t" : "").append(fields[i]);
  tsv.append("\n");
}

// Worked out by hand below.
const char* kRecords =
    "unique_id\tdob\tname\tphone\tsource_dataset\tperson\n"
    "a\t1990\tan\t1\tx\tP1\n"
    "b\t1990\tan\t2\ty\tP1\n"
    "c\t1990\tbinh\t1\tx\tP3\n"
    "d\t1991\tan\t1\ty\tP1\n"
    "e\t1991\tchi\t\tx\tP2\n"
    "f\t\tchi\t3\ty\tP2\n"
    "g\t1985\tbình\t9\ty\tP3\n"
    "h\t1991\tdung\t4\tx\t\n";

std::vector<BlockingRule> ThreeRules() {
  return {Rule({{"dob"}}), Rule({{"name"}}), Rule({{"phone"}})};
}

// Blocks: dob {a,b,c} {d,e,h}; name {a,b,d} {e,f}; phone {a,c,d}.
// Candidates: dob ab ac bc de dh eh (6); name ad bd ef (ab is dob's) (3); phone cd (ac is
// dob's, ad name's) (1): 10 distinct.
// True pairs: P1 ab ad bd, P2 ef, P3 cg: 5. ab by dob and name; ad by name and phone; bd by
// name alone; ef by name alone (f has no dob); cg by none. Found 4 of 5.
TEST(BlockingRecall, HandWorkedDedupe) {
  RecordTable t = TableFromTsv(kRecords);
  BlockingIndex index(ThreeRules(), t, "t.tsv");
  BlockingRecall r = EvaluateBlocking(index, t, Persons(t, "person"), {});
  EXPECT_EQ(r.true_pairs, 5u);
  EXPECT_EQ(r.found, 4u);
  EXPECT_EQ(r.lost_in_skipped_blocks, 0u);
  EXPECT_DOUBLE_EQ(*r.Recall(), 0.8);
  ASSERT_EQ(r.rules.size(), 3u);
  EXPECT_EQ(r.rules[0].true_pairs, 1u);  // ab
  EXPECT_EQ(r.rules[0].only, 0u);
  EXPECT_EQ(r.rules[1].true_pairs, 4u);  // ab ad bd ef
  EXPECT_EQ(r.rules[1].only, 2u);        // bd ef
  EXPECT_EQ(r.rules[2].true_pairs, 1u);  // ad
  EXPECT_EQ(r.rules[2].only, 0u);
  EXPECT_EQ(r.candidate_pairs, 10u);
  EXPECT_EQ(r.blocks_skipped, 0u);
}

// Only pairs across sources (x: a c e h, y: b d f g).
// Candidates: dob ab bc de dh (ac, eh within x) (4); name ad ef (ab is dob's, bd within y)
// (2); phone cd (1): 7. True pairs across sources: ab ad ef cg (bd within y): 4, found 3.
TEST(BlockingRecall, HandWorkedLinkOnly) {
  RecordTable t = TableFromTsv(kRecords);
  BlockingIndex index(ThreeRules(), t, "t.tsv");
  BlockingRecallOptions opt;
  opt.link_type = LinkType::kLinkOnly;
  opt.source_column = t.Find("source_dataset");
  BlockingRecall r = EvaluateBlocking(index, t, Persons(t, "person"), opt);
  EXPECT_EQ(r.true_pairs, 4u);
  EXPECT_EQ(r.found, 3u);
  EXPECT_EQ(r.rules[0].true_pairs, 1u);  // ab
  EXPECT_EQ(r.rules[1].true_pairs, 3u);  // ab ad ef
  EXPECT_EQ(r.rules[1].only, 1u);        // ef
  EXPECT_EQ(r.rules[2].true_pairs, 1u);  // ad
  EXPECT_EQ(r.candidate_pairs, 7u);

  opt.source_column.reset();
  EXPECT_THROW((void)EvaluateBlocking(index, t, Persons(t, "person"), opt), Error);
}

// max_block_size 2 skips every block of 3: dob {a,b,c} {d,e,h}, name {a,b,d}, phone {a,c,d}
// (4 blocks, 12 pairs). Left: name {e,f}: 1 candidate. ab is owned by dob's skipped block,
// ad and bd by name's: lost, although phone also meets ad (in a skipped block too). ef is
// found by name alone.
TEST(BlockingRecall, SkippedBlocks) {
  RecordTable t = TableFromTsv(kRecords);
  BlockingIndex index(ThreeRules(), t, "t.tsv");
  BlockingRecallOptions opt;
  opt.max_block_size = 2;
  BlockingRecall r = EvaluateBlocking(index, t, Persons(t, "person"), opt);
  EXPECT_EQ(r.true_pairs, 5u);
  EXPECT_EQ(r.found, 1u);
  EXPECT_EQ(r.lost_in_skipped_blocks, 3u);
  EXPECT_EQ(r.rules[0].true_pairs, 0u);
  EXPECT_EQ(r.rules[1].true_pairs, 1u);
  EXPECT_EQ(r.rules[1].only, 1u);
  EXPECT_EQ(r.rules[2].true_pairs, 0u);
  EXPECT_EQ(r.candidate_pairs, 1u);
  EXPECT_EQ(r.blocks_skipped, 4u);
  EXPECT_EQ(r.pairs_skipped, 12u);
}

// Match() leaves a pair to its owner: when the owner's block is skipped, a later rule that
// meets the pair in a small block does not score it. Rule 0 (dob year) has block {p,q,r};
// rule 1 (phone) meets p and q alone.
TEST(BlockingRecall, SkippedOwnerIsNotRescued) {
  RecordTable t = TableFromTsv(
      "unique_id\tdob\tphone\tperson\n"
      "p\t1990\t5\tP\n"
      "q\t1990\t5\tP\n"
      "r\t1990\t6\tR\n");
  BlockingIndex index({Rule({{"dob"}}), Rule({{"phone"}})}, t, "t.tsv");
  BlockingRecallOptions opt;
  opt.max_block_size = 2;
  BlockingRecall r = EvaluateBlocking(index, t, Persons(t, "person"), opt);
  EXPECT_EQ(r.true_pairs, 1u);
  EXPECT_EQ(r.found, 0u);
  EXPECT_EQ(r.lost_in_skipped_blocks, 1u);
  EXPECT_EQ(r.rules[1].true_pairs, 1u);  // phone meets them in a block that is scored
  EXPECT_EQ(r.rules[1].only, 1u);
  EXPECT_EQ(r.candidate_pairs, 0u);  // pq is dob's; phone leaves it

  opt.max_block_size = 0;
  r = EvaluateBlocking(index, t, Persons(t, "person"), opt);
  EXPECT_EQ(r.found, 1u);
  EXPECT_EQ(r.candidate_pairs, 3u);
  EXPECT_EQ(r.rules[0].only, 0u);
}

// A multi-key rule: "an binh" and "an chi" share the token "an" (one candidate, counted
// once); "binh an" shares two tokens with "an binh" (one pair, not two).
TEST(BlockingRecall, MultiKeyRuleCountsEachPairOnce) {
  RecordTable t = TableFromTsv(
      "unique_id\tname\tperson\n"
      "a\tan binh\tP\n"
      "b\tbinh an\tP\n"
      "c\tan chi\tQ\n"
      "d\tdung\tQ\n");
  BlockingIndex index({Rule({{"name", KeyFunction::kAnyToken}})}, t, "t.tsv");
  BlockingRecall r = EvaluateBlocking(index, t, Persons(t, "person"), {});
  EXPECT_EQ(r.candidate_pairs, 3u);  // ab ac bc
  EXPECT_EQ(r.true_pairs, 2u);       // ab cd
  EXPECT_EQ(r.found, 1u);
}

TEST(BlockingRecall, NoTruePairs) {
  RecordTable t = TableFromTsv(kRecords);
  BlockingIndex index(ThreeRules(), t, "t.tsv");
  std::vector<std::uint32_t> person(t.size(), kNoPerson);
  BlockingRecall r = EvaluateBlocking(index, t, person, {});
  EXPECT_EQ(r.true_pairs, 0u);
  EXPECT_FALSE(r.Recall());
  EXPECT_EQ(r.candidate_pairs, 10u);
  person.pop_back();
  EXPECT_THROW((void)EvaluateBlocking(index, t, person, {}), Error);
}

// Against a brute force over all pairs of random records (single- and multi-key rules,
// every link type, with and without skipping), at 1 and 4 threads.
TEST(BlockingRecall, MatchesBruteForce) {
  std::mt19937 rng(7);
  const char* tokens[] = {"an", "binh", "chi", "dung", "em"};
  std::string tsv = "unique_id\tdob\tname\tphone\tsource_dataset\tperson\n";
  for (int i = 0; i < 300; ++i) {
    std::string name = tokens[rng() % 5];
    name.append(" ").append(tokens[rng() % 5]);
    std::string phone = rng() % 4 == 0 ? "" : std::to_string(rng() % 40);
    std::string source = rng() % 2 ? "x" : "y";
    std::string who = rng() % 5 == 0 ? "" : std::string("P").append(std::to_string(rng() % 80));
    AppendRow(tsv, {std::string("r").append(std::to_string(i)), std::to_string(1980 + rng() % 6),
                    name, phone, source, who});
  }
  RecordTable t = TableFromTsv(tsv);
  std::vector<std::uint32_t> person = Persons(t, "person");
  const std::size_t source = *t.Find("source_dataset");
  for (bool multi_first : {false, true}) {
    std::vector<BlockingRule> rules = {Rule({{"dob"}, {"name", KeyFunction::kFirstChars, 1}}),
                                       Rule({{"name", KeyFunction::kAnyToken}}), Rule({{"phone"}})};
    if (multi_first) std::swap(rules[0], rules[1]);
    BlockingIndex index(rules, t, "t.tsv");
    std::map<std::pair<std::size_t, std::uint64_t>, std::size_t> block_size;
    for (std::size_t r = 0; r < index.rules(); ++r)
      for (const Block& b : index.Blocks(r)) block_size[{r, b.key}] = b.rows.size();
    for (LinkType type : {LinkType::kDedupeOnly, LinkType::kLinkOnly}) {
      for (std::size_t max : {std::size_t{0}, std::size_t{40}}) {
        BlockingRecallOptions opt;
        opt.link_type = type;
        opt.source_column = source;
        opt.max_block_size = max;
        auto skipped = [&](std::size_t r, std::uint64_t key) {
          return max > 0 && block_size.at({r, key}) > max;
        };
        BlockingRecall want;
        want.rules.resize(rules.size());
        for (std::size_t a = 0; a < t.size(); ++a) {
          for (std::size_t b = a + 1; b < t.size(); ++b) {
            if (type == LinkType::kLinkOnly && t.Id(a, source) == t.Id(b, source)) continue;
            auto owner = index.Owner(a, b);
            const bool scored = owner && !skipped(owner->rule, owner->key);
            want.candidate_pairs += scored;
            if (person[a] == kNoPerson || person[a] != person[b]) continue;
            ++want.true_pairs;
            want.found += scored;
            want.lost_in_skipped_blocks += owner && !scored;
            std::vector<std::size_t> producers;
            for (std::size_t r = 0; r < rules.size(); ++r) {
              bool meets = false;
              for (std::uint64_t k : index.Keys(r, a))
                for (std::uint64_t l : index.Keys(r, b))
                  meets = meets || (k == l && !skipped(r, k));
              if (meets) producers.push_back(r);
            }
            for (std::size_t r : producers) ++want.rules[r].true_pairs;
            if (producers.size() == 1) ++want.rules[producers[0]].only;
          }
        }
        for (int threads : {1, 4}) {
          tbb::global_control c(tbb::global_control::max_allowed_parallelism, threads);
          BlockingRecall got = EvaluateBlocking(index, t, person, opt);
          SCOPED_TRACE("multi_first " + std::to_string(multi_first) + " type " +
                       std::to_string(static_cast<int>(type)) + " max " + std::to_string(max) +
                       " threads " + std::to_string(threads));
          EXPECT_GT(want.candidate_pairs, 0u);
          EXPECT_EQ(got.candidate_pairs, want.candidate_pairs);
          EXPECT_EQ(got.true_pairs, want.true_pairs);
          EXPECT_EQ(got.found, want.found);
          EXPECT_EQ(got.lost_in_skipped_blocks, want.lost_in_skipped_blocks);
          for (std::size_t r = 0; r < rules.size(); ++r) {
            EXPECT_EQ(got.rules[r].true_pairs, want.rules[r].true_pairs) << r;
            EXPECT_EQ(got.rules[r].only, want.rules[r].only) << r;
          }
          if (max > 0) {
            EXPECT_GT(got.blocks_skipped, 0u);
          }
        }
      }
    }
  }
}

// The candidate pairs and the true pairs found are exactly what Match() scores, for every
// link type and with skipped blocks.
TEST(BlockingRecall, AgreesWithMatch) {
  std::mt19937 rng(11);
  const char* tokens[] = {"an", "binh", "chi", "dung"};
  std::string tsv = "unique_id\tdob\tname\tphone\tsource_dataset\tperson\n";
  for (int i = 0; i < 400; ++i) {
    std::string name = tokens[rng() % 4];
    name.append(" ").append(tokens[rng() % 4]);
    std::string phone = rng() % 3 == 0 ? "" : std::to_string(rng() % 60);
    std::string source = rng() % 3 ? "x" : "y";
    AppendRow(tsv, {std::string("r").append(std::to_string(i)), std::to_string(1980 + rng() % 5),
                    name, phone, source, std::string("P").append(std::to_string(rng() % 150))});
  }
  RecordTable t = TableFromTsv(tsv);
  std::vector<std::uint32_t> person = Persons(t, "person");
  for (const char* link : {"dedupe_only", "link_only", "link_and_dedupe"}) {
    Settings settings = ParseSettings(std::string(R"({"link_type": ")") + link + R"(",
      "blocking_rules": [
        {"keys": ["dob", {"column": "name", "function": "first_chars", "n": 1}]},
        {"keys": [{"column": "name", "function": "any_token"}]},
        {"keys": ["phone"]}],
      "comparisons": [{"name": "dob", "column": "dob", "levels": [
        {"type": "null"},
        {"type": "exact", "m_probability": 0.9, "u_probability": 0.2},
        {"type": "else", "m_probability": 0.1, "u_probability": 0.8}]}],
      "probability_two_random_records_match": 0.01})",
                                      "model.json");
    ComparisonEngine engine(settings, t, "t.tsv");
    BlockingIndex index(settings.blocking_rules, t, "t.tsv");
    for (std::size_t max : {std::size_t{0}, std::size_t{30}}) {
      MatchOptions mo;
      mo.max_block_size = max;
      mo.source_column = t.Find("source_dataset");
      std::uint64_t true_scored = 0;
      MatchStats stats = Match(engine, index, mo, [&](const PairBatch& batch) {
        for (const ScoredPair& p : batch.pairs) true_scored += person[p.left] == person[p.right];
      });
      BlockingRecallOptions opt;
      opt.link_type = settings.link_type;
      opt.source_column = mo.source_column;
      opt.max_block_size = max;
      BlockingRecall r = EvaluateBlocking(index, t, person, opt);
      SCOPED_TRACE(std::string(link) + " max " + std::to_string(max));
      EXPECT_GT(stats.pairs_scored, 0u);
      EXPECT_EQ(r.candidate_pairs, stats.pairs_scored);
      EXPECT_EQ(r.found, true_scored);
      EXPECT_EQ(r.blocks_skipped, stats.blocks_skipped);
      EXPECT_EQ(r.pairs_skipped, stats.pairs_skipped);
      if (max > 0) {
        EXPECT_GT(r.blocks_skipped, 0u);
      }
    }
  }
}

}  // namespace
}  // namespace vnlink
