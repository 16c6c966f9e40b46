#include "liblink/training_rounds.h"

#include <stdexcept>

namespace vnlink {
namespace {

void CheckRound(const std::vector<EmComparison>& comparisons, const RoundEstimate& round) {
  if (round.estimated.size() != comparisons.size() || round.m.size() != comparisons.size()) {
    throw std::invalid_argument("round '" + round.name + "' has the wrong number of comparisons");
  }
  for (std::size_t c = 0; c < comparisons.size(); ++c) {
    if (round.m[c].size() != comparisons[c].num_levels) {
      throw std::invalid_argument("round '" + round.name + "' has the wrong number of levels");
    }
  }
}

}  // namespace

CombinedM CombineRounds(const std::vector<EmComparison>& comparisons,
                        const std::vector<RoundEstimate>& rounds) {
  CombinedM out;
  out.rounds.assign(comparisons.size(), 0);
  for (const EmComparison& c : comparisons) out.m.emplace_back(c.num_levels, 0.0);
  for (const RoundEstimate& round : rounds) {
    CheckRound(comparisons, round);
    for (std::size_t c = 0; c < comparisons.size(); ++c) {
      if (!round.estimated[c]) continue;
      ++out.rounds[c];
      for (std::size_t l = 0; l < comparisons[c].num_levels; ++l) out.m[c][l] += round.m[c][l];
    }
  }
  for (std::size_t c = 0; c < comparisons.size(); ++c) {
    if (out.rounds[c] == 0) continue;
    for (double& v : out.m[c]) v /= static_cast<double>(out.rounds[c]);
  }
  return out;
}

std::vector<Disagreement> FindDisagreements(const std::vector<EmComparison>& comparisons,
                                            const std::vector<RoundEstimate>& rounds,
                                            const std::vector<std::vector<double>>& u,
                                            const DisagreementOptions& options) {
  if (u.size() != comparisons.size()) throw std::invalid_argument("u has the wrong shape");
  for (const RoundEstimate& round : rounds) CheckRound(comparisons, round);
  std::vector<Disagreement> out;
  for (std::size_t r = 0; r < rounds.size(); ++r) {
    for (std::size_t c = 0; c < comparisons.size(); ++c) {
      if (!rounds[r].estimated[c]) continue;
      // The strongest agreement level: least frequent among non-matches.
      std::size_t top = comparisons[c].num_levels;
      for (std::size_t l = 0; l < comparisons[c].num_levels; ++l) {
        if (comparisons[c].IsNull(l)) continue;
        if (top == comparisons[c].num_levels || u[c][l] < u[c][top]) top = l;
      }
      if (top == comparisons[c].num_levels) continue;
      double others = 0;
      std::size_t n = 0;
      for (std::size_t o = 0; o < rounds.size(); ++o) {
        if (o == r || !rounds[o].estimated[c]) continue;
        others += rounds[o].m[c][top];
        ++n;
      }
      if (n == 0) continue;
      others /= static_cast<double>(n);
      const double mine = rounds[r].m[c][top];
      if (others - mine >= options.min_drop && others >= options.min_ratio * mine) {
        out.push_back({r, c, top, mine, others});
      }
    }
  }
  return out;
}

}  // namespace vnlink
