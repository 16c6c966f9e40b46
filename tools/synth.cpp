// vnlink synth: realistic Vietnamese patient records with known identities.
// A thin shell: options -> population -> chunked record generation (parallel, ordered
// output) -> CSV writers. The model lives in normalizers/synth*.h.

#include "normalizers/synth.h"

#include <tbb/concurrent_queue.h>
#include <tbb/parallel_pipeline.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli.h"
#include "liblink/error.h"
#include "liblink/record_writer.h"
#include "progress.h"

namespace vnlink::cli {
namespace {

std::string ErrorTable() {
  std::string out = "error kinds (name, default rate, what it does):\n";
  const vi::ErrorRates rates = vi::DefaultErrorRates();
  for (int i = 0; i < vi::kErrorKindCount; ++i) {
    const auto kind = static_cast<vi::ErrorKind>(i);
    std::string name(vi::ErrorKindName(kind));
    name.resize(18, ' ');
    std::string rate = std::to_string(rates[i]);
    rate.erase(rate.find_last_not_of('0') + 1);
    if (rate.back() == '.') rate.push_back('0');
    rate.resize(7, ' ');
    out += "  " + name + rate + std::string(vi::ErrorKindDescription(kind)) + "\n";
  }
  return out;
}

bool NeedsQuotes(std::string_view v) {
  return v.find_first_of(",\"\r\n") != std::string_view::npos;
}

// Writes one CSV field (RFC 4180, the quoting rules of vnlink::CsvWriter) at `out`, which
// has room for 2 * v.size() + 2 bytes; returns the end.
// Copies `v` to `out`. Most fields are short (dates, codes, numbers): two overlapping
// 8-byte moves beat a call to memcpy for each.
char* PutBytes(std::string_view v, char* out) {
  const std::size_t n = v.size();
  if (n >= 8 && n <= 16) {
    std::uint64_t head, tail;
    std::memcpy(&head, v.data(), 8);
    std::memcpy(&tail, v.data() + n - 8, 8);
    std::memcpy(out, &head, 8);
    std::memcpy(out + n - 8, &tail, 8);
  } else if (n < 8) {
    for (std::size_t i = 0; i < n; ++i) out[i] = v[i];
  } else {
    std::memcpy(out, v.data(), n);
  }
  return out + n;
}

// `quote`: the field holds a byte that forces quoting; `dquote`: one of them is '"'.
char* PutCsvField(std::string_view v, bool quote, bool dquote, char* out) {
  if (!quote) return PutBytes(v, out);
  *out++ = '"';
  if (!dquote) {  // the common case: a comma inside an address
    std::memcpy(out, v.data(), v.size());
    out += v.size();
  } else {
    for (char c : v) {
      if (c == '"') *out++ = '"';
      *out++ = c;
    }
  }
  *out++ = '"';
  return out;
}

void AppendCsvField(std::string_view v, bool quote, std::string& out) {
  const std::size_t at = out.size();
  out.resize(at + 2 * v.size() + 2);
  out.resize(static_cast<std::size_t>(
      PutCsvField(v, quote, v.find('"') != std::string_view::npos, out.data() + at) - out.data()));
}

void AppendCsvRow(const std::vector<std::string>& fields, std::string& out) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out.push_back(',');
    AppendCsvField(fields[i], NeedsQuotes(fields[i]), out);
  }
  out.push_back('\n');
}

// CSV and truth rows of one chunk, appended record by record through a pointer (no
// capacity check per field). Built in the parallel stage, so the ordered writer only
// copies bytes.
class ChunkFormatter {
 public:
  ChunkFormatter(std::string& csv, std::string& truth, bool want_truth)
      : csv_(csv), truth_(truth), want_truth_(want_truth) {}
  ~ChunkFormatter() {
    csv_.resize(csv_used_);
    truth_.resize(truth_used_);
  }
  ChunkFormatter(const ChunkFormatter&) = delete;
  ChunkFormatter& operator=(const ChunkFormatter&) = delete;

  void Add(const vi::SynthRecord& r) {
    // Room for the worst case: every field quoted (a record's fields are disjoint parts
    // of its text).
    char* out = Room(csv_, csv_used_, r.text.size() + 3 * r.field_count() + r.id_size + 2);
    const std::string_view id = r.field(0);
    out = PutBytes(id, out);  // ids are letters and digits: never quoted
    for (std::size_t i = 1; i < r.field_count(); ++i) {
      *out++ = ',';
      // The generator marks the fields that need quoting (an address's commas).
      out = PutCsvField(r.field(i), (r.has_comma >> i) & 1, false, out);
    }
    *out++ = '\n';
    csv_used_ = static_cast<std::size_t>(out - csv_.data());
    if (want_truth_) {
      char* t = Room(truth_, truth_used_, id.size() + 32);
      t = PutBytes(id, t);
      *t++ = ',';
      if (r.person < 100'000'000) {  // vi::PersonId without the string: P + 8 digits
        *t++ = 'P';
        std::uint32_t v = r.person;
        for (int k = 7; k >= 0; --k, v /= 10) t[k] = static_cast<char>('0' + v % 10);
        t += 8;
      } else {
        t = PutBytes(vi::PersonId(r.person), t);
      }
      *t++ = '\n';
      truth_used_ = static_cast<std::size_t>(t - truth_.data());
    }
  }

