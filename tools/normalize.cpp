// vnlink normalize: raw records (CSV, TSV, JSON Lines) -> canonical records TSV.
// A thin shell over normalizers/normalize_record.h: options, column mapping, a
// tbb::parallel_pipeline (serial in-order reader; parallel normalization with one memoizing
// RecordNormalizer per thread, each batch's rows formatted into one buffer; serial in-order
// duplicate-id check and write), rejects, summary.

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_pipeline.h>
#include <xxhash.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "cli.h"
#include "commands.h"
#include "liblink/byte_scan.h"
#include "liblink/error.h"
#include "liblink/record_reader.h"
#include "liblink/record_writer.h"
#include "normalizers/normalize_record.h"
#include "progress.h"

namespace vnlink::cli {
namespace {

constexpr std::size_t kBatchRows = 512;
constexpr int kMaxRejectWarnings = 10;

// Rows copied out of the reader (its views die at the next Next()).
struct Work {
  std::string bytes;
  std::vector<std::size_t> ends;        // end offset of every field, all rows
  std::vector<std::size_t> row_fields;  // index into ends of each row's first field
  std::vector<std::size_t> row_count;   // fields per row
  std::vector<std::uint64_t> lines;
  // Filled by the parallel stage, per row: what the serial stage needs (the formatted row,
  // its id, flags and reject reason), not whole canonical records.
  std::string text;                    // the output rows
  std::vector<std::size_t> text_ends;  // end offset in text of each row
  std::string ids;                     // the rows' ids, end to end
  std::vector<std::size_t> id_ends;
  std::vector<XXH128_hash_t> id_hashes;  // IdSet::Hash of each row's id
  std::vector<std::string_view> flags;   // static flag names, all rows
  std::vector<std::size_t> flag_ends;
  std::vector<std::pair<std::size_t, std::string>> rejects;  // (row, reason), in row order

  std::size_t size() const { return lines.size(); }
  // Empties the batch, keeping every buffer's capacity.
  void Clear() {
    bytes.clear();
    ends.clear();
    row_fields.clear();
    row_count.clear();
    lines.clear();
    text.clear();
    text_ends.clear();
    ids.clear();
    id_ends.clear();
    id_hashes.clear();
    flags.clear();
    flag_ends.clear();
    rejects.clear();
  }
  void Add(const Row& row) {
    row_fields.push_back(ends.size());
    row_count.push_back(row.size());
    for (std::string_view f : row.fields) {
      bytes.append(f);
      ends.push_back(bytes.size());
    }
    lines.push_back(row.line);
  }
  std::vector<std::string_view> Fields(std::size_t r) const {
    std::vector<std::string_view> f;
    Fields(r, f);
    return f;
  }
  void Fields(std::size_t r, std::vector<std::string_view>& f) const {
    f.clear();
    for (std::size_t k = row_fields[r]; k < row_fields[r] + row_count[r]; ++k) {
      std::size_t begin = k == 0 ? 0 : ends[k - 1];
      f.emplace_back(bytes.data() + begin, ends[k] - begin);
    }
  }
};

// Batches done with, for reuse: their buffers are hundreds of KB, which would otherwise be
// allocated, faulted in and freed again for every 512 rows. Holds at most the pipeline's
// tokens.
class WorkPool {
 public:
  std::unique_ptr<Work> Take() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!free_.empty()) {
        std::unique_ptr<Work> w = std::move(free_.back());
        free_.pop_back();
        return w;
      }
    }
    return std::make_unique<Work>();
  }
  void Give(std::unique_ptr<Work> w) {
    w->Clear();
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(std::move(w));
  }

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<Work>> free_;
};

// The ids seen so far, for duplicate detection: an open-addressing table of 16-byte
// slots, each the first 96 bits of the id's XXH3-128 hash and the line where it was first
// seen. Memory is about 21-43 bytes per distinct id whatever the ids' length, and no id
// string is kept; two different ids would be taken for one only on a 96-bit collision
// (odds about n^2 / 2^97: 1e-11 at a billion ids).
class IdSet {
 public:
  static XXH128_hash_t Hash(std::string_view id) { return XXH3_128bits(id.data(), id.size()); }
  // Starts loading the home slot of hash `h`: a batch prefetches all its ids before the
  // inserts, whose look-ups in a table of megabytes would each wait for memory.
  void Prefetch(const XXH128_hash_t& h) const {
    __builtin_prefetch(&slots_[h.low64 & (slots_.size() - 1)]);
  }
  // Records the id of hash `h` (Hash) first seen on `line` (>= 1) and returns 0, or returns
  // the line where it was first seen (lines past 2^32 - 1 are remembered as 2^32 - 1).
  std::uint64_t Insert(const XXH128_hash_t& h, std::uint64_t line) {
    if (4 * (used_ + 1) > 3 * slots_.size()) Grow();
    std::uint32_t tag = static_cast<std::uint32_t>(h.high64 >> 32);
    std::uint32_t line32 = static_cast<std::uint32_t>(std::min<std::uint64_t>(line, 0xFFFFFFFFu));
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h.low64 & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.line == 0) {
        s = {h.low64, tag, line32};
        ++used_;
        return 0;
      }
      if (s.low == h.low64 && s.tag == tag) return s.line;
    }
  }

 private:
  struct Slot {
    std::uint64_t low = 0;   // hash bits 0-63 (also the home slot)
    std::uint32_t tag = 0;   // hash bits 96-127
    std::uint32_t line = 0;  // 0 = empty
  };
  static_assert(sizeof(Slot) == 16);
  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.line == 0) continue;
      std::size_t i = s.low & mask;
      while (slots_[i].line != 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_ = std::vector<Slot>(1024);
  std::size_t used_ = 0;
};

