// Internal-only: the small inline-SVG charts of the HTML report (liblink/report.h). Each
// function returns one <svg> element, XML-well-formed, sized in CSS pixels, with every text
// HTML-escaped, so the report needs no script, font or style sheet from outside.
#ifndef LIBLINK_SRC_INTERNAL_SVG_H_
#define LIBLINK_SRC_INTERNAL_SVG_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vnlink::svg {

// &, <, >, " and ' as entities: safe in element text and in attribute values.
std::string Escape(std::string_view text);

// A number for SVG coordinates: fixed, two decimals, no locale.
std::string Num(double v);

inline constexpr const char* kBlue = "#3b6ea8";
inline constexpr const char* kGreen = "#2e8b57";
inline constexpr const char* kRed = "#c0392b";
inline constexpr const char* kOrange = "#d68910";
inline constexpr const char* kGrey = "#9aa5b1";

struct Bar {
  double x0 = 0, x1 = 0;  // numeric extent on the x axis
  std::uint64_t count = 0;
  std::string colour;
  std::string title;  // tooltip
};

struct Marker {
  double x = 0;
  std::string label;
  std::string colour;
};

// A histogram on a numeric x axis with vertical marker lines (thresholds). With log_y the
// bar height is log10(1 + count), for counts spanning orders of magnitude.
std::string Histogram(const std::vector<Bar>& bars, const std::vector<Marker>& markers, bool log_y,
                      std::string_view x_label, std::string_view y_label);

// Vertical bars over categories (labels under each bar).
std::string CategoryBars(const std::vector<std::string>& labels,
                         const std::vector<std::uint64_t>& counts, bool log_y,
                         std::string_view x_label, std::string_view y_label);

struct HBar {
  std::string label;  // left of the axis
  double from = 0, to = 0;
  std::string colour;
  std::string value;  // printed right of the bar
};

// Horizontal bars from `from` to `to` on a shared x axis with a zero line: level weights
// (from 0) and waterfalls (from the running total before the step).
std::string HorizontalBars(const std::vector<HBar>& rows, std::string_view x_label);

struct Series {
  std::string name;
  std::vector<double> y;  // at x = 1, 2, ...
  std::string colour;
};

// Lines over iterations with a legend; y values are drawn as given.
std::string LineChart(const std::vector<Series>& series, std::string_view x_label,
                      std::string_view y_label);

}  // namespace vnlink::svg

#endif  // LIBLINK_SRC_INTERNAL_SVG_H_
