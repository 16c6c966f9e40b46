#include "liblink/metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <tuple>
#include <utility>

namespace vnlink {
namespace {

std::uint64_t PairsOf(std::uint64_t n) { return n * (n - (n > 0 ? 1 : 0)) / 2; }

std::optional<double> Ratio(std::uint64_t num, std::uint64_t den) {
  if (den == 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

std::optional<double> Harmonic(std::optional<double> p, std::optional<double> r) {
  if (!p || !r) return std::nullopt;
  if (*p + *r == 0) return 0.0;
  return 2 * *p * *r / (*p + *r);
}

// k * step with the binary noise of the product removed (0.1 * 3 is 0.3, not
// 0.30000000000000004), so a weight printed as 0.3 is at the threshold printed as 0.3.
double GridPoint(std::int64_t k, double step) {
  char text[32];
  std::snprintf(text, sizeof text, "%.12g", static_cast<double>(k) * step);
  return std::strtod(text, nullptr);
}

std::uint64_t AtOrAbove(const std::vector<double>& ascending, double threshold) {
  return ascending.end() - std::lower_bound(ascending.begin(), ascending.end(), threshold);
}

}  // namespace

std::optional<double> PairCounts::Precision() const { return Ratio(tp, tp + fp); }
std::optional<double> PairCounts::Recall() const { return Ratio(tp, tp + fn); }
std::optional<double> PairCounts::F1() const { return Harmonic(Precision(), Recall()); }

bool Truth::Add(std::string_view unique_id, std::string_view person_id) {
  const std::size_t before = records_.size();
  const std::uint32_t record = records_.Intern(unique_id);
  if (records_.size() == before) return false;
  (void)record;
  const std::uint32_t person = persons_.Intern(person_id);
  if (person >= person_size_.size()) person_size_.push_back(0);
  // Adding the n-th record of a person adds n-1 new true pairs.
  true_pairs_ += person_size_[person]++;
  person_.push_back(person);
  return true;
}

bool PairEvaluator::Add(std::string_view id_l, std::string_view id_r,
                        std::optional<double> weight) {
  if (id_l == id_r) return false;
  ++pairs_;
  prepared_ = false;
  const auto l = truth_.Find(id_l);
  const auto r = truth_.Find(id_r);
  if (!l || !r) {
    ++unknown_pairs_;
    if (unknown_example_.empty()) unknown_example_ = std::string(!l ? id_l : id_r);
    return true;
  }
  scored_.push_back({weight.value_or(INFINITY), std::min(*l, *r), std::max(*l, *r)});
  return true;
}

void PairEvaluator::Prepare() {
  if (prepared_) return;
  prepared_ = true;
  // Highest weight first within a pair, so unique() keeps it.
  std::sort(scored_.begin(), scored_.end(), [](const Scored& a, const Scored& b) {
    return std::tie(a.lo, a.hi, b.weight) < std::tie(b.lo, b.hi, a.weight);
  });
  const auto end =
      std::unique(scored_.begin(), scored_.end(),
                  [](const Scored& a, const Scored& b) { return a.lo == b.lo && a.hi == b.hi; });
  duplicates_ = scored_.end() - end;
  scored_.erase(end, scored_.end());
  true_weights_.clear();
  false_weights_.clear();
  for (const Scored& s : scored_) {
    if (truth_.Person(s.lo) == truth_.Person(s.hi))
      true_weights_.push_back(s.weight);
    else
      false_weights_.push_back(s.weight);
  }
  std::sort(true_weights_.begin(), true_weights_.end());
  std::sort(false_weights_.begin(), false_weights_.end());
}

std::uint64_t PairEvaluator::duplicate_pairs() {
  Prepare();
  return duplicates_;
}

PairCounts PairEvaluator::CountAt(double threshold) {
  Prepare();
  PairCounts c;
  c.tp = AtOrAbove(true_weights_, threshold);
  c.fp = AtOrAbove(false_weights_, threshold);
  c.fn = truth_.TruePairs() - c.tp;
  return c;
}

std::size_t PairEvaluator::SweepSize(double step) {
  Prepare();
  double lo = INFINITY;
  double hi = -INFINITY;
  for (const auto* weights : {&true_weights_, &false_weights_}) {
    for (double w : *weights) {
      if (!std::isfinite(w)) continue;
      lo = std::min(lo, w);
      hi = std::max(hi, w);
    }
  }
  if (lo > hi) return 0;
  return static_cast<std::size_t>(std::ceil(hi / step) - std::floor(lo / step)) + 1;
}

std::vector<SweepRow> PairEvaluator::Sweep(double step) {
  const std::size_t n = SweepSize(step);
  std::vector<SweepRow> rows;
  if (n == 0) return rows;
  double lo = INFINITY;
  for (const auto* weights : {&true_weights_, &false_weights_}) {
    for (double w : *weights) {
      if (std::isfinite(w)) lo = std::min(lo, w);
    }
  }
  const auto first = static_cast<std::int64_t>(std::floor(lo / step));
  rows.reserve(n);
  for (std::size_t k = 0; k < n; ++k) {
    const double t = GridPoint(first + static_cast<std::int64_t>(k), step);
    rows.push_back({t, CountAt(t)});
  }
  return rows;
}

std::optional<std::size_t> BestF1(const std::vector<SweepRow>& rows) {
  std::optional<std::size_t> best;
  double best_f1 = -1;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto f1 = rows[i].counts.F1();
    if (f1 && *f1 >= best_f1) {  // >=: the highest threshold wins a tie
      best_f1 = *f1;
      best = i;
    }
  }
  return best;
}

ClusterEvaluator::ClusterEvaluator(const Truth& truth)
    : truth_(truth), cluster_of_(truth.records(), kNone) {}

bool ClusterEvaluator::Add(std::string_view unique_id, std::string_view cluster_id) {
  const auto record = truth_.Find(unique_id);
  if (!record) {
    const std::size_t before = unknown_.size();
    unknown_.Intern(unique_id);
    if (unknown_.size() == before) return false;
    if (unknown_example_.empty()) unknown_example_ = std::string(unique_id);
    return true;
  }
  if (cluster_of_[*record] != kNone) return false;
  cluster_of_[*record] = clusters_.Intern(cluster_id);
  return true;
}

ClusterReport ClusterEvaluator::Evaluate() const {
  ClusterReport report;
  const std::size_t n = truth_.records();
  report.records = n;
  report.records_unknown = unknown_.size();
  report.unknown_example = unknown_example_;
  report.true_clusters = truth_.persons();

  // A record missing from the clusters is a cluster of its own: give it a fresh id.
  std::vector<std::uint32_t> cluster(n);
  std::uint32_t next = static_cast<std::uint32_t>(clusters_.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (cluster_of_[i] == kNone) {
      ++report.records_missing;
      cluster[i] = next++;
    } else {
      cluster[i] = cluster_of_[i];
    }
  }
  std::vector<std::uint32_t> cluster_size(next, 0);
  for (std::uint32_t c : cluster) ++cluster_size[c];
  for (std::uint32_t size : cluster_size) {
    if (size > 0) ++report.predicted_clusters;
  }

  // The contingency table n_ij = |C_i & T_j|, from sorted (cluster, person) keys.
  std::vector<std::uint64_t> keys(n);
  for (std::size_t i = 0; i < n; ++i) {
    keys[i] = (std::uint64_t{cluster[i]} << 32) | truth_.Person(static_cast<std::uint32_t>(i));
  }
  std::sort(keys.begin(), keys.end());
  double precision_sum = 0;
  double recall_sum = 0;
  std::uint64_t tp = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && keys[j] == keys[i]) ++j;
    const std::uint64_t nij = j - i;
    const std::uint32_t c = keys[i] >> 32;
    const std::uint32_t person = keys[i] & 0xffffffffu;
    const double sq = static_cast<double>(nij) * static_cast<double>(nij);
    precision_sum += sq / cluster_size[c];
    recall_sum += sq / truth_.PersonSize(person);
    tp += PairsOf(nij);
    if (nij == cluster_size[c] && nij == truth_.PersonSize(person)) ++report.exact_clusters;
    i = j;
  }
  if (n > 0) {
    report.bcubed_precision = precision_sum / static_cast<double>(n);
    report.bcubed_recall = recall_sum / static_cast<double>(n);
    report.bcubed_f1 = Harmonic(report.bcubed_precision, report.bcubed_recall);
  }
  report.exact_share = Ratio(report.exact_clusters, report.true_clusters);
  std::uint64_t predicted_pairs = 0;
  for (std::uint32_t size : cluster_size) predicted_pairs += PairsOf(size);
  report.pairs.tp = tp;
  report.pairs.fp = predicted_pairs - tp;
  report.pairs.fn = truth_.TruePairs() - tp;
  return report;
}

}  // namespace vnlink
