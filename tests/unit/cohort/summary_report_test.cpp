// The cohort report's forms on a made-up two-plan cohort: the SVG chart is well formed and draws
// what it says (two panels, per plan a 90% band, a 50% band and a median), the CSV has a row per
// day, plan and series, the JSON reads back. The text table and CSV of a real cohort are golden
// tests (tests/golden/cases/cohort_*.golden).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "report/cohort_report.hpp"

namespace taperlab::cohort {
namespace {

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

CohortResult made_up_result() {
  constexpr int days = 12;
  CohortResult r;
  r.study.n = 20;
  r.study.seed = 3;
  r.study.threshold_w = 0.02;
  r.study.days = days;
  r.study.population = "population/adults.json";
  r.study.population_sha256 = "0123456789abcdef";
  r.study.plans = {{"slow & steady", "aa"}, {"<fast>", "bb"}};
  r.study.engine = "taperlab test";
  r.people = {{0, 20}};
  for (int plan = 0; plan < 2; ++plan) {
    CohortSummary s(days, 0.02);
    for (int person = 0; person < 20; ++person) {
      std::vector<double> w, e, rem;
      for (int d = 0; d < days; ++d) {
        w.push_back(0.001 * (plan + 1) * person * d);
        e.push_back(0.3 - 0.01 * d);
        rem.push_back(1.0 - 0.05 * d - 0.001 * person);
      }
      s.add(PersonCourse{static_cast<std::uint64_t>(person), w, e, rem});
    }
    r.summaries.push_back(std::move(s));
  }
  return r;
}

TEST(CohortReport, SvgDrawsBothPanelsWithBandsPerPlan) {
  const std::string svg = report::cohort_svg(made_up_result());
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0U);
  EXPECT_EQ(svg.substr(svg.size() - 7), "</svg>\n");
  EXPECT_EQ(occurrences(svg, "<g class=\"panel\""), 2U);
  EXPECT_EQ(occurrences(svg, "<g "), occurrences(svg, "</g>"));
  EXPECT_EQ(occurrences(svg, "class=\"band90\""), 4U);  // 2 panels x 2 plans
  EXPECT_EQ(occurrences(svg, "class=\"band50\""), 4U);
  EXPECT_EQ(occurrences(svg, "class=\"median\""), 4U);
  EXPECT_EQ(occurrences(svg, "class=\"threshold\""), 1U);
  EXPECT_NE(svg.find("slow &amp; steady"), std::string::npos);
  EXPECT_NE(svg.find("&lt;fast&gt;"), std::string::npos);
  EXPECT_EQ(svg.find("<fast>"), std::string::npos);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  EXPECT_EQ(svg.find("inf"), std::string::npos);
  // Two colours, one per plan.
  EXPECT_NE(svg.find("#0072B2"), std::string::npos);
  EXPECT_NE(svg.find("#D55E00"), std::string::npos);
}

TEST(CohortReport, CsvHasARowPerDayPlanAndSeries) {
  const std::string csv = report::cohort_csv(made_up_result());
  EXPECT_EQ(csv.rfind("day,plan,series,p5,p25,p50,p75,p95\n", 0), 0U);
  EXPECT_EQ(occurrences(csv, "\n"), 1U + 12U * 2U * 3U);
  EXPECT_NE(csv.find("\n0,<fast>,W,0,"), std::string::npos);
}

TEST(CohortReport, TableAndJsonShowEveryPlan) {
  const CohortResult r = made_up_result();
  const std::string table = report::cohort_table(r);
  EXPECT_NE(table.find("slow & steady"), std::string::npos);
  EXPECT_NE(table.find("<fast>"), std::string::npos);
  EXPECT_NE(table.find("seed 3"), std::string::npos);
  const auto doc = nlohmann::json::parse(report::cohort_json(r));
  ASSERT_EQ(doc["plans"].size(), 2U);
  EXPECT_EQ(doc["plans"][1]["bands"]["R"]["p50"].size(), 12U);
  EXPECT_EQ(doc["study"]["seed"], 3);
  EXPECT_EQ(doc["plans"][0]["people"], 20);
}

}  // namespace
}  // namespace taperlab::cohort