// Appends `value` to `out` as a TSV field: TAB, LF and CR become spaces (as TsvWriter).
// Output rows formatted into a string used as a raw buffer: grown by doubling, never
// zero-filled per field (CopyForTsv writes up to kCopySlack bytes past a field).
class RowFormatter {
 public:
  RowFormatter(std::string& out, std::size_t expected_bytes) : out_(out), used_(out.size()) {
    out_.resize(used_ + expected_bytes + kCopySlack);
  }
  ~RowFormatter() { out_.resize(used_); }
  // `value` with TAB, CR and LF made spaces (the TSV contract), 16 bytes at a time.
  void Field(std::string_view value) {
    if (value.empty()) return;  // a third of the canonical columns usually are
    Reserve(value.size());
    CopyForTsv(out_.data() + used_, value);
    used_ += value.size();
  }
  // `tsv`, already free of TAB, CR and LF inside fields, as it is.
  void Raw(std::string_view tsv) {
    Reserve(tsv.size());
    std::memcpy(out_.data() + used_, tsv.data(), tsv.size());
    used_ += tsv.size();
  }
  void Byte(char c) {
    Reserve(1);
    out_[used_++] = c;
  }
  std::size_t size() const { return used_; }

 private:
  void Reserve(std::size_t n) {
    if (used_ + n + kCopySlack > out_.size()) {
      out_.resize(std::max(2 * out_.size(), used_ + n + kCopySlack));
    }
  }
  std::string& out_;
  std::size_t used_;
};

std::string ReadMappingFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open mapping file '" + path + "'", errno);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

int CurrentYear() {
  auto now = std::chrono::system_clock::now();
  auto days = std::chrono::floor<std::chrono::days>(now);
  return static_cast<int>(std::chrono::year_month_day(days).year());
}

}  // namespace

