// File: liblink/cluster.h
//
// Identity clusters from scored pairs: connected components of the pairs whose score is at
// or above a threshold, with guards against chaining (a maximum cluster size, cannot-link
// constraints, a one-to-one mode for linking two duplicate-free sources).
//
//   vnlink::ClusterOptions options;
//   options.threshold = 8.0;                  // on match_weight (or a probability)
//   vnlink::ClusterBuilder builder(options);
//   for (pair : pair files) builder.AddPair(builder.AddRecord(l), builder.AddRecord(r), w);
//   if (builder.NeedsSecondPass()) {          // a guard fired: read the pairs again
//     for (pair : pair files) builder.AddGuardedPair(*builder.FindRecord(l), ..., w);
//   }
//   vnlink::ClusterStats stats;
//   for (auto [record, cluster] : builder.Finish(stats)) Write(builder.Id(record), ...);
//
// Memory is proportional to the records, not the pairs. The first pass keeps only the
// interned ids and a union-find; with the ranks and output order computed at the end, about
// 110 bytes per record plus the id bytes (113 MB for 10^6 records and 10^7 pairs), and 4
// bytes per record and cannot-link column (plus the distinct values). A guard needs the edges of
// the components it must rebuild, so the second pass keeps 16 bytes per pair at or above the
// threshold whose records lie in a component that breaks a guard (too large, holding conflicting
// cannot-link values, or more than two records in one-to-one mode), and nothing else.
//
// Results do not depend on the order of pairs or files: plain components are
// order-free, guarded components are rebuilt Kruskal style from their edges sorted by score
// (highest first), ties broken by the byte order of the two ids (smaller id of each pair
// first, then the larger); a cluster's id is the smallest unique_id in it (byte order).

#ifndef LIBLINK_CLUSTER_H_
#define LIBLINK_CLUSTER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "liblink/id_interner.h"
#include "liblink/union_find.h"

namespace vnlink {

struct ClusterOptions {
  double threshold = 0.0;               // pairs with score >= threshold are links
  std::uint32_t max_cluster_size = 0;   // 0 = no limit; else no cluster grows beyond it
  bool one_to_one = false;              // each record keeps at most one link (best first)
  std::size_t cannot_link_columns = 0;  // values per record given to SetCannotLinkValues
  std::size_t largest_to_report = 5;    // entries in ClusterStats::largest
};

// One output row: a record and its cluster, both as handles of the builder's ids
// (the cluster handle is the record with the smallest id in the cluster).
struct ClusterAssignment {
  std::uint32_t record;
  std::uint32_t cluster;
};

struct ClusterStats {
  std::uint64_t pairs = 0;  // pairs given to AddPair
  std::uint64_t links = 0;  // of which at or above the threshold
  std::uint64_t records = 0;
  std::uint64_t clusters = 0;
  // (cluster size, number of clusters of that size), sizes ascending.
  std::vector<std::pair<std::uint32_t, std::uint64_t>> size_counts;
  // (cluster handle, size) of the largest clusters, largest first, ties by cluster id.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> largest;
  // What the guards did: components rebuilt, their records, the edges kept for them, the
  // rebuilt components that ended in more than one cluster, and the clusters they became.
  std::uint64_t guarded_components = 0;
  std::uint64_t guarded_records = 0;
  std::uint64_t guarded_edges = 0;
  std::uint64_t components_split = 0;
  std::uint64_t clusters_from_split = 0;
  // Links refused while rebuilding, each counted under the first guard it broke, in this
  // order: one-to-one, maximum size, cannot-link (per column, in option order).
  std::uint64_t refused_one_to_one = 0;
  std::uint64_t refused_max_size = 0;
  std::vector<std::uint64_t> refused_cannot_link;
};

class ClusterBuilder {
 public:
  explicit ClusterBuilder(ClusterOptions options);

  // The handle of a record id, declaring the record when new (a singleton cluster unless
  // a link reaches it).
  std::uint32_t AddRecord(std::string_view id);
  // The handle of a declared record, or nullopt.
  [[nodiscard]] std::optional<std::uint32_t> FindRecord(std::string_view id) const {
    return ids_.Find(id);
  }
  [[nodiscard]] std::string_view Id(std::uint32_t record) const { return ids_.Name(record); }
  [[nodiscard]] const IdInterner& ids() const { return ids_; }

  // The record's values of the cannot-link columns (empty = missing, never conflicts).
  // Two records whose value in a column differs, both non-empty, never share a cluster.
  // Throws std::invalid_argument when the count differs from options.cannot_link_columns.
  void SetCannotLinkValues(std::uint32_t record, std::span<const std::string_view> values);

  // First pass: one scored pair. Pairs below the threshold only declare their records.
  void AddPair(std::uint32_t a, std::uint32_t b, double score);

  // Ends the first pass. True when some component breaks a guard: then every pair must be
  // given again to AddGuardedPair (same pairs, any order) before Finish().
  bool NeedsSecondPass();
  // Second pass: keeps the pair when it is a link inside a component that breaks a guard.
  void AddGuardedPair(std::uint32_t a, std::uint32_t b, double score);

  // The clusters of every declared record, ordered by cluster id then unique_id (byte
  // order), and the counts of what happened in `stats`. Call once.
  std::vector<ClusterAssignment> Finish(ClusterStats& stats);

 private:
  struct Edge {
    double score;
    std::uint32_t lo_rank;  // rank (byte order) of the smaller id
    std::uint32_t hi_rank;
  };
  bool Conflicts(std::uint32_t root_a, std::uint32_t root_b, std::size_t& column) const;
  void Rebuild(ClusterStats& stats);

  ClusterOptions options_;
  IdInterner ids_;
  IdInterner values_;  // cannot-link values, all columns together
  // value_[column][record] = value handle + 1, 0 = empty; after the first pass, for roots
  // of rebuilt components, the one non-empty value of the component.
  std::vector<std::vector<std::uint32_t>> value_;
  UnionFind sets_;
  std::uint64_t pairs_ = 0;
  std::uint64_t links_ = 0;
  bool first_pass_done_ = false;
  std::vector<std::uint32_t> rank_;      // by handle
  std::vector<std::uint32_t> by_rank_;   // handles in byte order of ids
  std::vector<bool> guarded_;            // by handle: record in a component to rebuild
  std::vector<std::uint32_t> old_root_;  // by handle, for guarded records
  std::uint64_t guarded_components_ = 0;
  std::vector<Edge> edges_;
};

// A bucketed view of ClusterStats::size_counts for people: sizes 1 to 9 each, then
// 10-99, 100-999, ... Each entry is (lowest size, highest size, clusters).
struct SizeBucket {
  std::uint64_t lo;
  std::uint64_t hi;
  std::uint64_t clusters;
};
[[nodiscard]] std::vector<SizeBucket> BucketSizes(
    std::span<const std::pair<std::uint32_t, std::uint64_t>> size_counts);

}  // namespace vnlink

#endif  // LIBLINK_CLUSTER_H_
