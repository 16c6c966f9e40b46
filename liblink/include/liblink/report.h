// File: liblink/report.h
//
// The audit report of `vnlink report`: one self-contained HTML file (inline CSS and SVG,
// no script, font or style sheet fetched from anywhere) that an auditor opens on a laptop
// with no network. It is XHTML-compatible HTML5 (every element closed, every value
// escaped), so an XML parser accepts it as it is.
//
//   vnlink::ReportInput in;
//   in.model = &settings;            // each part optional: its section says what is missing
//   in.pairs = &pair_summary;        // liblink/report_summary.h
//   in.review = {{pair, waterfall}}; // the review queue, each with its waterfall
//   std::string html = vnlink::RenderReport(in);
//
// Sections: inputs and notes; model summary (lambda, m and u per level, a weight chart per
// comparison, training convergence from the model's diagnostics); match weight histogram
// with the thresholds and review band; cluster sizes and the largest clusters with their
// records; the review queue (values side by side and a waterfall each); links near the
// threshold; missing values per column; rows rejected by normalize, by reason.

#ifndef LIBLINK_REPORT_H_
#define LIBLINK_REPORT_H_

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "liblink/report_summary.h"
#include "liblink/waterfall.h"

namespace vnlink {

struct Settings;

// A sampled pair with, when the model and both records were available, its waterfall.
struct ReportPair {
  SampledPair pair;
  std::optional<Waterfall> waterfall;
};

struct ReportInput {
  std::string title = "vnlink audit report";
  std::vector<std::pair<std::string, std::string>> inputs;  // (role, file) as given
  std::vector<std::string> notes;                           // what was left out, and why
  const Settings* model = nullptr;
  const PairSummary* pairs = nullptr;
  const ClusterSummary* clusters = nullptr;
  const MissingnessCounter* missingness = nullptr;
  const RejectCounter* rejects = nullptr;
  // Record values shown for sampled pairs and clusters: unique_id -> values of
  // display_columns (records not listed show as "not in the records file").
  std::vector<std::string> display_columns;
  std::unordered_map<std::string, std::vector<std::string>> records;
  std::vector<ReportPair> review;  // the review queue
  std::vector<ReportPair> near;    // links just above the match threshold
};

// The whole HTML document. Deterministic: the same input gives the same bytes.
[[nodiscard]] std::string RenderReport(const ReportInput& input);

// &, <, >, " and ' as entities: for element text and attribute values alike.
[[nodiscard]] std::string HtmlEscape(std::string_view text);

}  // namespace vnlink

#endif  // LIBLINK_REPORT_H_
