#include "liblink/cluster.h"

#include <algorithm>
#include <limits>
#include <map>
#include <stdexcept>
#include <utility>

#include "liblink/error.h"

namespace vnlink {

ClusterBuilder::ClusterBuilder(ClusterOptions options)
    : options_(options), value_(options.cannot_link_columns) {}

std::uint32_t ClusterBuilder::AddRecord(std::string_view id) {
  const std::uint32_t handle = ids_.Intern(id);
  if (handle >= sets_.size()) {
    if (first_pass_done_) throw Error("unknown record '" + std::string(id) + "' in second pass");
    sets_.Resize(handle + 1);
  }
  return handle;
}

void ClusterBuilder::SetCannotLinkValues(std::uint32_t record,
                                         std::span<const std::string_view> values) {
  if (values.size() != value_.size()) {
    throw std::invalid_argument("wrong number of cannot-link values");
  }
  for (std::size_t c = 0; c < values.size(); ++c) {
    std::vector<std::uint32_t>& column = value_[c];
    if (column.size() <= record) column.resize(std::max<std::size_t>(record + 1, ids_.size()), 0);
    column[record] = values[c].empty() ? 0 : values_.Intern(values[c]) + 1;
  }
}

void ClusterBuilder::AddPair(std::uint32_t a, std::uint32_t b, double score) {
  ++pairs_;
  if (score >= options_.threshold && a != b) {
    ++links_;
    sets_.Union(a, b);
  }
}

bool ClusterBuilder::NeedsSecondPass() {
  if (first_pass_done_) return guarded_components_ > 0;
  first_pass_done_ = true;
  const std::size_t n = ids_.size();
  for (auto& column : value_) column.resize(n, 0);
  by_rank_ = ids_.SortedByName();
  rank_.assign(n, 0);
  for (std::uint32_t r = 0; r < n; ++r) rank_[by_rank_[r]] = r;

  const bool size_guard = options_.max_cluster_size > 0 || options_.one_to_one;
  if (!size_guard && value_.empty()) return false;
  const std::uint32_t max_size =
      options_.one_to_one
          ? (options_.max_cluster_size > 0 ? std::min<std::uint32_t>(2, options_.max_cluster_size)
                                           : 2)
          : options_.max_cluster_size;
  std::vector<std::uint8_t> bad(n, 0);
  if (size_guard) {
    for (std::uint32_t i = 0; i < n; ++i) {
      if (sets_.Find(i) == i && sets_.Size(i) > max_size) bad[i] = 1;
    }
  }
  // A component breaks a cannot-link rule when it holds two different non-empty values.
  std::vector<std::uint32_t> seen(n);
  for (const auto& column : value_) {
    std::fill(seen.begin(), seen.end(), 0);
    for (std::uint32_t i = 0; i < n; ++i) {
      if (column[i] == 0) continue;
      const std::uint32_t root = sets_.Find(i);
      if (seen[root] == 0)
        seen[root] = column[i];
      else if (seen[root] != column[i])
        bad[root] = 1;
    }
  }
  guarded_.assign(n, false);
  old_root_.assign(n, 0);
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint32_t root = sets_.Find(i);
    old_root_[i] = root;
    guarded_[i] = bad[root] != 0;
    if (root == i && bad[i]) ++guarded_components_;
  }
  return guarded_components_ > 0;
}

void ClusterBuilder::AddGuardedPair(std::uint32_t a, std::uint32_t b, double score) {
  if (!first_pass_done_) throw std::logic_error("AddGuardedPair before NeedsSecondPass");
  if (score < options_.threshold || a == b || !guarded_[a]) return;
  if (!guarded_[b] || old_root_[a] != old_root_[b]) {
    // Only possible when the second pass reads other pairs than the first.
    throw Error("the pairs changed between the two passes over them");
  }
  edges_.push_back({score, std::min(rank_[a], rank_[b]), std::max(rank_[a], rank_[b])});
}

bool ClusterBuilder::Conflicts(std::uint32_t root_a, std::uint32_t root_b,
                               std::size_t& column) const {
  for (std::size_t c = 0; c < value_.size(); ++c) {
    const std::uint32_t va = value_[c][root_a];
    const std::uint32_t vb = value_[c][root_b];
    if (va != 0 && vb != 0 && va != vb) {
      column = c;
      return true;
    }
  }
  return false;
}

