#include "liblink/training.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <set>

#include "internal/rng.h"
#include "liblink/blocking.h"
#include "liblink/comparison.h"
#include "liblink/error.h"
#include "liblink/labels.h"
#include "liblink/term_frequency.h"

namespace vnlink {

std::vector<EmComparison> ComparisonShapes(const Settings& settings) {
  std::vector<EmComparison> shapes;
  for (const Comparison& comparison : settings.comparisons) {
    EmComparison shape;
    shape.num_levels = comparison.levels.size();
    for (std::size_t l = 0; l < comparison.levels.size(); ++l) {
      if (comparison.levels[l].type == LevelType::kNull) shape.null_levels.push_back(l);
    }
    shapes.push_back(std::move(shape));
  }
  return shapes;
}

namespace {

std::set<std::string> ColumnsRead(const Comparison& comparison) {
  std::set<std::string> columns;
  if (!comparison.column.empty()) columns.insert(comparison.column);
  for (const ComparisonLevel& level : comparison.levels) {
    columns.insert(level.columns.begin(), level.columns.end());
    if (!level.tf_column.empty()) columns.insert(level.tf_column);
  }
  return columns;
}

std::string LevelLabel(const Comparison& comparison, const ComparisonLevel& level) {
  return level.label.empty() ? DefaultLevelLabel(level, comparison.column) : level.label;
}

std::string Format(const char* format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

// A different generator per (seed, purpose, index): round r's block b never shares
// draws with the u sample or another block.
std::uint64_t MixSeed(std::uint64_t seed, std::uint64_t purpose, std::uint64_t index) {
  std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (purpose * 0x100000001b3ULL + index + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Which pairs the link type allows: in link_only, records of different sources only.
struct Comparability {
  bool cross_source = false;
  std::vector<std::uint32_t> source;  // interned source_dataset per record (link modes)
  bool operator()(std::uint32_t a, std::uint32_t b) const {
    return !cross_source || source[a] != source[b];
  }
};

// Runs `visit(comparer, a, b)` over the pairs of every block of rule 0 of `index`,
// blocks in parallel. rate < 1: each block contributes a seeded random subset of about
// rate times its pairs (drawn with replacement), so big blocks weigh what they hold.
template <typename Visit>
void ForEachBlockPair(const BlockingIndex& index, const ComparisonEngine& engine,
                      const Comparability& comparable, double rate, std::uint64_t seed,
                      std::uint64_t purpose, const Visit& visit) {
  const std::vector<Block>& blocks = index.Blocks(0);
  const bool multi_key = index.maker(0).multi_key();
  tbb::enumerable_thread_specific<std::unique_ptr<PairComparer>> comparers;
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, blocks.size(), 16),
      [&](const tbb::blocked_range<std::size_t>& range) {
        std::unique_ptr<PairComparer>& comparer = comparers.local();
        if (!comparer) comparer = std::make_unique<PairComparer>(engine);
        for (std::size_t bi = range.begin(); bi < range.end(); ++bi) {
          const Block& block = blocks[bi];
          const std::size_t k = block.rows.size();
          if (rate >= 1.0) {
            for (std::size_t i = 0; i < k; ++i) {
              bool left_set = false;
              for (std::size_t j = i + 1; j < k; ++j) {
                const std::uint32_t a = block.rows[i], b = block.rows[j];
                if (!comparable(a, b) || (multi_key && !index.Owns(0, block.key, a, b))) continue;
                if (!left_set) {
                  comparer->SetLeft(a);
                  left_set = true;
                }
                visit(*comparer, a, b);
              }
            }
            continue;
          }
          internal::Rng rng(MixSeed(seed, purpose, bi));
          const double expected = static_cast<double>(k) * static_cast<double>(k - 1) / 2 * rate;
          auto draws = static_cast<std::uint64_t>(expected);
          if (rng.Uniform() < expected - static_cast<double>(draws)) ++draws;
          for (std::uint64_t d = 0; d < draws; ++d) {
            std::size_t i = rng.Below(k), j = rng.Below(k - 1);
            if (j >= i) ++j;
            if (i > j) std::swap(i, j);
            const std::uint32_t a = block.rows[i], b = block.rows[j];
            if (!comparable(a, b) || (multi_key && !index.Owns(0, block.key, a, b))) continue;
            comparer->SetLeft(a);
            visit(*comparer, a, b);
          }
        }
      });
}

double PairsInBlocks(const BlockingIndex& index) {
  double total = 0;
  for (const Block& block : index.Blocks(0)) {
    const double k = static_cast<double>(block.rows.size());
    total += k * (k - 1) / 2;
  }
  return total;
}

std::uint64_t CountDeterministicMatches(const Settings& settings, const RecordTable& table,
                                        const std::string& file, const Comparability& comparable) {
  const BlockingIndex index(settings.deterministic_rules, table, file);
  std::uint64_t matched = 0;
  for (std::size_t r = 0; r < index.rules(); ++r) {
    const std::vector<Block>& blocks = index.Blocks(r);
    matched += tbb::parallel_reduce(
        tbb::blocked_range<std::size_t>(0, blocks.size(), 64), std::uint64_t{0},
        [&](const tbb::blocked_range<std::size_t>& range, std::uint64_t n) {
          for (std::size_t bi = range.begin(); bi < range.end(); ++bi) {
            const Block& block = blocks[bi];
            for (std::size_t i = 0; i < block.rows.size(); ++i) {
              for (std::size_t j = i + 1; j < block.rows.size(); ++j) {
                const std::uint32_t a = block.rows[i], b = block.rows[j];
                if (comparable(a, b) && index.Owns(r, block.key, a, b)) ++n;
              }
            }
          }
          return n;
        },
        [](std::uint64_t x, std::uint64_t y) { return x + y; });
  }
  return matched;
}

PatternCounts CountPatterns(std::size_t width,
                            tbb::enumerable_thread_specific<PatternCounts>& local) {
  PatternCounts total(width);
  for (const PatternCounts& counts : local) total.Merge(counts);
  return total;
}

nlohmann::ordered_json PerComparison(const Settings& settings,
                                     const std::vector<std::vector<double>>& values,
                                     const std::vector<bool>* only = nullptr) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (std::size_t c = 0; c < settings.comparisons.size(); ++c) {
    if (only && !(*only)[c]) continue;
    out[settings.comparisons[c].name] = values[c];
  }
  return out;
}

nlohmann::ordered_json PatternsJson(const PatternCounts& counts) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const PatternCounts::Entry& e : counts.Sorted()) {
    std::vector<int> levels(e.levels.begin(), e.levels.end());
    out.push_back({{"levels", levels}, {"count", e.count}});
  }
  return out;
}

