// vnlink match: score the candidate pairs of canonical records with a trained model and
// write those at or above a threshold as the scored pairs TSV (man/vnlink-match.1).
#include "liblink/match.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>

#include "cli.h"
#include "commands.h"
#include "liblink/blocking.h"
#include "liblink/comparison.h"
#include "liblink/error.h"
#include "liblink/record_writer.h"
#include "progress.h"
#include "scoring_common.h"

namespace vnlink::cli {
namespace {

// Fixed formats keep the bytes identical across runs and thread counts.
std::string_view Fixed(char* buf, std::size_t size, double v, int precision) {
  auto [p, ec] = std::to_chars(buf, buf + size, v, std::chars_format::fixed, precision);
  return std::string_view(buf, static_cast<std::size_t>(p - buf));
}

std::string_view General(char* buf, std::size_t size, double v, int precision) {
  auto [p, ec] = std::to_chars(buf, buf + size, v, std::chars_format::general, precision);
  return std::string_view(buf, static_cast<std::size_t>(p - buf));
}

}  // namespace

int RunMatch(int argc, char** argv) {
  CommandLine cl("match", "--model FILE [options] [RECORDS]",
                 "Score the candidate pairs of canonical records (the TSV of vnlink normalize,\n"
                 "or a shard of it from vnlink block --shards) with a trained model and write\n"
                 "the pairs at or above the threshold: unique_id_l, unique_id_r, match_weight,\n"
                 "match_probability, match_key. Each pair is scored once, under the first\n"
                 "blocking rule that brings it together.");
  std::string model_path, shard_text;
  double threshold_weight = 0, threshold_probability = 0;
  std::size_t max_block_size = 0;
  cl.options().add_options()("model,m", po::value(&model_path)->value_name("FILE")->required(),
                             "the trained model (man vnlink-model.5)")(
      "threshold-weight", po::value(&threshold_weight)->value_name("W"),
      "write pairs with match weight >= W (default: the model's review threshold, else its "
      "match threshold, else every pair)")("threshold-probability",
                                           po::value(&threshold_probability)->value_name("P"),
                                           "write pairs with match probability >= P (0 < P < 1)")(
      "explain", "add gamma_<comparison> (level) and bf_<comparison> (Bayes factor) columns")(
      "shard", po::value(&shard_text)->value_name("i/N"),
      "score only the blocks of shard i of N (default: from SLURM_ARRAY_TASK_ID and "
      "SLURM_ARRAY_TASK_COUNT, else from a RECORDS name PREFIX.i-of-N.tsv, else 0/1)")(
      "max-block-size", po::value(&max_block_size)->value_name("N")->default_value(20000),
      "skip blocks of more than N records, with a warning and a count (0 = no limit)");
  cl.Positional("RECORDS", 1);
  if (!cl.Parse(argc, argv)) return 0;
  const CommonOptions& common = cl.common();

  if (cl.vm().count("threshold-weight") && cl.vm().count("threshold-probability"))
    throw UsageError("give --threshold-weight or --threshold-probability, not both");
  if (cl.vm().count("threshold-probability") &&
      !(threshold_probability > 0 && threshold_probability < 1))
    throw UsageError("--threshold-probability must be between 0 and 1, not '" +
                     std::to_string(threshold_probability) + "'");
  std::string input = cl.InputsOrStdin()[0];

  Shard shard;
  if (!shard_text.empty()) {
    shard = ParseShard(shard_text, "--shard");
  } else if (auto s = ShardFromEnvironment()) {
    shard = *s;
  } else if (auto f = ShardFromFileName(input)) {
    shard = *f;
  }

  Settings settings = ReadSettingsFile(model_path);
  if (!settings.IsTrained())
    throw DataError(model_path, 0,
                    "the model is not trained: '" + settings.MissingParameter() +
                        "' is missing (run vnlink train)");
  if (settings.blocking_rules.empty())
    throw DataError(model_path, 0, "blocking_rules: no blocking rule, so no candidate pairs");

  MatchOptions options;
  options.shard_index = shard.index;
  options.shard_count = shard.count;
  options.max_block_size = max_block_size;
  options.keep_levels = cl.vm().count("explain") > 0;
  if (cl.vm().count("threshold-weight")) {
    options.threshold_weight = threshold_weight;
  } else if (cl.vm().count("threshold-probability")) {
    options.threshold_weight = ProbabilityToWeight(threshold_probability);
  } else if (auto review = settings.thresholds.ReviewWeight()) {
    options.threshold_weight = *review;
  } else if (auto match = settings.thresholds.MatchWeight()) {
    options.threshold_weight = *match;
  }

  RecordTable table = LoadRecords(input, cl.reader_options(), settings);
  std::string file = input == "-" ? "-" : input;
  std::size_t id_column = table.Require(settings.unique_id_column, file);
  options.source_column = SourceColumn(settings, table, file);
  CheckUniqueIds(table, id_column, options.source_column, file);
  ComparisonEngine engine(settings, table, file);
  BlockingIndex index(settings.blocking_rules, table, file);

  std::vector<std::string> header = {"unique_id_l", "unique_id_r"};
  bool link = settings.link_type != LinkType::kDedupeOnly;
  if (link) {
    header.push_back(settings.source_dataset_column + "_l");
    header.push_back(settings.source_dataset_column + "_r");
  }
  for (const char* c : {"match_weight", "match_probability", "match_key"}) header.push_back(c);
  if (options.keep_levels) {
    for (const Comparison& c : settings.comparisons) {
      header.push_back("gamma_" + c.name);
      header.push_back("bf_" + c.name);
    }
  }

  OutputFile out(common.output);
  TsvWriter writer(out, header);
  const std::size_t k = engine.size();
  char buf[64];
  Progress progress("match", "scoring", MatchWorkPairs(index, options), "pairs", common.progress);
  options.progress = [&](std::uint64_t n) { progress.Add(n); };
  MatchStats stats = Match(engine, index, options, [&](const PairBatch& batch) {
    for (std::size_t i = 0; i < batch.pairs.size(); ++i) {
      const ScoredPair& p = batch.pairs[i];
      writer.Field(table.Value(p.left, id_column));
      writer.Field(table.Value(p.right, id_column));
      if (link) {
        writer.Field(table.Value(p.left, *options.source_column));
        writer.Field(table.Value(p.right, *options.source_column));
      }
      writer.Field(Fixed(buf, sizeof buf, p.weight, 6));
      writer.Field(General(buf, sizeof buf, WeightToProbability(p.weight), 10));
      writer.Field(std::to_string(p.rule));
      if (options.keep_levels) {
        for (std::size_t c = 0; c < k; ++c) {
          std::uint8_t level = batch.levels[i * k + c];
          writer.Field(std::to_string(engine.Gamma(c, level)));
          double w = engine.ComparisonWeight(c, p.left, p.right, level);
          writer.Field(General(buf, sizeof buf, std::exp2(w), 6));
        }
      }
      writer.EndRow();
    }
  });
  out.Commit();
  progress.Done();

  if (stats.blocks_skipped > 0) {
    Warn("match", "skipped " + std::to_string(stats.blocks_skipped) +
                      " blocks larger than --max-block-size " + std::to_string(max_block_size) +
                      " (" + std::to_string(stats.pairs_skipped) +
                      " candidate pairs in them not scored); give their rule a finer key");
  }
  if (!common.quiet) {
    std::string shard_note = shard.count > 1 ? " (shard " + std::to_string(shard.index) + "/" +
                                                   std::to_string(shard.count) + ")"
                                             : "";
    Note("match", std::to_string(table.size()) + " records, " + std::to_string(stats.blocks) +
                      " blocks" + shard_note + ", " + std::to_string(stats.pairs_scored) +
                      " pairs scored, " + std::to_string(stats.pairs_kept) + " written");
  }
  return 0;
}

}  // namespace vnlink::cli
