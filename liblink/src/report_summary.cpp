#include "liblink/report_summary.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace vnlink {

void Histogram::Add(double value) {
  ++bins_[static_cast<std::int64_t>(std::floor(value / width_))];
  ++total_;
}

std::uint64_t PairPriority(std::uint64_t seed, std::string_view id_l, std::string_view id_r) {
  // Hash both ids with a separator no id holds (ids are TSV fields: no tab).
  std::string key;
  key.reserve(id_l.size() + id_r.size() + 1);
  key.append(id_l).append(1, '\t').append(id_r);
  return XXH3_64bits_withSeed(key.data(), key.size(), seed);
}

namespace {
bool ByPriority(const SampledPair& a, const SampledPair& b) {
  return std::tie(a.priority, a.id_l, a.id_r) < std::tie(b.priority, b.id_l, b.id_r);
}
}  // namespace

void PairSample::Offer(std::string_view id_l, std::string_view id_r, double weight,
                       double probability) {
  ++offered_;
  if (capacity_ == 0) return;
  std::uint64_t priority = PairPriority(seed_, id_l, id_r);
  if (heap_.size() == capacity_) {
    const SampledPair& top = heap_.front();
    if (std::tie(priority, id_l, id_r) >=
        std::tie(top.priority, std::as_const(top.id_l), std::as_const(top.id_r))) {
      return;
    }
    std::pop_heap(heap_.begin(), heap_.end(), ByPriority);
    heap_.pop_back();
  }
  heap_.push_back({std::string(id_l), std::string(id_r), weight, probability, priority});
  std::push_heap(heap_.begin(), heap_.end(), ByPriority);
}

std::vector<SampledPair> PairSample::Sorted() const {
  std::vector<SampledPair> out = heap_;
  std::sort(out.begin(), out.end(), [](const SampledPair& a, const SampledPair& b) {
    if (a.weight != b.weight) return a.weight > b.weight;
    return std::tie(a.id_l, a.id_r) < std::tie(b.id_l, b.id_r);
  });
  return out;
}

PairSummary::PairSummary(const PairSummaryOptions& options)
    : options_(options),
      histogram_(options.bin_width),
      review_(options.review_size, options.seed),
      // A different seed keeps the two samples independent.
      near_(options.near_size, options.seed ^ 0x9e3779b97f4a7c15ull) {}

std::optional<double> PairSummary::near_limit() const {
  if (!options_.match) return std::nullopt;
  double band = options_.review && *options_.review < *options_.match
                    ? *options_.match - *options_.review
                    : 2.0;
  return *options_.match + band;
}

void PairSummary::Add(std::string_view id_l, std::string_view id_r, double weight,
                      double probability) {
  if (std::isnan(weight)) {
    ++nan_;
    return;
  }
  if (pairs_ == 0 || weight < min_) min_ = weight;
  if (pairs_ == 0 || weight > max_) max_ = weight;
  ++pairs_;
  histogram_.Add(weight);
  if (!options_.match) return;
  if (weight >= *options_.match) {
    ++links_;
    if (weight < *near_limit()) near_.Offer(id_l, id_r, weight, probability);
  } else if (options_.review && weight >= *options_.review) {
    ++in_review_;
    review_.Offer(id_l, id_r, weight, probability);
  }
}

std::optional<double> PairSummary::min_weight() const {
  return pairs_ ? std::optional<double>(min_) : std::nullopt;
}
std::optional<double> PairSummary::max_weight() const {
  return pairs_ ? std::optional<double>(max_) : std::nullopt;
}

void ClusterCollector::Add(std::string_view unique_id, std::string_view cluster_id) {
  auto [it, inserted] =
      index_.try_emplace(std::string(cluster_id), static_cast<std::uint32_t>(cluster_ids_.size()));
  if (inserted) {
    cluster_ids_.emplace_back(cluster_id);
    sizes_.push_back(0);
  }
  ++sizes_[it->second];
  members_.emplace_back(it->second, std::string(unique_id));
}

ClusterSummary ClusterCollector::Summarize(std::size_t top, std::size_t max_members) const {
  ClusterSummary s;
  s.records = members_.size();
  s.clusters = cluster_ids_.size();
  for (std::uint64_t size : sizes_) ++s.size_counts[size];
  std::vector<std::uint32_t> order(cluster_ids_.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  auto larger = [&](std::uint32_t a, std::uint32_t b) {
    if (sizes_[a] != sizes_[b]) return sizes_[a] > sizes_[b];
    return cluster_ids_[a] < cluster_ids_[b];
  };
  std::size_t k = std::min(top, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                    larger);
  std::unordered_map<std::uint32_t, std::size_t> slot;
  for (std::size_t i = 0; i < k; ++i) {
    s.largest.push_back({cluster_ids_[order[i]], sizes_[order[i]], {}});
    slot[order[i]] = i;
  }
  for (const auto& [cluster, id] : members_) {
    if (auto it = slot.find(cluster); it != slot.end()) s.largest[it->second].members.push_back(id);
  }
  for (ClusterInfo& c : s.largest) {
    std::sort(c.members.begin(), c.members.end());
    if (c.members.size() > max_members) c.members.resize(max_members);
  }
  return s;
}

MissingnessCounter::MissingnessCounter(std::vector<std::string> header)
    : columns_(std::move(header)), missing_(columns_.size(), 0) {}

void MissingnessCounter::Add(std::span<const std::string_view> fields) {
  ++records_;
  for (std::size_t i = 0; i < missing_.size() && i < fields.size(); ++i) {
    if (fields[i].empty()) ++missing_[i];
  }
}

std::string RejectReasonKey(std::string_view reason) {
  std::string_view head = reason.substr(0, reason.find_first_of("'("));
  std::string key;
  for (std::size_t i = 0; i < head.size(); ++i) {
    // A number standing alone ("found 9"), not part of a name ("UTF-8").
    if (head[i] >= '0' && head[i] <= '9' && (i == 0 || head[i - 1] == ' ')) {
      if (key.empty() || key.back() != 'N') key += 'N';
      while (i + 1 < head.size() && head[i + 1] >= '0' && head[i + 1] <= '9') ++i;
    } else {
      key += head[i];
    }
  }
  while (!key.empty() && (key.back() == ' ' || key.back() == ':' || key.back() == ','))
    key.pop_back();
  std::size_t start = key.find_first_not_of(' ');
  key = start == std::string::npos ? "" : key.substr(start);
  return key.empty() ? std::string(reason) : key;
}

void RejectCounter::Add(std::string_view source, std::string_view reason) {
  ++total_;
  std::string key = RejectReasonKey(reason);
  auto [it, inserted] = entries_.try_emplace(key);
  if (inserted) {
    it->second.reason = key;
    it->second.example = std::string(reason);
    it->second.source = std::string(source);
  }
  ++it->second.count;
}

std::vector<RejectCounter::Entry> RejectCounter::Sorted() const {
  std::vector<Entry> out;
  for (const auto& [key, e] : entries_) out.push_back(e);
  std::stable_sort(out.begin(), out.end(),
                   [](const Entry& a, const Entry& b) { return a.count > b.count; });
  return out;
}

}  // namespace vnlink
