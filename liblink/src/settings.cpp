#include "liblink/settings.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "liblink/blocking.h"
#include "liblink/error.h"

namespace vnlink {
namespace {

using Json = nlohmann::ordered_json;
using OrderedJson = nlohmann::ordered_json;

struct NamedLevel {
  LevelType type;
  std::string_view name;
};
constexpr NamedLevel kLevelNames[] = {
    {LevelType::kNull, "null"},
    {LevelType::kExact, "exact"},
    {LevelType::kJaroWinkler, "jaro_winkler"},
    {LevelType::kJaro, "jaro"},
    {LevelType::kLevenshtein, "levenshtein"},
    {LevelType::kDamerauLevenshtein, "damerau_levenshtein"},
    {LevelType::kTokenSet, "token_set"},
    {LevelType::kDateDifference, "date_difference"},
    {LevelType::kDateDayMonthSwapped, "date_day_month_swapped"},
    {LevelType::kNumericDifference, "numeric_difference"},
    {LevelType::kEquivalenceClass, "equivalence_class"},
    {LevelType::kColumnsReversed, "columns_reversed"},
    {LevelType::kElse, "else"},
};

struct NamedFunction {
  KeyFunction function;
  std::string_view name;
};
constexpr NamedFunction kFunctionNames[] = {
    {KeyFunction::kExact, "exact"},          {KeyFunction::kFirstChars, "first_chars"},
    {KeyFunction::kLastChars, "last_chars"}, {KeyFunction::kYear, "year"},
    {KeyFunction::kYearMonth, "year_month"}, {KeyFunction::kAnyToken, "any_token"},
};

struct NamedLinkType {
  LinkType type;
  std::string_view name;
};
constexpr NamedLinkType kLinkTypeNames[] = {
    {LinkType::kDedupeOnly, "dedupe_only"},
    {LinkType::kLinkOnly, "link_only"},
    {LinkType::kLinkAndDedupe, "link_and_dedupe"},
};

bool HasThreshold(LevelType t) {
  switch (t) {
    case LevelType::kJaroWinkler:
    case LevelType::kJaro:
    case LevelType::kLevenshtein:
    case LevelType::kDamerauLevenshtein:
    case LevelType::kTokenSet:
    case LevelType::kDateDifference:
    case LevelType::kNumericDifference:
      return true;
    default:
      return false;
  }
}

bool IsSimilarity(LevelType t) {
  return t == LevelType::kJaroWinkler || t == LevelType::kJaro || t == LevelType::kTokenSet;
}

std::string FormatNumber(double v) {
  std::ostringstream os;
  os.precision(12);
  os << v;
  return os.str();
}

// Reads one JSON object, tracking its path for messages and rejecting unknown keys.
class Reader {
 public:
  Reader(const Json& j, std::string path, const std::string& file)
      : j_(j), path_(std::move(path)), file_(file) {
    if (!j_.is_object()) Fail("expected an object");
  }

  [[noreturn]] void Fail(const std::string& message) const { FailAt(path_, message); }
  [[noreturn]] void FailAt(const std::string& path, const std::string& message) const {
    throw DataError(file_, 0, (path.empty() ? std::string("(top level)") : path) + ": " + message);
  }
  std::string Path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  const Json* Get(std::string_view key) {
    seen_.insert(std::string(key));
    auto it = j_.find(key);
    return it == j_.end() ? nullptr : &*it;
  }
  const Json& Require(std::string_view key) {
    const Json* v = Get(key);
    if (v == nullptr) Fail("missing key '" + std::string(key) + "'");
    return *v;
  }
  std::string String(std::string_view key, const std::string& fallback, bool required = false) {
    const Json* v = required ? &Require(key) : Get(key);
    if (v == nullptr) return fallback;
    if (!v->is_string()) FailAt(Path(key), "expected a string");
    return v->get<std::string>();
  }
  std::optional<double> Number(std::string_view key) {
    const Json* v = Get(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_number()) FailAt(Path(key), "expected a number");
    double d = v->get<double>();
    if (!std::isfinite(d)) FailAt(Path(key), "expected a finite number");
    return d;
  }
  bool Bool(std::string_view key, bool fallback) {
    const Json* v = Get(key);
    if (v == nullptr) return fallback;
    if (!v->is_boolean()) FailAt(Path(key), "expected true or false");
    return v->get<bool>();
  }
  // Every key was consumed; call last.
  void Done(const std::set<std::string>& allowed_extra = {}) const {
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      if (!seen_.count(it.key()) && !allowed_extra.count(it.key()))
        Fail("unknown key '" + it.key() + "'");
    }
  }
  const std::string& path() const { return path_; }
  const std::string& file() const { return file_; }

