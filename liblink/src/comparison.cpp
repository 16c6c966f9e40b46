#include "liblink/comparison.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "liblink/error.h"
#include "liblink/string_similarity.h"

namespace vnlink {
namespace {

enum class MetricKind { kJaro, kJaroWinkler, kLevenshtein, kOsa, kTokenSet };

// An ISO date, possibly partial: month and day are 0 when absent.
struct Date {
  int year = 0, month = 0, day = 0;
  bool valid = false;
};

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
long DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool ParseInt(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

Date ParseIsoDate(std::string_view s) {
  Date d;
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return d;
  if (!ParseInt(s.substr(0, 4), d.year)) return d;
  if (s.size() >= 7) {
    if (s[4] != '-' || !ParseInt(s.substr(5, 2), d.month) || d.month < 1 || d.month > 12) return d;
  }
  if (s.size() == 10) {
    if (s[7] != '-' || !ParseInt(s.substr(8, 2), d.day) || d.day < 1) return d;
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    int max_day = d.month == 2 && !leap ? 28 : kDays[d.month - 1];
    if (d.day > max_day) return d;
  }
  d.valid = true;
  return d;
}

std::vector<std::string_view> SplitTokens(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

struct Metric {
  MetricKind kind;
  std::size_t column;
  // Memoize value pairs only where values recur (names, not phone numbers): on a column
  // of mostly distinct values the memo would cost a lookup and a store for no hit.
  bool memoize = false;
};

struct LevelPlan {
  LevelType type;
  std::size_t column = 0;
  std::size_t column2 = 0;  // kColumnsReversed
  std::size_t slot = 0;     // column's position in Impl::row_ids rows
  std::size_t slot2 = 0;
  int metric = -1;  // string metrics and token set
  double threshold = 0;
  DateUnit unit = DateUnit::kDays;
  int classes = -1;  // index into Impl::class_maps
  // Scoring.
  double weight = 0;  // log2(m/u)
  int tf = -1;        // index into Impl::tf_columns
  double tf_weight = 0;
  double log2_u_exact = 0;
};

}  // namespace

struct ComparisonEngine::Impl {
  std::vector<std::vector<LevelPlan>> comparisons;
  // The value ids of the columns the levels read, row-major (`width` per record), so a
  // pair's ids sit in one or two cache lines instead of one line per column.
  std::vector<std::uint32_t> row_ids;
  std::size_t width = 0;
  const std::uint32_t* Row(std::size_t row) const { return row_ids.data() + row * width; }
  std::vector<Metric> metrics;
  // Per table column, per value id (filled only for the columns that need it).
  std::vector<std::vector<std::u32string>> code_points;
  std::vector<std::vector<std::vector<std::uint32_t>>> tokens;  // sorted token ids
  std::vector<std::vector<Date>> dates;
  std::vector<std::vector<double>> numbers;
  std::vector<std::vector<std::uint32_t>> class_maps;  // per kEquivalenceClass level
  struct TfColumn {
    std::size_t column;
    std::vector<double> frequency;  // per value id; 0 = not in the table
  };
  std::vector<TfColumn> tf_columns;
  double tf_minimum = 0;
};

namespace {

using Impl = ComparisonEngine::Impl;

std::size_t ResolveColumn(const RecordTable& table, const std::string& column,
                          const std::string& file, const std::string& path) {
  if (auto i = table.Find(column)) return *i;
  throw DataError(file, 1, path + ": no column '" + column + "' in the records");
}

int InternMetric(Impl& impl, MetricKind kind, std::size_t column) {
  for (std::size_t i = 0; i < impl.metrics.size(); ++i)
    if (impl.metrics[i].kind == kind && impl.metrics[i].column == column)
      return static_cast<int>(i);
  impl.metrics.push_back({kind, column, false});
  return static_cast<int>(impl.metrics.size() - 1);
}

void PrepareCodePoints(Impl& impl, const RecordTable& table, std::size_t column) {
  auto& cps = impl.code_points[column];
  if (!cps.empty()) return;
  cps.resize(table.Distinct(column));
  for (std::uint32_t id = 1; id < cps.size(); ++id) cps[id] = DecodeUtf8(table.Text(column, id));
}

void PrepareTokens(Impl& impl, const RecordTable& table, std::size_t column) {
  auto& toks = impl.tokens[column];
  if (!toks.empty()) return;
  toks.resize(table.Distinct(column));
  std::unordered_map<std::string_view, std::uint32_t> ids;
  for (std::uint32_t id = 1; id < toks.size(); ++id) {
    for (std::string_view t : SplitTokens(table.Text(column, id))) {
      auto [it, inserted] = ids.emplace(t, static_cast<std::uint32_t>(ids.size()));
      toks[id].push_back(it->second);
    }
    std::sort(toks[id].begin(), toks[id].end());
    toks[id].erase(std::unique(toks[id].begin(), toks[id].end()), toks[id].end());
  }
}

void PrepareDates(Impl& impl, const RecordTable& table, std::size_t column) {
  auto& dates = impl.dates[column];
  if (!dates.empty()) return;
  dates.resize(table.Distinct(column));
  for (std::uint32_t id = 1; id < dates.size(); ++id)
    dates[id] = ParseIsoDate(table.Text(column, id));
}

void PrepareNumbers(Impl& impl, const RecordTable& table, std::size_t column) {
  auto& nums = impl.numbers[column];
  if (!nums.empty()) return;
  nums.assign(table.Distinct(column), std::numeric_limits<double>::quiet_NaN());
  for (std::uint32_t id = 1; id < nums.size(); ++id) {
    std::string_view t = table.Text(column, id);
    double v;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec == std::errc() && p == t.data() + t.size() && std::isfinite(v)) nums[id] = v;
  }
}

double TokenJaccard(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  if (a.empty() || b.empty()) return 0;
  std::size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace

ComparisonEngine::ComparisonEngine(const Settings& settings, const RecordTable& table,
                                   const std::string& file)
    : settings_(settings), table_(table), impl_(std::make_unique<Impl>()) {
  Impl& impl = *impl_;
  std::size_t ncol = table.header().size();
  impl.code_points.resize(ncol);
  impl.tokens.resize(ncol);
  impl.dates.resize(ncol);
  impl.numbers.resize(ncol);
  impl.tf_minimum = settings.tf_minimum_u_value;
  trained_ = settings.IsTrained();
  if (trained_) {
    prior_weight_ = ProbabilityToWeight(*settings.probability_two_random_records_match);
  }

  for (std::size_t c = 0; c < settings.comparisons.size(); ++c) {
    const Comparison& comp = settings.comparisons[c];
    std::vector<LevelPlan> plans;
    for (std::size_t l = 0; l < comp.levels.size(); ++l) {
      const ComparisonLevel& level = comp.levels[l];
      std::string path = "comparisons[" + std::to_string(c) + "].levels[" + std::to_string(l) + "]";
      LevelPlan p;
      p.type = level.type;
      p.threshold = level.threshold;
      p.unit = level.unit;
      if (level.type != LevelType::kElse)
        p.column = ResolveColumn(table, level.Column(comp.column), file, path);
      if (level.type == LevelType::kColumnsReversed)
        p.column2 = ResolveColumn(table, level.columns[1], file, path);
      switch (level.type) {
        case LevelType::kJaroWinkler:
          p.metric = InternMetric(impl, MetricKind::kJaroWinkler, p.column);
          PrepareCodePoints(impl, table, p.column);
          break;
        case LevelType::kJaro:
          p.metric = InternMetric(impl, MetricKind::kJaro, p.column);
          PrepareCodePoints(impl, table, p.column);
          break;
        case LevelType::kLevenshtein:
          p.metric = InternMetric(impl, MetricKind::kLevenshtein, p.column);
          PrepareCodePoints(impl, table, p.column);
          break;
        case LevelType::kDamerauLevenshtein:
          p.metric = InternMetric(impl, MetricKind::kOsa, p.column);
          PrepareCodePoints(impl, table, p.column);
          break;
        case LevelType::kTokenSet:
          p.metric = InternMetric(impl, MetricKind::kTokenSet, p.column);
          PrepareTokens(impl, table, p.column);
          break;
        case LevelType::kDateDifference:
        case LevelType::kDateDayMonthSwapped:
          PrepareDates(impl, table, p.column);
          break;
        case LevelType::kNumericDifference:
          PrepareNumbers(impl, table, p.column);
          break;
        case LevelType::kEquivalenceClass: {
          // Listed values map to ids past every value id; others keep their own id.
          std::vector<std::uint32_t> map(table.Distinct(p.column));
          for (std::uint32_t id = 0; id < map.size(); ++id) map[id] = id;
          std::unordered_map<std::string_view, std::uint32_t> klass;
          for (std::size_t k = 0; k < level.classes.size(); ++k)
            for (const std::string& v : level.classes[k])
              klass.emplace(v, static_cast<std::uint32_t>(map.size() + k));
          for (std::uint32_t id = 1; id < map.size(); ++id)
            if (auto it = klass.find(table.Text(p.column, id)); it != klass.end())
              map[id] = it->second;
          p.classes = static_cast<int>(impl.class_maps.size());
          impl.class_maps.push_back(std::move(map));
          break;
        }
        default:
          break;
      }
      if (trained_ && level.type != LevelType::kNull) {
        p.weight = std::log2(*level.m_probability / *level.u_probability);
        if (level.tf_adjustment) {
          std::size_t tf_col = ResolveColumn(table, level.tf_column, file, path + ".tf_column");
          auto it = std::find_if(impl.tf_columns.begin(), impl.tf_columns.end(),
                                 [&](const Impl::TfColumn& t) { return t.column == tf_col; });
          if (it == impl.tf_columns.end()) {
            Impl::TfColumn t{tf_col, std::vector<double>(table.Distinct(tf_col), 0.0)};
            const auto& tf_table = settings.tf_tables.at(level.tf_column);
            for (std::uint32_t id = 1; id < t.frequency.size(); ++id) {
              auto f = tf_table.find(std::string(table.Text(tf_col, id)));
              if (f != tf_table.end()) t.frequency[id] = f->second;
            }
            impl.tf_columns.push_back(std::move(t));
            it = impl.tf_columns.end() - 1;
          }
          p.tf = static_cast<int>(it - impl.tf_columns.begin());
          p.tf_weight = level.tf_adjustment_weight;
          for (const ComparisonLevel& e : comp.levels) {
            if (e.type == LevelType::kExact && e.Column(comp.column) == level.tf_column) {
              p.log2_u_exact = std::log2(*e.u_probability);
              break;
            }
          }
        }
      }
      plans.push_back(p);
    }
    impl.comparisons.push_back(std::move(plans));
  }

  std::vector<std::size_t> used;
  auto slot_of = [&](std::size_t column) {
    auto it = std::find(used.begin(), used.end(), column);
    if (it != used.end()) return static_cast<std::size_t>(it - used.begin());
    used.push_back(column);
    return used.size() - 1;
  };
  for (auto& plans : impl.comparisons) {
    for (LevelPlan& p : plans) {
      if (p.type == LevelType::kElse) continue;
      p.slot = slot_of(p.column);
      if (p.type == LevelType::kColumnsReversed) p.slot2 = slot_of(p.column2);
    }
  }
  for (Metric& m : impl.metrics) m.memoize = table.Distinct(m.column) * 2 < table.size();
  impl.width = used.size();
  impl.row_ids.resize(table.size() * impl.width);
  for (std::size_t row = 0; row < table.size(); ++row)
    for (std::size_t k = 0; k < used.size(); ++k)
      impl.row_ids[row * impl.width + k] = table.Id(row, used[k]);
}

ComparisonEngine::~ComparisonEngine() = default;

std::size_t ComparisonEngine::size() const { return impl_->comparisons.size(); }

void ComparisonEngine::Compare(std::size_t a, std::size_t b, std::span<std::uint8_t> levels) const {
  PairComparer comparer(*this, /*memoize=*/false);
  comparer.SetLeft(a);
  comparer.Compare(b, levels);
}

double ComparisonEngine::LevelWeight(std::size_t comparison, std::uint8_t level) const {
  return impl_->comparisons[comparison][level].weight;
}

double ComparisonEngine::Score(std::span<const std::uint8_t> levels) const {
  double w = prior_weight_;
  for (std::size_t c = 0; c < levels.size(); ++c) w += impl_->comparisons[c][levels[c]].weight;
  return w;
}

double ComparisonEngine::ComparisonWeight(std::size_t comparison, std::size_t a, std::size_t b,
                                          std::uint8_t level) const {
  const LevelPlan& p = impl_->comparisons[comparison][level];
  double w = p.weight;
  if (p.tf >= 0) {
    const Impl::TfColumn& t = impl_->tf_columns[static_cast<std::size_t>(p.tf)];
    double f = std::max({t.frequency[table_.Id(a, t.column)], t.frequency[table_.Id(b, t.column)],
                         impl_->tf_minimum});
    // A value in no TF table on either side, with no minimum, gets no adjustment.
    if (f > 0) w += p.tf_weight * (p.log2_u_exact - std::log2(f));
  }
  return w;
}

double ComparisonEngine::ScorePair(std::size_t a, std::size_t b,
                                   std::span<const std::uint8_t> levels) const {
  double w = prior_weight_;
  for (std::size_t c = 0; c < levels.size(); ++c) {
    const LevelPlan& p = impl_->comparisons[c][levels[c]];
    w += p.tf >= 0 ? ComparisonWeight(c, a, b, levels[c]) : p.weight;
  }
  return w;
}

int ComparisonEngine::Gamma(std::size_t comparison, std::uint8_t level) const {
  const auto& plans = impl_->comparisons[comparison];
  if (plans[level].type == LevelType::kNull) return -1;
  int above = 0;
  for (std::size_t l = level + 1; l < plans.size(); ++l) above += plans[l].type != LevelType::kNull;
  return above;
}

// ---------------------------------------------------------------------------------------

struct PairComparer::State {
  const Impl& impl;
  const RecordTable& table;
  std::size_t left = 0;
  // Per metric: the left value's pattern, built on first use for this left record.
  std::vector<CodePointPattern> patterns;
  std::vector<std::uint32_t> pattern_id;  // value id the pattern holds (0 = none)
  // Per metric: the value for the current pair, computed on first use.
  std::vector<double> value;
  std::vector<std::uint64_t> value_pair;  // pair serial the value belongs to
  std::uint64_t serial = 0;
  // Per metric, a direct-mapped memo of (left id, right id) -> value: within a block the
  // same value pairs recur (common names, shared middle names), and each costs one lookup.
  struct Memo {
    std::uint32_t a = 0, b = 0;
    double value = 0;
  };
  static constexpr std::size_t kMemoSize = 2048;
  std::vector<std::vector<Memo>> memo;
  const std::uint32_t* left_ids = nullptr;

  State(const Impl& i, const RecordTable& t, bool memoize)
      : impl(i),
        table(t),
        patterns(i.metrics.size()),
        pattern_id(i.metrics.size(), 0),
        value(i.metrics.size(), 0),
        value_pair(i.metrics.size(), 0),
        memo(memoize ? i.metrics.size() : 0, std::vector<Memo>(kMemoSize)) {}

  // Similarity (Jaro, token set) or distance (edit distances) of the current pair.
  double MetricValue(int m, std::uint32_t id_a, std::uint32_t id_b) {
    auto k = static_cast<std::size_t>(m);
    if (value_pair[k] == serial) return value[k];
    value_pair[k] = serial;
    Memo* slot = nullptr;
    if (!memo.empty() && impl.metrics[k].memoize) {
      slot = &memo[k][((id_a * 0x9E3779B1u) ^ (id_b * 0x85EBCA77u)) & (kMemoSize - 1)];
      if (slot->a == id_a && slot->b == id_b) return value[k] = slot->value;
    }
    const Metric& metric = impl.metrics[k];
    double v;
    if (metric.kind == MetricKind::kTokenSet) {
      const auto& toks = impl.tokens[metric.column];
      v = TokenJaccard(toks[id_a], toks[id_b]);
    } else {
      const auto& cps = impl.code_points[metric.column];
      const std::u32string& sa = cps[id_a];
      const std::u32string& sb = cps[id_b];
      bool fits = sa.size() <= CodePointPattern::kMaxLength;
      if (fits && pattern_id[k] != id_a) {
        patterns[k].Assign(sa);
        pattern_id[k] = id_a;
      }
      switch (metric.kind) {
        case MetricKind::kJaro:
          v = fits ? patterns[k].Jaro(sb) : Jaro(sb, sa);
          break;
        case MetricKind::kJaroWinkler:
          v = WinklerBoost(fits ? patterns[k].Jaro(sb) : Jaro(sb, sa), sb, sa);
          break;
        case MetricKind::kLevenshtein:
          v = fits ? patterns[k].Levenshtein(sb) : Levenshtein(sa, sb);
          break;
        default:
          v = fits ? patterns[k].DamerauLevenshtein(sb) : DamerauLevenshtein(sa, sb);
          break;
      }
    }
    if (slot != nullptr) *slot = {id_a, id_b, v};
    value[k] = v;
    return v;
  }

  bool Holds(const LevelPlan& p, const std::uint32_t* right_ids) {
    if (p.type == LevelType::kElse) return true;
    std::uint32_t ia = left_ids[p.slot], ib = right_ids[p.slot];
    switch (p.type) {
      case LevelType::kNull:
        return ia == 0 || ib == 0;
      case LevelType::kColumnsReversed: {
        std::uint32_t ia2 = left_ids[p.slot2], ib2 = right_ids[p.slot2];
        if (ia == 0 || ib == 0 || ia2 == 0 || ib2 == 0) return false;
        return table.Text(p.column, ia) == table.Text(p.column2, ib2) &&
               table.Text(p.column2, ia2) == table.Text(p.column, ib);
      }
      default:
        break;
    }
    if (ia == 0 || ib == 0) return false;
    switch (p.type) {
      case LevelType::kExact:
        return ia == ib;
      case LevelType::kJaroWinkler:
      case LevelType::kJaro:
      case LevelType::kTokenSet:
        return ia == ib || MetricValue(p.metric, ia, ib) >= p.threshold;
      case LevelType::kLevenshtein:
      case LevelType::kDamerauLevenshtein:
        return ia == ib || MetricValue(p.metric, ia, ib) <= p.threshold;
      case LevelType::kDateDifference: {
        const Date& x = impl.dates[p.column][ia];
        const Date& y = impl.dates[p.column][ib];
        if (!x.valid || !y.valid) return false;
        double diff;
        if (p.unit == DateUnit::kYears) {
          diff = std::abs(x.year - y.year);
        } else if (p.unit == DateUnit::kMonths) {
          if (x.month == 0 || y.month == 0) return false;
          diff = std::abs((x.year * 12 + x.month) - (y.year * 12 + y.month));
        } else {
          if (x.day == 0 || y.day == 0) return false;
          diff = static_cast<double>(std::labs(DaysFromCivil(x.year, x.month, x.day) -
                                               DaysFromCivil(y.year, y.month, y.day)));
        }
        return diff <= p.threshold;
      }
      case LevelType::kDateDayMonthSwapped: {
        const Date& x = impl.dates[p.column][ia];
        const Date& y = impl.dates[p.column][ib];
        return x.valid && y.valid && x.day != 0 && y.day != 0 && x.year == y.year &&
               x.month == y.day && x.day == y.month && x.day != x.month;
      }
      case LevelType::kNumericDifference: {
        double x = impl.numbers[p.column][ia], y = impl.numbers[p.column][ib];
        return !std::isnan(x) && !std::isnan(y) && std::abs(x - y) <= p.threshold;
      }
      case LevelType::kEquivalenceClass: {
        const auto& map = impl.class_maps[static_cast<std::size_t>(p.classes)];
        return map[ia] == map[ib];
      }
      default:
        return false;
    }
  }
};

PairComparer::PairComparer(const ComparisonEngine& engine, bool memoize)
    : engine_(engine), state_(std::make_unique<State>(*engine.impl_, engine.table(), memoize)) {}

PairComparer::~PairComparer() = default;

void PairComparer::SetLeft(std::size_t a) {
  state_->left = a;
  state_->left_ids = state_->impl.Row(a);
}

void PairComparer::Compare(std::size_t b, std::span<std::uint8_t> levels) {
  State& s = *state_;
  ++s.serial;
  const std::uint32_t* right_ids = s.impl.Row(b);
  const auto& comparisons = s.impl.comparisons;
  for (std::size_t c = 0; c < comparisons.size(); ++c) {
    const auto& plans = comparisons[c];
    std::uint8_t chosen = static_cast<std::uint8_t>(plans.size() - 1);
    for (std::size_t l = 0; l < plans.size(); ++l) {
      if (s.Holds(plans[l], right_ids)) {
        chosen = static_cast<std::uint8_t>(l);
        break;
      }
    }
    levels[c] = chosen;
  }
}

}  // namespace vnlink