// The informative level most common among non-matches: the "else" level.
std::size_t ElseLevel(const EmComparison& shape, const std::vector<double>& u) {
  std::size_t best = shape.num_levels;
  for (std::size_t l = 0; l < shape.num_levels; ++l) {
    if (shape.IsNull(l)) continue;
    if (best == shape.num_levels || u[l] > u[best]) best = l;
  }
  return best;
}

}  // namespace

std::vector<bool> ComparisonsBlockedBy(const Settings& settings, const BlockingRule& rule) {
  std::vector<bool> blocked;
  for (const Comparison& comparison : settings.comparisons) {
    const std::set<std::string> columns = ColumnsRead(comparison);
    bool hit = false;
    for (const KeyPart& part : rule.parts) hit = hit || columns.contains(part.column);
    blocked.push_back(hit);
  }
  return blocked;
}

PairUniverse ComparablePairs(const Settings& settings, const RecordTable& table,
                             const std::string& file) {
  if (settings.link_type != LinkType::kLinkOnly) {
    return PairUniverse::AllPairs(static_cast<std::uint32_t>(table.size()));
  }
  const std::size_t column = table.Require(settings.source_dataset_column, file);
  std::vector<std::uint32_t> source;
  source.reserve(table.size());
  for (std::size_t row = 0; row < table.size(); ++row) source.push_back(table.Id(row, column));
  return PairUniverse::CrossSource(source);
}