void ClusterBuilder::Rebuild(ClusterStats& stats) {
  const std::size_t n = ids_.size();
  // Every record of a guarded component starts again as a singleton. A record's own
  // cannot-link value is then also its component's value.
  for (std::uint32_t i = 0; i < n; ++i) {
    if (guarded_[i]) {
      sets_.Reset(i);
      ++stats.guarded_records;
    }
  }
  std::sort(edges_.begin(), edges_.end(), [](const Edge& x, const Edge& y) {
    if (x.score != y.score) return x.score > y.score;
    if (x.lo_rank != y.lo_rank) return x.lo_rank < y.lo_rank;
    return x.hi_rank < y.hi_rank;
  });
  const std::uint32_t max_size = options_.max_cluster_size;
  for (const Edge& e : edges_) {
    const std::uint32_t a = sets_.Find(by_rank_[e.lo_rank]);
    const std::uint32_t b = sets_.Find(by_rank_[e.hi_rank]);
    if (a == b) continue;
    const std::uint32_t size_a = sets_.Size(a);
    const std::uint32_t size_b = sets_.Size(b);
    if (options_.one_to_one && (size_a > 1 || size_b > 1)) {
      ++stats.refused_one_to_one;
      continue;
    }
    if (max_size > 0 && std::uint64_t{size_a} + size_b > max_size) {
      ++stats.refused_max_size;
      continue;
    }
    std::size_t column = 0;
    if (Conflicts(a, b, column)) {
      ++stats.refused_cannot_link[column];
      continue;
    }
    sets_.Union(a, b);
    // The root's slot now holds the merged component's value (its own value, if it had
    // one, is the same, since the merge was allowed).
    const std::uint32_t root = sets_.Find(a);
    for (auto& v : value_) v[root] = v[a] != 0 ? v[a] : v[b];
  }
  stats.guarded_components = guarded_components_;
  stats.guarded_edges = edges_.size();

  std::vector<std::pair<std::uint32_t, std::uint32_t>> split;  // (old root, new root)
  for (std::uint32_t i = 0; i < n; ++i) {
    if (guarded_[i]) split.emplace_back(old_root_[i], sets_.Find(i));
  }
  std::sort(split.begin(), split.end());
  split.erase(std::unique(split.begin(), split.end()), split.end());
  for (std::size_t i = 0; i < split.size();) {
    std::size_t j = i;
    while (j < split.size() && split[j].first == split[i].first) ++j;
    if (j - i > 1) {
      ++stats.components_split;
      stats.clusters_from_split += j - i;
    }
    i = j;
  }
  std::vector<Edge>().swap(edges_);
}

std::vector<ClusterAssignment> ClusterBuilder::Finish(ClusterStats& stats) {
  const bool second_pass = first_pass_done_ ? guarded_components_ > 0 : NeedsSecondPass();
  if (second_pass && !first_pass_done_) throw std::logic_error("second pass missing");
  stats = ClusterStats{};
  stats.refused_cannot_link.assign(value_.size(), 0);
  stats.pairs = pairs_;
  stats.links = links_;
  if (guarded_components_ > 0) Rebuild(stats);

  const std::size_t n = ids_.size();
  constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> min_rank(n, kNone);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::uint32_t& m = min_rank[sets_.Find(i)];
    m = std::min(m, rank_[i]);
  }
  std::vector<std::uint64_t> keys(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    keys[i] = (std::uint64_t{min_rank[sets_.Find(i)]} << 32) | rank_[i];
  }
  std::sort(keys.begin(), keys.end());
  std::vector<ClusterAssignment> rows(n);
  for (std::size_t k = 0; k < n; ++k) {
    rows[k] = {by_rank_[keys[k] & 0xffffffffu], by_rank_[keys[k] >> 32]};
  }

  std::map<std::uint32_t, std::uint64_t> sizes;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> clusters;  // (size, min rank)
  for (std::uint32_t i = 0; i < n; ++i) {
    if (sets_.Find(i) != i) continue;
    const std::uint32_t size = sets_.Size(i);
    ++sizes[size];
    clusters.emplace_back(size, min_rank[i]);
  }
  stats.records = n;
  stats.clusters = clusters.size();
  stats.size_counts.assign(sizes.begin(), sizes.end());
  const std::size_t top = std::min(options_.largest_to_report, clusters.size());
  std::partial_sort(clusters.begin(), clusters.begin() + top, clusters.end(),
                    [](const auto& x, const auto& y) {
                      if (x.first != y.first) return x.first > y.first;
                      return x.second < y.second;
                    });
  for (std::size_t k = 0; k < top; ++k) {
    stats.largest.emplace_back(by_rank_[clusters[k].second], clusters[k].first);
  }
  return rows;
}

std::vector<SizeBucket> BucketSizes(
    std::span<const std::pair<std::uint32_t, std::uint64_t>> size_counts) {
  std::vector<SizeBucket> buckets;
  for (const auto& [size, count] : size_counts) {
    std::uint64_t lo = size;
    std::uint64_t hi = size;
    if (size >= 10) {
      lo = 10;
      while (lo * 10 <= size) lo *= 10;
      hi = lo * 10 - 1;
    }
    if (!buckets.empty() && buckets.back().lo == lo) {
      buckets.back().clusters += count;
    } else {
      buckets.push_back({lo, hi, count});
    }
  }
  return buckets;
}

}  // namespace vnlink
