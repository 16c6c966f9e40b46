// vnlink cluster: identity clusters from scored pairs (liblink/cluster.h does the work).
// Reads the pair files once (twice when a guard must rebuild components; pairs from
// standard input are then kept in memory, 16 bytes per link, since they cannot be reread).

#include "liblink/cluster.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli.h"
#include "liblink/decimal.h"
#include "liblink/error.h"
#include "liblink/record_reader.h"
#include "liblink/record_writer.h"
#include "progress.h"
#include "scoring_common.h"

namespace vnlink::cli {
namespace {

constexpr char kCommand[] = "cluster";

std::string Num(double value) {
  char text[32];
  const auto [end, ec] = std::to_chars(text, text + sizeof text, value);
  return std::string(text, ec == std::errc() ? end : text);
}

// "1 link", "2 links".
std::string Count(std::uint64_t n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

// An empty id would silently become one record shared by every row missing its id.
void RequireId(const RecordReader& reader, const Row& row, std::size_t column) {
  if (row[column].empty()) {
    throw DataError(reader.name(), row.line,
                    "empty value in column '" + reader.header()[column] + "'");
  }
}

struct PairColumns {
  std::size_t l, r, score;
  std::optional<std::size_t> source_l, source_r;
};

PairColumns FindPairColumns(const RecordReader& reader, const std::string& score_column) {
  return {reader.Require("unique_id_l"), reader.Require("unique_id_r"),
          reader.Require(score_column), reader.Find("source_dataset_l"),
          reader.Find("source_dataset_r")};
}

double Score(const RecordReader& reader, const Row& row, std::size_t column,
             const std::string& name) {
  const auto value = ParseDecimal(row[column]);
  if (!value) {
    throw DataError(reader.name(), row.line,
                    "invalid number '" + std::string(row[column]) + "' in column '" + name + "'");
  }
  return *value;
}

struct StdinLink {
  std::uint32_t a, b;
  double score;
};

}  // namespace

int RunCluster(int argc, char** argv) {
  CommandLine cl(kCommand, "{--threshold W | --model FILE} [options] PAIRS.tsv [PAIRS.tsv...]",
                 "Cluster records into identities: connected components of the scored pairs\n"
                 "at or above a threshold, over any number of pair files (e.g. the shards of\n"
                 "'vnlink match'), with guards against chaining. Writes unique_id, cluster_id;\n"
                 "a cluster's id is its smallest unique_id (byte order).");
  double threshold = 0;
  double threshold_probability = 0;
  std::string records_path, model_path;
  std::uint32_t max_size = 0;
  std::vector<std::string> cannot_link;
  cl.options().add_options()("threshold", po::value(&threshold)->value_name("W"),
                             "link pairs with match_weight >= W")(
      "threshold-probability", po::value(&threshold_probability)->value_name("P"),
      "link pairs with match_probability >= P instead")(
      "model", po::value(&model_path)->value_name("FILE"),
      "the trained model (or settings): without --threshold or --threshold-probability, link "
      "pairs at or above its match threshold, as vnlink dedupe does")(
      "records", po::value(&records_path)->value_name("FILE"),
      "canonical records: every record gets a cluster, even without pairs, and --cannot-link reads "
      "its columns here")("max-cluster-size", po::value(&max_size)->value_name("K"),
                          "split clusters above K records at their weakest links")(
      "cannot-link", po::value(&cannot_link)->value_name("COLUMN")->composing(),
      "never put two records with different non-empty values of COLUMN in one cluster (repeatable; "
      "needs --records)")("one-to-one",
                          "link_only between two duplicate-free sources: each record keeps at most "
                          "one link, the best first");
  cl.Positional("PAIRS", -1);
  if (!cl.Parse(argc, argv)) return 0;

  const auto& vm = cl.vm();
  const bool by_probability = vm.count("threshold-probability") > 0;
  if (vm.count("threshold") + vm.count("threshold-probability") > 1) {
    throw UsageError("give one of --threshold and --threshold-probability, not both");
  }
  const bool explicit_threshold = vm.count("threshold") + vm.count("threshold-probability") > 0;
  if (!explicit_threshold && model_path.empty()) {
    throw UsageError("give --threshold, --threshold-probability or --model (its match threshold)");
  }
  if (!model_path.empty()) {
    // Read even when an explicit threshold wins, so that a wrong file is not ignored.
    const Settings settings = ReadSettingsFile(model_path);
    const std::optional<double> match = settings.thresholds.MatchWeight();
    if (!explicit_threshold && !match) {
      throw UsageError("the model '" + model_path + "' has no match threshold: give --threshold");
    }
    if (!explicit_threshold) threshold = *match;
  }
  if (std::isnan(threshold)) throw UsageError("--threshold must be a number, not 'nan'");
  if (by_probability && !(threshold_probability >= 0 && threshold_probability <= 1)) {
    throw UsageError("--threshold-probability must be between 0 and 1, not '" +
                     Num(threshold_probability) + "'");
  }
  if (vm.count("max-cluster-size") && max_size < 1) {
    throw UsageError("--max-cluster-size must be at least 1");
  }
  if (!cannot_link.empty() && records_path.empty()) {
    throw UsageError("--cannot-link needs --records (the column values are read there)");
  }
  const std::string score_column = by_probability ? "match_probability" : "match_weight";

  ClusterOptions options;
  options.threshold = by_probability ? threshold_probability : threshold;
  options.max_cluster_size = max_size;
  options.one_to_one = vm.count("one-to-one") > 0;
  options.cannot_link_columns = cannot_link.size();
  ClusterBuilder builder(options);
  const bool guards = options.max_cluster_size > 0 || options.one_to_one || !cannot_link.empty();
  const ReaderOptions reader_options = cl.reader_options();
  Row row;

  std::size_t declared = 0;
  if (!records_path.empty()) {
    auto reader = RecordReader::Open(records_path, reader_options);
    const std::size_t id = reader->Require("unique_id");
    std::vector<std::size_t> columns;
    for (const auto& c : cannot_link) columns.push_back(reader->Require(c));
    std::vector<std::string_view> values(columns.size());
    while (reader->Next(row)) {
      RequireId(*reader, row, id);
      const std::uint32_t h = builder.AddRecord(row[id]);
      if (builder.ids().size() == declared) {
        throw DataError(reader->name(), row.line,
                        "duplicate unique_id '" + std::string(row[id]) + "'");
      }
      declared = builder.ids().size();
      for (std::size_t c = 0; c < columns.size(); ++c) values[c] = row[columns[c]];
      if (!columns.empty()) builder.SetCannotLinkValues(h, values);
    }
  }

  const std::vector<std::string> inputs = cl.InputsOrStdin();
  std::vector<StdinLink> stdin_links;
  Progress progress(kCommand, "read pairs", 0, "pairs", cl.common().progress);
  for (const std::string& path : inputs) {
    auto reader = RecordReader::Open(path, reader_options);
    const PairColumns col = FindPairColumns(*reader, score_column);
    while (reader->Next(row)) {
      RequireId(*reader, row, col.l);
      RequireId(*reader, row, col.r);
      if (row[col.l] == row[col.r]) {
        throw DataError(reader->name(), row.line,
                        "pair links '" + std::string(row[col.l]) + "' to itself");
      }
      if (options.one_to_one && col.source_l && col.source_r &&
          row[*col.source_l] == row[*col.source_r]) {
        throw DataError(reader->name(), row.line,
                        "--one-to-one links two sources, but this pair has both records from '" +
                            std::string(row[*col.source_l]) + "'");
      }
      const double score = Score(*reader, row, col.score, score_column);
      const std::uint32_t a = builder.AddRecord(row[col.l]);
      const std::uint32_t b = builder.AddRecord(row[col.r]);
      builder.AddPair(a, b, score);
      progress.Add(1);
      if (guards && path == "-" && score >= options.threshold) stdin_links.push_back({a, b, score});
    }
  }
  if (!records_path.empty() && builder.ids().size() > declared) {
    Warn(kCommand, std::to_string(builder.ids().size() - declared) +
                       " records of the pairs are not in '" + records_path +
                       "' (clustered anyway, without cannot-link values)");
  }

  progress.Done();
  if (builder.NeedsSecondPass()) {
    Progress again(kCommand, "reread pairs for the guards", 0, "pairs", cl.common().progress);
    for (const auto& link : stdin_links) builder.AddGuardedPair(link.a, link.b, link.score);
    std::vector<StdinLink>().swap(stdin_links);
    for (const std::string& path : inputs) {
      if (path == "-") continue;
      auto reader = RecordReader::Open(path, reader_options);
      const PairColumns col = FindPairColumns(*reader, score_column);
      while (reader->Next(row)) {
        again.Add(1);
        // Most pairs are below the threshold: skip them before the costly id lookups.
        const double score = Score(*reader, row, col.score, score_column);
        if (score < options.threshold) continue;
        const auto a = builder.FindRecord(row[col.l]);
        const auto b = builder.FindRecord(row[col.r]);
        if (!a || !b) {
          throw DataError(reader->name(), row.line, "the file changed while it was being read");
        }
        builder.AddGuardedPair(*a, *b, score);
      }
    }
    again.Done();
  }

  ClusterStats stats;
  const std::vector<ClusterAssignment> rows = builder.Finish(stats);
  OutputFile out(cl.common().output);
  TsvWriter writer(out, {"unique_id", "cluster_id"});
  for (const ClusterAssignment& a : rows) {
    writer.Field(builder.Id(a.record));
    writer.Field(builder.Id(a.cluster));
    writer.EndRow();
  }
  out.Commit();

  if (cl.common().quiet) return 0;
  Note(kCommand, Count(stats.pairs, "pair") + " read from " + Count(inputs.size(), "file") + ", " +
                     std::to_string(stats.links) + " with " + score_column +
                     " >= " + Num(options.threshold));
  Note(kCommand, Count(stats.records, "record") + " in " + Count(stats.clusters, "cluster"));
  std::string sizes = "cluster sizes (size: clusters):";
  for (const SizeBucket& b : BucketSizes(stats.size_counts)) {
    sizes += " " + std::to_string(b.lo) + (b.hi > b.lo ? "-" + std::to_string(b.hi) : "") + ": " +
             std::to_string(b.clusters) + ",";
  }
  if (sizes.back() == ',') sizes.pop_back();
  Note(kCommand, sizes);
  std::string largest = "largest clusters:";
  for (const auto& [cluster, size] : stats.largest) {
    largest += " '" + std::string(builder.Id(cluster)) + "' (" + std::to_string(size) + "),";
  }
  if (largest.back() == ',') largest.pop_back();
  Note(kCommand, largest);
  if (guards) {
    Note(kCommand, "guards: " + Count(stats.guarded_components, "component") + " rebuilt (" +
                       Count(stats.guarded_records, "record") + ", " +
                       Count(stats.guarded_edges, "link") + " kept), " +
                       std::to_string(stats.components_split) + " split into " +
                       Count(stats.clusters_from_split, "cluster"));
  }
  if (options.one_to_one) {
    Note(kCommand, "one-to-one: " + Count(stats.refused_one_to_one, "link") + " refused");
  }
  if (options.max_cluster_size > 0) {
    Note(kCommand, "max-cluster-size " + std::to_string(options.max_cluster_size) + ": " +
                       Count(stats.refused_max_size, "link") + " refused");
  }
  for (std::size_t c = 0; c < cannot_link.size(); ++c) {
    Note(kCommand, "cannot-link " + cannot_link[c] + ": " +
                       Count(stats.refused_cannot_link[c], "link") + " refused");
  }
  return 0;
}

}  // namespace vnlink::cli
