// vnlink eval: accuracy of scored pairs and/or clusters against a ground truth
// (liblink/metrics.h computes; this file reads the inputs and lays out the report).

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli.h"
#include "liblink/blocking.h"
#include "liblink/blocking_recall.h"
#include "liblink/decimal.h"
#include "liblink/error.h"
#include "liblink/metrics.h"
#include "liblink/record_reader.h"
#include "liblink/record_writer.h"
#include "scoring_common.h"

namespace vnlink::cli {
namespace {

constexpr char kCommand[] = "eval";
constexpr std::size_t kMaxSweepRows = 10000;

std::string Num(double value) {
  char text[32];
  const auto [end, ec] = std::to_chars(text, text + sizeof text, value);
  return std::string(text, ec == std::errc() ? end : text);
}

// Ratios: 4 decimals for people, 6 in TSV, "n/a" / empty when undefined.
std::string Fixed(std::optional<double> value, int decimals, const char* undefined) {
  if (!value) return undefined;
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, *value);
  return text;
}

nlohmann::json Json(std::optional<double> value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json Json(const PairCounts& c) {
  return {{"tp", c.tp},
          {"fp", c.fp},
          {"fn", c.fn},
          {"precision", Json(c.Precision())},
          {"recall", Json(c.Recall())},
          {"f1", Json(c.F1())}};
}

struct PairsResult {
  std::string path;
  bool weighted = false;
  double threshold = 0;
  std::uint64_t pairs = 0, unknown = 0, duplicates = 0;
  PairCounts at_threshold;
  std::vector<SweepRow> sweep;
  std::optional<std::size_t> best;
};

struct BlockingResult {
  std::string records_path, settings_path;
  std::size_t max_block_size = 0;
  std::string link_type;
  bool link_only = false;
  std::uint64_t records = 0;
  std::uint64_t records_unknown = 0;  // records not in the truth
  std::uint64_t truth_missing = 0;    // truth records not in the records
  std::vector<std::string> rule_names;
  BlockingRecall recall;
};

struct Report {
  std::string truth_path;
  std::uint64_t truth_records = 0, persons = 0, true_pairs = 0;
  std::optional<PairsResult> pairs;
  std::optional<std::string> clusters_path;
  ClusterReport clusters;
  std::optional<BlockingResult> blocking;
};

// An empty id would silently become one record shared by every row missing its id.
void RequireValues(const RecordReader& reader, const Row& row,
                   std::initializer_list<std::size_t> columns) {
  for (std::size_t column : columns) {
    if (row[column].empty()) {
      throw DataError(reader.name(), row.line,
                      "empty value in column '" + reader.header()[column] + "'");
    }
  }
}

void ReadTruth(const std::string& path, const ReaderOptions& options, Truth& truth) {
  auto reader = RecordReader::Open(path, options);
  const std::size_t id = reader->Require("unique_id");
  const std::size_t person = reader->Require("person_id");
  Row row;
  while (reader->Next(row)) {
    RequireValues(*reader, row, {id, person});
    if (!truth.Add(row[id], row[person])) {
      throw DataError(reader->name(), row.line,
                      "duplicate unique_id '" + std::string(row[id]) + "'");
    }
  }
}

PairsResult EvaluatePairs(const std::string& path, const ReaderOptions& options, const Truth& truth,
                          double threshold, double step) {
  PairsResult result;
  result.path = path;
  result.threshold = threshold;
  PairEvaluator evaluator(truth);
  auto reader = RecordReader::Open(path, options);
  const std::size_t l = reader->Require("unique_id_l");
  const std::size_t r = reader->Require("unique_id_r");
  const std::optional<std::size_t> w = reader->Find("match_weight");
  result.weighted = w.has_value();
  Row row;
  while (reader->Next(row)) {
    std::optional<double> weight;
    if (w) {
      weight = ParseDecimal(row[*w]);
      if (!weight) {
        throw DataError(reader->name(), row.line,
                        "invalid number '" + std::string(row[*w]) + "' in column 'match_weight'");
      }
    }
    RequireValues(*reader, row, {l, r});
    if (!evaluator.Add(row[l], row[r], weight)) {
      throw DataError(reader->name(), row.line,
                      "pair links '" + std::string(row[l]) + "' to itself");
    }
  }
  result.pairs = evaluator.pairs();
  result.unknown = evaluator.unknown_pairs();
  result.duplicates = evaluator.duplicate_pairs();
  if (result.unknown > 0) {
    Warn(kCommand, std::to_string(result.unknown) + " pairs of '" + path +
                       "' name records not in the truth (e.g. '" + evaluator.unknown_example() +
                       "'); they are left out of the metrics");
  }
  if (result.duplicates > 0) {
    Warn(kCommand, std::to_string(result.duplicates) + " pairs of '" + path +
                       "' are given more than once; each counts once, at its highest weight");
  }
  result.at_threshold = evaluator.CountAt(threshold);
  if (result.weighted) {
    const std::size_t rows = evaluator.SweepSize(step);
    if (rows > kMaxSweepRows) {
      throw UsageError("the threshold sweep would have " + std::to_string(rows) +
                       " rows; use a larger --sweep-step");
    }
    result.sweep = evaluator.Sweep(step);
    result.best = BestF1(result.sweep);
  }
  return result;
}

ClusterReport EvaluateClusters(const std::string& path, const ReaderOptions& options,
                               const Truth& truth) {
  ClusterEvaluator evaluator(truth);
  auto reader = RecordReader::Open(path, options);
  const std::size_t id = reader->Require("unique_id");
  const std::size_t cluster = reader->Require("cluster_id");
  Row row;
  while (reader->Next(row)) {
    RequireValues(*reader, row, {id, cluster});
    if (!evaluator.Add(row[id], row[cluster])) {
      throw DataError(reader->name(), row.line,
                      "duplicate unique_id '" + std::string(row[id]) + "'");
    }
  }
  ClusterReport report = evaluator.Evaluate();
  if (report.records_unknown > 0) {
    Warn(kCommand, std::to_string(report.records_unknown) + " records of '" + path +
                       "' are not in the truth (e.g. '" + report.unknown_example +
                       "'); they are left out of the metrics");
  }
  if (report.records_missing > 0) {
    Warn(kCommand, std::to_string(report.records_missing) + " records of the truth are not in '" +
                       path + "'; each counts as a cluster of its own");
  }
  return report;
}

// The true pairs the blocking rules of `settings_path` bring to `vnlink match` over the
// records, with match's rules: link type, owner of each pair, --max-block-size.
BlockingResult EvaluateBlockingRecall(const std::string& records_path,
                                      const std::string& settings_path, std::size_t max_block_size,
                                      const ReaderOptions& options, const Truth& truth) {
  BlockingResult result;
  result.records_path = records_path;
  result.settings_path = settings_path;
  result.max_block_size = max_block_size;
  const Settings settings = ReadSettingsFile(settings_path);
  if (settings.blocking_rules.empty())
    throw DataError(settings_path, 0, "blocking_rules: no blocking rule, so no candidate pairs");
  result.link_type = LinkTypeName(settings.link_type);
  result.link_only = settings.link_type == LinkType::kLinkOnly;
  for (const BlockingRule& rule : settings.blocking_rules) result.rule_names.push_back(rule.name);

  const RecordTable table = LoadRecords(records_path, options);
  const std::size_t id_column = table.Require(settings.unique_id_column, records_path);
  BlockingRecallOptions recall_options;
  recall_options.link_type = settings.link_type;
  recall_options.source_column = SourceColumn(settings, table, records_path);
  recall_options.max_block_size = max_block_size;
  CheckUniqueIds(table, id_column, recall_options.source_column, records_path);

  std::vector<std::uint32_t> person(table.size(), kNoPerson);
  std::vector<bool> seen(truth.records(), false);
  for (std::size_t row = 0; row < table.size(); ++row) {
    const std::string_view id = table.Value(row, id_column);
    const auto record = truth.Find(id);
    if (!record) {
      ++result.records_unknown;
      continue;
    }
    // Unique within each source (checked above), but the truth names records by unique_id.
    if (seen[*record]) {
      throw DataError(records_path, table.Line(row),
                      "unique_id '" + std::string(id) +
                          "' is in more than one source; the truth names records by unique_id");
    }
    seen[*record] = true;
    person[row] = truth.Person(*record);
  }
  result.records = table.size();
  result.truth_missing = truth.records() - (table.size() - result.records_unknown);
  if (result.truth_missing > 0) {
    Warn(kCommand, std::to_string(result.truth_missing) + " records of the truth are not in '" +
                       records_path + "'; their true pairs are left out of the blocking recall");
  }
  const BlockingIndex index(settings.blocking_rules, table, records_path);
  result.recall = EvaluateBlocking(index, table, person, recall_options);
  return result;
}

std::string CountsLine(const PairCounts& c) {
  return "TP " + std::to_string(c.tp) + "  FP " + std::to_string(c.fp) + "  FN " +
         std::to_string(c.fn) + "  precision " + Fixed(c.Precision(), 4, "n/a") + "  recall " +
         Fixed(c.Recall(), 4, "n/a") + "  F1 " + Fixed(c.F1(), 4, "n/a");
}

std::string Table(const Report& r) {
  std::ostringstream os;
  os << "truth: " << r.truth_records << " records, " << r.persons << " persons, " << r.true_pairs
     << " true pairs\n";
  if (r.pairs) {
    const PairsResult& p = *r.pairs;
    os << "\npairs: " << p.path << "\n  " << p.pairs << " pairs read";
    if (p.unknown > 0) os << ", " << p.unknown << " naming records not in the truth (left out)";
    if (p.duplicates > 0) os << ", " << p.duplicates << " duplicates";
    os << "\n  "
       << (p.weighted ? "at match_weight >= " + Num(p.threshold) : "all pairs (no match_weight)")
       << ": " << CountsLine(p.at_threshold) << "\n";
    if (!p.sweep.empty()) {
      char line[160];
      os << "\nthreshold sweep (pairs with match_weight >= threshold)\n";
      std::snprintf(line, sizeof line, "%12s %12s %12s %12s %10s %10s %10s\n", "threshold", "TP",
                    "FP", "FN", "precision", "recall", "F1");
      os << line;
      for (const SweepRow& row : p.sweep) {
        const PairCounts& c = row.counts;
        std::snprintf(line, sizeof line, "%12s %12llu %12llu %12llu %10s %10s %10s\n",
                      Num(row.threshold).c_str(), static_cast<unsigned long long>(c.tp),
                      static_cast<unsigned long long>(c.fp), static_cast<unsigned long long>(c.fn),
                      Fixed(c.Precision(), 4, "n/a").c_str(), Fixed(c.Recall(), 4, "n/a").c_str(),
                      Fixed(c.F1(), 4, "n/a").c_str());
        os << line;
      }
      if (p.best) {
        os << "best F1 " << Fixed(p.sweep[*p.best].counts.F1(), 4, "n/a") << " at threshold "
           << Num(p.sweep[*p.best].threshold) << "\n";
      }
    }
  }
  if (r.clusters_path) {
    const ClusterReport& c = r.clusters;
    os << "\nclusters: " << *r.clusters_path << "\n  " << c.records << " truth records in "
       << c.predicted_clusters << " clusters";
    if (c.records_missing > 0) os << " (" << c.records_missing << " missing: singletons)";
    if (c.records_unknown > 0)
      os << ", " << c.records_unknown << " records not in the truth (left out)";
    os << "\n  true clusters reproduced exactly: " << c.exact_clusters << " of " << c.true_clusters
       << " (" << Fixed(c.exact_share, 4, "n/a") << ")\n"
       << "  B-cubed: precision " << Fixed(c.bcubed_precision, 4, "n/a") << "  recall "
       << Fixed(c.bcubed_recall, 4, "n/a") << "  F1 " << Fixed(c.bcubed_f1, 4, "n/a") << "\n"
       << "  pairwise: " << CountsLine(c.pairs) << "\n";
  }
  if (r.blocking) {
    const BlockingResult& b = *r.blocking;
    const BlockingRecall& br = b.recall;
    os << "\nblocking: " << b.records_path << " with the rules of " << b.settings_path
       << " (max block size " << (b.max_block_size > 0 ? std::to_string(b.max_block_size) : "none")
       << ")\n  " << b.records << " records";
    if (b.records_unknown > 0) os << " (" << b.records_unknown << " not in the truth)";
    if (b.truth_missing > 0) os << ", " << b.truth_missing << " truth records missing";
    os << ", " << br.true_pairs << " true pairs" << (b.link_only ? " across sources" : "")
       << "\n  blocking recall " << Fixed(br.Recall(), 4, "n/a") << ": " << br.found << " of "
       << br.true_pairs << " true pairs are candidates, " << br.true_pairs - br.found << " missed";
    if (br.lost_in_skipped_blocks > 0)
      os << " (" << br.lost_in_skipped_blocks << " owned by skipped blocks)";
    os << "\n  " << br.candidate_pairs << " distinct candidate pairs";
    if (br.blocks_skipped > 0) {
      os << "; " << br.blocks_skipped << " blocks above the max block size skipped ("
         << br.pairs_skipped << " pairs in them)";
    }
    char line[160];
    std::snprintf(line, sizeof line, "\n  %4s %12s %12s  %s\n", "rule", "true pairs", "alone",
                  "name");
    os << line;
    for (std::size_t i = 0; i < br.rules.size(); ++i) {
      std::snprintf(line, sizeof line, "  %4zu %12llu %12llu  ", i,
                    static_cast<unsigned long long>(br.rules[i].true_pairs),
                    static_cast<unsigned long long>(br.rules[i].only));
      os << line << b.rule_names[i] << "\n";
    }
  }
  return os.str();
}

void Tsv(const Report& r, TsvWriter& w) {
  auto put = [&w](std::string_view section, const std::string& threshold, std::string_view metric,
                  const std::string& value) {
    w.Field(section);
    w.Field(threshold);
    w.Field(metric);
    w.Field(value);
    w.EndRow();
  };
  auto counts = [&put](std::string_view section, const std::string& t, const PairCounts& c) {
    put(section, t, "tp", std::to_string(c.tp));
    put(section, t, "fp", std::to_string(c.fp));
    put(section, t, "fn", std::to_string(c.fn));
    put(section, t, "precision", Fixed(c.Precision(), 6, ""));
    put(section, t, "recall", Fixed(c.Recall(), 6, ""));
    put(section, t, "f1", Fixed(c.F1(), 6, ""));
  };
  put("truth", "", "records", std::to_string(r.truth_records));
  put("truth", "", "persons", std::to_string(r.persons));
  put("truth", "", "true_pairs", std::to_string(r.true_pairs));
  if (r.pairs) {
    const PairsResult& p = *r.pairs;
    put("pairs", "", "pairs", std::to_string(p.pairs));
    put("pairs", "", "unknown_pairs", std::to_string(p.unknown));
    put("pairs", "", "duplicate_pairs", std::to_string(p.duplicates));
    counts("pairs", p.weighted ? Num(p.threshold) : "", p.at_threshold);
    for (const SweepRow& row : p.sweep) counts("sweep", Num(row.threshold), row.counts);
    if (p.best) {
      put("sweep_best", Num(p.sweep[*p.best].threshold), "f1",
          Fixed(p.sweep[*p.best].counts.F1(), 6, ""));
    }
  }
  if (r.clusters_path) {
    const ClusterReport& c = r.clusters;
    put("clusters", "", "records", std::to_string(c.records));
    put("clusters", "", "records_missing", std::to_string(c.records_missing));
    put("clusters", "", "records_unknown", std::to_string(c.records_unknown));
    put("clusters", "", "predicted_clusters", std::to_string(c.predicted_clusters));
    put("clusters", "", "true_clusters", std::to_string(c.true_clusters));
    put("clusters", "", "exact_clusters", std::to_string(c.exact_clusters));
    put("clusters", "", "exact_share", Fixed(c.exact_share, 6, ""));
    put("clusters", "", "bcubed_precision", Fixed(c.bcubed_precision, 6, ""));
    put("clusters", "", "bcubed_recall", Fixed(c.bcubed_recall, 6, ""));
    put("clusters", "", "bcubed_f1", Fixed(c.bcubed_f1, 6, ""));
    counts("cluster_pairs", "", c.pairs);
  }
  if (r.blocking) {
    const BlockingResult& b = *r.blocking;
    const BlockingRecall& br = b.recall;
    put("blocking", "", "records", std::to_string(b.records));
    put("blocking", "", "records_unknown", std::to_string(b.records_unknown));
    put("blocking", "", "truth_records_missing", std::to_string(b.truth_missing));
    put("blocking", "", "true_pairs", std::to_string(br.true_pairs));
    put("blocking", "", "found", std::to_string(br.found));
    put("blocking", "", "recall", Fixed(br.Recall(), 6, ""));
    put("blocking", "", "lost_in_skipped_blocks", std::to_string(br.lost_in_skipped_blocks));
    put("blocking", "", "candidate_pairs", std::to_string(br.candidate_pairs));
    put("blocking", "", "blocks_skipped", std::to_string(br.blocks_skipped));
    put("blocking", "", "pairs_skipped", std::to_string(br.pairs_skipped));
    // The rule's index (as match_key) in the second column.
    for (std::size_t i = 0; i < br.rules.size(); ++i) {
      put("blocking_rule", std::to_string(i), "name", b.rule_names[i]);
      put("blocking_rule", std::to_string(i), "true_pairs", std::to_string(br.rules[i].true_pairs));
      put("blocking_rule", std::to_string(i), "only", std::to_string(br.rules[i].only));
    }
  }
}

nlohmann::json Json(const Report& r) {
  nlohmann::json j;
  j["truth"] = {{"file", r.truth_path},
                {"records", r.truth_records},
                {"persons", r.persons},
                {"true_pairs", r.true_pairs}};
  if (r.pairs) {
    const PairsResult& p = *r.pairs;
    nlohmann::json pairs = {{"file", p.path},
                            {"pairs", p.pairs},
                            {"unknown_pairs", p.unknown},
                            {"duplicate_pairs", p.duplicates},
                            {"threshold", p.weighted ? nlohmann::json(p.threshold) : nullptr}};
    pairs.update(Json(p.at_threshold));
    j["pairs"] = pairs;
    nlohmann::json sweep = nlohmann::json::array();
    for (const SweepRow& row : p.sweep) {
      nlohmann::json item = {{"threshold", row.threshold}};
      item.update(Json(row.counts));
      sweep.push_back(item);
    }
    j["sweep"] = sweep;
    j["best_threshold"] = p.best ? nlohmann::json(p.sweep[*p.best].threshold) : nullptr;
  }
  if (r.clusters_path) {
    const ClusterReport& c = r.clusters;
    j["clusters"] = {{"file", *r.clusters_path},
                     {"records", c.records},
                     {"records_missing", c.records_missing},
                     {"records_unknown", c.records_unknown},
                     {"predicted_clusters", c.predicted_clusters},
                     {"true_clusters", c.true_clusters},
                     {"exact_clusters", c.exact_clusters},
                     {"exact_share", Json(c.exact_share)},
                     {"bcubed_precision", Json(c.bcubed_precision)},
                     {"bcubed_recall", Json(c.bcubed_recall)},
                     {"bcubed_f1", Json(c.bcubed_f1)},
                     {"pairwise", Json(c.pairs)}};
  }
  if (r.blocking) {
    const BlockingResult& b = *r.blocking;
    const BlockingRecall& br = b.recall;
    nlohmann::json rules = nlohmann::json::array();
    for (std::size_t i = 0; i < br.rules.size(); ++i) {
      rules.push_back({{"rule", i},
                       {"name", b.rule_names[i]},
                       {"true_pairs", br.rules[i].true_pairs},
                       {"only", br.rules[i].only}});
    }
    j["blocking"] = {{"records_file", b.records_path},
                     {"settings_file", b.settings_path},
                     {"link_type", b.link_type},
                     {"max_block_size", b.max_block_size},
                     {"records", b.records},
                     {"records_unknown", b.records_unknown},
                     {"truth_records_missing", b.truth_missing},
                     {"true_pairs", br.true_pairs},
                     {"found", br.found},
                     {"recall", Json(br.Recall())},
                     {"lost_in_skipped_blocks", br.lost_in_skipped_blocks},
                     {"candidate_pairs", br.candidate_pairs},
                     {"blocks_skipped", br.blocks_skipped},
                     {"pairs_skipped", br.pairs_skipped},
                     {"rules", rules}};
  }
  return j;
}

}  // namespace

int RunEval(int argc, char** argv) {
  CommandLine cl(kCommand,
                 "--truth TRUTH.csv [--pairs PAIRS.tsv] [--clusters CLUSTERS.tsv]\n"
                 "       [--records RECORDS.tsv --settings SETTINGS.json] [options]",
                 "Measure linkage accuracy against a ground truth (unique_id,person_id):\n"
                 "pairwise precision, recall and F1 of scored pairs with a threshold sweep,\n"
                 "cluster metrics (B-cubed, exact clusters, implied pairwise metrics), and\n"
                 "the blocking recall of a settings file's rules over the records.\n"
                 "True pairs are all pairs of records sharing a person_id.");
  std::string truth_path, pairs_path, clusters_path, records_path, settings_path, format = "table";
  double threshold = 0, step = 1, fail_below = 0;
  std::size_t max_block_size = 0;
  cl.options().add_options()("truth", po::value(&truth_path)->value_name("FILE"),
                             "ground truth with columns unique_id and person_id (required)")(
      "pairs", po::value(&pairs_path)->value_name("FILE"), "scored pairs to evaluate")(
      "clusters", po::value(&clusters_path)->value_name("FILE"), "clusters to evaluate")(
      "records", po::value(&records_path)->value_name("FILE"),
      "canonical records (vnlink normalize): measure the blocking recall of --settings on them")(
      "settings", po::value(&settings_path)->value_name("FILE"),
      "the settings or trained model whose blocking rules --records measures")(
      "max-block-size", po::value(&max_block_size)->value_name("N")->default_value(20000),
      "as vnlink match: blocks of more than N records are skipped (0 = no limit)")(
      "threshold", po::value(&threshold)->value_name("W")->default_value(0),
      "pairs with match_weight >= W are predicted matches (0 = probability 0.5)")(
      "sweep-step", po::value(&step)->value_name("S")->default_value(1),
      "match_weight step of the threshold sweep")(
      "fail-below", po::value(&fail_below)->value_name("F1"),
      "exit with status 3 when a pairwise F1 (of the pairs at --threshold, of the clusters) is "
      "below F1 or undefined")(
      "format", po::value(&format)->value_name("FMT")->default_value("table"),
      "output: table (for people), tsv (section, threshold, metric, value) or json");
  if (!cl.Parse(argc, argv)) return 0;

  if (truth_path.empty()) throw UsageError("--truth is required");
  if (!records_path.empty() && settings_path.empty()) {
    throw UsageError(
        "--records needs --settings (the settings or model whose blocking rules "
        "to measure)");
  }
  if (!settings_path.empty() && records_path.empty()) {
    throw UsageError("--settings needs --records (the canonical records to block)");
  }
  if (pairs_path.empty() && clusters_path.empty() && records_path.empty()) {
    throw UsageError("give --pairs, --clusters, --records with --settings, or several of them");
  }
  if (!(step > 0) || std::isinf(step)) {
    throw UsageError("--sweep-step must be positive, not '" + Num(step) + "'");
  }
  if (std::isnan(threshold) || std::isnan(fail_below)) {
    throw UsageError("--threshold and --fail-below must be numbers, not 'nan'");
  }
  if (format != "table" && format != "tsv" && format != "json") {
    throw UsageError("unknown format '" + format + "' (table, tsv, json)");
  }
  const ReaderOptions options = cl.reader_options();

  Truth truth;
  ReadTruth(truth_path, options, truth);
  Report report;
  report.truth_path = truth_path;
  report.truth_records = truth.records();
  report.persons = truth.persons();
  report.true_pairs = truth.TruePairs();
  if (!pairs_path.empty()) {
    report.pairs = EvaluatePairs(pairs_path, options, truth, threshold, step);
  }
  if (!clusters_path.empty()) {
    report.clusters_path = clusters_path;
    report.clusters = EvaluateClusters(clusters_path, options, truth);
  }
  if (!records_path.empty()) {
    report.blocking =
        EvaluateBlockingRecall(records_path, settings_path, max_block_size, options, truth);
  }

  OutputFile out(cl.common().output);
  if (format == "table") {
    out.Write(Table(report));
  } else if (format == "json") {
    out.Write(Json(report).dump(2));
    out.Put('\n');
  } else {
    TsvWriter writer(out, {"section", "threshold", "metric", "value"});
    Tsv(report, writer);
  }
  out.Commit();

  if (cl.vm().count("fail-below")) {
    std::vector<std::pair<std::string, std::optional<double>>> checks;
    if (report.pairs)
      checks.emplace_back("pairs '" + pairs_path + "'", report.pairs->at_threshold.F1());
    if (report.clusters_path)
      checks.emplace_back("clusters '" + clusters_path + "'", report.clusters.pairs.F1());
    for (const auto& [what, f1] : checks) {
      if (!f1 || *f1 < fail_below) {
        throw CheckFailed("pairwise F1 of " + what + " is " + Fixed(f1, 4, "undefined") +
                          ", below " + Num(fail_below));
      }
    }
  }
  return 0;
}

}  // namespace vnlink::cli
