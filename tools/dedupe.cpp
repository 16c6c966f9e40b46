// vnlink dedupe and vnlink link: the whole pipeline in one process, with the default settings
// for Vietnamese patient records compiled in. Each stage is the subcommand of the same name
// run on files in a private work directory: normalize, train, match, cluster. The outputs
// asked for are moved into place at the end, so a failed run leaves none of them behind.
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cli.h"
#include "commands.h"
#include "liblink/embedded.h"
#include "liblink/error.h"
#include "liblink/record_reader.h"
#include "liblink/record_writer.h"
#include "liblink/settings.h"
#include "progress.h"

namespace vnlink::cli {
namespace {

namespace fs = std::filesystem;

struct PipelineOptions {
  std::string settings_path;
  std::uint64_t seed = 1;
  std::string threshold;
  std::string pairs_out, model_out, records_out, rejects_out, review_threshold;
  std::string map, mapping;
  std::string reference_year;
  std::string max_cluster_size;
  std::vector<std::string> cannot_link;
  bool link_and_dedupe = false;
  bool timings = false;
};

// A temporary directory removed with everything in it when the run ends.
class WorkDir {
 public:
  WorkDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/vnlink-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw IoError("cannot create a work directory in '" + pattern + "'", errno);
    }
    path_ = pattern;
  }
  ~WorkDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Runs a stage subcommand with these arguments (argv[0] is the stage name).
void RunStage(RunFunction run, std::vector<std::string> args) {
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int rc = run(static_cast<int>(args.size()), argv.data());
  if (rc != 0) throw Error("stage '" + args[0] + "' failed");
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open '" + path + "'", errno);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, std::string_view text) {
  OutputFile out(path);
  out.Write(text);
  out.Commit();
}

// Moves a finished work file to where the user asked for it (copying across file systems),
// atomically: a temporary name beside the target, then a rename.
void Deliver(const std::string& from, const std::string& to) {
  if (to == "-") {
    OutputFile out("-");
    out.Write(ReadFile(from));
    out.Commit();
    return;
  }
  std::error_code ec;
  fs::rename(from, to, ec);
  if (!ec) return;
  WriteFile(to, ReadFile(from));
}

std::uint64_t DataLines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::uint64_t n = 0;
  std::string line;
  while (std::getline(in, line)) ++n;
  return n > 0 ? n - 1 : 0;
}

// Scored pairs (`vnlink match` output) and how many reach `threshold`: the links.
struct PairCounts {
  std::uint64_t scored = 0, links = 0;
};
PairCounts CountPairs(const std::string& path, double threshold) {
  auto reader = RecordReader::Open(path, {});
  const std::size_t weight = reader->Require("match_weight");
  PairCounts n;
  Row row;
  while (reader->Next(row)) {
    ++n.scored;
    // Parsed as cluster parses it, so the count is the pairs cluster links.
    if (std::strtod(std::string(row[weight]).c_str(), nullptr) >= threshold) ++n.links;
  }
  return n;
}

// Concatenates canonical record files (same header) into one.
void Concatenate(const std::vector<std::string>& inputs, const std::string& output) {
  OutputFile out(output);
  std::unique_ptr<TsvWriter> writer;
  std::vector<std::string> header;
  Row row;
  for (const std::string& in : inputs) {
    auto reader = RecordReader::Open(in, {});
    if (!writer) {
      header = reader->header();
      writer = std::make_unique<TsvWriter>(out, header);
    } else if (reader->header() != header) {
      throw DataError(in, 1, "canonical record files of a link job must have the same columns");
    }
    while (reader->Next(row)) writer->WriteRow(row.fields);
  }
  out.Commit();
}

struct ClusterSummary {
  std::uint64_t records = 0, clusters = 0;
  std::map<std::uint64_t, std::uint64_t> sizes;  // size -> clusters
  std::vector<std::pair<std::uint64_t, std::string>> largest;
};