TrainResult Train(const Settings& settings, const RecordTable& table, const std::string& file,
                  const TrainOptions& options) {
  if (settings.comparisons.empty()) throw Error("the settings have no comparisons to train");
  if (table.size() < 2) throw Error("training needs at least two records");
  TrainResult result;
  result.model = settings;
  Settings& model = result.model;
  nlohmann::ordered_json diagnostics = nlohmann::ordered_json::object();
  diagnostics["seed"] = options.seed;
  diagnostics["records"] = table.size();
  const std::vector<EmComparison> shapes = ComparisonShapes(settings);
  const std::size_t width = shapes.size();

  Comparability comparable;
  if (settings.link_type == LinkType::kLinkOnly) {
    comparable.cross_source = true;
    const std::size_t column = table.Require(settings.source_dataset_column, file);
    for (std::size_t row = 0; row < table.size(); ++row)
      comparable.source.push_back(table.Id(row, column));
  }
  const PairUniverse universe = ComparablePairs(settings, table, file);
  if (universe.size() <= 0) {
    throw Error("link_only needs records from at least two sources in column '" +
                settings.source_dataset_column + "'");
  }
  // The engine only compares here; a previous model's parameters (perhaps stale or
  // partial) must not be checked or used, so it sees the settings without them.
  Settings plain = settings;
  plain.probability_two_random_records_match.reset();
  plain.tf_tables.clear();
  for (Comparison& comparison : plain.comparisons) {
    for (ComparisonLevel& level : comparison.levels) {
      level.m_probability.reset();
      level.u_probability.reset();
    }
  }
  const ComparisonEngine engine(plain, table, file);

  // Term frequencies over all records: every shard of a split match uses these.
  std::set<std::string> tf_columns;
  for (const Comparison& comparison : settings.comparisons) {
    for (const ComparisonLevel& level : comparison.levels) {
      if (!level.tf_adjustment) continue;
      tf_columns.insert(level.tf_column.empty() ? level.Column(comparison.column)
                                                : level.tf_column);
    }
  }
  nlohmann::ordered_json tf_json = nlohmann::ordered_json::object();
  for (const std::string& name : tf_columns) {
    const std::size_t column = table.Require(name, file);
    std::vector<std::uint64_t> by_id(table.Distinct(column), 0);
    for (std::size_t row = 0; row < table.size(); ++row) ++by_id[table.Id(row, column)];
    TermFrequencyCounter counter;
    for (std::uint32_t id = 1; id < by_id.size(); ++id)
      counter.Add(table.Text(column, id), by_id[id]);
    model.tf_tables[name] = counter.Frequencies();
    nlohmann::ordered_json top = nlohmann::ordered_json::array();
    for (const auto& [value, frequency] : counter.Top(5)) top.push_back({value, frequency});
    tf_json[name] = {{"records_with_value", counter.total()},
                     {"distinct", counter.distinct()},
                     {"most_frequent", top}};
    if (counter.total() == 0) {
      result.warnings.push_back("column '" + name +
                                "' is empty in every record: its term-frequency table is empty");
    }
  }

  auto progress = [&options](const std::string& step) {
    if (options.progress) options.progress(step);
  };
  // Lambda.
  progress("estimating the probability that two random records match");
  nlohmann::ordered_json lambda_json = nlohmann::ordered_json::object();
  double lambda = 0;
  if (options.lambda) {
    lambda = *options.lambda;
    lambda_json["method"] = "given";
  } else if (options.truth_match_pairs > 0) {
    lambda = static_cast<double>(options.truth_match_pairs) / universe.size();
    lambda_json["method"] = "truth";
    lambda_json["matching_pairs"] = options.truth_match_pairs;
    lambda_json["comparable_pairs"] = universe.size();
  } else {
    if (settings.deterministic_rules.empty()) {
      throw Error(
          "the settings have no deterministic_rules to estimate "
          "probability_two_random_records_match from: add some, or give it");
    }
    const std::uint64_t matched = CountDeterministicMatches(settings, table, file, comparable);
    lambda = LambdaFromDeterministicRules(matched, options.recall, universe.size());
    lambda_json["method"] = "deterministic_rules";
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    for (const BlockingRule& rule : settings.deterministic_rules) {
      rules.push_back(rule.name.empty() ? RuleDisplayName(rule) : rule.name);
    }
    lambda_json["rules"] = rules;
    lambda_json["matched_pairs"] = matched;
    lambda_json["recall"] = options.recall;
    lambda_json["comparable_pairs"] = universe.size();
  }
  lambda_json["value"] = lambda;
  model.probability_two_random_records_match = lambda;
  result.lambda = lambda;
  diagnostics["lambda"] = lambda_json;

  // u from random pairs.
  progress("estimating u from random pairs");
  USamplingOptions u_options;
  u_options.max_pairs = options.max_u_pairs;
  u_options.min_level_count = options.min_level_count;
  u_options.seed = options.seed;
  // One PairComparer per thread: ComparisonEngine::Compare builds one per call.
  tbb::enumerable_thread_specific<std::unique_ptr<PairComparer>> u_comparers;
  const USample sample = SampleLevelCounts(
      universe, shapes,
      [&](std::uint32_t a, std::uint32_t b, std::span<std::uint8_t> levels) {
        std::unique_ptr<PairComparer>& comparer = u_comparers.local();
        if (!comparer) comparer = std::make_unique<PairComparer>(engine);
        comparer->SetLeft(a);
        comparer->Compare(b, levels);
      },
      u_options);
  const std::vector<std::vector<double>> u = UFromSample(shapes, sample, options.smoothing);
  result.u_pairs = sample.pairs;
  {
    nlohmann::ordered_json counts = nlohmann::ordered_json::object();
    for (std::size_t c = 0; c < width; ++c)
      counts[settings.comparisons[c].name] = sample.level_counts[c];
    diagnostics["u_sampling"] = {{"pairs", sample.pairs},
                                 {"max_pairs", options.max_u_pairs},
                                 {"exhaustive", sample.exhaustive},
                                 {"stopped_early", sample.stopped_early},
                                 {"level_counts", counts}};
    for (std::size_t c = 0; c < width; ++c) {
      for (std::size_t l = 0; l < shapes[c].num_levels; ++l) {
        if (shapes[c].IsNull(l) || sample.level_counts[c][l] > 0) continue;
        const Comparison& comparison = settings.comparisons[c];
        result.warnings.push_back("level '" + LevelLabel(comparison, comparison.levels[l]) +
                                  "' of comparison '" + comparison.name + "' never occurred in " +
                                  std::to_string(sample.pairs) + " random pairs: its u is set to " +
                                  Format("%.3g", u[c][l]) + " (smoothing)");
      }
    }
  }

  // m.
  std::vector<std::vector<double>> m(width);
  std::vector<bool> have_m(width, false);
  if (options.labelled_matches) {
    const std::vector<RecordPair>& pairs = *options.labelled_matches;
    tbb::enumerable_thread_specific<PatternCounts> local([width] { return PatternCounts(width); });
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, pairs.size(), 256),
                      [&](const tbb::blocked_range<std::size_t>& range) {
                        PatternCounts& counts = local.local();
                        std::vector<std::uint8_t> levels(width);
                        for (std::size_t i = range.begin(); i < range.end(); ++i) {
                          engine.Compare(pairs[i].first, pairs[i].second, levels);
                          counts.Add(levels);
                        }
                      });
    const PatternCounts matches = CountPatterns(width, local);
    if (matches.total() == 0) throw Error("no labelled matching pair to estimate m from");
    const std::vector<std::vector<double>> level_counts = LevelCounts(shapes, matches);
    for (std::size_t c = 0; c < width; ++c) {
      m[c] = ProbabilitiesFromCounts(shapes[c], level_counts[c], options.smoothing);
      have_m[c] = true;
    }
    diagnostics["m"] = {
        {"method", options.labels_source.empty() ? "labels" : options.labels_source},
        {"matching_pairs", matches.total()},
        {"level_counts", PerComparison(settings, level_counts)},
        {"patterns", PatternsJson(matches)}};
  } else {
    if (settings.training_blocking_rules.empty()) {
      throw Error(
          "the settings have no training_blocking_rules for estimating m: add some, "
          "or train from labels");
    }
    std::vector<RoundEstimate> rounds;
    std::vector<std::size_t> round_rule;
    nlohmann::ordered_json rounds_json = nlohmann::ordered_json::array();
    EmOptions em = options.em;
    em.estimate_u = false;
    em.smoothing = options.smoothing;
    for (std::size_t r = 0; r < settings.training_blocking_rules.size(); ++r) {
      const BlockingRule& rule = settings.training_blocking_rules[r];
      const std::string name = rule.name.empty() ? RuleDisplayName(rule) : rule.name;
      progress("training round '" + name + "'");
      const BlockingIndex index(std::vector<BlockingRule>{rule}, table, file);
      const double in_blocks = PairsInBlocks(index);
      const double rate = in_blocks <= static_cast<double>(options.max_round_pairs)
                              ? 1.0
                              : static_cast<double>(options.max_round_pairs) / in_blocks;
      tbb::enumerable_thread_specific<PatternCounts> local(
          [width] { return PatternCounts(width); });
      ForEachBlockPair(index, engine, comparable, rate, options.seed, r + 1,
                       [&local, width](PairComparer& comparer, std::uint32_t, std::uint32_t b) {
                         thread_local std::vector<std::uint8_t> levels;
                         levels.resize(width);
                         comparer.Compare(b, levels);
                         local.local().Add(levels);
                       });
      const PatternCounts counts = CountPatterns(width, local);
      nlohmann::ordered_json round_json = {{"blocking_rule", name},
                                           {"pairs_in_blocks", in_blocks},
                                           {"sampling_rate", rate},
                                           {"pairs_compared", counts.total()},
                                           {"distinct_patterns", counts.distinct()}};
      if (counts.total() == 0) {
        result.warnings.push_back("training round '" + name + "' produced no pairs: skipped");
        round_json["skipped"] = "no pairs";
        rounds_json.push_back(round_json);
        continue;
      }
      // Leave out what the rule fixes: the comparisons of its own columns, and those it
      // fixes through another column (family_key & given_key fix the full name). The
      // latter show in the data: the round's non-matches reach the comparison's else
      // level far less often than random pairs do (u). Suspects are the comparisons whose
      // else level is rare in the round; EM without them tells how many non-matches the
      // round holds (1 - lambda), and a suspect is fixed when its else level has fewer
      // than a tenth of the pairs those non-matches would put there. (EM with a fixed
      // comparison active can collapse to "every pair matches", hiding the non-matches.)
      // A round of nearly only matches keeps its suspects: nothing there to confuse.
      std::vector<EmComparison> round_shapes = shapes;
      const std::vector<bool> blocked = ComparisonsBlockedBy(settings, rule);
      const std::vector<std::vector<double>> level_counts = LevelCounts(shapes, counts);
      std::vector<double> informative(width, 0.0);
      nlohmann::ordered_json left_out = nlohmann::ordered_json::object();
      for (std::size_t c = 0; c < width; ++c) {
        for (std::size_t l = 0; l < shapes[c].num_levels; ++l) {
          if (!shapes[c].IsNull(l)) informative[c] += level_counts[c][l];
        }
        if (blocked[c]) {
          left_out[settings.comparisons[c].name] = "blocked on its columns";
        } else if (informative[c] == 0) {
          left_out[settings.comparisons[c].name] = "no pair has a value";
        } else {
          continue;
        }
        round_shapes[c].active = false;
      }
      auto any_active = [](const std::vector<EmComparison>& shapes_in) {
        return std::any_of(shapes_in.begin(), shapes_in.end(),
                           [](const EmComparison& s) { return s.active; });
      };
      std::vector<EmComparison> probe_shapes = round_shapes;
      std::vector<std::size_t> suspects;
      for (std::size_t c = 0; c < width; ++c) {
        if (!round_shapes[c].active) continue;
        const std::size_t else_level = ElseLevel(shapes[c], u[c]);
        if (level_counts[c][else_level] <
            options.fixed_else_ratio * informative[c] * u[c][else_level]) {
          suspects.push_back(c);
          probe_shapes[c].active = false;
        }
      }
      if (!suspects.empty() && any_active(probe_shapes)) {
        const EmResult probe = RunEm(probe_shapes, counts,
                                     EmParameters{0.1, DefaultStartingM(probe_shapes, u), u}, em);
        for (std::size_t c : suspects) {
          const std::size_t else_level = ElseLevel(shapes[c], u[c]);
          const double expected = (1 - probe.params.lambda) * informative[c] * u[c][else_level];
          const double observed = level_counts[c][else_level];
          if (expected < options.fixed_min_expected ||
              observed >= options.fixed_else_ratio * expected) {
            continue;
          }
          left_out[settings.comparisons[c].name] =
              "fixed through another column: " + Format("%.0f", observed) +
              " pairs at its else level, " + Format("%.0f", expected) + " expected";
          round_shapes[c].active = false;
        }
      }
      round_json["left_out"] = left_out;
      round_json["patterns"] = PatternsJson(counts);
      std::vector<bool> estimated;
      for (const EmComparison& s : round_shapes) estimated.push_back(s.active);
      if (!any_active(round_shapes)) {
        result.warnings.push_back("training round '" + name + "' fixes every comparison: skipped");
        round_json["skipped"] = "no comparison to estimate";
        rounds_json.push_back(round_json);
        continue;
      }
      const EmResult fit =
          RunEm(round_shapes, counts, EmParameters{0.1, DefaultStartingM(round_shapes, u), u}, em);
      if (!fit.converged) {
        result.warnings.push_back("training round '" + name + "': EM did not converge in " +
                                  std::to_string(fit.iterations) +
                                  (fit.iterations == 1 ? " iteration" : " iterations") +
                                  " (last change " + Format("%.2g", fit.history.back().max_change) +
                                  " > " + Format("%.2g", em.tolerance) +
                                  "): its m estimates are provisional; raise --max-iterations");
      }
      nlohmann::ordered_json history = nlohmann::ordered_json::array();
      for (const EmIteration& it : fit.history) {
        history.push_back({{"lambda", it.lambda},
                           {"max_change", it.max_change},
                           {"log_likelihood", it.log_likelihood}});
      }
      round_json["iterations"] = fit.iterations;
      round_json["converged"] = fit.converged;
      round_json["lambda"] = fit.params.lambda;
      round_json["m"] = PerComparison(settings, fit.params.m, &estimated);
      round_json["history"] = history;
      rounds_json.push_back(round_json);
      rounds.push_back({name, estimated, fit.params.m});
      round_rule.push_back(r);
    }
    diagnostics["rounds"] = rounds_json;
    result.rounds = rounds.size();
    // Confounding only ever pulls a round's top-level m down, so the low round is the
    // wrong one: its estimate of that comparison is left out of the average.
    nlohmann::ordered_json excluded = nlohmann::ordered_json::array();
    for (const Disagreement& d : FindDisagreements(shapes, rounds, u, options.disagreement)) {
      const Comparison& comparison = settings.comparisons[d.comparison];
      result.warnings.push_back(
          "training round '" + rounds[d.round].name + "' gives m = " + Format("%.3f", d.m_round) +
          " for level '" + LevelLabel(comparison, comparison.levels[d.level]) +
          "' of comparison '" + comparison.name + "', against " + Format("%.3f", d.m_others) +
          " in the other rounds: its blocks likely admit non-matching relatives (household "
          "confounding); its estimate of '" +
          comparison.name + "' is left out, but better train without this rule");
      excluded.push_back({{"round", rounds[d.round].name},
                          {"comparison", comparison.name},
                          {"m_round", d.m_round},
                          {"m_others", d.m_others}});
      rounds[d.round].estimated[d.comparison] = false;
    }
    diagnostics["excluded_estimates"] = excluded;
    const CombinedM combined = CombineRounds(shapes, rounds);
    for (std::size_t c = 0; c < width; ++c) {
      if (combined.rounds[c] == 0) continue;
      m[c] = combined.m[c];
      have_m[c] = true;
    }
  }
  for (std::size_t c = 0; c < width; ++c) {
    if (have_m[c]) continue;
    const Comparison& comparison = settings.comparisons[c];
    bool given = true;
    for (std::size_t l = 0; l < comparison.levels.size(); ++l) {
      if (shapes[c].IsNull(l)) continue;
      given = given && comparison.levels[l].m_probability.has_value();
      m[c].resize(comparison.levels.size(), 0.0);
      if (given) m[c][l] = *comparison.levels[l].m_probability;
    }
    if (!given) {
      throw Error("comparison '" + comparison.name +
                  "' is estimated in no training round (each blocks on its columns or fixes it): "
                  "add a training blocking rule that does not use them");
    }
    result.warnings.push_back(
        "comparison '" + comparison.name +
        "' is estimated in no training round: its m from the settings is kept");
  }

  for (std::size_t c = 0; c < width; ++c) {
    Comparison& comparison = model.comparisons[c];
    for (std::size_t l = 0; l < comparison.levels.size(); ++l) {
      ComparisonLevel& level = comparison.levels[l];
      if (shapes[c].IsNull(l)) {
        level.m_probability.reset();
        level.u_probability.reset();
        continue;
      }
      level.m_probability = m[c][l];
      level.u_probability = u[c][l];
      result.levels.push_back({comparison.name, LevelLabel(comparison, level), m[c][l], u[c][l],
                               std::log2(m[c][l] / u[c][l])});
    }
  }
  diagnostics["tf_tables"] = tf_json;
  nlohmann::ordered_json warnings = nlohmann::ordered_json::array();
  for (const std::string& w : result.warnings) warnings.push_back(w);
  diagnostics["warnings"] = warnings;
  model.training = diagnostics;
  return result;
}

}  // namespace vnlink
