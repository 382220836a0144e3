#include "report/visit_report.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "report/pdf_writer.hpp"

namespace taperlab::report {
namespace {

const CivilDate kDate = parse_civil_date("2027-02-15", "date");

// Six weeks into a taper: a hold decision, PHQ-9 with item 9 above 0, GAD-7, a forecast.
VisitReport sample_report() {
  VisitReport r;
  r.date = kDate;
  r.person_name = "Ana <Test>";
  r.country = "GB";
  r.age = 52;
  r.sex = "female";
  r.phase = "taper";
  r.plan_version = 2;
  r.plan_versions = 2;
  r.plan_start = kDate.plus_days(-42);
  r.strategy = "fraction";
  r.days_on_plan = 42;
  r.plan_end = kDate.plus_days(300);
  r.start_mg = 20;
  r.start_regimen = "clonazepam 0.5 mg at 08:00, 0.5 mg at 20:00";
  r.step = VisitPlanStep{3, kDate.plus_days(-5), 14, "cut", 16.2, "08:00 clonazepam 0.5 mg"};
  r.steps_total = 28;
  r.day_in_step = 6;
  r.next_steps = {
      VisitPlanStep{4, kDate.plus_days(9), 14, "cut", 14.6, "08:00 clonazepam 0.25 mg"}};
  r.table_name = "Ashton";
  for (int i = -83; i <= 28; ++i) {
    VisitDoseDay d;
    d.date = kDate.plus_days(i);
    if (i >= -42) d.planned_mg = i < -20 ? 18.0 : 16.2;
    if (i >= -42 && i <= 0 && i % 2 == 0) d.taken_mg = d.planned_mg;
    r.dose_line.push_back(d);
  }
  r.adherence = VisitAdherence{kDate.plus_days(-27), kDate, 56, 40, 2, 0, 14};
  for (int i = -60; i <= 0; ++i) r.symptoms.push_back({kDate.plus_days(i), 10.0 + (i % 5)});
  r.checklist_note = "taperlab's own checklist: not a validated scale.";
  r.symptoms_last_7 = 11.5;
  r.symptoms_previous_7 = 9.0;
  r.symptoms_last_7_n = 7;
  r.symptom_direction = "about the same";
  r.phq9 = {"PHQ-9",
            "Patient Health Questionnaire-9",
            27,
            "0-4 minimal, 5-9 mild",
            "Kroenke 2001",
            {{kDate.plus_days(-14), 11, "moderate", 1}},
            1};
  r.gad7 = {"GAD-7",
            "Generalized Anxiety Disorder-7",
            21,
            "0-4 minimal",
            "Spitzer 2006",
            {{kDate.plus_days(-14), 8, "mild", std::nullopt}},
            1};
  r.item9_flag = r.phq9.answers.front();
  r.emergency_numbers = "999 or 112";
  r.baseline_from = kDate.plus_days(-70);
  r.baseline_to = kDate.plus_days(-29);
  r.recent_label = "last 28 days";
  r.comparisons = {{"Sleep quality (0-10, higher is better)", 1, 6.5, 20, 5.25, 28, ""}};
  r.decisions = {
      {kDate.plus_days(-5), "hold", 2, "Symptoms above the usual level: hold ≥ 7 days."}};
  r.decisions_total = 1;
  VisitForecast f;
  f.personal = true;
  f.observations = 60;
  f.adaptation_remaining = 0.8;
  f.remaining_low = 0.7;
  f.remaining_high = 0.9;
  for (int i = 0; i < 120; ++i) {
    const double m = 0.8 - i * 0.004;
    f.days.push_back({kDate.plus_days(i), {m, m - 0.1, m + 0.1}, VisitBand{0.1, 0.05, 0.2}});
  }
  r.forecast = f;
  r.sources = {"PHQ-9: Kroenke 2001", "Equivalence table: Ashton"};
  return r;
}

TEST(WinAnsi, KeepsLatin1AndMapsTypography) {
  EXPECT_EQ(to_win_ansi("plain 10 mg"), "plain 10 mg");
  EXPECT_EQ(to_win_ansi("5 \xC2\xB5g"), "5 \xB5g");                  // µ
  EXPECT_EQ(to_win_ansi("caf\xC3\xA9"), "caf\xE9");                  // é
  EXPECT_EQ(to_win_ansi("a \xE2\x80\x93 b"), "a \x96 b");            // en dash
  EXPECT_EQ(to_win_ansi("\xE2\x80\x9Cq\xE2\x80\x9D"), "\x93q\x94");  // curly quotes
  EXPECT_EQ(to_win_ansi("x \xE2\x89\xA5 1"), "x >= 1");              // ≥
  EXPECT_EQ(to_win_ansi("x \xE2\x89\xA4 1"), "x <= 1");              // ≤
  EXPECT_EQ(to_win_ansi("\xE2\x82\xAC"), "\x80");                    // €
  EXPECT_EQ(to_win_ansi("\xE6\x97\xA5"), "?");                       // a CJK character
  EXPECT_EQ(to_win_ansi("\xF0\x9F\x98\x80!"), "?!");                 // an emoji
}

TEST(WinAnsi, MalformedInputNeverPassesThrough) {
  EXPECT_EQ(to_win_ansi("a\x80z"), "a?z");             // a stray continuation byte
  EXPECT_EQ(to_win_ansi("a\xC3"), "a?");               // cut short
  EXPECT_EQ(to_win_ansi("\xC0\xAF"), "??");            // overlong "/"
  EXPECT_EQ(to_win_ansi("tab\there\n"), "tab here ");  // control characters
}

TEST(VisitPaper, LetterForTheUsAndCanada) {
  EXPECT_EQ(paper_for_country("US"), PaperSize::kLetter);
  EXPECT_EQ(paper_for_country("ca"), PaperSize::kLetter);
  EXPECT_EQ(paper_for_country("GB"), PaperSize::kA4);
  EXPECT_EQ(paper_for_country(""), PaperSize::kA4);
}

TEST(VisitLayout, ItemNineComesFirstAndTheDraftNoticeLast) {
  const VisitDocument doc = layout_visit_report(sample_report());
  ASSERT_FALSE(doc.blocks.empty());
  EXPECT_EQ(doc.blocks.front().kind, Block::Kind::kAlert);
  EXPECT_NE(doc.blocks.front().text.find("PHQ-9 item 9"), std::string::npos);
  EXPECT_NE(doc.blocks.front().text.find("999 or 112"), std::string::npos);
  EXPECT_NE(doc.footer.find("a draft to discuss with the prescriber"), std::string::npos);
  const auto charts = std::count_if(doc.blocks.begin(), doc.blocks.end(),
                                    [](const Block& b) { return b.kind == Block::Kind::kChart; });
  EXPECT_EQ(charts, 3);  // dose, symptoms, forecast
  // The second page starts with the baseline comparison.
  const auto page2 = std::find_if(doc.blocks.begin(), doc.blocks.end(),
                                  [](const Block& b) { return b.page_break_before; });
  ASSERT_NE(page2, doc.blocks.end());
  EXPECT_NE(page2->text.find("baseline"), std::string::npos);
}

TEST(VisitLayout, NoFlagNoAlert) {
  VisitReport r = sample_report();
  r.item9_flag.reset();
  const VisitDocument doc = layout_visit_report(r);
  EXPECT_EQ(doc.blocks.front().kind, Block::Kind::kHeading);
}

TEST(VisitLayout, DoseChartSplitsRunsAtGaps) {
  const VisitDocument doc = layout_visit_report(sample_report());
  const auto chart = std::find_if(doc.blocks.begin(), doc.blocks.end(),
                                  [](const Block& b) { return b.kind == Block::Kind::kChart; });
  ASSERT_NE(chart, doc.blocks.end());
  ASSERT_EQ(chart->chart.series.size(), 2U);
  EXPECT_EQ(chart->chart.series[0].runs.size(), 1U);   // planned: every day from the start
  EXPECT_EQ(chart->chart.series[1].runs.size(), 22U);  // taken: every other day
  EXPECT_GE(chart->chart.y_max, 18.0);
  EXPECT_NE(chart->chart.summary.find("doses logged on 22 of 84 days"), std::string::npos);
}

TEST(VisitText, NamesTheScaleAsNotValidatedAndTheBands) {
  const std::string text = visit_report_text(sample_report());
  EXPECT_NE(text.find("not a validated scale"), std::string::npos);
  EXPECT_NE(text.find("11 / 27"), std::string::npos);
  EXPECT_NE(text.find("moderate"), std::string::npos);
  EXPECT_NE(text.find("hold"), std::string::npos);
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    const auto columns = std::count_if(line.begin(), line.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    });
    EXPECT_LE(columns, 100) << line;
    start = end + 1;
  }
}

