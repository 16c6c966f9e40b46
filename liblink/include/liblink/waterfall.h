// File: liblink/waterfall.h
//
// Why a pair scored what it did: the Fellegi-Sunter sum taken apart step by step, as an
// auditor reads it. The prior (lambda), then for each comparison the level the pair
// reached, the two values side by side, the Bayes factor and its weight log2(m/u), then
// the term-frequency adjustment of that level when it has one, each with the running total.
//
//   vnlink::ComparisonEngine engine(model, table, "records.tsv");
//   vnlink::Waterfall w = vnlink::ExplainPair(engine, a, b);  // a, b: rows of the table
//   std::cout << vnlink::FormatWaterfall(w);                   // the text of `vnlink explain`
//
// The plain structs below carry no reference to the model, so renderers (the text here,
// the SVG of liblink/report.h) depend only on them.

#ifndef LIBLINK_WATERFALL_H_
#define LIBLINK_WATERFALL_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace vnlink {

class ComparisonEngine;

// One comparison of a pair.
struct WaterfallStep {
  std::string comparison;        // the comparison's name, e.g. "dob"
  std::string level;             // the label of the level reached, e.g. "exact"
  int gamma = 0;                 // Splink gamma: -1 null, 0 else, higher is closer
  bool is_null = false;          // a value missing: no evidence, weight 0
  std::string column;            // the column(s) the level read, e.g. "name_exact"
  std::string value_l, value_r;  // their values in the two records
  double weight = 0;             // log2(m/u) of the level (0 for null)
  // Term-frequency adjustment of the level, when it has one: w * (log2 u_exact -
  // log2 max(f_l, f_r, tf_minimum)), with f the values' frequencies in the TF table of
  // tf_column (0 when a value is not in it).
  bool has_tf = false;
  double tf_adjustment = 0;
  std::string tf_column;
  double tf_frequency_l = 0, tf_frequency_r = 0;
  double tf_u_exact = 0;
  double tf_minimum = 0;  // the model's tf_minimum_u_value
};

struct Waterfall {
  std::string id_l, id_r;
  double lambda = 0;        // probability that two random records match
  double prior_weight = 0;  // log2(lambda/(1-lambda))
  std::vector<WaterfallStep> steps;
  double match_weight = 0;  // prior + sum of weights and TF adjustments
  double match_probability = 0;
  std::optional<double> match_threshold, review_threshold;  // as match weights
};

// The waterfall of rows a and b of the engine's table (the engine must be trained).
// `id_column` names the records in the result. match_weight equals engine.ScorePair().
[[nodiscard]] Waterfall ExplainPair(const ComparisonEngine& engine, std::size_t a, std::size_t b,
                                    const std::string& id_column);

// The decision the thresholds give: "link", "clerical review", "no link", or "" when the
// model has no match threshold.
[[nodiscard]] std::string WaterfallDecision(const Waterfall& w);

// The text waterfall of `vnlink explain`: one aligned line per step with the level, the
// two values, the Bayes factor, the weight and the running total, then the final match
// weight, probability and decision. Columns are aligned by code points (values are NFC).
[[nodiscard]] std::string FormatWaterfall(const Waterfall& w);

}  // namespace vnlink

#endif  // LIBLINK_WATERFALL_H_
