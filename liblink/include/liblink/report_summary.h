// File: liblink/report_summary.h
//
// Bounded summaries of the streams an audit report reads, fed one row at a time so a run
// of 10^6 records and 10^8 pairs is summarised in a few MB: a histogram of match weights,
// seeded samples of the pairs in the clerical-review band and of links just above the
// match threshold, cluster sizes with the largest clusters, missing values per column, and
// normalize's rejected rows counted by reason.
//
//   vnlink::PairSummary pairs({.match = 6, .review = 0, .review_size = 200, .seed = 1});
//   while (reader->Next(row)) pairs.Add(row[l], row[r], weight, probability);
//   for (const vnlink::SampledPair& p : pairs.review_queue()) ...
//
// Samples keep the pairs whose seeded hash of the two ids is smallest, so the choice
// depends on the seed and the set of pairs, never on their order or the thread count.

#ifndef LIBLINK_REPORT_SUMMARY_H_
#define LIBLINK_REPORT_SUMMARY_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace vnlink {

// Counts of values in bins [k*width, (k+1)*width), created as values arrive.
class Histogram {
 public:
  explicit Histogram(double bin_width) : width_(bin_width) {}
  void Add(double value);
  // (bin index k, count), ascending in k; bin k covers [k*width, (k+1)*width).
  [[nodiscard]] const std::map<std::int64_t, std::uint64_t>& bins() const { return bins_; }
  [[nodiscard]] double bin_width() const { return width_; }
  [[nodiscard]] std::uint64_t total() const { return total_; }

 private:
  double width_;
  std::map<std::int64_t, std::uint64_t> bins_;
  std::uint64_t total_ = 0;
};

struct SampledPair {
  std::string id_l, id_r;
  double weight = 0;
  double probability = 0;
  std::uint64_t priority = 0;  // the seeded hash that chose it
};

// A seeded, order-independent sample of at most `capacity` pairs.
class PairSample {
 public:
  PairSample(std::size_t capacity, std::uint64_t seed) : capacity_(capacity), seed_(seed) {}
  void Offer(std::string_view id_l, std::string_view id_r, double weight, double probability);
  // The sample by decreasing weight (ties: by ids).
  [[nodiscard]] std::vector<SampledPair> Sorted() const;
  [[nodiscard]] std::uint64_t offered() const { return offered_; }

 private:
  std::size_t capacity_;
  std::uint64_t seed_;
  std::vector<SampledPair> heap_;  // max-heap on priority
  std::uint64_t offered_ = 0;
};

// The seeded 64-bit hash of a pair that orders samples.
[[nodiscard]] std::uint64_t PairPriority(std::uint64_t seed, std::string_view id_l,
                                         std::string_view id_r);

struct PairSummaryOptions {
  std::optional<double> match;    // match threshold (match weight); none: no links marked
  std::optional<double> review;   // start of the review band [review, match)
  std::size_t review_size = 200;  // pairs kept from the review band
  std::size_t near_size = 50;     // links kept from just above the match threshold
  double bin_width = 1.0;         // of the weight histogram, in bits
  std::uint64_t seed = 1;
};

// Everything the report needs from a scored pairs file, in bounded memory.
class PairSummary {
 public:
  explicit PairSummary(const PairSummaryOptions& options);
  // One pair. Throws nothing; a NaN weight is counted apart and otherwise ignored.
  void Add(std::string_view id_l, std::string_view id_r, double weight, double probability);

  [[nodiscard]] const PairSummaryOptions& options() const { return options_; }
  [[nodiscard]] const Histogram& histogram() const { return histogram_; }
  [[nodiscard]] std::uint64_t pairs() const { return pairs_; }
  [[nodiscard]] std::uint64_t links() const { return links_; }               // >= match
  [[nodiscard]] std::uint64_t in_review() const { return in_review_; }       // [review, match)
  [[nodiscard]] std::uint64_t near_band() const { return near_.offered(); }  // [match, near_limit)
  [[nodiscard]] std::uint64_t not_a_number() const { return nan_; }
  [[nodiscard]] std::optional<double> min_weight() const;
  [[nodiscard]] std::optional<double> max_weight() const;
  // The upper end of the "near the threshold" band: match + (match - review), or match + 2.
  [[nodiscard]] std::optional<double> near_limit() const;
  [[nodiscard]] std::vector<SampledPair> review_queue() const { return review_.Sorted(); }
  [[nodiscard]] std::vector<SampledPair> near_links() const { return near_.Sorted(); }

 private:
  PairSummaryOptions options_;
  Histogram histogram_;
  PairSample review_, near_;
  std::uint64_t pairs_ = 0, links_ = 0, in_review_ = 0, nan_ = 0;
  double min_ = 0, max_ = 0;
};

struct ClusterInfo {
  std::string cluster_id;
  std::uint64_t size = 0;
  std::vector<std::string> members;  // by unique_id, at most the requested number
};

struct ClusterSummary {
  std::uint64_t records = 0;
  std::uint64_t clusters = 0;
  std::map<std::uint64_t, std::uint64_t> size_counts;  // cluster size -> number of clusters
  std::vector<ClusterInfo> largest;                    // by size desc, then cluster_id
};

// Collects a clusters file (unique_id, cluster_id): memory is one interned id per record.
class ClusterCollector {
 public:
  void Add(std::string_view unique_id, std::string_view cluster_id);
  // The summary with the `top` largest clusters, each listing up to `max_members` ids.
  [[nodiscard]] ClusterSummary Summarize(std::size_t top, std::size_t max_members) const;

 private:
  std::unordered_map<std::string, std::uint32_t> index_;
  std::vector<std::string> cluster_ids_;
  std::vector<std::uint64_t> sizes_;
  std::vector<std::pair<std::uint32_t, std::string>> members_;  // (cluster, unique_id)
};

// Missing (empty) values per column of a records file.
class MissingnessCounter {
 public:
  explicit MissingnessCounter(std::vector<std::string> header);
  void Add(std::span<const std::string_view> fields);
  [[nodiscard]] const std::vector<std::string>& columns() const { return columns_; }
  [[nodiscard]] const std::vector<std::uint64_t>& missing() const { return missing_; }
  [[nodiscard]] std::uint64_t records() const { return records_; }

 private:
  std::vector<std::string> columns_;
  std::vector<std::uint64_t> missing_;
  std::uint64_t records_ = 0;
};

// The reason of a rejected row without the values it names: the text up to the first
// single quote or parenthesis, each number standing alone written N, trimmed
// ("invalid date '31/02/1990' in column 'dob'" -> "invalid date";
// "expected 12 fields, found 9" -> "expected N fields, found N").
[[nodiscard]] std::string RejectReasonKey(std::string_view reason);

// Rejected rows counted by RejectReasonKey, with one example reason per key.
class RejectCounter {
 public:
  void Add(std::string_view source, std::string_view reason);
  struct Entry {
    std::string reason;  // the key
    std::uint64_t count = 0;
    std::string example;  // the first full reason seen
    std::string source;   // where the example came from, e.g. "bhxh.csv:3"
  };
  // By count desc, then reason.
  [[nodiscard]] std::vector<Entry> Sorted() const;
  [[nodiscard]] std::uint64_t total() const { return total_; }

 private:
  std::map<std::string, Entry> entries_;
  std::uint64_t total_ = 0;
};

}  // namespace vnlink

#endif  // LIBLINK_REPORT_SUMMARY_H_