 private:
  // A pointer to `need` writable bytes after the first `used` of `buffer`. Buffers keep
  // their size between chunks (they are reused), so growing is rare and zero-fills little.
  static char* Room(std::string& buffer, std::size_t used, std::size_t need) {
    if (used + need > buffer.size()) buffer.resize(std::max(2 * buffer.size(), used + need));
    return buffer.data() + used;
  }

  std::string& csv_;
  std::string& truth_;
  bool want_truth_;
  std::size_t csv_used_ = 0, truth_used_ = 0;
};

double Probability(const po::variables_map& vm, const char* name) {
  const double v = vm[name].as<double>();
  if (!(v >= 0 && v <= 1)) {
    throw UsageError("--" + std::string(name) + " must be between 0 and 1, not '" +
                     std::to_string(v) + "'");
  }
  return v;
}

}  // namespace

int RunSynth(int argc, char** argv) {
  CommandLine cl("synth", "--people N [options]",
                 "Write synthetic Vietnamese patient records with known identities, damaged by a\n"
                 "configurable error model, and a truth file (unique_id,person_id). Dedupe mode\n"
                 "writes one CSV (-o); link mode writes two overlapping files (-o and\n"
                 "--output-b).");
  std::uint64_t people = 0, seed = 1;
  std::string mode = "dedupe", output_b, truth, error_rate;
  int max_copies = 5;
  cl.options().add_options()("people,n", po::value(&people)->value_name("N"),
                             "number of people (required)")(
      "seed,s", po::value(&seed)->value_name("S")->default_value(1),
      "random seed; the output is a function of the seed and the options only")(
      "mode", po::value(&mode)->value_name("MODE")->default_value("dedupe"),
      "dedupe (one file) or link (two files A and B)")(
      "output-b", po::value(&output_b)->value_name("FILE"),
      "link mode: the insurance-style file B (required in link mode)")(
      "truth", po::value(&truth)->value_name("FILE"),
      "write the truth CSV (unique_id,person_id) to FILE")(
      "max-copies", po::value(&max_copies)->value_name("K")->default_value(5),
      "at most K records per person and file")(
      "repeat-prob", po::value<double>()->value_name("P")->default_value(0.45, "0.45"),
      "probability of each further record of a person (truncated geometric)")(
      "overlap", po::value<double>()->value_name("F")->default_value(0.5, "0.5"),
      "link mode: share of people present in both files")(
      "duplicates-within", "link mode: a person may appear more than once in one file")(
      "error-rate", po::value(&error_rate)->value_name("SPEC"),
      "set error rates: kind=rate,... ('all=R' sets every kind); see --list-errors")(
      "error-scale", po::value<double>()->value_name("F")->default_value(1.0, "1"),
      "multiply every error rate by F (after --error-rate), capped at 1")(
      "clean", "no errors at all: every record of a person carries the same identity")(
      "list-errors", "print the error kinds with their default rates and exit");
  if (!cl.Parse(argc, argv)) return 0;
  const auto& vm = cl.vm();
  if (vm.count("list-errors")) {
    std::cout << ErrorTable();
    return 0;
  }
  if (!vm.count("people")) throw UsageError("--people is required");
  if (people == 0 || people > 1'000'000'000ULL)
    throw UsageError("--people must be between 1 and 1000000000, not '" + std::to_string(people) +
                     "'");
  if (mode != "dedupe" && mode != "link")
    throw UsageError("unknown mode '" + mode + "' (dedupe, link)");
  const bool link = mode == "link";
  if (link && output_b.empty()) throw UsageError("link mode needs --output-b FILE");
  if (!link && (!output_b.empty() || vm.count("duplicates-within")))
    throw UsageError("--output-b and --duplicates-within need --mode link");
  {
    // Two outputs on one path (or both on standard output) would interleave.
    const std::string& out = cl.common().output;
    if ((!truth.empty() && truth == out) || (!output_b.empty() && output_b == out) ||
        (!truth.empty() && truth == output_b))
      throw UsageError("-o, --output-b and --truth must name different files");
  }
  if (max_copies < 1 || max_copies > 50)
    throw UsageError("--max-copies must be between 1 and 50, not '" + std::to_string(max_copies) +
                     "'");

  vi::PopulationOptions popts;
  popts.max_copies = max_copies;
  popts.repeat_prob = Probability(vm, "repeat-prob");
  popts.link = link;
  popts.overlap = Probability(vm, "overlap");
  popts.duplicates_within = vm.count("duplicates-within") > 0;

  vi::ErrorRates rates = vm.count("clean") ? vi::CleanErrorRates() : vi::DefaultErrorRates();
  if (vm.count("clean") && (!error_rate.empty() || !vm["error-scale"].defaulted()))
    throw UsageError("--clean cannot be combined with --error-rate or --error-scale");
  if (!error_rate.empty()) vi::ApplyErrorRateSpec(error_rate, rates);
  vi::ScaleErrorRates(vm["error-scale"].as<double>(), rates);
  if (rates[0] + rates[1] + rates[2] > 1.0)
    throw UsageError("enc_tcvn3 + enc_vni + enc_utf8x2 must not exceed 1");

  const auto& ref = vi::SynthReference::Get();
  const vi::Population pop = vi::BuildPopulation(ref, people, seed, popts);
  vi::SynthGenerator gen(ref, pop, seed, rates, link);
  gen.set_track_eligible(false);

  OutputFile out_a(cl.common().output);
  std::optional<OutputFile> out_b;
  std::optional<OutputFile> out_truth;
  if (link) out_b.emplace(output_b);
  if (!truth.empty()) out_truth.emplace(truth);
  {
    std::string header;
    AppendCsvRow(vi::SynthHeader(vi::SynthFile::kA), header);
    out_a.Write(header);
    if (out_b) {
      header.clear();
      AppendCsvRow(vi::SynthHeader(vi::SynthFile::kB), header);
      out_b->Write(header);
    }
    if (out_truth) out_truth->Write("unique_id,person_id\n");
  }

  // Work items: every chunk of file A, then (link mode) every chunk of file B.
  const std::size_t chunks = gen.chunk_count();
  const std::size_t items = link ? 2 * chunks : chunks;
  std::size_t next = 0;
  struct Batch {
    vi::SynthFile file = vi::SynthFile::kA;
    std::string csv, truth;
    std::size_t count = 0;
  };
  Progress progress("synth", "write", pop.records_a + pop.records_b, "records",
                    cl.common().progress);
  const std::size_t tokens = static_cast<std::size_t>(cl.common().threads) * 4;
  const bool want_truth = out_truth.has_value();
  // Written batches hand their buffers back for reuse: a fresh buffer per chunk costs
  // page faults and cache misses on every byte.
  tbb::concurrent_queue<std::pair<std::string, std::string>> spare;
  tbb::parallel_pipeline(
      tokens, tbb::make_filter<void, std::size_t>(tbb::filter_mode::serial_in_order,
                                                  [&](tbb::flow_control& fc) -> std::size_t {
                                                    if (next == items) {
                                                      fc.stop();
                                                      return 0;
                                                    }
                                                    return next++;
                                                  }) &
                  tbb::make_filter<std::size_t, Batch>(
                      tbb::filter_mode::parallel,
                      [&](std::size_t item) {
                        Batch b;
                        std::pair<std::string, std::string> buffers;
                        if (spare.try_pop(buffers)) {
                          b.csv = std::move(buffers.first);
                          b.truth = std::move(buffers.second);
                        }
                        b.file = item < chunks ? vi::SynthFile::kA : vi::SynthFile::kB;
                        // Per worker and reused: the record's and the plan's buffers
                        // survive from chunk to chunk.
                        thread_local vi::SynthRecord record;
                        thread_local std::vector<std::uint64_t> plan;
                        {
                          ChunkFormatter format(b.csv, b.truth, want_truth);
                          gen.VisitChunk(item % chunks, b.file, record, plan,
                                         [&](const vi::SynthRecord& r) {
                                           format.Add(r);
                                           ++b.count;
                                         });
                        }
                        return b;
                      }) &
                  tbb::make_filter<Batch, void>(tbb::filter_mode::serial_in_order, [&](Batch b) {
                    (b.file == vi::SynthFile::kA ? out_a : *out_b).Write(b.csv);
                    if (want_truth) out_truth->Write(b.truth);
                    progress.Add(b.count);
                    spare.push({std::move(b.csv), std::move(b.truth)});
                  }));
  progress.Done();
  out_a.Commit();
  if (out_b) out_b->Commit();
  if (out_truth) out_truth->Commit();

  if (!cl.common().quiet) {
    std::string msg = "wrote " + std::to_string(pop.records_a) + " records";
    if (link) msg += " to A and " + std::to_string(pop.records_b) + " to B";
    msg += " of " + std::to_string(people) + " people (seed " + std::to_string(seed) + ")";
    Note("synth", msg);
  }
  return 0;
}

}  // namespace vnlink::cli
