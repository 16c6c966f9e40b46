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
#include "liblink/decimal.h"
#include "liblink/error.h"
#include "liblink/metrics.h"
#include "liblink/record_reader.h"
#include "liblink/record_writer.h"

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

struct Report {
  std::string truth_path;
  std::uint64_t truth_records = 0, persons = 0, true_pairs = 0;
  std::optional<PairsResult> pairs;
  std::optional<std::string> clusters_path;
  ClusterReport clusters;
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
  return j;
}

}  // namespace

int RunEval(int argc, char** argv) {
  CommandLine cl(kCommand,
                 "--truth TRUTH.csv [--pairs PAIRS.tsv] [--clusters CLUSTERS.tsv] [options]",
                 "Measure linkage accuracy against a ground truth (unique_id,person_id):\n"
                 "pairwise precision, recall and F1 of scored pairs with a threshold sweep,\n"
                 "and cluster metrics (B-cubed, exact clusters, implied pairwise metrics).\n"
                 "True pairs are all pairs of records sharing a person_id.");
  std::string truth_path, pairs_path, clusters_path, format = "table";
  double threshold = 0, step = 1, fail_below = 0;
  cl.options().add_options()("truth", po::value(&truth_path)->value_name("FILE"),
                             "ground truth with columns unique_id and person_id (required)")(
      "pairs", po::value(&pairs_path)->value_name("FILE"), "scored pairs to evaluate")(
      "clusters", po::value(&clusters_path)->value_name("FILE"), "clusters to evaluate")(
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
  if (pairs_path.empty() && clusters_path.empty()) {
    throw UsageError("give --pairs, --clusters or both");
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
