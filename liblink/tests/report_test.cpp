#include "liblink/report.h"

#include <gtest/gtest.h>

#include <string>

#include "liblink/settings.h"

namespace vnlink {
namespace {

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

TEST(HtmlEscape, EscapesMarkupAndQuotesKeepsVietnamese) {
  EXPECT_EQ(HtmlEscape("<b>\"Lê\" & 'Võ'</b>"),
            "&lt;b&gt;&quot;Lê&quot; &amp; &#39;Võ&#39;&lt;/b&gt;");
  EXPECT_EQ(HtmlEscape("Nguyễn Thị Ánh"), "Nguyễn Thị Ánh");
}

TEST(RenderReport, EmptyInputSaysWhatIsMissing) {
  ReportInput in;
  in.notes.push_back("Left out: everything.");
  std::string html = RenderReport(in);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<meta charset=\"utf-8\"/>"), std::string::npos);
  EXPECT_NE(html.find("No model given"), std::string::npos);
  EXPECT_NE(html.find("No scored pairs given"), std::string::npos);
  EXPECT_NE(html.find("No clusters given"), std::string::npos);
  EXPECT_NE(html.find("No records given"), std::string::npos);
  EXPECT_NE(html.find("No rejects file given"), std::string::npos);
  EXPECT_NE(html.find("Left out: everything."), std::string::npos);
  // Self-contained: nothing fetched, no script.
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("http://www.w3.org/1999/xhtml"), html.find("http"));  // the namespace only
}

TEST(RenderReport, FullInputEveryValueEscapedAndDeterministic) {
  Settings model = ParseSettings(R"({"comparisons": [{"name": "dob", "column": "dob", "levels": [
      {"type": "null"}, {"type": "exact", "m_probability": 0.75, "u_probability": 0.0029296875},
      {"type": "else", "m_probability": 0.25, "u_probability": 0.9970703125}]}],
      "probability_two_random_records_match": 0.0038910505836575876,
      "thresholds": {"match_weight": 4, "review_weight": -2},
      "training": {"rounds": [{"blocking_rule": "name", "iterations": 3, "converged": true,
                   "history": [{"max_change": 0.1}, {"max_change": 0.01}, {"max_change": 0.0001}]}]}})",
                                 "m.json");
  PairSummaryOptions o;
  o.match = 4;
  o.review = -2;
  PairSummary pairs(o);
  pairs.Add("p<1>", "p2", 1.5, 0.74);
  pairs.Add("p1", "p3", 5.0, 0.97);
  ClusterCollector cc;
  cc.Add("p<1>", "c&1");
  cc.Add("p2", "c&1");
  ClusterSummary clusters = cc.Summarize(5, 10);
  MissingnessCounter missing({"unique_id", "full_name"});
  std::vector<std::string_view> row = {"p2", ""};
  missing.Add(row);
  RejectCounter rejects;
  rejects.Add("a.csv", "invalid date '31/02' in column 'ngày <sinh>'");

  ReportInput in;
  in.model = &model;
  in.pairs = &pairs;
  in.clusters = &clusters;
  in.missingness = &missing;
  in.rejects = &rejects;
  in.display_columns = {"full_name"};
  in.records["p<1>"] = {"Nguyễn <Văn> An"};
  in.records["p2"] = {""};
  for (const SampledPair& p : pairs.review_queue()) in.review.push_back({p, std::nullopt});
  Waterfall w;
  w.id_l = "p1";
  w.id_r = "p3";
  w.prior_weight = -8;
  w.steps.push_back({"dob", "exact", 1, false, "dob", "1990-01-02", "1990-01-02", 8.0});
  w.match_weight = 0;
  for (const SampledPair& p : pairs.near_links()) in.near.push_back({p, w});

  std::string html = RenderReport(in);
  EXPECT_EQ(html, RenderReport(in));
  EXPECT_EQ(html.find("p<1>"), std::string::npos);
  EXPECT_NE(html.find("p&lt;1&gt;"), std::string::npos);
  EXPECT_NE(html.find("Nguyễn &lt;Văn&gt; An"), std::string::npos);
  EXPECT_NE(html.find("c&amp;1"), std::string::npos);
  EXPECT_EQ(html.find("ngày <sinh>"), std::string::npos);
  EXPECT_NE(html.find("<td>invalid date</td>"), std::string::npos);
  EXPECT_NE(html.find("EM round"), std::string::npos);        // training diagnostics
  EXPECT_NE(html.find("<polyline"), std::string::npos);       // convergence chart
  EXPECT_EQ(Count(html, "<details"), 3u);                     // 1 cluster, 1 review, 1 near
  EXPECT_EQ(Count(html, "<details open=\"open\">"), 2u);      // the first of each pair list
  EXPECT_NE(html.find("<td>prior</td>"), std::string::npos);  // the near link's waterfall
  EXPECT_EQ(Count(html, "<svg"), Count(html, "</svg>"));
  EXPECT_EQ(Count(html, "<table"), Count(html, "</table>"));
  EXPECT_EQ(Count(html, "<tr>"), Count(html, "</tr>"));
  EXPECT_EQ(Count(html, "<section"), Count(html, "</section>"));
}

}  // namespace
}  // namespace vnlink