TEST(VisitHtml, SelfContainedWithPrintRulesAndEscaped) {
  const std::string html = visit_report_html(sample_report());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0U);
  EXPECT_NE(html.find("@page{size:A4"), std::string::npos);
  EXPECT_EQ(std::count(html.begin(), html.end(), '<') > 0, true);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
  EXPECT_EQ(html.find("<Test>"), std::string::npos);
  EXPECT_NE(html.find("Ana &lt;Test&gt;"), std::string::npos);
  EXPECT_NE(html.find("role=\"alert\""), std::string::npos);
  VisitReport us = sample_report();
  us.paper = PaperSize::kLetter;
  EXPECT_NE(visit_report_html(us).find("@page{size:letter"), std::string::npos);
}

TEST(VisitPdf, IsAPdfOfOneOrTwoPages) {
  const std::string pdf = visit_report_pdf(sample_report());
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0U);
  EXPECT_NE(pdf.find("%%EOF"), std::string::npos);
  // Page objects: "/Type /Page" not followed by "s".
  std::size_t pages = 0;
  for (std::size_t at = pdf.find("/Type /Page"); at != std::string::npos;
       at = pdf.find("/Type /Page", at + 1)) {
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++pages;
  }
  EXPECT_GE(pages, 1U);
  EXPECT_LE(pages, 2U);
}

TEST(PdfWriterTest, LibharuErrorsBecomeExceptions) {
  // libharu refuses a page 1 point wide (HPDF_PAGE_INVALID_SIZE): reported, not ignored.
  PdfWriter tiny(1.0, 1.0);
  EXPECT_THROW(tiny.add_page(), PdfError);
  PdfWriter fine(595.28, 841.89);
  EXPECT_THROW(fine.text(10, 10, "before a page", PdfFont::kRegular, 9), PdfError);
  fine.add_page();
  EXPECT_GT(fine.text_width("abc", PdfFont::kRegular, 10), 10.0);
  EXPECT_NO_THROW(fine.text(10, 10, "\xE2\x89\xA5 5 \xC2\xB5g", PdfFont::kBold, 9));
  EXPECT_EQ(fine.bytes().rfind("%PDF-", 0), 0U);
}

}  // namespace
}  // namespace taperlab::report
