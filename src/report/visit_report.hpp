#pragma once

// The visit report (issue 20): one or two pages for a person's prescriber, read at a visit. Who
// and when, the dose line planned against taken with the plan's next steps, the daily symptom
// score, PHQ-9 and GAD-7 with their bands (item 9 flagged), sleep and memory/attention against the
// person's own baseline, the decisions with their reasons and the model's forecast.
//
// Three stages, each pure: the journal fills a VisitReport (journal/visit_report.hpp, reusing what
// status, insights and recovery already compute); layout_visit_report turns it into a
// VisitDocument of headings, paragraphs, tables and charts, with every word and number formatted
// once; and three writers lay the same document out as plain text (golden-tested), a
// self-contained HTML page with inline SVG charts, and a PDF drawn with libharu (vector lines,
// standard Helvetica), so that no writer decides what the report says.

#include <optional>
#include <string>
#include <vector>

#include "core/base/civil_date.hpp"

namespace taperlab::report {

enum class PaperSize { kA4, kLetter };
const char* to_string(PaperSize paper);  // "A4", "Letter"
// Letter for people in the US (and Canada), whose printers hold it; A4 everywhere else.
PaperSize paper_for_country(const std::string& country);

// ---------------------------------------------------------------------------------------------
// The content: numbers and short texts from the journal, nothing formatted yet.

struct VisitDoseDay {
  CivilDate date;
  std::optional<double> planned_mg;  // diazepam-equivalent mg/day of the plan in force that day
  std::optional<double> taken_mg;    // what the dose log says was taken; absent: nothing logged
};

struct VisitPlanStep {
  int index = 0;  // 1-based, as the plan numbers its steps
  CivilDate from;
  int days = 0;      // 0: open-ended (the final stop, a maintenance dose)
  std::string kind;  // "cut", "crossover", "final_stop", "maintenance"
  double diazepam_equivalent_mg = 0.0;
  std::string doses;  // "08:00 clonazepam 0.5 mg; 20:00 clonazepam 0.25 mg", "" after the stop
};

struct VisitAdherence {
  CivilDate from;  // the last 28 days, up to the report date
  CivilDate to;
  int planned = 0;     // planned doses in the window (the plan in force each day)
  int taken = 0;       // logged as taken (or taken in another amount)
  int missed = 0;      // logged as missed
  int extra = 0;       // logged on top of the plan
  int not_logged = 0;  // planned doses with nothing logged
};

struct VisitValue {
  CivilDate date;
  double value = 0.0;
};

struct VisitQuestionnaire {
  CivilDate date;
  int total = 0;
  std::string band;
  std::optional<int> item9;  // PHQ-9 only: the answer to item 9 (thoughts of self-harm), 0..3
};

struct VisitInstrument {
  std::string name;       // "PHQ-9"
  std::string full_name;  // "Patient Health Questionnaire-9"
  int max = 0;
  std::string bands;   // "0-4 minimal, 5-9 mild, ..." from the instrument registry
  std::string source;  // of the bands
  std::vector<VisitQuestionnaire> answers;  // oldest first, at most the latest 6
  int answers_total = 0;                    // all answers up to the report date
};

// A measure set against the person's own baseline (sleep, memory and attention, symptoms).
struct VisitComparison {
  std::string measure;  // "Sleep quality (0-10, higher is better)"
  int decimals = 1;
  std::optional<double> baseline;
  int baseline_n = 0;
  std::optional<double> recent;
  int recent_n = 0;
  std::string judgement;  // "improved", "worse", "no reliable change", or "" when not judged
};

struct VisitDecision {
  CivilDate date;
  std::string kind;  // "continue", "hold", "slow", "urgent"
  int step_index = 0;
  std::string reason;
};

struct VisitBand {
  double median = 0.0;
  double low = 0.0;
  double high = 0.0;
};

struct VisitForecastDay {
  CivilDate date;
  VisitBand adaptation_remaining;  // 1 = fully adapted to the starting dose
  std::optional<VisitBand> symptom_share;
};

struct VisitForecast {
  bool personal = false;  // the person's own fit, else the population model
  int observations = 0;   // check-ins behind the personal fit
  bool recovery = false;  // the curve after the last dose (build_recovery), else the taper's
  double adaptation_remaining = 0.0;
  std::optional<double> remaining_low;  // 80% band today
  std::optional<double> remaining_high;
  std::optional<double> remaining_at_plan_end;  // the taper: when the last step begins
  std::optional<double> expected_share_high;    // recovery: the band's upper end, last 7 days
  std::vector<VisitForecastDay> days;           // daily, from today (the taper) or the last dose
};

struct VisitReport {
  CivilDate date;
  std::string person_name;  // may be empty
  std::string country;
  int age = 0;  // 0: not given
  std::string sex;
  std::string prescriber;  // as the person wrote it; may be empty
  PaperSize paper = PaperSize::kA4;

