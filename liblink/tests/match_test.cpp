#include "liblink/match.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <map>
#include <random>
#include <set>
#include <tuple>

#include "liblink/error.h"
#include "scoring_test_util.h"

namespace vnlink {
namespace {

using testing_util::TableFromTsv;

constexpr const char* kModel = R"({
  "link_type": "%LINK%",
  "blocking_rules": [
    {"name": "dob_given", "keys": ["dob", "given_key"]},
    {"name": "phone", "keys": ["phone"]},
    {"name": "tokens", "keys": [{"column": "name_fold", "function": "any_token"},
                                {"column": "dob", "function": "year"}]}
  ],
  "comparisons": [
    {"name": "name", "column": "name_fold", "levels": [
      {"type": "null"},
      {"type": "exact", "tf_adjustment": true, "m_probability": 0.7, "u_probability": 0.001},
      {"type": "jaro_winkler", "threshold": 0.9, "m_probability": 0.2, "u_probability": 0.01},
      {"type": "token_set", "threshold": 1, "m_probability": 0.05, "u_probability": 0.002},
      {"type": "else", "m_probability": 0.05, "u_probability": 0.987}]},
    {"name": "dob", "column": "dob", "levels": [
      {"type": "null"},
      {"type": "exact", "m_probability": 0.85, "u_probability": 0.01},
      {"type": "date_difference", "threshold": 1, "unit": "years", "m_probability": 0.1, "u_probability": 0.1},
      {"type": "else", "m_probability": 0.05, "u_probability": 0.89}]},
    {"name": "phone", "column": "phone", "levels": [
      {"type": "null"},
      {"type": "exact", "m_probability": 0.6, "u_probability": 0.0001},
      {"type": "levenshtein", "threshold": 1, "m_probability": 0.1, "u_probability": 0.001},
      {"type": "else", "m_probability": 0.3, "u_probability": 0.9989}]}
  ],
  "probability_two_random_records_match": 0.001,
  "tf_minimum_u_value": 0.0001,
  "tf_tables": {"name_fold": {"nguyen van an": 0.01}}
})";

Settings Model(const std::string& link = "dedupe_only") {
  std::string text = kModel;
  text.replace(text.find("%LINK%"), 6, link);
  return ParseSettings(text, "model.json");
}

struct Rec {
  std::string id, source, name, given, dob, phone;
};

std::vector<Rec> RandomRecords(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const char* families[] = {"nguyen", "tran", "le", "pham"};
  const char* middles[] = {"van", "thi", "duc", ""};
  const char* givens[] = {"an", "binh", "chi", "dung", "hoa"};
  std::vector<Rec> out;
  for (std::size_t i = 0; i < n; ++i) {
    Rec r;
    r.id = "p" + std::to_string(rng() % 100000) + "_" + std::to_string(i);
    r.source = rng() % 3 ? "bv" : "bhxh";
    std::string given = givens[rng() % 5];
    std::string middle = middles[rng() % 4];
    r.name = std::string(families[rng() % 4]) + (middle.empty() ? "" : " " + middle) + " " + given;
    if (rng() % 8 == 0) r.name = "";
    r.given = given;
    r.dob = std::to_string(1985 + rng() % 3) + "-0" + std::to_string(1 + rng() % 2) + "-1" +
            std::to_string(rng() % 3);
    if (rng() % 10 == 0) r.dob = r.dob.substr(0, 4);
    r.phone = rng() % 3 ? "09" + std::to_string(10000000 + rng() % 40) : "";
    out.push_back(r);
  }
  return out;
}

RecordTable ToTable(const std::vector<Rec>& recs) {
  std::string tsv = "unique_id\tsource_dataset\tname_fold\tgiven_key\tdob\tphone\n";
  for (const Rec& r : recs)
    tsv += r.id + "\t" + r.source + "\t" + r.name + "\t" + r.given + "\t" + r.dob + "\t" + r.phone +
           "\n";
  return TableFromTsv(tsv);
}

// A pair as the output would print it (ids, rule, weight), for comparing runs.
using OutPair = std::tuple<std::string, std::string, std::uint32_t, double>;

