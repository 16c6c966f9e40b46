#include "liblink/labels.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>

#include "internal/rng.h"

namespace vnlink {

std::optional<bool> ParseMatchLabel(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (lower == "1" || lower == "match" || lower == "true" || lower == "yes") return true;
  if (lower == "0" || lower == "non-match" || lower == "non_match" || lower == "nonmatch" ||
      lower == "false" || lower == "no") {
    return false;
  }
  return std::nullopt;
}

LabelledPairs DrawTruthPairs(std::span<const std::int64_t> person, const PairUniverse& universe,
                             const TruthSampling& options) {
  if (person.size() != universe.records()) {
    throw std::invalid_argument("truth covers " + std::to_string(person.size()) +
                                " records, the universe " + std::to_string(universe.records()));
  }
  LabelledPairs out;
  // Records of each person; std::map keeps a fixed order of persons.
  std::map<std::int64_t, std::vector<std::uint32_t>> groups;
  for (std::uint32_t i = 0; i < person.size(); ++i) {
    if (person[i] != kUnknownPerson) groups[person[i]].push_back(i);
  }
  // Within-person pairs are visited twice in the same order: once to count them, once to
  // keep each with selection sampling (Knuth's algorithm S), which yields exactly
  // max_match_pairs of them, uniformly, without holding all.
  auto for_each_match = [&](auto&& visit) {
    for (const auto& [id, rows] : groups) {
      for (std::size_t i = 0; i < rows.size(); ++i) {
        for (std::size_t j = i + 1; j < rows.size(); ++j) {
          if (universe.cross_source() && !universe.DifferentSources(rows[i], rows[j])) continue;
          visit(RecordPair{rows[i], rows[j]});
        }
      }
    }
  };
  std::uint64_t available = 0;
  for_each_match([&](RecordPair) { ++available; });
  out.match_pairs_available = available;
  internal::Rng rng(options.seed ^ 0x6c6162656c73ULL);  // "labels": apart from u sampling
  std::uint64_t needed = std::min(available, options.max_match_pairs), remaining = available;
  out.matches.reserve(needed);
  for_each_match([&](RecordPair p) {
    if (needed > 0 && rng.Below(remaining) < needed) {
      out.matches.push_back(p);
      --needed;
    }
    --remaining;
  });

  const std::uint64_t max_draws = options.non_match_pairs * 50;
  std::uint64_t draws = 0;
  for (std::uint64_t stream = 0;
       out.non_matches.size() < options.non_match_pairs && draws < max_draws; ++stream) {
    const std::uint64_t batch = std::min<std::uint64_t>(65536, max_draws - draws);
    for (const RecordPair& p : universe.Sample(batch, options.seed ^ 0x6e6f6e6dULL, stream)) {
      if (out.non_matches.size() == options.non_match_pairs) break;
      if (person[p.first] == kUnknownPerson || person[p.second] == kUnknownPerson ||
          person[p.first] == person[p.second]) {
        continue;
      }
      out.non_matches.push_back(p);
    }
    draws += batch;
    if (universe.size() <= 0) break;
  }
  return out;
}

std::vector<std::vector<double>> LevelCounts(const std::vector<EmComparison>& comparisons,
                                             const PatternCounts& counts) {
  if (counts.width() != comparisons.size()) {
    throw std::invalid_argument("pattern width differs from the number of comparisons");
  }
  std::vector<std::vector<double>> out(comparisons.size());
  for (std::size_t c = 0; c < comparisons.size(); ++c) out[c].assign(comparisons[c].num_levels, 0);
  for (const PatternCounts::Entry& e : counts.Sorted()) {
    for (std::size_t c = 0; c < comparisons.size(); ++c) {
      if (e.levels[c] == kNoLevel) continue;
      if (e.levels[c] >= comparisons[c].num_levels) {
        throw std::invalid_argument("pattern level out of range");
      }
      out[c][e.levels[c]] += static_cast<double>(e.count);
    }
  }
  return out;
}

SupervisedEstimate EstimateFromLabels(const std::vector<EmComparison>& comparisons,
                                      const PatternCounts& matches,
                                      const PatternCounts& non_matches, double smoothing) {
  SupervisedEstimate e;
  e.match_level_counts = LevelCounts(comparisons, matches);
  e.non_match_level_counts = LevelCounts(comparisons, non_matches);
  e.match_pairs = matches.total();
  e.non_match_pairs = non_matches.total();
  for (std::size_t c = 0; c < comparisons.size(); ++c) {
    e.m.push_back(ProbabilitiesFromCounts(comparisons[c], e.match_level_counts[c], smoothing));
    e.u.push_back(ProbabilitiesFromCounts(comparisons[c], e.non_match_level_counts[c], smoothing));
  }
  return e;
}

}  // namespace vnlink
