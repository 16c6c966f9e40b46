// File: liblink/term_frequency.h
//
// Term-frequency tables: for a column, each value's share of the records that have a value.
// Agreeing on "nguyen" (about 38% of Vietnamese people) is weak evidence, agreeing on a rare
// family name strong; the match engine adjusts exact-level weights by these frequencies.
// `vnlink train` computes them over all records and stores them in the model, so every
// shard of a split `vnlink match` uses the same global frequencies.
//
//   vnlink::TermFrequencyCounter tf;
//   for (std::string_view v : {"nguyen", "nguyen", "tran", ""}) tf.Add(v);
//   auto table = tf.Frequencies();   // {"nguyen": 2/3, "tran": 1/3}; empty = missing

#ifndef LIBLINK_TERM_FREQUENCY_H_
#define LIBLINK_TERM_FREQUENCY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace vnlink {

class TermFrequencyCounter {
 public:
  // Counts `count` records with this value; the empty value (missing) is not counted.
  void Add(std::string_view value, std::uint64_t count = 1);
  // Adds the counts of another counter (any order gives the same table).
  void Merge(const TermFrequencyCounter& other);

  // Records counted (non-empty values) and distinct values.
  [[nodiscard]] std::uint64_t total() const { return total_; }
  [[nodiscard]] std::size_t distinct() const { return counts_.size(); }
  [[nodiscard]] std::uint64_t Count(std::string_view value) const;

  // value -> count / total(), every frequency in (0, 1]; empty when nothing was counted.
  [[nodiscard]] std::unordered_map<std::string, double> Frequencies() const;
  // The `n` most frequent values with their frequencies, most frequent first (ties: byte
  // order of the value), for summaries.
  [[nodiscard]] std::vector<std::pair<std::string, double>> Top(std::size_t n) const;

 private:
  std::unordered_map<std::string, std::uint64_t> counts_;
  std::uint64_t total_ = 0;
};

}  // namespace vnlink

#endif  // LIBLINK_TERM_FREQUENCY_H_