std::vector<OutPair> RunMatch(const Settings& s, const RecordTable& t, MatchOptions opt,
                              MatchStats* stats = nullptr) {
  ComparisonEngine engine(s, t, "t.tsv");
  BlockingIndex index(s.blocking_rules, t, "t.tsv");
  opt.source_column = t.Find("source_dataset");
  std::vector<OutPair> out;
  MatchStats st = Match(engine, index, opt, [&](const PairBatch& batch) {
    for (const ScoredPair& p : batch.pairs)
      out.emplace_back(std::string(t.Value(p.left, 0)), std::string(t.Value(p.right, 0)), p.rule,
                       p.weight);
  });
  if (stats) *stats = st;
  return out;
}

TEST(Match, EveryCandidatePairExactlyOnceUnderItsFirstRule) {
  for (const char* link : {"dedupe_only", "link_only", "link_and_dedupe"}) {
    SCOPED_TRACE(link);
    Settings s = Model(link);
    RecordTable t = ToTable(RandomRecords(400, 11));
    MatchStats st;
    std::vector<OutPair> out = RunMatch(s, t, {}, &st);
    // Brute force: for every pair of records, the first rule under which they share a key.
    BlockingIndex index(s.blocking_rules, t, "t.tsv");
    std::map<std::pair<std::string, std::string>, std::uint32_t> expected;
    for (std::size_t a = 0; a < t.size(); ++a)
      for (std::size_t b = a + 1; b < t.size(); ++b) {
        if (std::string(link) == "link_only" && t.Value(a, 1) == t.Value(b, 1)) continue;
        for (std::uint32_t r = 0; r < index.rules(); ++r) {
          auto ka = index.Keys(r, a), kb = index.Keys(r, b);
          bool shared = std::any_of(ka.begin(), ka.end(), [&](std::uint64_t k) {
            return std::find(kb.begin(), kb.end(), k) != kb.end();
          });
          if (shared) {
            bool ab = PairOrderLess(
                t, 0, std::string(link) == "dedupe_only" ? std::nullopt : t.Find("source_dataset"),
                a, b);
            std::string l(t.Value(ab ? a : b, 0)), rr(t.Value(ab ? b : a, 0));
            expected[{l, rr}] = r;
            break;
          }
        }
      }
    std::map<std::pair<std::string, std::string>, std::uint32_t> got;
    for (const auto& [l, r, rule, w] : out) {
      EXPECT_TRUE(got.emplace(std::make_pair(l, r), rule).second)
          << "pair twice: " << l << " " << r;
      if (std::string(link) == "dedupe_only") {
        EXPECT_LT(l, r);
      }
    }
    EXPECT_EQ(got, expected);
    EXPECT_EQ(st.pairs_scored, expected.size());
    EXPECT_EQ(st.pairs_kept, expected.size());
    EXPECT_GT(st.pairs_owned_elsewhere, 0u);
    EXPECT_GT(expected.size(), 1000u);
  }
}

TEST(Match, WeightsAreTheEngineScores) {
  Settings s = Model();
  RecordTable t = ToTable(RandomRecords(150, 3));
  ComparisonEngine engine(s, t, "t.tsv");
  BlockingIndex index(s.blocking_rules, t, "t.tsv");
  MatchOptions opt;
  opt.keep_levels = true;
  std::size_t n = 0;
  Match(engine, index, opt, [&](const PairBatch& batch) {
    ASSERT_EQ(batch.levels.size(), batch.pairs.size() * engine.size());
    for (std::size_t i = 0; i < batch.pairs.size(); ++i) {
      const ScoredPair& p = batch.pairs[i];
      std::vector<std::uint8_t> v(engine.size());
      engine.Compare(p.left, p.right, v);
      EXPECT_TRUE(std::equal(v.begin(), v.end(), batch.levels.begin() + i * engine.size()));
      EXPECT_EQ(p.weight, engine.ScorePair(p.left, p.right, v));
      ++n;
    }
  });
  EXPECT_GT(n, 100u);
}

TEST(Match, IdenticalAtOneAndFourThreads) {
  Settings s = Model("link_and_dedupe");
  RecordTable t = ToTable(RandomRecords(1500, 5));
  std::vector<OutPair> one, four;
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
    one = RunMatch(s, t, {});
  }
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 4);
    four = RunMatch(s, t, {});
  }
  EXPECT_GT(one.size(), 70000u);  // enough pairs for several work items
  EXPECT_EQ(one, four);
}

