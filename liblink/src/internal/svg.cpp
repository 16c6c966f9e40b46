#include "internal/svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace vnlink::svg {
namespace {

constexpr double kWidth = 760;

std::string Open(double w, double h) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"" + Num(w) +
         "\" height=\"" + Num(h) + "\" viewBox=\"0 0 " + Num(w) + " " + Num(h) + "\">";
}

std::string Text(double x, double y, std::string_view s, std::string_view anchor = "start",
                 std::string_view extra = "") {
  return "<text x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" text-anchor=\"" + std::string(anchor) +
         "\"" + std::string(extra) + ">" + Escape(s) + "</text>";
}

std::string Line(double x1, double y1, double x2, double y2, std::string_view colour,
                 std::string_view extra = "") {
  return "<line x1=\"" + Num(x1) + "\" y1=\"" + Num(y1) + "\" x2=\"" + Num(x2) + "\" y2=\"" +
         Num(y2) + "\" stroke=\"" + std::string(colour) + "\"" + std::string(extra) + "/>";
}

std::string Rect(double x, double y, double w, double h, std::string_view colour,
                 std::string_view title) {
  std::string r = "<rect x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" width=\"" +
                  Num(std::max(w, 0.0)) + "\" height=\"" + Num(std::max(h, 0.0)) + "\" fill=\"" +
                  std::string(colour) + "\"";
  if (title.empty()) return r + "/>";
  return r + "><title>" + Escape(title) + "</title></rect>";
}

// Round tick values covering [lo, hi], about n of them.
std::vector<double> Ticks(double lo, double hi, int n) {
  if (!(hi > lo)) return {lo};
  double raw = (hi - lo) / n;
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double f : {1.0, 2.0, 5.0, 10.0}) {
    if (f * mag >= raw) {
      step = f * mag;
      break;
    }
  }
  std::vector<double> out;
  for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
    out.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
  }
  return out;
}

std::string TickLabel(double v) {
  char buf[32];
  if (std::fabs(v) >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.0e", v);
  } else {
    std::snprintf(buf, sizeof buf, "%g", v);
  }
  return buf;
}

// The y axis of a count chart: gridlines and labels. Returns the svg and sets `scale` so
// that a count c is drawn with height scale(c).
struct CountAxis {
  bool log_y;
  double max_value;  // in drawn units
  double Units(double count) const { return log_y ? std::log10(1 + count) : count; }
};

std::string YAxis(const CountAxis& axis, double left, double top, double plot_w, double plot_h) {
  std::string out;
  std::vector<double> counts;
  if (axis.log_y) {
    for (double c = 1; axis.Units(c) <= axis.max_value * 1.0001; c *= 10) counts.push_back(c);
    counts.insert(counts.begin(), 0);
  } else {
    counts = Ticks(0, axis.max_value, 4);
  }
  for (double c : counts) {
    double y = top + plot_h - (axis.max_value > 0 ? axis.Units(c) / axis.max_value * plot_h : 0);
    out += Line(left, y, left + plot_w, y, "#e3e8ee");
    out += Text(left - 6, y + 4, TickLabel(c), "end");
  }
  return out;
}

}  // namespace

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string Histogram(const std::vector<Bar>& bars, const std::vector<Marker>& markers, bool log_y,
                      std::string_view x_label, std::string_view y_label) {
  const double left = 64, right = 16, top = 24, bottom = 44;
  const double h = 260, plot_w = kWidth - left - right, plot_h = h - top - bottom;
  double lo = 0, hi = 1;
  bool first = true;
  for (const Bar& b : bars) {
    lo = first ? b.x0 : std::min(lo, b.x0);
    hi = first ? b.x1 : std::max(hi, b.x1);
    first = false;
  }
  for (const Marker& m : markers) {
    lo = first ? m.x - 1 : std::min(lo, m.x);
    hi = first ? m.x + 1 : std::max(hi, m.x);
    first = false;
  }
  if (!(hi > lo)) hi = lo + 1;
  CountAxis axis{log_y, 0};
  for (const Bar& b : bars) axis.max_value = std::max(axis.max_value, axis.Units(b.count));
  auto x_of = [&](double x) { return left + (x - lo) / (hi - lo) * plot_w; };

  std::string out = Open(kWidth, h);
  out += YAxis(axis, left, top, plot_w, plot_h);
  for (const Bar& b : bars) {
    double bh = axis.max_value > 0 ? axis.Units(b.count) / axis.max_value * plot_h : 0;
    double x0 = x_of(b.x0), x1 = x_of(b.x1);
    out += Rect(x0 + 0.5, top + plot_h - bh, x1 - x0 - 1, bh, b.colour, b.title);
  }
  out += Line(left, top + plot_h, left + plot_w, top + plot_h, "#555");
  for (double t : Ticks(lo, hi, 10)) {
    out += Line(x_of(t), top + plot_h, x_of(t), top + plot_h + 4, "#555");
    out += Text(x_of(t), top + plot_h + 16, TickLabel(t), "middle");
  }
  int k = 0;
  for (const Marker& m : markers) {
    double x = x_of(m.x);
    out +=
        Line(x, top - 4, x, top + plot_h, m.colour, " stroke-width=\"2\" stroke-dasharray=\"5 3\"");
    out += Text(x + 4, top - 8 + 12.0 * k++, m.label, "start",
                " fill=\"" + m.colour + "\" font-weight=\"bold\"");
  }
  out += Text(left + plot_w / 2, h - 6, x_label, "middle");
  out += Text(14, top + plot_h / 2, y_label, "middle",
              " transform=\"rotate(-90 14 " + Num(top + plot_h / 2) + ")\"");
  return out + "</svg>";
}

