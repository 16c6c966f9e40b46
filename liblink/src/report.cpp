#include "liblink/report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "internal/svg.h"
#include "liblink/settings.h"

namespace vnlink {
namespace {

using svg::Escape;

constexpr const char* kStyle = R"(
body{font-family:system-ui,"Segoe UI","Noto Sans","DejaVu Sans",Arial,sans-serif;margin:0;color:#1f2933;background:#f7f9fb;line-height:1.45}
header{background:#1f3a5f;color:#fff;padding:18px 32px}
header h1{margin:0 0 4px 0;font-size:24px}
nav{background:#e4ebf3;padding:6px 32px;font-size:14px}
nav a{margin-right:14px;color:#1f3a5f}
main{padding:8px 32px 40px 32px;max-width:1180px}
section{background:#fff;border:1px solid #dde3ea;border-radius:6px;padding:12px 20px;margin:18px 0}
h2{font-size:20px;margin:6px 0 10px 0;color:#1f3a5f}
h3{font-size:16px;margin:14px 0 6px 0}
table{border-collapse:collapse;font-size:13px;margin:6px 0}
th,td{border:1px solid #dde3ea;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f0f4f8}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.diff{background:#fdecea}
td.same{background:#eaf7ef}
td.missing{color:#8a96a3;font-style:italic}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0}
.card{background:#f0f4f8;border-radius:6px;padding:8px 14px;min-width:120px}
.card b{display:block;font-size:20px}
.note{color:#6b4f00;background:#fff8e1;border-left:4px solid #d68910;padding:4px 10px;margin:4px 0}
.empty{color:#6b7785;font-style:italic}
svg.chart{display:block;margin:6px 0;font-size:11px;font-family:inherit}
details{border-top:1px solid #eef1f4;padding:4px 0}
summary{cursor:pointer;font-size:14px}
.pos{color:#2e8b57}.neg{color:#c0392b}
.bar{background:#3b6ea8;height:10px;display:inline-block;vertical-align:middle}
)";

std::string Fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string Count(std::uint64_t n) { return std::to_string(n); }

std::string Percent(std::uint64_t part, std::uint64_t whole) {
  return whole ? Fmt("%.1f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole))
               : "-";
}

std::string Td(std::string_view text, std::string_view cls = "") {
  if (cls.empty()) return "<td>" + Escape(text) + "</td>";
  return "<td class=\"" + std::string(cls) + "\">" + Escape(text) + "</td>";
}
std::string Th(std::string_view text, std::string_view cls = "") {
  if (cls.empty()) return "<th>" + Escape(text) + "</th>";
  return "<th class=\"" + std::string(cls) + "\">" + Escape(text) + "</th>";
}
std::string Weight(double w) { return Fmt("%+.2f", w); }
std::string Empty(std::string_view text) { return "<p class=\"empty\">" + Escape(text) + "</p>"; }
std::string Card(std::string_view value, std::string_view label) {
  return "<div class=\"card\"><b>" + Escape(value) + "</b>" + Escape(label) + "</div>";
}

std::string LevelLabel(const Comparison& c, const ComparisonLevel& l) {
  return l.label.empty() ? DefaultLevelLabel(l, c.column) : l.label;
}

// ---- model -----------------------------------------------------------------------------

std::string TrainingSection(const nlohmann::ordered_json& t) {
  std::string out = "<h3>Training</h3>";
  if (t.contains("lambda") && t["lambda"].is_object()) {
    const auto& l = t["lambda"];
    out += "<p>λ estimated by " + Escape(l.value("method", std::string("?")));
    if (l.contains("matched_pairs") && l.contains("comparable_pairs")) {
      out += " (" + Escape(l["matched_pairs"].dump()) +
             " pairs matched by the deterministic "
             "rules out of " +
             Escape(l["comparable_pairs"].dump()) + " comparable pairs)";
    }
    out += ".</p>";
  }
  if (t.contains("u_sampling") && t["u_sampling"].is_object() &&
      t["u_sampling"].contains("pairs")) {
    out += "<p>u estimated from " + Escape(t["u_sampling"]["pairs"].dump()) + " random pairs.</p>";
  }
  if (t.contains("rounds") && t["rounds"].is_array() && !t["rounds"].empty()) {
    static const char* kColours[] = {svg::kBlue, svg::kGreen, svg::kOrange, svg::kRed,
                                     "#7d3c98",  "#117a65",   "#5d6d7e"};
    std::vector<svg::Series> series;
    std::string rows;
    std::size_t k = 0;
    for (const auto& r : t["rounds"]) {
      if (!r.is_object()) continue;
      const std::string name = r.value("blocking_rule", std::string("round"));
      rows += "<tr>" + Td(name) +
              Td(r.contains("pairs_compared") ? r["pairs_compared"].dump() : "", "num") +
              Td(r.contains("iterations") ? r["iterations"].dump() : "", "num") +
              Td(r.contains("skipped")         ? "skipped: " + r.value("skipped", std::string())
                 : r.value("converged", false) ? "yes"
                                               : "no") +
              "</tr>";
      if (r.contains("history") && r["history"].is_array()) {
        svg::Series s{name, {}, kColours[k++ % 7]};
        for (const auto& h : r["history"]) {
          double change = h.is_object() && h.contains("max_change") && h["max_change"].is_number()
                              ? h["max_change"].get<double>()
                              : 0;
          s.y.push_back(change > 0 ? std::log10(change) : NAN);
        }
        series.push_back(std::move(s));
      }
    }
    out += "<table><tr>" + Th("EM round (training blocking rule)") + Th("pairs", "num") +
           Th("iterations", "num") + Th("converged") + "</tr>" + rows + "</table>";
    if (!series.empty()) {
      out += "<p>Convergence: the largest change of any parameter per iteration (log10).</p>";
      out += svg::LineChart(series, "iteration", "log10 max change");
    }
  }
  if (t.contains("warnings") && t["warnings"].is_array() && !t["warnings"].empty()) {
    out += "<p>Training warnings:</p><ul>";
    for (const auto& w : t["warnings"]) {
      out += "<li>" + Escape(w.is_string() ? w.get<std::string>() : w.dump()) + "</li>";
    }
    out += "</ul>";
  }
  return out;
}

std::string ModelSection(const Settings* model) {
  std::string out = "<section id=\"model\"><h2>Model</h2>";
  if (!model) return out + Empty("No model given (--model): no parameters to show.") + "</section>";
  if (!model->description.empty()) out += "<p>" + Escape(model->description) + "</p>";
  out += "<div class=\"cards\">";
  out += Card(std::string(LinkTypeName(model->link_type)), "link type");
  if (model->probability_two_random_records_match) {
    double l = *model->probability_two_random_records_match;
    out += Card(Fmt("%.4g", l), "λ (two random records match)");
    out += Card(Weight(ProbabilityToWeight(l)), "prior weight log2(λ/(1−λ))");
  }
  if (auto m = model->thresholds.MatchWeight())
    out += Card(Weight(*m), "model's match threshold (weight)");
  if (auto r = model->thresholds.ReviewWeight())
    out += Card(Weight(*r), "model's review band from");
  out += "</div>";
  if (!model->IsTrained()) {
    out += "<p class=\"note\">The model is not trained: missing " +
           Escape(model->MissingParameter()) + ".</p>";
  }
  for (const Comparison& c : model->comparisons) {
    out += "<h3>" + Escape(c.name) +
           (c.column.empty() ? "" : " <small>(" + Escape(c.column) + ")</small>") + "</h3>";
    if (!c.description.empty()) out += "<p>" + Escape(c.description) + "</p>";
    out += "<table><tr>" + Th("level") + Th("m", "num") + Th("u", "num") +
           Th("Bayes factor m/u", "num") + Th("weight log2(m/u)", "num") + Th("TF adjusted") +
           "</tr>";
    std::vector<svg::HBar> bars;
    for (const ComparisonLevel& l : c.levels) {
      const std::string label = LevelLabel(c, l);
      if (l.type == LevelType::kNull) {
        out += "<tr>" + Td(label) + Td("-", "num") + Td("-", "num") + Td("1 (no evidence)", "num") +
               Td("0", "num") + Td("") + "</tr>";
        continue;
      }
      std::string m = l.m_probability ? Fmt("%.4g", *l.m_probability) : "?";
      std::string u = l.u_probability ? Fmt("%.4g", *l.u_probability) : "?";
      std::string bf = "?", w = "?";
      if (l.m_probability && l.u_probability && *l.u_probability > 0 && *l.m_probability > 0) {
        double weight = std::log2(*l.m_probability / *l.u_probability);
        bf = Fmt("%.4g", *l.m_probability / *l.u_probability);
        w = Weight(weight);
        bars.push_back({label, 0, weight, weight >= 0 ? svg::kGreen : svg::kRed, w});
      }
      out += "<tr>" + Td(label) + Td(m, "num") + Td(u, "num") + Td(bf, "num") + Td(w, "num") +
             Td(l.tf_adjustment
                    ? "yes (" + (l.tf_column.empty() ? l.Column(c.column) : l.tf_column) + ")"
                    : "") +
             "</tr>";
    }
    out += "</table>";
    if (!bars.empty()) out += svg::HorizontalBars(bars, "match weight of the level (bits)");
  }
  if (model->training.is_object()) out += TrainingSection(model->training);
  return out + "</section>";
}

// ---- pairs -----------------------------------------------------------------------------

std::string WeightsSection(const PairSummary* pairs) {
  std::string out = "<section id=\"weights\"><h2>Match weights</h2>";
  if (!pairs) return out + Empty("No scored pairs given (--pairs).") + "</section>";
  const PairSummaryOptions& o = pairs->options();
  out += "<div class=\"cards\">" + Card(Count(pairs->pairs()), "scored pairs");
  if (o.match) {
    out += Card(Count(pairs->links()), "links (weight ≥ " + Fmt("%g", *o.match) + ")");
    if (o.review) {
      out += Card(Count(pairs->in_review()),
                  "in the review band [" + Fmt("%g", *o.review) + ", " + Fmt("%g", *o.match) + ")");
    }
  }
  if (pairs->min_weight()) {
    out += Card(Fmt("%.2f", *pairs->min_weight()) + " … " + Fmt("%.2f", *pairs->max_weight()),
                "weight range");
  }
  out += "</div>";
  if (pairs->not_a_number()) {
    out += "<p class=\"note\">" + Count(pairs->not_a_number()) +
           " pairs had no numeric match weight and are not counted.</p>";
  }
  if (pairs->pairs() == 0) return out + Empty("The pairs file holds no pair.") + "</section>";
  std::vector<svg::Bar> bars;
  const double width = pairs->histogram().bin_width();
  for (const auto& [k, n] : pairs->histogram().bins()) {
    double x0 = k * width, x1 = (k + 1) * width;
    const char* colour = svg::kGrey;
    if (o.match && x0 >= *o.match) {
      colour = svg::kGreen;
    } else if (o.match && o.review && x0 >= *o.review && x1 <= *o.match) {
      colour = svg::kOrange;
    }
    bars.push_back(
        {x0, x1, n, colour, "[" + Fmt("%g", x0) + ", " + Fmt("%g", x1) + "): " + Count(n)});
  }
  std::vector<svg::Marker> markers;
  if (o.match) markers.push_back({*o.match, "match " + Fmt("%g", *o.match), svg::kGreen});
  if (o.review) markers.push_back({*o.review, "review " + Fmt("%g", *o.review), svg::kOrange});
  out += svg::Histogram(bars, markers, true, "match weight (bits)", "pairs (log scale)");
  out += "<p>Green: links; orange: the clerical-review band; grey: below it. Bins are " +
         Fmt("%g", width) + " bit wide; the height is on a log scale.</p>";
  if (!o.match) {
    out +=
        "<p class=\"note\">No match threshold (neither in the model nor given): links and the "
        "review band are not marked.</p>";
  }
  return out + "</section>";
}

// ---- records, pairs and waterfalls ------------------------------------------------------

const std::vector<std::string>* Values(const ReportInput& in, const std::string& id) {
  auto it = in.records.find(id);
  return it == in.records.end() ? nullptr : &it->second;
}

std::string SideBySide(const ReportInput& in, const SampledPair& p) {
  const auto* l = Values(in, p.id_l);
  const auto* r = Values(in, p.id_r);
  if (in.display_columns.empty() || (!l && !r)) {
    return Empty("The records of this pair are not available (no --records, or ids not found).");
  }
  std::string out = "<table><tr>" + Th("column") + Th(p.id_l) + Th(p.id_r) + "</tr>";
  for (std::size_t i = 0; i < in.display_columns.size(); ++i) {
    std::string a = l ? (*l)[i] : "", b = r ? (*r)[i] : "";
    // Equal values green, different red; a missing value is neither.
    std::string both = a == b ? "same" : "diff";
    out += "<tr>" + Th(in.display_columns[i]) +
           Td(a.empty() ? "(missing)" : a, a.empty()   ? "missing"
                                           : b.empty() ? ""
                                                       : both) +
           Td(b.empty() ? "(missing)" : b, b.empty()   ? "missing"
                                           : a.empty() ? ""
                                                       : both) +
           "</tr>";
  }
  return out + "</table>";
}

std::string WaterfallHtml(const Waterfall& w) {
  std::vector<svg::HBar> bars;
  double running = w.prior_weight;
  bars.push_back({"prior (λ)", 0, running, svg::kGrey, Weight(w.prior_weight)});
  std::string rows = "<tr>" + Td("prior") + Td("λ = " + Fmt("%.4g", w.lambda)) + Td("") + Td("") +
                     Td(Fmt("%.4g", std::exp2(w.prior_weight)), "num") +
                     Td(Weight(w.prior_weight), "num") + Td(Fmt("%.2f", running), "num") + "</tr>";
  for (const WaterfallStep& s : w.steps) {
    double before = running;
    running += s.weight;
    bars.push_back({s.comparison + ": " + s.level, before, running,
                    s.weight >= 0 ? svg::kGreen : svg::kRed, Weight(s.weight)});
    std::string both = s.value_l == s.value_r ? "same" : "diff";
    rows += "<tr>" + Td(s.comparison) + Td(s.level) +
            Td(s.value_l.empty() ? "(missing)" : s.value_l, s.value_l.empty()   ? "missing"
                                                            : s.value_r.empty() ? ""
                                                                                : both) +
            Td(s.value_r.empty() ? "(missing)" : s.value_r, s.value_r.empty()   ? "missing"
                                                            : s.value_l.empty() ? ""
                                                                                : both) +
            Td(Fmt("%.4g", std::exp2(s.weight)), "num") + Td(Weight(s.weight), "num") +
            Td(Fmt("%.2f", running), "num") + "</tr>";
    if (s.has_tf) {
      before = running;
      running += s.tf_adjustment;
      bars.push_back({"  term frequency " + s.tf_column, before, running,
                      s.tf_adjustment >= 0 ? svg::kGreen : svg::kRed, Weight(s.tf_adjustment)});
      rows += "<tr>" + Td("  tf " + s.comparison) + Td("frequency in " + s.tf_column) +
              Td(s.tf_frequency_l > 0 ? Fmt("%.6g", s.tf_frequency_l) : "not in table", "num") +
              Td(s.tf_frequency_r > 0 ? Fmt("%.6g", s.tf_frequency_r) : "not in table", "num") +
              Td(Fmt("%.4g", std::exp2(s.tf_adjustment)), "num") +
              Td(Weight(s.tf_adjustment), "num") + Td(Fmt("%.2f", running), "num") + "</tr>";
    }
  }
  bars.push_back({"match weight", 0, w.match_weight, svg::kBlue,
                  Weight(w.match_weight) + " (p " + Fmt("%.4g", w.match_probability) + ")"});
  std::string out = svg::HorizontalBars(bars, "match weight (bits)");
  out += "<table><tr>" + Th("comparison") + Th("level") + Th(w.id_l) + Th(w.id_r) +
         Th("Bayes factor", "num") + Th("weight", "num") + Th("running", "num") + "</tr>" + rows +
         "</table>";
  return out;
}

std::string PairList(const ReportInput& in, const std::vector<ReportPair>& pairs) {
  std::string out;
  bool first = true;
  for (const ReportPair& rp : pairs) {
    const SampledPair& p = rp.pair;
    // The first pair open, so a printed report shows one worked example.
    out += first ? "<details open=\"open\">" : "<details>";
    first = false;
    out += "<summary><b>" + Escape(p.id_l) + "</b> — <b>" + Escape(p.id_r) + "</b>: match weight " +
           Escape(Fmt("%.2f", p.weight)) + ", probability " + Escape(Fmt("%.4f", p.probability)) +
           "</summary>";
    out += SideBySide(in, p);
    if (rp.waterfall) out += WaterfallHtml(*rp.waterfall);
    out += "</details>";
  }
  return out;
}

std::string ReviewSection(const ReportInput& in) {
  std::string out = "<section id=\"review\"><h2>Clerical review queue</h2>";
  const PairSummary* pairs = in.pairs;
  if (!pairs) return out + Empty("No scored pairs given (--pairs).") + "</section>";
  const PairSummaryOptions& o = pairs->options();
  if (!o.match || !o.review) {
    return out + Empty("No review band: the model has no review threshold and none was given.") +
           "</section>";
  }
  out += "<p>Pairs with match weight in [" + Escape(Fmt("%g", *o.review)) + ", " +
         Escape(Fmt("%g", *o.match)) + "): " + Count(pairs->in_review()) + " in all";
  if (pairs->in_review() > in.review.size()) {
    out += "; a seeded sample of " + Count(in.review.size()) + " is shown";
  }
  out += ", by decreasing weight. Open a pair to see both records and its waterfall.</p>";
  if (in.review.empty()) return out + Empty("No pair falls in the review band.") + "</section>";
  return out + PairList(in, in.review) + "</section>";
}

std::string NearSection(const ReportInput& in) {
  std::string out = "<section id=\"near\"><h2>Links near the threshold</h2>";
  const PairSummary* pairs = in.pairs;
  if (!pairs || !pairs->options().match) {
    return out + Empty("No match threshold: no links to sample.") + "</section>";
  }
  out += "<p>Links with match weight in [" + Escape(Fmt("%g", *pairs->options().match)) + ", " +
         Escape(Fmt("%g", *pairs->near_limit())) +
         "), the weakest links made: " + Count(pairs->near_band()) + " in all";
  if (pairs->near_band() > in.near.size()) {
    out += "; a seeded sample of " + Count(in.near.size()) + " is shown";
  }
  out += ".</p>";
  if (in.near.empty()) return out + Empty("No link falls just above the threshold.") + "</section>";
  return out + PairList(in, in.near) + "</section>";
}

// Sizes 1..10 one by one, above by powers of two (11-16, 17-32, ...).
std::string ClusterSizeChart(const ClusterSummary& c) {
  std::vector<std::string> labels;
  std::vector<std::uint64_t> counts;
  for (const auto& [size, n] : c.size_counts) {
    std::string label;
    if (size <= 10) {
      label = std::to_string(size);
    } else {
      std::uint64_t hi = 16;
      while (hi < size) hi *= 2;
      label = std::to_string(hi / 2 + 1) + "-" + std::to_string(hi);
    }
    if (!labels.empty() && labels.back() == label) {
      counts.back() += n;
    } else {
      labels.push_back(label);
      counts.push_back(n);
    }
  }
  return svg::CategoryBars(labels, counts, true, "cluster size (records)", "clusters (log scale)");
}

std::string ClustersSection(const ReportInput& in) {
  std::string out = "<section id=\"clusters\"><h2>Clusters</h2>";
  const ClusterSummary* c = in.clusters;
  if (!c) return out + Empty("No clusters given (--clusters).") + "</section>";
  std::uint64_t singletons = c->size_counts.count(1) ? c->size_counts.at(1) : 0;
  std::uint64_t largest = c->size_counts.empty() ? 0 : c->size_counts.rbegin()->first;
  out += "<div class=\"cards\">" + Card(Count(c->records), "records") +
         Card(Count(c->clusters), "clusters (persons)") + Card(Count(singletons), "singletons") +
         Card(Count(largest), "largest cluster") + "</div>";
  if (c->clusters == 0) return out + Empty("The clusters file is empty.") + "</section>";
  out += ClusterSizeChart(*c);
  out +=
      "<h3>Largest clusters</h3><p>Very large clusters are the usual sign of a chain of "
      "weak links (or a shared placeholder value such as a hospital's phone number).</p>";
  for (const ClusterInfo& info : c->largest) {
    out += "<details><summary>cluster <b>" + Escape(info.cluster_id) + "</b>: " + Count(info.size) +
           " records";
    if (info.members.size() < info.size) out += " (first " + Count(info.members.size()) + " shown)";
    out += "</summary><table><tr>" + Th("unique_id");
    for (const std::string& col : in.display_columns) out += Th(col);
    out += "</tr>";
    for (const std::string& id : info.members) {
      out += "<tr>" + Td(id);
      const auto* v = Values(in, id);
      for (std::size_t i = 0; i < in.display_columns.size(); ++i) {
        out += v ? Td((*v)[i]) : Td("?", "missing");
      }
      out += "</tr>";
    }
    out += "</table></details>";
  }
  return out + "</section>";
}

std::string MissingSection(const MissingnessCounter* m) {
  std::string out = "<section id=\"missing\"><h2>Missing values per column</h2>";
  if (!m) return out + Empty("No records given (--records).") + "</section>";
  out += "<p>" + Count(m->records()) +
         " records. A column missing in most records gives the "
         "model little evidence.</p><table><tr>" +
         Th("column") + Th("missing", "num") + Th("share", "num") + Th("") + "</tr>";
  for (std::size_t i = 0; i < m->columns().size(); ++i) {
    double share = m->records() ? static_cast<double>(m->missing()[i]) / m->records() : 0;
    out += "<tr>" + Td(m->columns()[i]) + Td(Count(m->missing()[i]), "num") +
           Td(Percent(m->missing()[i], m->records()), "num") +
           "<td><span class=\"bar\" style=\"width:" + Fmt("%.0f", 200 * share) +
           "px\"></span></td></tr>";
  }
  return out + "</table></section>";
}

std::string RejectsSection(const RejectCounter* r) {
  std::string out = "<section id=\"rejects\"><h2>Rows rejected by normalize</h2>";
  if (!r) return out + Empty("No rejects file given (--rejects).") + "</section>";
  if (r->total() == 0) return out + Empty("No row was rejected.") + "</section>";
  out += "<p>" + Count(r->total()) +
         " rows rejected, by reason (the values a reason quotes are "
         "left out of the grouping; one example each).</p><table><tr>" +
         Th("reason") + Th("rows", "num") + Th("share", "num") + Th("example") + "</tr>";
  for (const RejectCounter::Entry& e : r->Sorted()) {
    out += "<tr>" + Td(e.reason) + Td(Count(e.count), "num") +
           Td(Percent(e.count, r->total()), "num") + Td(e.source + ": " + e.example) + "</tr>";
  }
  return out + "</table></section>";
}

}  // namespace

std::string HtmlEscape(std::string_view text) { return Escape(text); }

std::string RenderReport(const ReportInput& in) {
  std::string out =
      "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"vi\">\n<head>\n"
      "<meta charset=\"utf-8\"/>\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
      "<title>" +
      Escape(in.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  out += "<header><h1>" + Escape(in.title) +
         "</h1><div>Record linkage audit: what the model "
         "believes, which pairs it linked and which need a human decision.</div></header>\n";
  out +=
      "<nav><a href=\"#model\">Model</a><a href=\"#weights\">Match weights</a>"
      "<a href=\"#clusters\">Clusters</a><a href=\"#review\">Review queue</a>"
      "<a href=\"#near\">Near the threshold</a><a href=\"#missing\">Missing values</a>"
      "<a href=\"#rejects\">Rejected rows</a></nav>\n<main>\n";
  out += "<section id=\"inputs\"><h2>Inputs</h2>";
  if (in.inputs.empty()) {
    out += Empty("No input given.");
  } else {
    out += "<table>";
    for (const auto& [role, file] : in.inputs) out += "<tr>" + Th(role) + Td(file) + "</tr>";
    out += "</table>";
  }
  for (const std::string& note : in.notes) out += "<p class=\"note\">" + Escape(note) + "</p>";
  out += "</section>\n";
  out += ModelSection(in.model) + "\n";
  out += WeightsSection(in.pairs) + "\n";
  out += ClustersSection(in) + "\n";
  out += ReviewSection(in) + "\n";
  out += NearSection(in) + "\n";
  out += MissingSection(in.missingness) + "\n";
  out += RejectsSection(in.rejects) + "\n";
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace vnlink
