// File: liblink/training_rounds.h
//
// Combining the m estimates of several EM rounds, and spotting a round that disagrees.
// Each round blocks on some columns, so the comparisons of those columns are not
// estimated in it (every pair of the round agrees on them); each comparison's m is the
// average over the rounds that did estimate it, as Splink averages its training sessions.
//
// Household confounding: a round blocked on phone, address or family name admits family
// members (same phone, address, surname; different birth date and given name) and EM
// takes many of them for matches. Their signature is a round whose m of a comparison's
// strongest agreement level (e.g. exact birth date) is far below its value in the other
// rounds. FindDisagreements reports exactly that, so the tool can warn with the numbers.
//
//   std::vector<vnlink::RoundEstimate> rounds = ...;   // one per training blocking rule
//   vnlink::CombinedM m = vnlink::CombineRounds(shape, rounds);
//   for (const vnlink::Disagreement& d : vnlink::FindDisagreements(shape, rounds, u, {}))
//     Warn(...d.m_round...d.m_others...);

#ifndef LIBLINK_TRAINING_ROUNDS_H_
#define LIBLINK_TRAINING_ROUNDS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "liblink/em.h"

namespace vnlink {

// The outcome of one EM round.
struct RoundEstimate {
  std::string name;                    // the training blocking rule, for messages
  std::vector<bool> estimated;         // per comparison: m was estimated in this round
  std::vector<std::vector<double>> m;  // per comparison and level (as EmParameters::m)
};

struct CombinedM {
  std::vector<std::vector<double>> m;  // the mean over estimating rounds; zeros when none
  std::vector<std::size_t> rounds;     // per comparison: how many rounds estimated it
};

// Averages each comparison's m over the rounds that estimated it. Throws
// std::invalid_argument when a round's shape differs from `comparisons`.
[[nodiscard]] CombinedM CombineRounds(const std::vector<EmComparison>& comparisons,
                                      const std::vector<RoundEstimate>& rounds);

struct DisagreementOptions {
  // A round is reported when its m of the comparison's strongest agreement level is below
  // the other rounds' mean by at least `min_drop` (absolute) and by a factor of at least
  // `min_ratio` (others / round). 0.95 -> 0.49 (the birth-date case) is both.
  double min_drop = 0.15;
  double min_ratio = 1.25;
};

// A round whose m of a comparison's strongest agreement level is far below the others'.
struct Disagreement {
  std::size_t round = 0;
  std::size_t comparison = 0;
  std::size_t level = 0;  // the strongest agreement level: the informative level of least u
  double m_round = 0;     // this round's m of that level
  double m_others = 0;    // the mean m of that level over the other estimating rounds
};

// The disagreements of every round, ordered by round then comparison. Only comparisons
// estimated in at least two rounds can be checked. `u` identifies the strongest level.
[[nodiscard]] std::vector<Disagreement> FindDisagreements(
    const std::vector<EmComparison>& comparisons, const std::vector<RoundEstimate>& rounds,
    const std::vector<std::vector<double>>& u, const DisagreementOptions& options);

}  // namespace vnlink

#endif  // LIBLINK_TRAINING_ROUNDS_H_