std::string CategoryBars(const std::vector<std::string>& labels,
                         const std::vector<std::uint64_t>& counts, bool log_y,
                         std::string_view x_label, std::string_view y_label) {
  const double left = 64, right = 16, top = 16, bottom = 44;
  const double h = 240, plot_w = kWidth - left - right, plot_h = h - top - bottom;
  CountAxis axis{log_y, 0};
  for (std::uint64_t c : counts) axis.max_value = std::max(axis.max_value, axis.Units(c));
  std::string out = Open(kWidth, h);
  out += YAxis(axis, left, top, plot_w, plot_h);
  const double slot = labels.empty() ? plot_w : plot_w / labels.size();
  for (std::size_t i = 0; i < labels.size(); ++i) {
    double bh = axis.max_value > 0 ? axis.Units(counts[i]) / axis.max_value * plot_h : 0;
    double x = left + i * slot;
    out += Rect(x + slot * 0.1, top + plot_h - bh, slot * 0.8, bh, kBlue,
                labels[i] + ": " + std::to_string(counts[i]));
    out += Text(x + slot / 2, top + plot_h + 16, labels[i], "middle");
  }
  out += Line(left, top + plot_h, left + plot_w, top + plot_h, "#555");
  out += Text(left + plot_w / 2, h - 6, x_label, "middle");
  out += Text(14, top + plot_h / 2, y_label, "middle",
              " transform=\"rotate(-90 14 " + Num(top + plot_h / 2) + ")\"");
  return out + "</svg>";
}

std::string HorizontalBars(const std::vector<HBar>& rows, std::string_view x_label) {
  const double left = 250, right = 150, top = 8, row_h = 22, bottom = 36;
  const double plot_w = kWidth - left - right;
  const double h = top + row_h * rows.size() + bottom;
  double lo = 0, hi = 0;
  for (const HBar& r : rows) {
    lo = std::min({lo, r.from, r.to});
    hi = std::max({hi, r.from, r.to});
  }
  if (!(hi > lo)) hi = lo + 1;
  auto x_of = [&](double x) { return left + (x - lo) / (hi - lo) * plot_w; };
  std::string out = Open(kWidth, h);
  const double axis_y = top + row_h * rows.size();
  for (double t : Ticks(lo, hi, 8)) {
    out += Line(x_of(t), top, x_of(t), axis_y, "#e3e8ee");
    out += Text(x_of(t), axis_y + 14, TickLabel(t), "middle");
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const HBar& r = rows[i];
    double y = top + i * row_h;
    double x0 = x_of(std::min(r.from, r.to)), x1 = x_of(std::max(r.from, r.to));
    out += Rect(x0, y + 4, std::max(x1 - x0, 1.0), row_h - 8, r.colour, r.label + ": " + r.value);
    out += Text(left - 8, y + row_h / 2 + 4, r.label, "end");
    out += Text(x1 + 4, y + row_h / 2 + 4, r.value, "start");
  }
  out += Line(x_of(0), top, x_of(0), axis_y, "#555");
  out += Text(left + plot_w / 2, h - 4, x_label, "middle");
  return out + "</svg>";
}

std::string LineChart(const std::vector<Series>& series, std::string_view x_label,
                      std::string_view y_label) {
  const double left = 64, right = 180, top = 16, bottom = 44;
  const double h = 240, plot_w = kWidth - left - right, plot_h = h - top - bottom;
  double lo = 0, hi = 0;
  std::size_t n = 1;
  bool first = true;
  for (const Series& s : series) {
    n = std::max(n, s.y.size());
    for (double v : s.y) {
      if (!std::isfinite(v)) continue;
      lo = first ? v : std::min(lo, v);
      hi = first ? v : std::max(hi, v);
      first = false;
    }
  }
  if (!(hi > lo)) {
    lo -= 1;
    hi += 1;
  }
  auto x_of = [&](double i) { return left + (n > 1 ? (i - 1) / (n - 1) : 0.5) * plot_w; };
  auto y_of = [&](double v) { return top + plot_h - (v - lo) / (hi - lo) * plot_h; };
  std::string out = Open(kWidth, h);
  for (double t : Ticks(lo, hi, 4)) {
    out += Line(left, y_of(t), left + plot_w, y_of(t), "#e3e8ee");
    out += Text(left - 6, y_of(t) + 4, TickLabel(t), "end");
  }
  for (double t : Ticks(1, static_cast<double>(n), 8)) {
    if (t != std::floor(t)) continue;
    out += Text(x_of(t), top + plot_h + 16, TickLabel(t), "middle");
  }
  for (std::size_t k = 0; k < series.size(); ++k) {
    const Series& s = series[k];
    std::string points;
    for (std::size_t i = 0; i < s.y.size(); ++i) {
      if (!std::isfinite(s.y[i])) continue;
      if (!points.empty()) points += ' ';
      points += Num(x_of(i + 1.0));
      points += ',';
      points += Num(y_of(s.y[i]));
    }
    out += "<polyline fill=\"none\" stroke=\"" + s.colour + "\" stroke-width=\"2\" points=\"" +
           points + "\"/>";
    double ly = top + 12 + 16.0 * k;
    out += Line(left + plot_w + 12, ly - 4, left + plot_w + 30, ly - 4, s.colour,
                " stroke-width=\"3\"");
    out += Text(left + plot_w + 34, ly, s.name);
  }
  out += Line(left, top + plot_h, left + plot_w, top + plot_h, "#555");
  out += Text(left + plot_w / 2, h - 6, x_label, "middle");
  out += Text(14, top + plot_h / 2, y_label, "middle",
              " transform=\"rotate(-90 14 " + Num(top + plot_h / 2) + ")\"");
  return out + "</svg>";
}

}  // namespace vnlink::svg