 private:
  const Json& j_;
  std::string path_;
  const std::string& file_;
  std::set<std::string> seen_;
};

std::string Index(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

bool IsIdentifier(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

double Probability(Reader& r, std::string_view key, bool open_upper) {
  std::optional<double> p = r.Number(key);
  if (!p) return -1;
  if (!(*p > 0) || *p > 1 || (open_upper && *p >= 1)) {
    std::string message = "'";
    message += FormatNumber(*p);
    message += open_upper ? "' is not a probability in (0, 1)" : "' is not a probability in (0, 1]";
    r.FailAt(r.Path(key), message);
  }
  return *p;
}

KeyPart ParseKeyPart(const Json& j, const std::string& path, const std::string& file) {
  KeyPart part;
  if (j.is_string()) {
    part.column = j.get<std::string>();
    if (part.column.empty()) throw DataError(file, 0, path + ": empty column name");
    return part;
  }
  Reader r(j, path, file);
  part.column = r.String("column", "", true);
  if (part.column.empty()) r.FailAt(r.Path("column"), "empty column name");
  std::string fn = r.String("function", "exact");
  auto it = std::find_if(std::begin(kFunctionNames), std::end(kFunctionNames),
                         [&](const NamedFunction& f) { return f.name == fn; });
  if (it == std::end(kFunctionNames))
    r.FailAt(r.Path("function"), "unknown key function '" + fn + "'");
  part.function = it->function;
  std::optional<double> n = r.Number("n");
  if (part.function == KeyFunction::kFirstChars || part.function == KeyFunction::kLastChars) {
    if (!n) r.Fail("function '" + fn + "' needs 'n'");
    if (*n < 1 || *n > 1000 || std::floor(*n) != *n)
      r.FailAt(r.Path("n"), "'" + FormatNumber(*n) + "' is not a whole number from 1 to 1000");
    part.n = static_cast<int>(*n);
  } else if (n) {
    r.FailAt(r.Path("n"), "function '" + fn + "' takes no 'n'");
  }
  r.Done();
  return part;
}

std::vector<BlockingRule> ParseRules(const Json* j, const std::string& path,
                                     const std::string& file) {
  std::vector<BlockingRule> rules;
  if (j == nullptr) return rules;
  if (!j->is_array()) throw DataError(file, 0, path + ": expected an array");
  std::set<std::string> names;
  for (std::size_t i = 0; i < j->size(); ++i) {
    std::string p = Index(path, i);
    BlockingRule rule;
    Reader r((*j)[i], p, file);
    const Json& keys = r.Require("keys");
    if (!keys.is_array() || keys.empty())
      r.FailAt(r.Path("keys"), "expected a non-empty array of key parts");
    for (std::size_t k = 0; k < keys.size(); ++k)
      rule.parts.push_back(ParseKeyPart(keys[k], Index(r.Path("keys"), k), file));
    rule.name = r.String("name", RuleDisplayName(rule));
    if (rule.name.empty()) r.FailAt(r.Path("name"), "empty rule name");
    if (!names.insert(rule.name).second)
      r.FailAt(r.Path("name"), "duplicate rule name '" + rule.name + "'");
    r.Done();
    rules.push_back(std::move(rule));
  }
  return rules;
}

}  // namespace

std::string RuleDisplayName(const BlockingRule& rule) {
  std::string s;
  for (const KeyPart& p : rule.parts) {
    if (!s.empty()) s += " & ";
    if (p.function == KeyFunction::kExact) {
      s += p.column;
    } else {
      s += std::string(KeyFunctionName(p.function)) + "(" + p.column;
      if (p.n > 0) s += ", " + std::to_string(p.n);
      s += ")";
    }
  }
  return s;
}

namespace {

ComparisonLevel ParseLevel(const Json& j, const std::string& path, const std::string& file,
                           const std::string& comparison_column) {
  Reader r(j, path, file);
  ComparisonLevel level;
  std::string type = r.String("type", "", true);
  auto it = std::find_if(std::begin(kLevelNames), std::end(kLevelNames),
                         [&](const NamedLevel& l) { return l.name == type; });
  if (it == std::end(kLevelNames)) r.Fail("unknown level type '" + type + "'");
  level.type = it->type;

  if (const Json* c = r.Get("column")) {
    if (!c->is_string() || c->get<std::string>().empty())
      r.FailAt(r.Path("column"), "expected a column name");
    level.columns.push_back(c->get<std::string>());
  }
  if (const Json* c = r.Get("columns")) {
    if (!level.columns.empty()) r.Fail("give 'column' or 'columns', not both");
    if (!c->is_array()) r.FailAt(r.Path("columns"), "expected an array of column names");
    for (const Json& col : *c) {
      if (!col.is_string() || col.get<std::string>().empty())
        r.FailAt(r.Path("columns"), "expected an array of column names");
      level.columns.push_back(col.get<std::string>());
    }
  }
  if (level.type == LevelType::kColumnsReversed) {
    if (level.columns.size() != 2) r.Fail("'columns_reversed' needs 'columns' with two names");
  } else if (level.columns.size() > 1) {
    r.FailAt(r.Path("columns"), "level type '" + type + "' reads one column");
  }
  if (level.type != LevelType::kElse && level.columns.empty() && comparison_column.empty())
    r.Fail("no column: give the level a 'column' or the comparison a 'column'");

  std::optional<double> threshold = r.Number("threshold");
  if (HasThreshold(level.type)) {
    if (!threshold) r.Fail("level type '" + type + "' needs a 'threshold'");
    if (IsSimilarity(level.type) && (*threshold <= 0 || *threshold > 1))
      r.FailAt(r.Path("threshold"),
               "'" + FormatNumber(*threshold) + "' is not a similarity in (0, 1]");
    if (!IsSimilarity(level.type) && *threshold < 0)
      r.FailAt(r.Path("threshold"), "'" + FormatNumber(*threshold) + "' is negative");
    level.threshold = *threshold;
  } else if (threshold) {
    r.FailAt(r.Path("threshold"), "level type '" + type + "' takes no threshold");
  }

  std::string unit = r.String("unit", "");
  if (level.type == LevelType::kDateDifference) {
    if (unit.empty() || unit == "days")
      level.unit = DateUnit::kDays;
    else if (unit == "months")
      level.unit = DateUnit::kMonths;
    else if (unit == "years")
      level.unit = DateUnit::kYears;
    else
      r.FailAt(r.Path("unit"), "unknown unit '" + unit + "' (days, months or years)");
  } else if (!unit.empty()) {
    r.FailAt(r.Path("unit"), "only 'date_difference' takes a unit");
  }

  if (const Json* c = r.Get("classes")) {
    if (level.type != LevelType::kEquivalenceClass)
      r.FailAt(r.Path("classes"), "only 'equivalence_class' takes classes");
    if (!c->is_array()) r.FailAt(r.Path("classes"), "expected an array of arrays of values");
    std::set<std::string> seen;
    for (std::size_t k = 0; k < c->size(); ++k) {
      const Json& group = (*c)[k];
      std::string gp = Index(r.Path("classes"), k);
      if (!group.is_array() || group.size() < 2)
        throw DataError(file, 0, gp + ": expected an array of at least two values");
      std::vector<std::string> values;
      for (const Json& v : group) {
        if (!v.is_string() || v.get<std::string>().empty())
          throw DataError(file, 0, gp + ": expected non-empty strings");
        if (!seen.insert(v.get<std::string>()).second)
          throw DataError(file, 0,
                          gp + ": value '" + v.get<std::string>() + "' is in more than one class");
        values.push_back(v.get<std::string>());
      }
      level.classes.push_back(std::move(values));
    }
  } else if (level.type == LevelType::kEquivalenceClass) {
    r.Fail("'equivalence_class' needs 'classes'");
  }

  level.tf_adjustment = r.Bool("tf_adjustment", false);
  level.tf_column = r.String("tf_column", "");
  std::optional<double> tf_weight = r.Number("tf_adjustment_weight");
  bool tf_capable = level.type == LevelType::kExact || level.type == LevelType::kJaroWinkler ||
                    level.type == LevelType::kJaro || level.type == LevelType::kLevenshtein ||
                    level.type == LevelType::kDamerauLevenshtein ||
                    level.type == LevelType::kTokenSet;
  if (level.tf_adjustment && !tf_capable)
    r.FailAt(r.Path("tf_adjustment"), "level type '" + type + "' cannot be TF adjusted");
  if (!level.tf_adjustment && (!level.tf_column.empty() || tf_weight))
    r.Fail("'tf_column' and 'tf_adjustment_weight' need \"tf_adjustment\": true");
  if (tf_weight) {
    if (*tf_weight < 0 || *tf_weight > 1)
      r.FailAt(r.Path("tf_adjustment_weight"),
               "'" + FormatNumber(*tf_weight) + "' is not in [0, 1]");
    level.tf_adjustment_weight = *tf_weight;
  }
  if (level.tf_adjustment && level.tf_column.empty())
    level.tf_column = level.Column(comparison_column);

  double m = Probability(r, "m_probability", false);
  double u = Probability(r, "u_probability", false);
  if (level.type == LevelType::kNull && (m >= 0 || u >= 0))
    r.Fail("a null level has no m or u (it carries no evidence)");
  if (m >= 0) level.m_probability = m;
  if (u >= 0) level.u_probability = u;

  level.label = r.String("label", "");
  if (level.label.empty()) level.label = DefaultLevelLabel(level, comparison_column);
  r.Done();
  return level;
}

Comparison ParseComparison(const Json& j, const std::string& path, const std::string& file) {
  Reader r(j, path, file);
  Comparison c;
  c.name = r.String("name", "", true);
  if (!IsIdentifier(c.name))
    r.FailAt(r.Path("name"), "'" + c.name + "' is not a name of letters, digits and '_'");
  c.column = r.String("column", "");
  c.description = r.String("description", "");
  const Json& levels = r.Require("levels");
  if (!levels.is_array() || levels.size() < 2)
    r.FailAt(r.Path("levels"), "expected an array of at least two levels");
  if (levels.size() > 64) r.FailAt(r.Path("levels"), "more than 64 levels");
  for (std::size_t i = 0; i < levels.size(); ++i) {
    std::string lp = Index(r.Path("levels"), i);
    c.levels.push_back(ParseLevel(levels[i], lp, file, c.column));
    bool last = i + 1 == levels.size();
    if (c.levels.back().type == LevelType::kElse && !last)
      throw DataError(file, 0, lp + ": 'else' must be the last level");
    if (last && c.levels.back().type != LevelType::kElse)
      throw DataError(file, 0, lp + ": the last level must be 'else'");
  }
  r.Done();
  return c;
}

OrderedJson KeyPartJson(const KeyPart& p) {
  if (p.function == KeyFunction::kExact) return p.column;
  OrderedJson j;
  j["column"] = p.column;
  j["function"] = std::string(KeyFunctionName(p.function));
  if (p.function == KeyFunction::kFirstChars || p.function == KeyFunction::kLastChars) j["n"] = p.n;
  return j;
}

OrderedJson RulesJson(const std::vector<BlockingRule>& rules) {
  OrderedJson a = OrderedJson::array();
  for (const BlockingRule& rule : rules) {
    OrderedJson j;
    j["name"] = rule.name;
    j["keys"] = OrderedJson::array();
    for (const KeyPart& p : rule.parts) j["keys"].push_back(KeyPartJson(p));
    a.push_back(std::move(j));
  }
  return a;
}

OrderedJson LevelJson(const ComparisonLevel& l) {
  OrderedJson j;
  j["type"] = std::string(LevelTypeName(l.type));
  j["label"] = l.label;
  if (l.columns.size() == 1) j["column"] = l.columns[0];
  if (l.columns.size() > 1) j["columns"] = l.columns;
  if (HasThreshold(l.type)) j["threshold"] = l.threshold;
  if (l.type == LevelType::kDateDifference)
    j["unit"] = l.unit == DateUnit::kDays     ? "days"
                : l.unit == DateUnit::kMonths ? "months"
                                              : "years";
  if (l.type == LevelType::kEquivalenceClass) j["classes"] = l.classes;
  if (l.tf_adjustment) {
    j["tf_adjustment"] = true;
    j["tf_column"] = l.tf_column;
    j["tf_adjustment_weight"] = l.tf_adjustment_weight;
  }
  if (l.m_probability) j["m_probability"] = *l.m_probability;
  if (l.u_probability) j["u_probability"] = *l.u_probability;
  return j;
}

}  // namespace

std::string_view LevelTypeName(LevelType type) {
  for (const NamedLevel& l : kLevelNames)
    if (l.type == type) return l.name;
  return "?";
}

std::string_view KeyFunctionName(KeyFunction function) {
  for (const NamedFunction& f : kFunctionNames)
    if (f.function == function) return f.name;
  return "?";
}

std::string_view LinkTypeName(LinkType type) {
  for (const NamedLinkType& l : kLinkTypeNames)
    if (l.type == type) return l.name;
  return "?";
}

std::string DefaultLevelLabel(const ComparisonLevel& level, const std::string& comparison_column) {
  std::string name(LevelTypeName(level.type));
  if (level.type == LevelType::kElse) return name;
  std::string column = level.columns.empty() ? comparison_column : level.columns[0];
  if (level.type == LevelType::kColumnsReversed)
    return name + " " + level.columns[0] + "/" + level.columns[1];
  std::string s = name + " " + column;
  if (HasThreshold(level.type)) {
    s += IsSimilarity(level.type) ? " >= " : " <= ";
    s += FormatNumber(level.threshold);
    if (level.type == LevelType::kDateDifference)
      s += level.unit == DateUnit::kDays     ? " days"
           : level.unit == DateUnit::kMonths ? " months"
                                             : " years";
  }
  return s;
}

std::optional<double> Thresholds::MatchWeight() const {
  if (!match) return std::nullopt;
  return in_probability ? ProbabilityToWeight(*match) : *match;
}

std::optional<double> Thresholds::ReviewWeight() const {
  if (!review) return std::nullopt;
  return in_probability ? ProbabilityToWeight(*review) : *review;
}

double ProbabilityToWeight(double p) { return std::log2(p / (1.0 - p)); }
double WeightToProbability(double w) {
  double e = std::exp2(w);
  return std::isinf(e) ? 1.0 : e / (1.0 + e);
}

std::string Settings::MissingParameter() const {
  if (!probability_two_random_records_match) return "probability_two_random_records_match";
  for (std::size_t c = 0; c < comparisons.size(); ++c) {
    for (std::size_t l = 0; l < comparisons[c].levels.size(); ++l) {
      const ComparisonLevel& level = comparisons[c].levels[l];
      if (level.type == LevelType::kNull) continue;
      std::string p = "comparisons[" + std::to_string(c) + "].levels[" + std::to_string(l) + "].";
      if (!level.m_probability) return p + "m_probability";
      if (!level.u_probability) return p + "u_probability";
      if (level.tf_adjustment && !tf_tables.count(level.tf_column))
        return "tf_tables." + level.tf_column;
    }
  }
  return "";
}

Settings ParseSettings(std::string_view json_text, const std::string& name) {
  Json j;
  try {
    j = Json::parse(json_text);
  } catch (const Json::parse_error& e) {
    // nlohmann's message names the byte offset; drop its "[json.exception...]" prefix.
    std::string what = e.what();
    auto pos = what.find("] ");
    throw DataError(name, 0,
                    "invalid JSON: " + (pos == std::string::npos ? what : what.substr(pos + 2)));
  }
  Reader r(j, "", name);
  Settings s;
  std::string link = r.String("link_type", "dedupe_only");
  auto it = std::find_if(std::begin(kLinkTypeNames), std::end(kLinkTypeNames),
                         [&](const NamedLinkType& l) { return l.name == link; });
  if (it == std::end(kLinkTypeNames))
    r.FailAt("link_type",
             "unknown link type '" + link + "' (dedupe_only, link_only or link_and_dedupe)");
  s.link_type = it->type;
  if (const Json* v = r.Get("format")) {
    if (!v->is_string() || v->get<std::string>() != "vnlink-model")
      r.FailAt("format", "expected \"vnlink-model\"");
  }
  if (const Json* v = r.Get("version")) {
    if (!v->is_number_integer() || v->get<int>() != 1)
      r.FailAt("version", "unsupported version (this vnlink reads version 1)");
  }
  s.description = r.String("description", "");
  s.unique_id_column = r.String("unique_id_column", "unique_id");
  s.source_dataset_column = r.String("source_dataset_column", "source_dataset");
  if (s.unique_id_column.empty()) r.FailAt("unique_id_column", "empty column name");
  if (s.source_dataset_column.empty()) r.FailAt("source_dataset_column", "empty column name");

  s.blocking_rules = ParseRules(r.Get("blocking_rules"), "blocking_rules", name);
  s.training_blocking_rules =
      ParseRules(r.Get("training_blocking_rules"), "training_blocking_rules", name);
  s.deterministic_rules = ParseRules(r.Get("deterministic_rules"), "deterministic_rules", name);

  const Json& comparisons = r.Require("comparisons");
  if (!comparisons.is_array() || comparisons.empty())
    r.FailAt("comparisons", "expected a non-empty array of comparisons");
  std::set<std::string> names;
  for (std::size_t i = 0; i < comparisons.size(); ++i) {
    s.comparisons.push_back(ParseComparison(comparisons[i], Index("comparisons", i), name));
    if (!names.insert(s.comparisons.back().name).second)
      r.FailAt(Index("comparisons", i) + ".name",
               "duplicate comparison name '" + s.comparisons.back().name + "'");
  }

  double lambda = Probability(r, "probability_two_random_records_match", true);
  if (lambda > 0) s.probability_two_random_records_match = lambda;
  if (std::optional<double> v = r.Number("tf_minimum_u_value")) {
    if (*v < 0 || *v > 1)
      r.FailAt("tf_minimum_u_value", "'" + FormatNumber(*v) + "' is not in [0, 1]");
    s.tf_minimum_u_value = *v;
  }
  if (const Json* tf = r.Get("tf_tables")) {
    if (!tf->is_object()) r.FailAt("tf_tables", "expected an object of column -> table");
    for (auto col = tf->begin(); col != tf->end(); ++col) {
      std::string p = "tf_tables." + col.key();
      if (!col->is_object()) r.FailAt(p, "expected an object of value -> frequency");
      auto& table = s.tf_tables[col.key()];
      for (auto v = col->begin(); v != col->end(); ++v) {
        if (!v->is_number() || !(v->get<double>() > 0) || v->get<double>() > 1)
          r.FailAt(p, "frequency of '" + v.key() + "' is not a number in (0, 1]");
        table.emplace(v.key(), v->get<double>());
      }
    }
  }
  if (const Json* th = r.Get("thresholds")) {
    Reader t(*th, "thresholds", name);
    std::optional<double> mw = t.Number("match_weight");
    std::optional<double> rw = t.Number("review_weight");
    double mp = Probability(t, "match_probability", true);
    double rp = Probability(t, "review_probability", true);
    bool weights = mw || rw, probs = mp > 0 || rp > 0;
    if (weights && probs) t.Fail("give thresholds as weights or as probabilities, not both");
    s.thresholds.in_probability = probs;
    if (mw) s.thresholds.match = *mw;
    if (rw) s.thresholds.review = *rw;
    if (mp > 0) s.thresholds.match = mp;
    if (rp > 0) s.thresholds.review = rp;
    if (s.thresholds.match && s.thresholds.review && *s.thresholds.review > *s.thresholds.match)
      t.Fail("the review threshold is above the match threshold");
    t.Done();
  }
  if (const Json* tr = r.Get("training")) s.training = *tr;
  r.Done();

  // TF levels must refer to an exact level on their TF column for u_exact.
  for (std::size_t c = 0; c < s.comparisons.size(); ++c) {
    const Comparison& comp = s.comparisons[c];
    for (std::size_t l = 0; l < comp.levels.size(); ++l) {
      const ComparisonLevel& level = comp.levels[l];
      if (!level.tf_adjustment) continue;
      bool found =
          std::any_of(comp.levels.begin(), comp.levels.end(), [&](const ComparisonLevel& e) {
            return e.type == LevelType::kExact && e.Column(comp.column) == level.tf_column;
          });
      if (!found)
        throw DataError(name, 0,
                        Index(Index("comparisons", c) + ".levels", l) + ": TF adjustment on '" +
                            level.tf_column +
                            "' needs an 'exact' level on that column in the comparison");
    }
  }
  return s;
}

std::string SerializeSettings(const Settings& s) {
  OrderedJson j;
  j["format"] = "vnlink-model";
  j["version"] = 1;
  if (!s.description.empty()) j["description"] = s.description;
  j["link_type"] = std::string(LinkTypeName(s.link_type));
  j["unique_id_column"] = s.unique_id_column;
  j["source_dataset_column"] = s.source_dataset_column;
  j["blocking_rules"] = RulesJson(s.blocking_rules);
  j["training_blocking_rules"] = RulesJson(s.training_blocking_rules);
  j["deterministic_rules"] = RulesJson(s.deterministic_rules);
  OrderedJson comps = OrderedJson::array();
  for (const Comparison& c : s.comparisons) {
    OrderedJson cj;
    cj["name"] = c.name;
    if (!c.column.empty()) cj["column"] = c.column;
    if (!c.description.empty()) cj["description"] = c.description;
    cj["levels"] = OrderedJson::array();
    for (const ComparisonLevel& l : c.levels) cj["levels"].push_back(LevelJson(l));
    comps.push_back(std::move(cj));
  }
  j["comparisons"] = std::move(comps);
  if (s.probability_two_random_records_match)
    j["probability_two_random_records_match"] = *s.probability_two_random_records_match;
  j["tf_minimum_u_value"] = s.tf_minimum_u_value;
  if (!s.tf_tables.empty()) {
    OrderedJson tf = OrderedJson::object();
    for (const auto& [column, table] : s.tf_tables) {
      // Sorted by value so that the bytes do not depend on hash order.
      std::vector<std::pair<std::string, double>> rows(table.begin(), table.end());
      std::sort(rows.begin(), rows.end());
      OrderedJson t = OrderedJson::object();
      for (const auto& [value, freq] : rows) t[value] = freq;
      tf[column] = std::move(t);
    }
    j["tf_tables"] = std::move(tf);
  }
  if (s.thresholds.match || s.thresholds.review) {
    OrderedJson t;
    const char* m = s.thresholds.in_probability ? "match_probability" : "match_weight";
    const char* r = s.thresholds.in_probability ? "review_probability" : "review_weight";
    if (s.thresholds.match) t[m] = *s.thresholds.match;
    if (s.thresholds.review) t[r] = *s.thresholds.review;
    j["thresholds"] = std::move(t);
  }
  if (!s.training.is_null()) j["training"] = s.training;
  return j.dump(2) + "\n";
}

std::vector<std::string> ReferencedColumns(const Settings& settings) {
  std::set<std::string> columns = {settings.unique_id_column, settings.source_dataset_column};
  for (const auto* rules : {&settings.blocking_rules, &settings.training_blocking_rules,
                            &settings.deterministic_rules}) {
    for (const BlockingRule& rule : *rules)
      for (const KeyPart& part : rule.parts) columns.insert(part.column);
  }
  for (const Comparison& c : settings.comparisons) {
    if (!c.column.empty()) columns.insert(c.column);
    for (const ComparisonLevel& level : c.levels) {
      columns.insert(level.columns.begin(), level.columns.end());
      if (!level.tf_column.empty()) columns.insert(level.tf_column);
    }
  }
  for (const auto& [column, table] : settings.tf_tables) columns.insert(column);
  return {columns.begin(), columns.end()};
}

}  // namespace vnlink
