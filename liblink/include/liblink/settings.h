// File: liblink/settings.h
//
// The settings/model document (man/vnlink-model.5): how records are blocked and compared,
// and, once `vnlink train` has filled them in, the Fellegi-Sunter parameters (lambda, m and
// u per comparison level, term-frequency tables, thresholds). `train` reads settings and
// writes the same document with parameters filled in; `match` reads it.
//
//   vnlink::Settings s = vnlink::ParseSettings(json_text, "model.json");
//   for (const vnlink::Comparison& c : s.comparisons) ...
//   s.comparisons[0].levels[1].m_probability = 0.9;     // what train does
//   std::string out = vnlink::SerializeSettings(s);    // deterministic bytes
//
// Parsing validates everything and throws DataError(name, 0, "<json path>: <message>"),
// e.g. "comparisons[2].levels[1]: unknown level type 'jarowinkler'". Column names are not
// checked here (the records are not known yet); the comparison engine and the blocker
// check them against the record header.

#ifndef LIBLINK_SETTINGS_H_
#define LIBLINK_SETTINGS_H_

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vnlink {

// Which pairs are candidates. Link modes need the source_dataset column.
enum class LinkType {
  kDedupeOnly,     // every pair within the input
  kLinkOnly,       // only pairs whose source_dataset values differ
  kLinkAndDedupe,  // every pair, with source_dataset_l/_r in the output
};

// The transformation of a column value that makes one part of a blocking key.
enum class KeyFunction {
  kExact,       // the value itself
  kFirstChars,  // the first n code points ("nguyen" -> "ngu" for n = 3)
  kLastChars,   // the last n code points ("0912345678" -> "5678" for n = 4)
  kYear,        // the year of an ISO date, partial dates included ("1990-05" -> "1990")
  kYearMonth,   // year and month of an ISO date; empty for a year-only date
  kAnyToken,    // each space-separated token is a key: records sharing any token meet
};

// One part of a blocking key: a column through a function. A record whose value is empty
// (or whose function yields nothing) has no key under the rule.
struct KeyPart {
  std::string column;
  KeyFunction function = KeyFunction::kExact;
  int n = 0;  // kFirstChars / kLastChars only; >= 1
};

// A conjunction of equalities: two records meet under the rule when every part agrees.
// Used for blocking rules (prediction and training) and for deterministic rules.
struct BlockingRule {
  std::string name;            // for messages and stats; defaults to the parts joined
  std::vector<KeyPart> parts;  // at least one
};

enum class LevelType {
  kNull,                 // either value missing; contributes no evidence (bf 1)
  kExact,                // values equal (optionally term-frequency adjusted)
  kJaroWinkler,          // similarity >= threshold
  kJaro,                 // similarity >= threshold
  kLevenshtein,          // distance <= threshold (code points)
  kDamerauLevenshtein,   // optimal string alignment distance <= threshold (code points)
  kTokenSet,             // Jaccard of the space-separated token sets >= threshold
  kDateDifference,       // |date_l - date_r| <= threshold in `unit`
  kDateDayMonthSwapped,  // full dates, same year, day and month exchanged
  kNumericDifference,    // |x_l - x_r| <= threshold
  kEquivalenceClass,     // same class under `classes` (a value not listed is its own class)
  kColumnsReversed,      // columns[0]_l = columns[1]_r and columns[1]_l = columns[0]_r
  kElse,                 // always (the last level)
};

enum class DateUnit { kDays, kMonths, kYears };

// One level of a comparison. Levels are tried in order; the first that holds is the
// pair's level ("gamma").
struct ComparisonLevel {
  LevelType type = LevelType::kElse;
  std::string label;                 // human-readable; defaulted from type and threshold
  std::vector<std::string> columns;  // empty: the comparison's column; reversed: exactly 2
  double threshold = 0;              // see LevelType; unused by null/exact/else/swap/class
  DateUnit unit = DateUnit::kDays;   // kDateDifference only
  // kEquivalenceClass: groups of values that count as equal (e.g. {"hoang","huynh"}).
  std::vector<std::vector<std::string>> classes;

  // Term-frequency adjustment (man/vnlink-model.5): uses the TF table of tf_column
  // (default: the level's column) and the u of the comparison's exact level on that column.
  bool tf_adjustment = false;
  std::string tf_column;
  double tf_adjustment_weight = 1.0;

  // Parameters: absent until trained. Not used by null levels.
  std::optional<double> m_probability;
  std::optional<double> u_probability;

  // The column this level reads (columns[0], or `fallback` when none is named).
  const std::string& Column(const std::string& fallback) const {
    return columns.empty() ? fallback : columns[0];
  }
};

// A comparison of one attribute, e.g. the name, with its ordered levels. Its output columns
// are gamma_<name> and bf_<name>.
struct Comparison {
  std::string name;
  std::string column;  // default column of the levels; may be empty if every level names one
  std::string description;
  std::vector<ComparisonLevel> levels;
};

// Decision thresholds, kept in the unit the document gives them in (match weights, or
// match probabilities when in_probability) so they are written back unchanged.
struct Thresholds {
  std::optional<double> match;   // pairs at or above are matches
  std::optional<double> review;  // [review, match): the clerical-review band
  bool in_probability = false;   // *_probability keys rather than *_weight keys

  // The thresholds as match weights.
  [[nodiscard]] std::optional<double> MatchWeight() const;
  [[nodiscard]] std::optional<double> ReviewWeight() const;
};

// The whole document.
struct Settings {
  LinkType link_type = LinkType::kDedupeOnly;
  std::string unique_id_column = "unique_id";
  std::string source_dataset_column = "source_dataset";
  std::string description;

  std::vector<BlockingRule> blocking_rules;           // for match (prediction)
  std::vector<BlockingRule> training_blocking_rules;  // for train's EM rounds
  std::vector<BlockingRule> deterministic_rules;      // for train's estimate of lambda
  std::vector<Comparison> comparisons;

  // Parameters (absent until trained).
  std::optional<double> probability_two_random_records_match;  // lambda
  double tf_minimum_u_value = 0.0;
  // Per TF column: value -> relative frequency in the records (in (0, 1]).
  std::map<std::string, std::unordered_map<std::string, double>> tf_tables;
  Thresholds thresholds;

  // Kept verbatim for the tool that owns it (train's diagnostics); null when absent.
  nlohmann::ordered_json training;

  // True when MissingParameter() is empty.
  [[nodiscard]] bool IsTrained() const { return MissingParameter().empty(); }
  // The JSON path of the first parameter that scoring needs and the document lacks
  // ("probability_two_random_records_match", "comparisons[1].levels[2].m_probability",
  // "tf_tables.name_fold"), or "" when it is complete.
  [[nodiscard]] std::string MissingParameter() const;
};

// Every record column the document reads: the id and source columns, the parts of all
// three rule lists, the comparisons' columns, their TF columns and the TF tables'. A
// tool may load only these (RecordTable's column selection).
[[nodiscard]] std::vector<std::string> ReferencedColumns(const Settings& settings);

// Parses and validates a settings/model document. `name` (a file name) prefixes errors.
// Throws DataError(name, 0, "<json path>: <message>").
[[nodiscard]] Settings ParseSettings(std::string_view json_text, const std::string& name);

// The document as JSON text: stable key order, two-space indent, shortest round-trip
// number formatting, a final newline. ParseSettings(SerializeSettings(s)) == s.
[[nodiscard]] std::string SerializeSettings(const Settings& settings);

// Names used in the document, e.g. "jaro_winkler", "first_chars", "dedupe_only".
[[nodiscard]] std::string_view LevelTypeName(LevelType type);
[[nodiscard]] std::string_view KeyFunctionName(KeyFunction function);
[[nodiscard]] std::string_view LinkTypeName(LinkType type);

// The default label of a level, e.g. "jaro_winkler >= 0.92", "exact name_exact".
[[nodiscard]] std::string DefaultLevelLabel(const ComparisonLevel& level,
                                            const std::string& comparison_column);

// log2(p/(1-p)) and its inverse 2^w/(1+2^w): probability <-> match weight.
[[nodiscard]] double ProbabilityToWeight(double probability);
[[nodiscard]] double WeightToProbability(double weight);

}  // namespace vnlink

#endif  // LIBLINK_SETTINGS_H_
