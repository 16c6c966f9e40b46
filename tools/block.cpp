// vnlink block: blocking keys of canonical records, exact pair counts per rule (--stats),
// or the records partitioned into shard files by key hash (--shards); man/vnlink-block.1.
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "cli.h"
#include "commands.h"
#include "liblink/blocking.h"
#include "liblink/error.h"
#include "liblink/record_reader.h"
#include "liblink/record_writer.h"
#include "scoring_common.h"

namespace vnlink::cli {
namespace {

std::string LargestText(const RuleStats& st) {
  std::string s;
  for (const auto& b : st.largest) {
    if (!s.empty()) s += "; ";
    s += b.key + " (" + std::to_string(b.size) + ")";
  }
  return s;
}

}  // namespace

int RunBlock(int argc, char** argv) {
  CommandLine cl("block", "--settings FILE [--stats | --shards N] [options] [RECORDS]",
                 "Compute the blocking keys of canonical records under the blocking rules of a\n"
                 "settings or model file. By default, write one row per record and key:\n"
                 "unique_id, match_key, blocking_key. With --stats, print per rule the exact\n"
                 "number of candidate pairs and how many no earlier rule produced. With\n"
                 "--shards N, write the records into N shard files (PREFIX.i-of-N.tsv, PREFIX\n"
                 "from --output) that vnlink match scores independently.");
  std::string settings_path;
  std::uint32_t shards = 0;
  std::uint64_t max_pairs = 0, sample = 0, seed = 0;
  std::size_t top = 0;
  bool training = false;
  cl.options().add_options()("settings,s",
                             po::value(&settings_path)->value_name("FILE")->required(),
                             "settings or model file (man vnlink-model.5)")(
      "stats", "print per-rule statistics (TSV) instead of keys")(
      "shards", po::value(&shards)->value_name("N"),
      "write the records into N shard files named by --output as a prefix")(
      "training-rules", po::bool_switch(&training),
      "use training_blocking_rules instead of blocking_rules")(
      "max-pairs", po::value(&max_pairs)->value_name("N")->default_value(1000000000),
      "refuse (exit 3) when a rule has more than N candidate pairs, unless --force")(
      "force", "warn about rules above --max-pairs but go on")(
      "top", po::value(&top)->value_name("K")->default_value(3),
      "--stats: list the K largest blocks of each rule")(
      "sample", po::value(&sample)->value_name("N")->default_value(1000000),
      "--stats: above N pairs, estimate the pairs left to a rule from N sampled pairs")(
      "seed", po::value(&seed)->value_name("S")->default_value(1), "--stats: seed of the sampling");
  cl.Positional("RECORDS", 1);
  if (!cl.Parse(argc, argv)) return 0;
  const CommonOptions& common = cl.common();
  bool stats_mode = cl.vm().count("stats") > 0;
  bool shard_mode = cl.vm().count("shards") > 0;
  if (stats_mode && shard_mode) throw UsageError("give --stats or --shards, not both");
  if (shard_mode && (shards < 1 || shards > 100000))
    throw UsageError("--shards must be between 1 and 100000, not '" + std::to_string(shards) + "'");
  if (shard_mode && common.output == "-")
    throw UsageError("--shards needs --output PREFIX for the shard file names");
  if (sample == 0) throw UsageError("--sample must be at least 1");
  std::string input = cl.InputsOrStdin()[0];

  Settings settings = ReadSettingsFile(settings_path);
  const std::vector<BlockingRule>& rules =
      training ? settings.training_blocking_rules : settings.blocking_rules;
  if (rules.empty()) {
    throw DataError(settings_path, 0,
                    std::string(training ? "training_blocking_rules" : "blocking_rules") +
                        ": no rule to block on");
  }
  RecordTable table = LoadRecords(input, cl.reader_options());
  std::size_t id_column = table.Require(settings.unique_id_column, input);
  std::optional<std::size_t> source = SourceColumn(settings, table, input);
  CheckUniqueIds(table, id_column, source, input);
  BlockingIndex index(rules, table, input);

  // Pair counts from block sizes (cheap), checked against the limit before any output.
  StatsOptions so;
  so.top_blocks = top;
  so.sample_pairs = sample;
  so.seed = seed;
  std::vector<RuleStats> stats;
  if (stats_mode) {
    stats = ComputeBlockingStats(index, rules, table, settings.link_type, source, so);
  } else {
    so.sample_pairs = ~std::uint64_t{0};
    so.top_blocks = 0;
    for (std::size_t r = 0; r < rules.size(); ++r) {
      RuleStats st;
      st.name = rules[r].name;
      std::vector<std::uint64_t> per_source;
      for (const Block& b : index.Blocks(r)) {
        per_source.clear();
        if (settings.link_type == LinkType::kLinkOnly) {
          std::map<std::uint32_t, std::uint64_t> counts;
          for (std::uint32_t row : b.rows) ++counts[table.Id(row, *source)];
          for (const auto& [id, n] : counts) per_source.push_back(n);
        }
        st.pairs += PairsInBlock(b.rows.size(), settings.link_type, per_source);
      }
      stats.push_back(st);
    }
  }
  std::string too_big;
  for (std::size_t r = 0; r < stats.size(); ++r) {
    if (stats[r].pairs <= max_pairs) continue;
    Warn("block", "rule " + std::to_string(r) + " '" + stats[r].name + "' has " +
                      std::to_string(stats[r].pairs) + " candidate pairs, above --max-pairs " +
                      std::to_string(max_pairs));
    if (too_big.empty()) too_big = stats[r].name;
  }

  if (stats_mode) {
    OutputFile out(common.output);
    TsvWriter w(out, {"match_key", "rule", "records_with_key", "blocks", "candidate_pairs",
                      "counting", "new_pairs", "new_pairs_method", "largest_blocks"});
    double total_new = 0;
    bool all_exact = true;
    for (std::size_t r = 0; r < stats.size(); ++r) {
      const RuleStats& st = stats[r];
      total_new += st.new_pairs;
      all_exact = all_exact && st.new_pairs_exact;
      w.Field(std::to_string(r));
      w.Field(st.name);
      w.Field(std::to_string(st.records_with_key));
      w.Field(std::to_string(st.blocks));
      w.Field(std::to_string(st.pairs));
      w.Field(st.pairs_exact ? "exact" : "per_shared_key");
      w.Field(std::to_string(std::llround(st.new_pairs)));
      w.Field(st.new_pairs_exact
                  ? "exact"
                  : "sampled:" + std::to_string(sample) + ":seed=" + std::to_string(seed));
      w.Field(LargestText(st));
      w.EndRow();
    }
    w.Field("total");
    w.Field("all rules");
    w.Field(std::to_string(table.size()));
    w.Field("");
    w.Field("");
    w.Field("");
    w.Field(std::to_string(std::llround(total_new)));
    w.Field(all_exact ? "exact" : "sampled");
    w.Field("");
    w.EndRow();
    out.Commit();
  }
  if (!too_big.empty() && cl.vm().count("force") == 0) {
    throw CheckFailed("rule '" + too_big + "' has more candidate pairs than --max-pairs " +
                      std::to_string(max_pairs) + "; refine it or use --force");
  }
  if (stats_mode) return 0;

  if (shard_mode) {
    // Every record goes to the shard of each of its keys (see ShardsOfRecord).
    std::vector<std::unique_ptr<OutputFile>> files;
    std::vector<std::unique_ptr<TsvWriter>> writers;
    for (std::uint32_t i = 0; i < shards; ++i) {
      files.push_back(std::make_unique<OutputFile>(ShardFileName(common.output, i, shards)));
      writers.push_back(std::make_unique<TsvWriter>(*files.back(), table.header()));
    }
    std::vector<std::uint32_t> targets;
    std::vector<std::uint64_t> per_shard(shards, 0);
    std::uint64_t no_key = 0, copies = 0;
    std::vector<std::string_view> fields(table.header().size());
    for (std::size_t row = 0; row < table.size(); ++row) {
      ShardsOfRecord(index, row, shards, targets);
      if (targets.empty()) ++no_key;
      for (std::size_t c = 0; c < fields.size(); ++c) fields[c] = table.Value(row, c);
      for (std::uint32_t t : targets) {
        writers[t]->WriteRow(std::span<const std::string_view>(fields));
        ++per_shard[t];
        ++copies;
      }
    }
    for (auto& f : files) f->Commit();
    if (!common.quiet) {
      std::string counts;
      for (std::uint32_t i = 0; i < shards; ++i) {
        if (i > 0) counts += ' ';
        counts += std::to_string(per_shard[i]);
      }
      Note("block", std::to_string(table.size()) + " records into " + std::to_string(shards) +
                        " shards (" + std::to_string(copies) + " copies: " + counts + "); " +
                        std::to_string(no_key) + " records with no key written nowhere");
    }
    return 0;
  }

  OutputFile out(common.output);
  TsvWriter w(out, {"unique_id", "match_key", "blocking_key"});
  std::vector<std::uint64_t> keys;
  std::vector<std::string> texts;
  for (std::size_t row = 0; row < table.size(); ++row) {
    for (std::size_t r = 0; r < rules.size(); ++r) {
      index.maker(r).Keys(row, keys, &texts);
      // Readable order, not hash order.
      std::sort(texts.begin(), texts.end());
      for (const std::string& t : texts) {
        w.Field(table.Value(row, id_column));
        w.Field(std::to_string(r));
        w.Field(t);
        w.EndRow();
      }
    }
  }
  out.Commit();
  return 0;
}

}  // namespace vnlink::cli