TEST(Match, UnionOfShardsEqualsSingleRun) {
  Settings s = Model();
  std::vector<Rec> recs = RandomRecords(600, 9);
  RecordTable t = ToTable(recs);
  MatchOptions opt;
  opt.threshold_weight = -5;
  std::vector<OutPair> single = RunMatch(s, t, opt);
  std::sort(single.begin(), single.end());

  BlockingIndex index(s.blocking_rules, t, "t.tsv");
  std::vector<OutPair> from_full, from_files;
  std::vector<std::uint32_t> shards;
  for (std::uint32_t i = 0; i < 4; ++i) {
    MatchOptions so = opt;
    so.shard_index = i;
    so.shard_count = 4;
    // The whole input filtered by --shard ...
    for (auto& p : RunMatch(s, t, so)) from_full.push_back(p);
    // ... and the shard file `block --shards` writes (its records, in reverse order).
    std::vector<Rec> part;
    for (std::size_t r = recs.size(); r-- > 0;) {
      ShardsOfRecord(index, r, 4, shards);
      if (std::binary_search(shards.begin(), shards.end(), i)) part.push_back(recs[r]);
    }
    EXPECT_LT(part.size(), recs.size());
    for (auto& p : RunMatch(s, ToTable(part), so)) from_files.push_back(p);
  }
  std::sort(from_full.begin(), from_full.end());
  std::sort(from_files.begin(), from_files.end());
  EXPECT_EQ(from_full, single);
  EXPECT_EQ(from_files, single);
}

TEST(Match, ThresholdAndOversizedBlocks) {
  Settings s = Model();
  RecordTable t = ToTable(RandomRecords(300, 21));
  std::vector<OutPair> all = RunMatch(s, t, {});
  MatchOptions opt;
  opt.threshold_weight = 5;
  std::vector<OutPair> high = RunMatch(s, t, opt);
  std::vector<OutPair> expected;
  for (const auto& p : all)
    if (std::get<3>(p) >= 5) expected.push_back(p);
  EXPECT_EQ(high, expected);
  EXPECT_LT(high.size(), all.size());

  MatchOptions small;
  small.max_block_size = 10;
  MatchStats st;
  std::vector<OutPair> capped = RunMatch(s, t, small, &st);
  EXPECT_GT(st.blocks_skipped, 0u);
  EXPECT_GT(st.pairs_skipped, 0u);
  EXPECT_LE(st.largest_block, 10u);
  EXPECT_LT(capped.size(), all.size());
}

TEST(Match, ProgressAddsUpToTheWork) {
  Settings s = Model();
  RecordTable t = ToTable(RandomRecords(800, 4));
  ComparisonEngine engine(s, t, "t.tsv");
  BlockingIndex index(s.blocking_rules, t, "t.tsv");
  for (std::uint32_t shard = 0; shard < 3; ++shard) {
    MatchOptions opt;
    opt.shard_index = shard;
    opt.shard_count = 3;
    opt.max_block_size = 30;
    std::uint64_t reported = 0, calls = 0;
    opt.progress = [&](std::uint64_t n) { reported += n, ++calls; };
    MatchStats st = Match(engine, index, opt, [](const PairBatch&) {});
    EXPECT_EQ(reported, MatchWorkPairs(index, opt));
    EXPECT_EQ(reported, st.pairs_scored + st.pairs_owned_elsewhere);
    EXPECT_GT(calls, 0u);
  }
}

TEST(Match, RequiresATrainedModel) {
  Settings s = ParseSettings(R"({"blocking_rules": [{"keys": ["dob"]}], "comparisons": [
      {"name": "dob", "column": "dob", "levels": [{"type": "exact"}, {"type": "else"}]}]})",
                             "m.json");
  RecordTable t = ToTable(RandomRecords(10, 1));
  ComparisonEngine engine(s, t, "t.tsv");
  BlockingIndex index(s.blocking_rules, t, "t.tsv");
  try {
    Match(engine, index, {}, [](const PairBatch&) {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "the model is not trained: 'probability_two_random_records_match' is missing "
                 "(run vnlink train)");
  }
}

}  // namespace
}  // namespace vnlink
