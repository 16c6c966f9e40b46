// vnlink train: estimates the parameters of a settings document from canonical records and
// writes the complete model (liblink/training.h does the work; man/vnlink-train.1).

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "cli.h"
#include "commands.h"
#include "liblink/error.h"
#include "liblink/labels.h"
#include "liblink/record_reader.h"
#include "liblink/record_table.h"
#include "liblink/record_writer.h"
#include "liblink/settings.h"
#include "liblink/training.h"
#include "progress.h"
#include "scoring_common.h"

namespace vnlink::cli {
namespace {

constexpr std::string_view kCommand = "train";

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open '" + path + "'", errno);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw IoError("cannot read '" + path + "'", errno);
  return text.str();
}

// unique_id -> row; DataError on a duplicate (labels and truths address records by id).
std::unordered_map<std::string_view, std::uint32_t> IndexIds(const RecordTable& table,
                                                             const Settings& settings,
                                                             const std::string& file) {
  const std::size_t column = table.Require(settings.unique_id_column, file);
  std::unordered_map<std::string_view, std::uint32_t> rows;
  rows.reserve(table.size());
  for (std::uint32_t row = 0; row < table.size(); ++row) {
    const std::string_view id = table.Value(row, column);
    if (!rows.emplace(id, row).second) {
      throw DataError(file, table.Line(row),
                      "duplicate " + settings.unique_id_column + " '" + std::string(id) + "'");
    }
  }
  return rows;
}

struct Labels {
  std::vector<RecordPair> matches;
  std::uint64_t non_matches = 0;
  std::uint64_t unlabelled = 0;  // blank label: a review queue not yet worked through
};

// A labels file: unique_id_l, unique_id_r and clerical_match (or is_match).
Labels ReadLabels(const std::string& path, const ReaderOptions& options,
                  const std::unordered_map<std::string_view, std::uint32_t>& rows) {
  auto reader = RecordReader::Open(path, options);
  const std::size_t left = reader->Require("unique_id_l"), right = reader->Require("unique_id_r");
  std::optional<std::size_t> label = reader->Find("clerical_match");
  std::string label_name = "clerical_match";
  if (!label) {
    label = reader->Find("is_match");
    label_name = "is_match";
  }
  if (!label) {
    throw DataError(reader->name(), 1, "missing column 'clerical_match' (or 'is_match')");
  }
  Labels labels;
  Row row;
  while (reader->Next(row)) {
    if (row[*label].find_first_not_of(" \t") == std::string_view::npos) {
      ++labels.unlabelled;
      continue;
    }
    const std::optional<bool> is_match = ParseMatchLabel(row[*label]);
    if (!is_match) {
      throw DataError(
          reader->name(), row.line,
          "invalid label '" + std::string(row[*label]) + "' in column '" + label_name + "'");
    }
    auto find = [&](std::size_t column, const char* name) {
      auto it = rows.find(row[column]);
      if (it == rows.end()) {
        throw DataError(
            reader->name(), row.line,
            "unknown record '" + std::string(row[column]) + "' in column '" + name + "'");
      }
      return it->second;
    };
    const std::uint32_t a = find(left, "unique_id_l"), b = find(right, "unique_id_r");
    if (a == b) {
      throw DataError(reader->name(), row.line,
                      "record '" + std::string(row[left]) + "' is labelled against itself");
    }
    if (*is_match)
      labels.matches.push_back(a < b ? RecordPair{a, b} : RecordPair{b, a});
    else
      ++labels.non_matches;
  }
  return labels;
}

// A truth file (unique_id, person_id): the person of every record it names.
std::vector<std::int64_t> ReadTruth(const std::string& path, const ReaderOptions& options,
                                    const std::unordered_map<std::string_view, std::uint32_t>& rows,
                                    std::size_t records, std::uint64_t& unknown_ids) {
  auto reader = RecordReader::Open(path, options);
  const std::size_t id = reader->Require("unique_id"), person = reader->Require("person_id");
  std::vector<std::int64_t> person_of(records, kUnknownPerson);
  std::unordered_map<std::string, std::int64_t> person_number;
  Row row;
  while (reader->Next(row)) {
    auto it = rows.find(row[id]);
    if (it == rows.end()) {
      ++unknown_ids;
      continue;
    }
    if (row[person].empty()) continue;
    auto [p, added] = person_number.emplace(std::string(row[person]),
                                            static_cast<std::int64_t>(person_number.size()));
    person_of[it->second] = p->second;
  }
  return person_of;
}

std::string Fixed(const char* format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

std::string Pad(std::string s, std::size_t width) {
  // Pads by code points so Vietnamese labels line up.
  std::size_t points = 0;
  for (unsigned char c : s) points += (c & 0xC0) != 0x80;
  if (points < width) s.append(width - points, ' ');
  return s;
}

void PrintSummary(const TrainResult& r, std::size_t records) {
  Note(kCommand, std::to_string(records) + " records; probability two random records match " +
                     Fixed("%.4g", r.lambda) + " (prior weight " +
                     Fixed("%+.2f", std::log2(r.lambda / (1 - r.lambda))) + ")");
  Note(kCommand,
       "u from " + std::to_string(r.u_pairs) + " random pairs; m from " +
           (r.rounds > 0 ? std::to_string(r.rounds) + " EM rounds" : std::string("labels")));
  std::size_t cw = 10, lw = 5;
  for (const LevelSummary& l : r.levels) {
    cw = std::max(cw, l.comparison.size());
    lw = std::max(lw, l.level.size());
  }
  Note(kCommand,
       Pad("comparison", cw) + "  " + Pad("level", lw) + "  " + "       m         u   weight");
  for (const LevelSummary& l : r.levels) {
    Note(kCommand, Pad(l.comparison, cw) + "  " + Pad(l.level, lw) + "  " + Fixed("%8.4g", l.m) +
                       "  " + Fixed("%8.3g", l.u) + "  " + Fixed("%+7.2f", l.weight));
  }
}

}  // namespace

int RunTrain(int argc, char** argv) {
  CommandLine cl("train", "--settings FILE [options] [RECORDS...]",
                 "Estimate the parameters of a settings document from canonical records: the "
                 "probability that two random records match (from the deterministic rules), u "
                 "per comparison level (from seeded random pairs), m (by EM over the training "
                 "blocking rules, or from labels) and term-frequency tables. Writes the complete "
                 "model JSON for 'vnlink match'.");
  std::string settings_path, labels_path, truth_path;
  std::uint64_t seed = 1, max_pairs = kDefaultUSamplePairs, min_level_count = 1000,
                max_round_pairs = kDefaultRoundPairs;
  double recall = kDefaultRecall, convergence = EmOptions{}.tolerance;
  int max_iterations = EmOptions{}.max_iterations;
  std::optional<double> lambda;
  cl.options().add_options()(
      "settings,s", po::value(&settings_path)->value_name("FILE")->required(),
      "the settings (or a previous model) to train; its parameters are replaced")(
      "seed", po::value(&seed)->value_name("N")->default_value(1),
      "seed of every random draw; the same seed gives the same model at any --threads")(
      "labels", po::value(&labels_path)->value_name("FILE"),
      "estimate m from labelled pairs: columns unique_id_l, unique_id_r and clerical_match "
      "or is_match (1/0, match/non-match) instead of by EM")(
      "truth", po::value(&truth_path)->value_name("FILE"),
      "estimate m from the pairs of records of one person in a truth file (unique_id, "
      "person_id), and lambda from their number")(
      "max-pairs", po::value(&max_pairs)->value_name("N")->default_value(kDefaultUSamplePairs),
      "most random pairs compared to estimate u")(
      "min-level-count", po::value(&min_level_count)->value_name("N")->default_value(1000),
      "stop u sampling early once every level has been seen N times (0: never)")(
      "max-round-pairs",
      po::value(&max_round_pairs)->value_name("N")->default_value(kDefaultRoundPairs),
      "most pairs compared in one EM round; bigger rounds are sampled block by block")(
      "recall", po::value(&recall)->value_name("R")->default_value(kDefaultRecall, "0.8"),
      "assumed share of true matches that the deterministic rules find (0 < R <= 1)")(
      "lambda", po::value<double>()->value_name("P"),
      "take this probability that two random records match instead of estimating it")(
      "max-iterations", po::value(&max_iterations)->value_name("N")->default_value(max_iterations),
      "EM iterations per round before giving up with a warning")(
      "convergence", po::value(&convergence)->value_name("X")->default_value(convergence),
      "EM stops when no parameter moves by more than X in an iteration");
  cl.Positional("RECORDS", -1);
  if (!cl.Parse(argc, argv)) return 0;
  if (cl.vm().count("lambda")) lambda = cl.vm()["lambda"].as<double>();

  if (!labels_path.empty() && !truth_path.empty())
    throw UsageError("give --labels or --truth, not both");
  if (!(recall > 0 && recall <= 1))
    throw UsageError("--recall must be in (0, 1], not '" + Fixed("%g", recall) + "'");
  if (lambda && !(*lambda > 0 && *lambda < 1)) throw UsageError("--lambda must be in (0, 1)");
  if (max_iterations < 1) throw UsageError("--max-iterations must be at least 1");
  if (!(convergence > 0)) throw UsageError("--convergence must be positive");
  if (max_pairs < 1 || max_round_pairs < 1)
    throw UsageError("--max-pairs and --max-round-pairs must be at least 1");

  const Settings settings = ParseSettings(ReadWholeFile(settings_path), settings_path);

  // All inputs into one table (they must share a header).
  const std::vector<std::string> inputs = cl.InputsOrStdin();
  std::unique_ptr<RecordTable> table;
  std::string file = inputs.front();
  Progress reading("train", "read", 0, "records", cl.common().progress);
  for (const std::string& input : inputs) {
    auto reader = RecordReader::Open(input, cl.reader_options());
    if (!table) {
      // Only the columns the settings read: half the time and memory of loading.
      table = std::make_unique<RecordTable>(reader->header(),
                                            ColumnsToLoad(reader->header(), settings));
    } else if (reader->header() != table->header()) {
      throw DataError(reader->name(), 1,
                      "header differs from the header of '" + inputs.front() + "'");
    }
    Row row;
    while (reader->Next(row)) {
      table->Add(row.fields, row.line);
      reading.Add(1);
    }
  }
  reading.Done();

  TrainOptions options;
  options.seed = seed;
  options.max_u_pairs = max_pairs;
  options.min_level_count = min_level_count;
  options.max_round_pairs = max_round_pairs;
  options.recall = recall;
  options.lambda = lambda;
  options.em.max_iterations = max_iterations;
  options.em.tolerance = convergence;
  if (cl.common().progress) {
    options.progress = [](const std::string& step) { Note(kCommand, step + "..."); };
  }
  std::vector<RecordPair> labelled;
  if (!labels_path.empty() || !truth_path.empty()) {
    const auto rows = IndexIds(*table, settings, file);
    ReaderOptions label_options;  // by extension or content; not the records' --input-format
    if (!labels_path.empty()) {
      Labels labels = ReadLabels(labels_path, label_options, rows);
      labelled = std::move(labels.matches);
      options.labels_source = "labels";
      if (!cl.common().quiet) {
        Note(kCommand, std::to_string(labelled.size()) + " pairs labelled match; " +
                           std::to_string(labels.non_matches) +
                           " labelled non-match (not used: reviewed non-matches are not a random "
                           "sample, u comes from random pairs)" +
                           (labels.unlabelled > 0 ? "; " + std::to_string(labels.unlabelled) +
                                                        " without a label skipped"
                                                  : std::string()));
      }
    } else {
      std::uint64_t unknown = 0;
      const std::vector<std::int64_t> person =
          ReadTruth(truth_path, label_options, rows, table->size(), unknown);
      if (unknown > 0)
        Warn(kCommand, std::to_string(unknown) + " records of the truth file are not in the input");
      TruthSampling sampling;
      sampling.max_match_pairs = max_round_pairs;
      sampling.non_match_pairs = 0;
      sampling.seed = seed;
      const LabelledPairs pairs =
          DrawTruthPairs(person, ComparablePairs(settings, *table, file), sampling);
      labelled = pairs.matches;
      options.labels_source = "truth";
      if (!lambda) options.truth_match_pairs = pairs.match_pairs_available;
    }
    if (labelled.empty()) throw Error("no labelled matching pair to estimate m from");
    options.labelled_matches = &labelled;
  }

  const TrainResult result = Train(settings, *table, file, options);
  for (const std::string& w : result.warnings) Warn(kCommand, w);
  OutputFile out(cl.common().output);
  out.Write(SerializeSettings(result.model));
  out.Commit();
  if (!cl.common().quiet) PrintSummary(result, table->size());
  return 0;
}

}  // namespace vnlink::cli