ClusterSummary Summarize(const std::string& clusters_path) {
  auto reader = RecordReader::Open(clusters_path, {});
  std::size_t cid = reader->Require("cluster_id");
  std::map<std::string, std::uint64_t> count;
  Row row;
  ClusterSummary s;
  while (reader->Next(row)) {
    ++count[std::string(row[cid])];
    ++s.records;
  }
  s.clusters = count.size();
  for (const auto& [id, n] : count) {
    ++s.sizes[n];
    s.largest.emplace_back(n, id);
  }
  std::sort(s.largest.begin(), s.largest.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  if (s.largest.size() > 3) s.largest.resize(3);
  return s;
}

std::string Stem(const std::string& path) {
  if (path == "-") return "stdin";
  return fs::path(path).stem().string();
}

void AddCommonFlags(std::vector<std::string>& args, const CommonOptions& common, bool quiet) {
  args.push_back("--threads=" + std::to_string(common.threads));
  if (quiet)
    args.push_back("--quiet");
  else
    args.push_back(common.progress ? "--progress" : "--no-progress");
}

int RunPipeline(const char* command, int argc, char** argv, bool link) {
  std::string usage = link ? "[options] FILE_A FILE_B" : "[options] FILE";
  std::string description =
      link ? "Link two sources of raw patient records (CSV, TSV or JSON Lines): normalize both,\n"
             "train a model, score the pairs between them and cluster, in one process. Writes\n"
             "unique_id, source_dataset, cluster_id."
           : "Find the records of the same person in raw patient records (CSV, TSV or JSON\n"
             "Lines): normalize, train a model, score candidate pairs and cluster, in one\n"
             "process, with the compiled-in settings for Vietnamese records (vnlink settings\n"
             "--default). Writes unique_id, cluster_id.";
  CommandLine cl(command, usage, description);
  PipelineOptions o;
  auto add = cl.options().add_options();
  add("settings", po::value(&o.settings_path)->value_name("FILE"),
      "settings JSON to use instead of the compiled-in default");
  add("seed", po::value(&o.seed)->value_name("N")->default_value(1), "seed of training's sampling");
  add("threshold", po::value(&o.threshold)->value_name("W"),
      "link pairs with match weight >= W (default: the settings' match threshold)");
  add("pairs", po::value(&o.pairs_out)->value_name("FILE"), "also write the scored pairs");
  add("model", po::value(&o.model_out)->value_name("FILE"), "also write the trained model");
  add("records", po::value(&o.records_out)->value_name("FILE"),
      "also write the normalized records");
  add("rejects", po::value(&o.rejects_out)->value_name("FILE"),
      "also write the rows normalize rejected, with the reason");
  add("map", po::value(&o.map)->value_name("ROLE=COL,..."),
      "column roles for normalize (default: recognised from the column names)");
  add("mapping", po::value(&o.mapping)->value_name("FILE"), "column roles from a file");
  add("reference-year", po::value(&o.reference_year)->value_name("YEAR"),
      "the year the data was extracted, as in normalize (default: the current year)");
  add("max-cluster-size", po::value(&o.max_cluster_size)->value_name("K"),
      "split clusters above K records at their weakest links");
  add("cannot-link", po::value(&o.cannot_link)->value_name("COLUMN")->composing(),
      "never cluster records with different non-empty COLUMN values (repeatable; e.g. cccd "
      "when ids are reliable)");
  if (link) add("dedupe-too", "also link records within each source (link_and_dedupe)");
  add("timings", "print the wall and CPU time of each stage in the summary");
  cl.Positional("FILE", link ? 2 : 1);
  if (!cl.Parse(argc, argv)) return 0;
  o.link_and_dedupe = cl.vm().count("dedupe-too") > 0;
  o.timings = cl.vm().count("timings") > 0;
  const CommonOptions& common = cl.common();
  std::vector<std::string> inputs = link ? cl.inputs() : cl.InputsOrStdin();
  if (link && inputs.size() != 2) throw UsageError("link takes two input files");

  // Settings: the user's or the compiled-in default, with the link type of this job.
  Settings settings = o.settings_path.empty()
                          ? ParseSettings(EmbeddedFile("default_settings.json"), "default settings")
                          : ParseSettings(ReadFile(o.settings_path), o.settings_path);
  if (link) {
    settings.link_type = o.link_and_dedupe ? LinkType::kLinkAndDedupe : LinkType::kLinkOnly;
  } else if (!o.settings_path.empty() && settings.link_type != LinkType::kDedupeOnly) {
    throw UsageError("dedupe needs settings with link_type 'dedupe_only'");
  }
  std::string threshold = o.threshold;
  if (threshold.empty()) {
    auto w = settings.thresholds.MatchWeight();
    if (!w) throw UsageError("the settings have no match threshold: give --threshold");
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", *w);
    threshold = buf;
  }

  WorkDir work;
  const bool stage_quiet = common.quiet || !common.progress;
  struct StageTime {
    std::string stage;
    double wall, cpu;
  };
  std::vector<StageTime> times;
  // CPU time (all threads, user + system) tells the cost of a stage on a shared machine,
  // where wall time also counts the other processes.
  auto cpu_seconds = [] {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
    return secs(u.ru_utime) + secs(u.ru_stime);
  };
  auto timed = [&](const std::string& stage, auto&& body) {
    auto start = std::chrono::steady_clock::now();
    const double cpu_start = cpu_seconds();
    body();
    times.push_back(
        {stage, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
         cpu_seconds() - cpu_start});
  };

  // normalize
  std::vector<std::string> normalized, reject_files;
  timed("normalize", [&] {
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      std::string out = work / ("records" + std::to_string(i) + ".tsv");
      std::string rej = work / ("rejects" + std::to_string(i) + ".tsv");
      std::vector<std::string> args = {"normalize", inputs[i], "-o", out, "--rejects", rej};
      if (link) args.push_back("--source=" + Stem(inputs[i]));
      if (!o.map.empty()) args.push_back("--map=" + o.map);
      if (!o.mapping.empty()) args.push_back("--mapping=" + o.mapping);
      if (!o.reference_year.empty()) args.push_back("--reference-year=" + o.reference_year);
      if (common.input_format != Format::kAuto) {
        args.push_back("--input-format=" + std::string(FormatName(common.input_format)));
      }
      args.push_back(std::string("--delimiter=") + common.delimiter);
      AddCommonFlags(args, common, stage_quiet);
      RunStage(RunNormalize, args);
      normalized.push_back(out);
      reject_files.push_back(rej);
    }
  });
  std::string records = normalized[0];
  if (normalized.size() > 1) {
    records = work / "records.tsv";
    Concatenate(normalized, records);
  }
  std::string rejects = reject_files[0];
  if (reject_files.size() > 1) {
    rejects = work / "rejects.tsv";
    Concatenate(reject_files, rejects);
  }

  // train
  std::string settings_file = work / "settings.json";
  WriteFile(settings_file, SerializeSettings(settings));
  std::string model = work / "model.json";
  timed("train", [&] {
    std::vector<std::string> args = {"train", "--settings", settings_file, records,
                                     "-o",    model,        "--seed",      std::to_string(o.seed)};
    AddCommonFlags(args, common, stage_quiet);
    RunStage(RunTrain, args);
  });

  // match: pairs from the review threshold up, so --pairs can feed a report's review queue
  std::string pairs = work / "pairs.tsv";
  timed("match", [&] {
    std::vector<std::string> args = {"match", "--model", model, records, "-o", pairs};
    std::optional<double> review = settings.thresholds.ReviewWeight();
    if (review && o.threshold.empty()) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", *review);
      args.push_back(std::string("--threshold-weight=") + buf);
    } else {
      args.push_back("--threshold-weight=" + threshold);
    }
    AddCommonFlags(args, common, stage_quiet);
    RunStage(RunMatch, args);
  });

  // cluster
  std::string clusters = work / "clusters.tsv";
  timed("cluster", [&] {
    std::vector<std::string> args = {"cluster", "--threshold", threshold, "--records",
                                     records,   pairs,         "-o",      clusters};
    for (const std::string& c : o.cannot_link) args.push_back("--cannot-link=" + c);
    if (!o.max_cluster_size.empty()) args.push_back("--max-cluster-size=" + o.max_cluster_size);
    AddCommonFlags(args, common, stage_quiet);
    RunStage(RunCluster, args);
  });

  // Everything succeeded: deliver the outputs.
  ClusterSummary summary = Summarize(clusters);
  std::uint64_t n_records = DataLines(records), n_rejected = DataLines(rejects);
  const PairCounts n_pairs = CountPairs(pairs, std::strtod(threshold.c_str(), nullptr));
  if (!o.records_out.empty()) Deliver(records, o.records_out);
  if (!o.rejects_out.empty()) Deliver(rejects, o.rejects_out);
  if (!o.model_out.empty()) Deliver(model, o.model_out);
  if (!o.pairs_out.empty()) Deliver(pairs, o.pairs_out);
  Deliver(clusters, common.output);

  if (!common.quiet) {
    std::ostringstream s;
    s << "summary: " << WithCommas(n_records + n_rejected) << " records read, "
      << WithCommas(n_rejected) << " rejected; " << WithCommas(n_pairs.scored)
      << " pairs scored at or above the review threshold, " << WithCommas(n_pairs.links)
      << " of them links (match weight >= " << threshold << "); " << WithCommas(summary.records)
      << " records in " << WithCommas(summary.clusters) << " clusters";
    Note(command, s.str());
    std::ostringstream sizes;
    sizes << "cluster sizes:";
    for (const auto& [size, n] : summary.sizes) sizes << " " << size << ":" << WithCommas(n);
    Note(command, sizes.str());
    if (!summary.largest.empty()) {
      std::ostringstream big;
      big << "largest clusters:";
      for (const auto& [n, id] : summary.largest) big << " " << id << " (" << n << ")";
      Note(command, big.str());
    }
    if (o.timings) {
      std::ostringstream t;
      t << "timings:";
      char buf[128];
      for (const StageTime& st : times) {
        std::snprintf(buf, sizeof buf, " %s %.2f s (CPU %.2f s)", st.stage.c_str(), st.wall,
                      st.cpu);
        t << buf;
      }
      Note(command, t.str());
    }
  }
  return 0;
}

}  // namespace

int RunDedupe(int argc, char** argv) { return RunPipeline("dedupe", argc, argv, false); }
int RunLink(int argc, char** argv) { return RunPipeline("link", argc, argv, true); }

int RunSettings(int argc, char** argv) {
  CommandLine cl("settings", "--default",
                 "Print the compiled-in default settings for Vietnamese patient records (the\n"
                 "settings/model JSON of vnlink-model(5)), a starting point for your own.");
  cl.options().add_options()("default", "print the default settings (the only mode for now)");
  if (!cl.Parse(argc, argv)) return 0;
  if (!cl.vm().count("default")) throw UsageError("say what to print: --default");
  OutputFile out(cl.common().output);
  out.Write(
      SerializeSettings(ParseSettings(EmbeddedFile("default_settings.json"), "default settings")));
  out.Commit();
  return 0;
}

}  // namespace vnlink::cli