int RunNormalize(int argc, char** argv) {
  CommandLine cl("normalize", "[options] [FILE]",
                 "Repair, parse and normalize raw Vietnamese patient records (CSV, TSV or JSON "
                 "Lines) into the canonical records TSV: names split and keyed, dates, sex, "
                 "phones, ids and addresses canonical, every repair flagged.");
  std::string map_spec, mapping_file, source, keep, rejects_path;
  int reference_year = 0;
  cl.options().add_options()(
      "map", po::value(&map_spec)->value_name("ROLE=COL,..."),
      "map column roles explicitly (unique_id, source, full_name, family_name, middle_name, "
      "given_name, holot, dob, sex, address, street, hamlet, commune, district, province, "
      "phone, national_id, cccd, cmnd, insurance_id); other roles are still recognised")(
      "mapping", po::value(&mapping_file)->value_name("FILE"),
      "read role=column lines from FILE ('#' comments); --map entries override them")(
      "source", po::value(&source)->value_name("NAME"),
      "set source_dataset of every record (default: the mapped source column, else empty)")(
      "keep", po::value(&keep)->value_name("COLS"),
      "pass these input columns (comma-separated) through, after the flags column")(
      "rejects", po::value(&rejects_path)->value_name("FILE"),
      "write rejected rows (missing or duplicate id, nothing usable, malformed) to FILE as "
      "TSV source, line, reason, record; without it they are counted and reported")(
      "reference-year", po::value(&reference_year)->value_name("YEAR"),
      "the year the data was extracted: pivot of two-digit years and latest possible "
      "birth year (default: the current year)");
  cl.Positional("FILE", 1);
  if (!cl.Parse(argc, argv)) return 0;
  if (!cl.vm().count("reference-year")) reference_year = CurrentYear();
  if (reference_year < 1900 || reference_year > 9999) {
    throw UsageError("--reference-year must be a year between 1900 and 9999, not '" +
                     std::to_string(reference_year) + "'");
  }
  const CommonOptions& common = cl.common();
  const std::string input = cl.InputsOrStdin().front();

  std::unique_ptr<OutputFile> rejects_file;
  std::unique_ptr<RejectWriter> rejects;
  ReaderOptions ropts = cl.reader_options();
  if (!rejects_path.empty()) {
    rejects_file = std::make_unique<OutputFile>(rejects_path);
    rejects = std::make_unique<RejectWriter>(*rejects_file);
    ropts.rejects = rejects.get();
  }
  auto reader = RecordReader::Open(input, ropts);
  const std::vector<std::string>& header = reader->header();

  std::vector<std::pair<std::string, std::string>> pairs;
  if (!mapping_file.empty()) pairs = vi::ParseMappingSpec(ReadMappingFile(mapping_file), '\n');
  if (!map_spec.empty()) {
    auto more = vi::ParseMappingSpec(map_spec, ',');
    pairs.insert(pairs.end(), more.begin(), more.end());
  }
  vi::ColumnMapping mapping = vi::ApplyMapping(vi::AutoMap(header), pairs, header, reader->name());
  if (!common.quiet) Note("normalize", "mapping: " + vi::DescribeMapping(mapping, header));
  if (!mapping[vi::Role::kUniqueId]) {
    throw UsageError("no id column recognised in '" + reader->name() +
                     "' (map one with --map unique_id=COLUMN)");
  }

  std::vector<std::size_t> keep_columns;
  std::vector<std::string> out_header = vi::CanonicalHeader();
  for (const std::string& k : SplitList(keep)) {
    keep_columns.push_back(reader->Require(k));
    if (std::find(out_header.begin(), out_header.end(), k) != out_header.end()) {
      throw UsageError("kept column '" + k + "' has the name of a canonical column");
    }
    out_header.push_back(k);
  }

  OutputFile out(common.output);
  { TsvWriter header_writer(out, out_header); }  // rows are formatted in the pipeline
  tbb::enumerable_thread_specific<vi::RecordNormalizer> normalizers(
      [&] { return vi::RecordNormalizer(mapping, source, reference_year); });
  // Reused per thread: their strings keep their capacity from row to row.
  tbb::enumerable_thread_specific<vi::CanonicalRecord> records;
  tbb::enumerable_thread_specific<std::vector<std::string_view>> field_views;

  WorkPool pool;
  IdSet seen_ids;
  Progress progress("normalize", "normalize", 0, "records", common.progress);
  std::map<std::string, std::uint64_t> reject_counts;
  // Flag names are views of static storage: counted by address and size (no hashing of the
  // text per flag), merged by name for the summary.
  struct ViewAddressHash {
    std::size_t operator()(std::string_view v) const {
      return std::hash<const char*>()(v.data()) ^ v.size();
    }
  };
  struct SameView {
    bool operator()(std::string_view a, std::string_view b) const {
      return a.data() == b.data() && a.size() == b.size();
    }
  };
  std::unordered_map<std::string_view, std::uint64_t, ViewAddressHash, SameView> flag_counts;
  std::uint64_t written = 0, rejected = 0;
  int warnings = 0;
  bool done = false;

  auto reject = [&](const Work& w, std::size_t r, const std::string& reason) {
    ++rejected;
    std::string kind = reason.substr(0, reason.find(" '"));
    ++reject_counts[kind];
    if (rejects) {
      std::string raw;
      std::vector<std::string_view> fields = w.Fields(r);
      for (std::size_t k = 0; k < fields.size(); ++k) {
        if (k > 0) raw.push_back('\t');
        raw.append(fields[k]);
      }
      rejects->Reject(reader->name(), w.lines[r], reason, raw);
    } else if (warnings++ < kMaxRejectWarnings) {
      Warn("normalize",
           reader->name() + ":" + std::to_string(w.lines[r]) + ": rejected: " + reason);
    }
  };

  tbb::parallel_pipeline(
      static_cast<std::size_t>(4 * std::max(1, common.threads)),
      tbb::make_filter<void, Work*>(tbb::filter_mode::serial_in_order,
                                    [&](tbb::flow_control& fc) -> Work* {
                                      if (done) {
                                        fc.stop();
                                        return nullptr;
                                      }
                                      std::unique_ptr<Work> w = pool.Take();
                                      Row row;
                                      while (w->size() < kBatchRows) {
                                        if (!reader->Next(row)) {
                                          done = true;
                                          break;
                                        }
                                        w->Add(row);
                                      }
                                      if (w->size() == 0) {
                                        fc.stop();
                                        return nullptr;
                                      }
                                      return w.release();
                                    }) &
          tbb::make_filter<Work*, Work*>(
              tbb::filter_mode::parallel,
              [&](Work* w) {
                vi::RecordNormalizer& norm = normalizers.local();
                vi::CanonicalRecord& rec = records.local();
                std::vector<std::string_view>& fields = field_views.local();
                w->text_ends.reserve(w->size());
                w->id_ends.reserve(w->size());
                w->flag_ends.reserve(w->size());
                RowFormatter text(w->text, 2 * w->bytes.size());  // rows grow ~1.5x
                for (std::size_t r = 0; r < w->size(); ++r) {
                  w->Fields(r, fields);
                  norm.Normalize(fields, rec);
                  if (rec.reject.empty()) {
                    for (std::size_t c = 0; c < vi::kColCount; ++c) {
                      if (c > 0) text.Byte('\t');
                      if (c == vi::kColHouseNumber) {  // the address columns, TSV already
                        text.Raw(rec.AddressBlock());
                        c = vi::kColAddressRest;
                        continue;
                      }
                      text.Field(rec.Get(static_cast<vi::Col>(c)));
                    }
                    for (std::size_t k : keep_columns) {
                      text.Byte('\t');
                      text.Field(k < fields.size() ? fields[k] : std::string_view());
                    }
                    text.Byte('\n');
                    w->flags.insert(w->flags.end(), rec.flags.begin(), rec.flags.end());
                  } else {
                    w->rejects.emplace_back(r, std::move(rec.reject));
                  }
                  w->text_ends.push_back(text.size());
                  w->ids.append(rec.fields[vi::kColUniqueId]);
                  w->id_ends.push_back(w->ids.size());
                  w->id_hashes.push_back(IdSet::Hash(rec.fields[vi::kColUniqueId]));
                  w->flag_ends.push_back(w->flags.size());
                }
                return w;
              }) &
          tbb::make_filter<Work*, void>(tbb::filter_mode::serial_in_order, [&](Work* raw) {
            std::unique_ptr<Work> w(raw);
            progress.Add(w->size());
            for (const XXH128_hash_t& h : w->id_hashes) seen_ids.Prefetch(h);
            auto next_reject = w->rejects.begin();
            for (std::size_t r = 0; r < w->size(); ++r) {
              if (next_reject != w->rejects.end() && next_reject->first == r) {
                reject(*w, r, next_reject->second);
                ++next_reject;
                continue;
              }
              std::size_t id_begin = r == 0 ? 0 : w->id_ends[r - 1];
              std::string_view id =
                  std::string_view(w->ids).substr(id_begin, w->id_ends[r] - id_begin);
              if (std::uint64_t first = seen_ids.Insert(w->id_hashes[r], w->lines[r])) {
                reject(*w, r,
                       "duplicate id '" + std::string(id) + "' (first on line " +
                           std::to_string(first) + ")");
                continue;
              }
              for (std::size_t k = r == 0 ? 0 : w->flag_ends[r - 1]; k < w->flag_ends[r]; ++k) {
                ++flag_counts[w->flags[k]];
              }
              std::size_t begin = r == 0 ? 0 : w->text_ends[r - 1];
              out.Write(std::string_view(w->text).substr(begin, w->text_ends[r] - begin));
              ++written;
            }
            pool.Give(std::move(w));
          }));

  out.Commit();
  if (rejects_file) rejects_file->Commit();
  progress.Done();
  std::uint64_t reader_rejects = reader->records_rejected();
  if (!common.quiet) {
    std::string summary = "read " + std::to_string(reader->records_read() + reader_rejects) +
                          " rows, wrote " + std::to_string(written) + ", rejected " +
                          std::to_string(rejected + reader_rejects);
    std::string detail;
    if (reader_rejects > 0) detail += "malformed " + std::to_string(reader_rejects);
    for (const auto& [kind, n] : reject_counts) {
      if (!detail.empty()) detail += ", ";
      detail += kind + " " + std::to_string(n);
    }
    if (!detail.empty()) summary += " (" + detail + ")";
    Note("normalize", summary);
    if (!rejects && warnings > kMaxRejectWarnings) {
      Note("normalize", std::to_string(warnings - kMaxRejectWarnings) +
                            " more rejected rows not shown (use --rejects FILE)");
    }
    std::map<std::string_view, std::uint64_t> by_name;
    for (const auto& [name, n] : flag_counts) by_name[name] += n;
    std::vector<std::pair<std::string_view, std::uint64_t>> flags(by_name.begin(), by_name.end());
    std::sort(flags.begin(), flags.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    for (const auto& [name, n] : flags) {
      Note("normalize", "flag " + std::string(name) + ": " + std::to_string(n));
    }
  }
  return 0;
}

}  // namespace vnlink::cli
