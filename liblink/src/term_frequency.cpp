#include "liblink/term_frequency.h"

#include <algorithm>

namespace vnlink {

void TermFrequencyCounter::Add(std::string_view value, std::uint64_t count) {
  if (value.empty() || count == 0) return;
  auto it = counts_.find(std::string(value));
  if (it == counts_.end())
    counts_.emplace(std::string(value), count);
  else
    it->second += count;
  total_ += count;
}

void TermFrequencyCounter::Merge(const TermFrequencyCounter& other) {
  for (const auto& [value, count] : other.counts_) counts_[value] += count;
  total_ += other.total_;
}

std::uint64_t TermFrequencyCounter::Count(std::string_view value) const {
  auto it = counts_.find(std::string(value));
  return it == counts_.end() ? 0 : it->second;
}

std::unordered_map<std::string, double> TermFrequencyCounter::Frequencies() const {
  std::unordered_map<std::string, double> out;
  out.reserve(counts_.size());
  for (const auto& [value, count] : counts_) {
    out.emplace(value, static_cast<double>(count) / static_cast<double>(total_));
  }
  return out;
}

std::vector<std::pair<std::string, double>> TermFrequencyCounter::Top(std::size_t n) const {
  std::vector<std::pair<std::string, std::uint64_t>> all(counts_.begin(), counts_.end());
  auto more_frequent = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  n = std::min(n, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(),
                    more_frequent);
  std::vector<std::pair<std::string, double>> out;
  for (std::size_t i = 0; i < n; ++i) {
    out.emplace_back(all[i].first,
                     static_cast<double>(all[i].second) / static_cast<double>(total_));
  }
  return out;
}

}  // namespace vnlink
