#include "liblink/waterfall.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>

#include "liblink/comparison.h"
#include "liblink/settings.h"
#include "liblink/utf8.h"

namespace vnlink {
namespace {

std::string Fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

// Bayes factors span many orders of magnitude: fixed notation in the readable range,
// scientific outside it.
std::string FormatFactor(double bf) {
  if (bf == 0) return "0";
  double a = std::fabs(bf);
  if (a >= 1e6 || a < 1e-3) return Fmt("%.3e", bf);
  return Fmt("%.4g", bf);
}

// A value absent from the TF table has frequency 0: the minimum applies.
std::string TfFrequency(double f) { return f > 0 ? Fmt("%.6g", f) : "not in table"; }

std::string ShowValue(const std::string& v) { return v.empty() ? "(missing)" : v; }

// The column(s) a level reads, joined for display.
std::string LevelColumns(const ComparisonLevel& level, const std::string& fallback) {
  if (level.type == LevelType::kColumnsReversed && level.columns.size() == 2) {
    return level.columns[0] + " " + level.columns[1];
  }
  return level.Column(fallback);
}

std::string ValuesOf(const RecordTable& table, const std::string& columns, std::size_t row) {
  std::string out;
  std::size_t start = 0;
  while (start <= columns.size()) {
    std::size_t space = columns.find(' ', start);
    if (space == std::string::npos) space = columns.size();
    const std::string name = columns.substr(start, space - start);
    if (auto c = table.Find(name)) {
      std::string_view v = table.Value(row, *c);
      if (!out.empty() && !v.empty()) out += " / ";
      out += v;
    }
    start = space + 1;
  }
  return out;
}

std::string PadRight(const std::string& s, std::size_t width) {
  std::size_t n = CountCodePoints(s);
  return n >= width ? s : s + std::string(width - n, ' ');
}

std::string PadLeft(const std::string& s, std::size_t width) {
  std::size_t n = CountCodePoints(s);
  return n >= width ? s : std::string(width - n, ' ') + s;
}

}  // namespace

Waterfall ExplainPair(const ComparisonEngine& engine, std::size_t a, std::size_t b,
                      const std::string& id_column) {
  const Settings& settings = engine.settings();
  const RecordTable& table = engine.table();
  Waterfall w;
  if (auto id = table.Find(id_column)) {
    w.id_l = std::string(table.Value(a, *id));
    w.id_r = std::string(table.Value(b, *id));
  }
  w.lambda = settings.probability_two_random_records_match.value_or(0);
  w.prior_weight = engine.PriorWeight();
  w.match_threshold = settings.thresholds.MatchWeight();
  w.review_threshold = settings.thresholds.ReviewWeight();

  std::vector<std::uint8_t> levels(engine.size());
  engine.Compare(a, b, levels);
  for (std::size_t c = 0; c < levels.size(); ++c) {
    const Comparison& comparison = settings.comparisons[c];
    const ComparisonLevel& level = comparison.levels[levels[c]];
    WaterfallStep step;
    step.comparison = comparison.name;
    step.level = level.label.empty() ? DefaultLevelLabel(level, comparison.column) : level.label;
    step.gamma = engine.Gamma(c, levels[c]);
    step.is_null = level.type == LevelType::kNull;
    // A null or else level names no column of its own: show the comparison's.
    const ComparisonLevel* shown = &level;
    if (level.columns.empty() && comparison.column.empty()) {
      for (const ComparisonLevel& other : comparison.levels) {
        if (!other.columns.empty()) {
          shown = &other;
          break;
        }
      }
    }
    step.column = LevelColumns(*shown, comparison.column);
    step.value_l = ValuesOf(table, step.column, a);
    step.value_r = ValuesOf(table, step.column, b);
    step.weight = engine.LevelWeight(c, levels[c]);
    if (level.tf_adjustment && !step.is_null) {
      step.has_tf = true;
      step.tf_adjustment = engine.ComparisonWeight(c, a, b, levels[c]) - step.weight;
      step.tf_minimum = settings.tf_minimum_u_value;
      step.tf_column = level.tf_column.empty() ? level.Column(comparison.column) : level.tf_column;
      if (auto tf = settings.tf_tables.find(step.tf_column); tf != settings.tf_tables.end()) {
        if (auto col = table.Find(step.tf_column)) {
          auto freq = [&](std::size_t row) {
            auto it = tf->second.find(std::string(table.Value(row, *col)));
            return it == tf->second.end() ? 0.0 : it->second;
          };
          step.tf_frequency_l = freq(a);
          step.tf_frequency_r = freq(b);
        }
      }
      for (const ComparisonLevel& e : comparison.levels) {
        if (e.type == LevelType::kExact && e.Column(comparison.column) == step.tf_column) {
          step.tf_u_exact = e.u_probability.value_or(0);
          break;
        }
      }
    }
    w.steps.push_back(std::move(step));
  }
  // The engine's own sum, so explain and match can never disagree.
  w.match_weight = engine.ScorePair(a, b, levels);
  w.match_probability = WeightToProbability(w.match_weight);
  return w;
}

std::string WaterfallDecision(const Waterfall& w) {
  if (!w.match_threshold) return "";
  if (w.match_weight >= *w.match_threshold) return "link";
  if (w.review_threshold && w.match_weight >= *w.review_threshold) return "clerical review";
  return "no link";
}

std::string FormatWaterfall(const Waterfall& w) {
  // Rows of cells: comparison, level, left, right, bayes factor, weight, running total.
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"comparison", "level", w.id_l, w.id_r, "bayes factor", "weight", "running"});
  double running = w.prior_weight;
  rows.push_back({"prior", "λ = " + Fmt("%.6g", w.lambda), "", "",
                  FormatFactor(std::exp2(w.prior_weight)), Fmt("%+.3f", w.prior_weight),
                  Fmt("%.3f", running)});
  for (const WaterfallStep& s : w.steps) {
    running += s.weight;
    std::string level = s.is_null ? s.level + " (no evidence)" : s.level;
    rows.push_back({s.comparison, level, ShowValue(s.value_l), ShowValue(s.value_r),
                    FormatFactor(std::exp2(s.weight)), Fmt("%+.3f", s.weight),
                    Fmt("%.3f", running)});
    if (s.has_tf) {
      running += s.tf_adjustment;
      std::string rule = "frequency in " + s.tf_column + " (u exact " + Fmt("%.6g", s.tf_u_exact);
      if (s.tf_minimum > 0) rule += ", minimum " + Fmt("%.6g", s.tf_minimum);
      rows.push_back({"  tf " + s.comparison, rule + ")", TfFrequency(s.tf_frequency_l),
                      TfFrequency(s.tf_frequency_r), FormatFactor(std::exp2(s.tf_adjustment)),
                      Fmt("%+.3f", s.tf_adjustment), Fmt("%.3f", running)});
    }
  }
  std::vector<std::size_t> width(7, 0);
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], CountCodePoints(r[i]));

  std::string out = "pair '" + w.id_l + "' and '" + w.id_r + "'\n\n";
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t i = 0; i < 4; ++i) line += PadRight(r[i], width[i]) + "  ";
    for (std::size_t i = 4; i < 7; ++i) line += (i > 4 ? "  " : "") + PadLeft(r[i], width[i]);
    out += line + "\n";
  }
  out += "\nmatch weight       " + Fmt("%.3f", w.match_weight) + "\n";
  out += "match probability  " + Fmt("%.6g", w.match_probability) + "\n";
  if (std::string d = WaterfallDecision(w); !d.empty()) {
    std::string rule = "match threshold " + Fmt("%g", *w.match_threshold);
    if (w.review_threshold) rule += ", review from " + Fmt("%g", *w.review_threshold);
    out += "decision           " + d + " (" + rule + ")\n";
  }
  return out;
}

}  // namespace vnlink