  // Where the journal stands: "no_plan", "before_plan", "taper", "paused", "recovery".
  std::string phase = "no_plan";
  // The plan in force.
  int plan_version = 0;  // 0: no plan
  int plan_versions = 0;
  std::optional<CivilDate> plan_start;
  std::string strategy;
  int days_on_plan = 0;
  std::optional<CivilDate> plan_end;  // the day the last step starts
  double start_mg = 0.0;              // diazepam-equivalent mg/day before the plan
  std::string start_regimen;          // "clonazepam 0.5 mg at 08:00 and 20:00"
  std::optional<VisitPlanStep> step;  // in force on the report date
  int steps_total = 0;
  int day_in_step = 0;
  std::vector<VisitPlanStep> next_steps;  // at most 4
  std::string table_name;                 // the equivalence table the plan uses
  std::string pause;                      // when paused: since when and why, else ""
  std::optional<CivilDate> last_dose;     // recovery only
  std::vector<std::string> findings;      // the plan's safety findings (needs-clinician first)

  std::vector<VisitDoseDay> dose_line;  // the window, then planned days ahead
  std::optional<VisitAdherence> adherence;

  // Daily symptom score: the checklist's share as points 0-100.
  std::vector<VisitValue> symptoms;
  std::string checklist_note;  // the registry's validation note: not a validated scale
  std::optional<double> symptoms_last_7;
  std::optional<double> symptoms_previous_7;
  int symptoms_last_7_n = 0;
  std::string symptom_direction;          // "better", "worse", "about the same", "not enough data"
  std::vector<VisitValue> sleep_quality;  // 0-10

  VisitInstrument phq9;
  VisitInstrument gad7;
  // The latest PHQ-9 with item 9 above 0, within the report's window (kCrisisLookbackDays).
  std::optional<VisitQuestionnaire> item9_flag;
  std::string emergency_numbers;  // the person's country's, from the crisis directory
  std::string crisis_lines;       // "Samaritans: call 116 123 (...)", "; "-separated

  CivilDate baseline_from;  // the person's own baseline window
  CivilDate baseline_to;
  std::string recent_label;  // "the last 28 days", "since the last dose"
  std::vector<VisitComparison> comparisons;

  std::vector<VisitDecision> decisions;  // newest first, at most kMaxDecisions
  int decisions_total = 0;

  std::optional<VisitForecast> forecast;
  std::vector<std::string> sources;
};

inline constexpr int kVisitWindowDays = 84;      // the charts: the last 12 weeks
inline constexpr int kVisitAheadDays = 28;       // and the planned dose 4 weeks ahead
inline constexpr int kMaxDecisions = 6;          // two pages at most
inline constexpr int kMaxQuestionnaireRows = 6;  // per instrument
inline constexpr int kCrisisLookbackDays = 84;

// ---------------------------------------------------------------------------------------------
// The layout: what every writer draws, in order.

struct ChartSeries {
  enum class Style { kLine, kDashed, kPoints, kBand };
  std::string label;
  Style style = Style::kLine;
  std::string color;  // "#1f5fa8"
  struct Point {
    CivilDate date;
    double y = 0.0;
    double low = 0.0;  // kBand only
    double high = 0.0;
  };
  // Runs of points joined by lines; a gap (a day with no value) starts a new run.
  std::vector<std::vector<Point>> runs;
};

struct Chart {
  std::string title;
  std::string y_label;
  CivilDate from;
  CivilDate to;
  double y_min = 0.0;
  double y_max = 1.0;
  std::vector<double> y_ticks;
  std::vector<CivilDate> x_ticks;
  std::optional<CivilDate> today;  // a vertical line
  std::vector<ChartSeries> series;
  std::string summary;  // one line in words, for the text form and screen readers
};

struct Block {
  enum class Kind { kHeading, kParagraph, kAlert, kTable, kChart, kNote };
  Kind kind = Kind::kParagraph;
  std::string text;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<double> widths;  // relative column widths
  Chart chart;
  bool page_break_before = false;  // the second page starts here
};

struct VisitDocument {
  std::string title;
  std::vector<std::string> subtitle;  // lines under the title
  std::vector<Block> blocks;
  std::string footer;  // on every page
  PaperSize paper = PaperSize::kA4;
};

VisitDocument layout_visit_report(const VisitReport& report);

// Plain lines of at most 100 columns (charts as one line of words each).
std::string visit_report_text(const VisitReport& report);
// One self-contained page: inline CSS (with print rules for the paper size) and inline SVG.
std::string visit_report_html(const VisitReport& report);
// The PDF bytes (pdf_writer.hpp). Throws PdfError when libharu fails.
std::string visit_report_pdf(const VisitReport& report);

}  // namespace taperlab::report
