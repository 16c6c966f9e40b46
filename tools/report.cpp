// vnlink report: the audit report, one self-contained HTML file, from any of a model,
// scored pairs, clusters, canonical records and normalize's rejects. Pairs are streamed into
// bounded summaries (liblink/report_summary.h); of the records only the missing-value counts
// and the records shown (sampled pairs, largest clusters) are kept.
#include "liblink/report.h"

#include <charconv>
#include <cmath>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "cli.h"
#include "commands.h"
#include "liblink/comparison.h"
#include "liblink/error.h"
#include "liblink/record_reader.h"
#include "liblink/record_table.h"
#include "liblink/record_writer.h"
#include "liblink/report_summary.h"
#include "liblink/waterfall.h"
#include "progress.h"
#include "scoring_common.h"

namespace vnlink::cli {
namespace {

struct ReportOptions {
  std::string model, pairs, clusters, records, rejects, review_queue, columns, title;
  std::optional<double> threshold, review_threshold;
  std::size_t review_size = 200, near_size = 50, largest = 10, members = 25;
  std::uint64_t seed = 1;
  double bin_width = 1;
};

// Canonical columns an auditor reads, in reading order (man vnlink-formats.5).
constexpr const char* kDisplayColumns[] = {"source_dataset",
                                           "full_name",
                                           "sex",
                                           "dob",
                                           "phone",
                                           "cccd",
                                           "cmnd",
                                           "bhxh",
                                           "bhyt_card",
                                           "house_number",
                                           "alley",
                                           "street",
                                           "hamlet",
                                           "commune_code",
                                           "district_code",
                                           "province_code",
                                           "commune_code_2025",
                                           "province_code_2025",
                                           "address_rest",
                                           "flags"};

double ParseNumber(std::string_view text, const std::string& file, std::uint64_t line,
                   const char* column) {
  double v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size()) {
    throw DataError(file, line,
                    "invalid number '" + std::string(text) + "' in column '" + column + "'");
  }
  return v;
}

std::string FormatDouble(double v, const char* format) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::vector<std::string> SplitList(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// The columns the model's comparisons read, in order, each once.
std::vector<std::string> ComparedColumns(const Settings& model) {
  std::vector<std::string> out;
  auto add = [&out](const std::string& c) {
    if (!c.empty() && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  };
  for (const Comparison& c : model.comparisons) {
    add(c.column);
    for (const ComparisonLevel& l : c.levels)
      for (const std::string& col : l.columns) add(col);
  }
  return out;
}

void WriteReviewQueue(const std::string& path, const std::vector<ReportPair>& queue,
                      const std::vector<std::string>& columns, const RecordTable* table,
                      const std::unordered_map<std::string, std::size_t>& rows) {
  OutputFile out(path);
  std::vector<std::string> header = {"unique_id_l", "unique_id_r", "match_weight",
                                     "match_probability"};
  for (const std::string& c : columns) {
    header.push_back(c + "_l");
    header.push_back(c + "_r");
  }
  header.push_back("clerical_match");
  TsvWriter tsv(out, header);
  for (const ReportPair& rp : queue) {
    const SampledPair& p = rp.pair;
    tsv.Field(p.id_l);
    tsv.Field(p.id_r);
    tsv.Field(FormatDouble(p.weight, "%.6f"));
    tsv.Field(FormatDouble(p.probability, "%.10g"));
    auto l = rows.find(p.id_l), r = rows.find(p.id_r);
    for (const std::string& c : columns) {
      std::optional<std::size_t> col = table ? table->Find(c) : std::nullopt;
      tsv.Field(col && l != rows.end() ? table->Value(l->second, *col) : "");
      tsv.Field(col && r != rows.end() ? table->Value(r->second, *col) : "");
    }
    tsv.Field("");
    tsv.EndRow();
  }
  out.Commit();
}

}  // namespace

int RunReport(int argc, char** argv) {
  CommandLine cl("report", "[-m MODEL] [--pairs P] [--clusters C] [--records R] [options]",
                 "Write the audit report: one self-contained HTML file (no network needed) with\n"
                 "the model, the match weight distribution, clusters, a clerical review queue\n"
                 "with a waterfall per pair, links near the threshold, missing values per column\n"
                 "and normalize's rejected rows. Every input is optional; what is left out is\n"
                 "said on standard error and in the report. Large inputs are sampled (seeded).");
  ReportOptions o;
  double threshold = 0, review_threshold = 0;
  cl.options().add_options()("model,m", po::value(&o.model)->value_name("FILE"),
                             "the trained model (man vnlink-model.5)")(
      "pairs,p", po::value(&o.pairs)->value_name("FILE"), "scored pairs from vnlink match")(
      "clusters,c", po::value(&o.clusters)->value_name("FILE"), "clusters from vnlink cluster")(
      "records,r", po::value(&o.records)->value_name("FILE"), "the canonical records")(
      "rejects", po::value(&o.rejects)->value_name("FILE"),
      "rows rejected by vnlink normalize (source, line, reason, record)")(
      "review-queue", po::value(&o.review_queue)->value_name("FILE"),
      "also write the review queue as TSV with an empty clerical_match column to fill in")(
      "threshold", po::value(&threshold)->value_name("W"),
      "match threshold as a match weight (default: the model's)")(
      "review-threshold", po::value(&review_threshold)->value_name("W"),
      "start of the clerical-review band as a match weight (default: the model's)")(
      "review-size", po::value(&o.review_size)->value_name("N")->default_value(200),
      "pairs sampled from the review band")(
      "near-size", po::value(&o.near_size)->value_name("N")->default_value(50),
      "links sampled from just above the match threshold")(
      "largest", po::value(&o.largest)->value_name("N")->default_value(10),
      "largest clusters listed")("cluster-members",
                                 po::value(&o.members)->value_name("N")->default_value(25),
                                 "records listed per large cluster")(
      "columns", po::value(&o.columns)->value_name("COLS"),
      "record columns shown (comma-separated; default: the canonical display columns)")(
      "seed", po::value(&o.seed)->value_name("N")->default_value(1), "seed of the samples")(
      "bin-width", po::value(&o.bin_width)->value_name("W")->default_value(1.0),
      "width of the match weight histogram bins, in bits")(
      "title", po::value(&o.title)->value_name("TEXT"), "the report's title");
  if (!cl.Parse(argc, argv)) return 0;
  if (cl.vm().count("threshold")) o.threshold = threshold;
  if (cl.vm().count("review-threshold")) o.review_threshold = review_threshold;
  if (!(o.bin_width > 0)) throw UsageError("--bin-width must be positive");
  if (o.model.empty() && o.pairs.empty() && o.clusters.empty() && o.records.empty() &&
      o.rejects.empty()) {
    throw UsageError(
        "nothing to report: give at least one of --model, --pairs, --clusters, "
        "--records, --rejects");
  }
  if (!o.review_queue.empty() && o.pairs.empty()) throw UsageError("--review-queue needs --pairs");
  const bool quiet = cl.common().quiet;
  const bool show_progress = cl.common().progress && !quiet;
  ReportInput in;
  if (!o.title.empty()) in.title = o.title;
  std::vector<std::string> left_out_items;
  auto left_out = [&](const std::string& what) {
    left_out_items.push_back(what);
    in.notes.push_back("Left out: " + what + ".");
  };

  // Model.
  std::optional<Settings> model;
  if (!o.model.empty()) {
    model = ReadSettingsFile(o.model);
    in.model = &*model;
    in.inputs.push_back({"model", o.model});
  } else {
    left_out("the model section and the waterfalls (no --model)");
  }
  PairSummaryOptions pair_options;
  pair_options.match = o.threshold ? o.threshold
                       : model     ? model->thresholds.MatchWeight()
                                   : std::nullopt;
  pair_options.review = o.review_threshold ? o.review_threshold
                        : model            ? model->thresholds.ReviewWeight()
                                           : std::nullopt;
  if (pair_options.match && pair_options.review && *pair_options.review > *pair_options.match) {
    throw UsageError("the review threshold " + FormatDouble(*pair_options.review, "%g") +
                     " is above the match threshold " + FormatDouble(*pair_options.match, "%g"));
  }
  pair_options.review_size = o.review_size;
  pair_options.near_size = o.near_size;
  pair_options.bin_width = o.bin_width;
  pair_options.seed = o.seed;

  // Pairs, streamed.
  std::optional<PairSummary> pairs;
  if (!o.pairs.empty()) {
    pairs.emplace(pair_options);
    auto reader = RecordReader::Open(o.pairs, cl.reader_options());
    const std::size_t l = reader->Require("unique_id_l"), r = reader->Require("unique_id_r"),
                      w = reader->Require("match_weight");
    const std::optional<std::size_t> p = reader->Find("match_probability");
    Progress progress("report", "pairs", 0, "pairs", show_progress);
    Row row;
    while (reader->Next(row)) {
      progress.Add(1);
      double weight = ParseNumber(row[w], reader->name(), row.line, "match_weight");
      double probability = p ? ParseNumber(row[*p], reader->name(), row.line, "match_probability")
                             : WeightToProbability(weight);
      pairs->Add(row[l], row[r], weight, probability);
    }
    progress.Done();
    in.pairs = &*pairs;
    in.inputs.push_back({"pairs", o.pairs});
    if (!pair_options.match)
      left_out("links and the review band (no match threshold in the model or --threshold)");
    else if (!pair_options.review)
      left_out("the review queue (no review threshold in the model or --review-threshold)");
  } else {
    left_out("the match weights, review queue and links near the threshold (no --pairs)");
  }
  if (pairs) {
    for (const SampledPair& p : pairs->review_queue()) in.review.push_back({p, std::nullopt});
    for (const SampledPair& p : pairs->near_links()) in.near.push_back({p, std::nullopt});
  }

  // Clusters.
  std::optional<ClusterSummary> clusters;
  if (!o.clusters.empty()) {
    ClusterCollector collector;
    auto reader = RecordReader::Open(o.clusters, cl.reader_options());
    const std::size_t id = reader->Require("unique_id"), c = reader->Require("cluster_id");
    Row row;
    while (reader->Next(row)) collector.Add(row[id], row[c]);
    clusters = collector.Summarize(o.largest, o.members);
    in.clusters = &*clusters;
    in.inputs.push_back({"clusters", o.clusters});
  } else {
    left_out("the cluster sizes and largest clusters (no --clusters)");
  }

  // Records: missing values of all, the values of those shown.
  std::unordered_set<std::string> wanted;
  for (const ReportPair& rp : in.review) wanted.insert({rp.pair.id_l, rp.pair.id_r});
  for (const ReportPair& rp : in.near) wanted.insert({rp.pair.id_l, rp.pair.id_r});
  if (clusters) {
    for (const ClusterInfo& c : clusters->largest)
      wanted.insert(c.members.begin(), c.members.end());
  }
  std::optional<MissingnessCounter> missing;
  std::unique_ptr<RecordTable> table;
  std::unordered_map<std::string, std::size_t> rows;  // unique_id -> row of `table`
  if (!o.records.empty()) {
    auto reader = RecordReader::Open(o.records, cl.reader_options());
    const std::string id_name = model ? model->unique_id_column : "unique_id";
    const std::size_t id = reader->Require(id_name);
    const std::vector<std::string>& header = reader->header();
    if (!o.columns.empty()) {
      in.display_columns = SplitList(o.columns);
      for (const std::string& c : in.display_columns) (void)reader->Require(c);
    } else {
      for (const char* c : kDisplayColumns)
        if (reader->Find(c)) in.display_columns.push_back(c);
      if (in.display_columns.empty()) {
        for (const std::string& c : header)
          if (c != id_name && in.display_columns.size() < 12) in.display_columns.push_back(c);
      }
    }
    std::vector<std::size_t> display;
    for (const std::string& c : in.display_columns) display.push_back(*reader->Find(c));
    missing.emplace(header);
    table = std::make_unique<RecordTable>(header);
    Progress progress("report", "records", 0, "records", show_progress);
    Row row;
    while (reader->Next(row)) {
      progress.Add(1);
      missing->Add(row.fields);
      std::string key(row[id]);
      if (!wanted.count(key) || rows.count(key)) continue;
      rows.emplace(key, table->size());
      table->Add(row.fields, row.line);
      std::vector<std::string>& values = in.records[key];
      for (std::size_t c : display) values.emplace_back(row[c]);
    }
    progress.Done();
    in.missingness = &*missing;
    in.inputs.push_back({"records", o.records});
  } else {
    left_out("the records' values and missing values per column (no --records)");
  }

  // Waterfalls, with the scoring engine over just the records shown.
  std::unique_ptr<ComparisonEngine> engine;
  if (model && table) {
    if (!model->IsTrained()) {
      left_out("the waterfalls (the model is not trained: missing " + model->MissingParameter() +
               ")");
    } else {
      engine = std::make_unique<ComparisonEngine>(*model, *table, o.records);
      std::uint64_t missing_records = 0;
      for (std::vector<ReportPair>* list : {&in.review, &in.near}) {
        for (ReportPair& rp : *list) {
          auto a = rows.find(rp.pair.id_l), b = rows.find(rp.pair.id_r);
          if (a == rows.end() || b == rows.end()) {
            ++missing_records;
            continue;
          }
          rp.waterfall = ExplainPair(*engine, a->second, b->second, model->unique_id_column);
        }
      }
      if (missing_records > 0) {
        Warn("report", std::to_string(missing_records) +
                           " sampled pairs name a record missing from '" + o.records +
                           "': shown without a waterfall");
      }
    }
  }

  // Rejects.
  std::optional<RejectCounter> rejects;
  if (!o.rejects.empty()) {
    rejects.emplace();
    auto reader = RecordReader::Open(o.rejects, cl.reader_options());
    const std::size_t source = reader->Require("source"), reason = reader->Require("reason");
    const std::optional<std::size_t> line = reader->Find("line");
    Row row;
    while (reader->Next(row)) {
      // The example names where the row was: "bhxh.csv:3".
      std::string where(row[source]);
      if (line && !row[*line].empty()) where += ":" + std::string(row[*line]);
      rejects->Add(where, row[reason]);
    }
    in.rejects = &*rejects;
    in.inputs.push_back({"rejects", o.rejects});
  } else {
    left_out("the rows rejected by normalize (no --rejects)");
  }

  OutputFile out(cl.common().output);
  const std::string html = RenderReport(in);
  out.Write(html);
  out.Commit();

  if (!o.review_queue.empty()) {
    std::vector<std::string> columns = model ? ComparedColumns(*model) : in.display_columns;
    if (table) {
      std::erase_if(columns, [&](const std::string& c) { return !table->Find(c); });
    } else {
      columns.clear();
    }
    WriteReviewQueue(o.review_queue, in.review, columns, table.get(), rows);
  }
  if (!quiet) {
    for (const std::string& what : left_out_items) Note("report", "left out: " + what);
    std::string summary = std::to_string(html.size()) + " bytes of HTML";
    if (pairs) {
      summary += "; " + std::to_string(pairs->pairs()) + " pairs, " +
                 std::to_string(in.review.size()) + " in the review queue";
    }
    if (clusters) summary += "; " + std::to_string(clusters->clusters) + " clusters";
    Note("report", summary);
  }
  return 0;
}

}  // namespace vnlink::cli
