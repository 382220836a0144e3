// The visit report's words, tables and charts, formatted once for all three writers.
#include <algorithm>
#include <cmath>

#include "core/base/text.hpp"
#include "report/visit_report.hpp"

namespace taperlab::report {

const char* to_string(PaperSize paper) { return paper == PaperSize::kLetter ? "Letter" : "A4"; }

PaperSize paper_for_country(const std::string& country) {
  const std::string c = to_lower(trim(country));
  return c == "us" || c == "ca" ? PaperSize::kLetter : PaperSize::kA4;
}

namespace {

constexpr const char* kDoseColor = "#1f5fa8";
constexpr const char* kTakenColor = "#c0392b";
constexpr const char* kSymptomColor = "#6c3483";
constexpr const char* kModelColor = "#117a65";
constexpr const char* kBandColor = "#a9dfbf";

std::string mg(double value) { return format_decimal(value, 2) + " mg"; }
std::string pct(double share) { return format_decimal(std::round(share * 100.0), 0) + "%"; }

std::string kind_words(const std::string& kind) {
  if (kind == "final_stop") return "stop";
  if (kind == "maintenance") return "maintenance";
  if (kind == "crossover") return "crossover";
  return kind;
}

// Ticks at a round step (1, 2, 2.5 or 5 times a power of ten), about four of them, with the top
// raised to the last tick.
std::vector<double> nice_ticks(double low, double& high) {
  if (high <= low) high = low + 1.0;
  const double raw = (high - low) / 4.0;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power;
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = m * power;
    if (step >= raw) break;
  }
  high = low + std::ceil((high - low) / step - 1e-9) * step;
  std::vector<double> ticks;
  for (double t = low; t <= high + step * 1e-6; t += step) ticks.push_back(t);
  return ticks;
}

std::vector<CivilDate> date_ticks(CivilDate from, CivilDate to) {
  const int span = from.days_until(to);
  const int step = span > 240 ? 56 : span > 120 ? 28 : 14;
  std::vector<CivilDate> ticks;
  for (CivilDate d = from; d <= to; d = d.plus_days(step)) ticks.push_back(d);
  return ticks;
}

// Consecutive days join into one run; a day without a value starts a new one.
void add_point(ChartSeries& series, ChartSeries::Point p) {
  if (series.runs.empty() || series.runs.back().empty() ||
      series.runs.back().back().date.days_until(p.date) > 1) {
    series.runs.emplace_back();
  }
  series.runs.back().push_back(p);
}

Block heading(std::string text, bool page_break = false) {
  Block b;
  b.kind = Block::Kind::kHeading;
  b.text = std::move(text);
  b.page_break_before = page_break;
  return b;
}
Block paragraph(std::string text, Block::Kind kind = Block::Kind::kParagraph) {
  Block b;
  b.kind = kind;
  b.text = std::move(text);
  return b;
}
Block table(std::vector<std::string> header, std::vector<std::vector<std::string>> rows,
            std::vector<double> widths) {
  Block b;
  b.kind = Block::Kind::kTable;
  b.header = std::move(header);
  b.rows = std::move(rows);
  b.widths = std::move(widths);
  return b;
}
Block chart_block(Chart chart) {
  Block b;
  b.kind = Block::Kind::kChart;
  b.chart = std::move(chart);
  return b;
}

std::string who_line(const VisitReport& r) {
  std::vector<std::string> parts;
  parts.push_back(r.person_name.empty() ? "Name not given" : r.person_name);
  std::vector<std::string> about;
  if (r.age > 0) about.push_back(std::to_string(r.age));
  if (!r.sex.empty()) about.push_back(r.sex);
  if (!r.country.empty()) about.push_back(r.country);
  std::string line = parts.front();
  if (!about.empty()) {
    line += " (";
    for (std::size_t i = 0; i < about.size(); ++i) line += (i ? ", " : "") + about[i];
    line += ")";
  }
  line += ". Report date " + r.date.to_string() + ".";
  if (!r.prescriber.empty()) line += " Prescriber: " + r.prescriber + ".";
  return line;
}

std::string plan_line(const VisitReport& r) {
  if (r.plan_version == 0) {
    return r.plan_start ? "The plan starts on " + r.plan_start->to_string() + "."
                        : "No taper plan saved yet.";
  }
  std::string line = "Plan version " + std::to_string(r.plan_version) + " of " +
                     std::to_string(r.plan_versions) + " (" + r.strategy + "), started " +
                     r.plan_start->to_string();
  if (r.phase == "recovery" && r.last_dose) {
    return line + "; the taper ended with the last dose on " + r.last_dose->to_string() + ".";
  }
  line += ": day " + std::to_string(r.days_on_plan + 1) + " of the taper";
  if (r.plan_end) line += "; last step from " + r.plan_end->to_string();
  return line + ".";
}

std::string standing_text(const VisitReport& r) {
  std::string text;
  if (r.plan_version == 0) {
    if (!r.start_regimen.empty()) text += "Takes now: " + r.start_regimen + ". ";
    return text + "No taper plan in force.";
  }
  if (!r.start_regimen.empty()) {
    text += "Before the plan: " + r.start_regimen + " (" + mg(r.start_mg) +
            " diazepam-equivalent a day). ";
  }
  if (r.phase == "recovery" && r.last_dose) {
    text += "Recovery phase: " + days_words(r.last_dose->days_until(r.date)) +
            " since the last dose on " + r.last_dose->to_string() + ".";
  } else if (r.step) {
    text += "Now: step " + std::to_string(r.step->index) + " of " + std::to_string(r.steps_total) +
            ", day " + std::to_string(r.day_in_step) + ", " + mg(r.step->diazepam_equivalent_mg) +
            " diazepam-equivalent a day";
    if (r.start_mg > 0)
      text += " (" + pct(r.step->diazepam_equivalent_mg / r.start_mg) + " of the start)";
    text += ": " + (r.step->doses.empty() ? std::string("no doses") : r.step->doses) + ".";
  }
  if (!r.table_name.empty()) text += " Equivalence table: " + r.table_name + ".";
  return text;
}

Chart dose_chart(const VisitReport& r) {
  Chart c;
  c.title = "Dose, diazepam-equivalent mg a day: planned and taken";
  c.y_label = "mg/day";
  c.from = r.dose_line.front().date;
  c.to = r.dose_line.back().date;
  c.today = r.date;
  ChartSeries planned{"planned", ChartSeries::Style::kLine, kDoseColor, {}};
  ChartSeries taken{"taken (logged)", ChartSeries::Style::kPoints, kTakenColor, {}};
  double top = 0.0;
  int logged_days = 0;
  int window_days = 0;
  for (const auto& d : r.dose_line) {
    if (d.planned_mg) {
      add_point(planned, {d.date, *d.planned_mg});
      top = std::max(top, *d.planned_mg);
    }
    if (d.date <= r.date) ++window_days;
    if (d.taken_mg) {
      add_point(taken, {d.date, *d.taken_mg});
      top = std::max(top, *d.taken_mg);
      ++logged_days;
    }
  }
  c.y_max = top * 1.1;
  c.y_ticks = nice_ticks(0.0, c.y_max);
  c.x_ticks = date_ticks(c.from, c.to);
  c.series = {planned, taken};
  const auto first = std::find_if(r.dose_line.begin(), r.dose_line.end(),
                                  [](const VisitDoseDay& d) { return d.planned_mg.has_value(); });
  const auto last = std::find_if(r.dose_line.rbegin(), r.dose_line.rend(),
                                 [](const VisitDoseDay& d) { return d.planned_mg.has_value(); });
  c.summary = "Dose chart, " + c.from.to_string() + " to " + c.to.to_string() + ": planned ";
  if (first != r.dose_line.end()) {
    c.summary += mg(*first->planned_mg) + " on " + first->date.to_string() + " to " +
                 mg(*last->planned_mg) + " on " + last->date.to_string();
  } else {
    c.summary += "none";
  }
  c.summary += "; doses logged on " + std::to_string(logged_days) + " of " +
               std::to_string(window_days) + " days up to the report date.";
  return c;
}

Chart symptom_chart(const VisitReport& r) {
  Chart c;
  c.title = "Daily symptom score (taperlab's checklist, 0-100)";
  c.y_label = "points";
  // The last 12 weeks, or from the first score when the journal is younger.
  c.from = std::max(r.date.plus_days(-(kVisitWindowDays - 1)), r.symptoms.front().date);
  c.to = r.date;
  c.today = r.date;
  ChartSeries score{"symptom score", ChartSeries::Style::kLine, kSymptomColor, {}};
  ChartSeries band{"model: 80% band", ChartSeries::Style::kBand, kBandColor, {}};
  ChartSeries median{"model: median", ChartSeries::Style::kDashed, kModelColor, {}};
  double top = 20.0;
  for (const auto& v : r.symptoms) {
    if (v.date < c.from) continue;
    add_point(score, {v.date, v.value});
    top = std::max(top, v.value);
  }
  // During the taper, the model's expectation for the next four weeks beside the scores.
  if (r.forecast && !r.forecast->recovery && r.forecast->personal) {
    c.to = r.date.plus_days(kVisitAheadDays);
    for (const auto& d : r.forecast->days) {
      if (!d.symptom_share || d.date > c.to) continue;
      const double lo = d.symptom_share->low * 100.0;
      const double hi = d.symptom_share->high * 100.0;
      add_point(band, {d.date, d.symptom_share->median * 100.0, lo, hi});
      add_point(median, {d.date, d.symptom_share->median * 100.0});
      top = std::max(top, hi);
    }
  }
  c.y_max = std::min(100.0, top * 1.1);
  c.y_ticks = nice_ticks(0.0, c.y_max);
  c.x_ticks = date_ticks(c.from, c.to);
  c.series = {band, median, score};
  int n = 0;
  for (const auto& run : score.runs) n += static_cast<int>(run.size());
  c.summary = "Symptom chart, " + c.from.to_string() + " to " + c.to.to_string() + ": " +
              std::to_string(n) + (n == 1 ? " daily score" : " daily scores");
  if (!band.runs.empty()) c.summary += ", with the model's 80% band for the next 4 weeks";
  c.summary += ".";
  return c;
}

Chart forecast_chart(const VisitReport& r) {
  const VisitForecast& f = *r.forecast;
  Chart c;
  c.title = f.recovery ? "Modelled adaptation remaining after the last dose (median, 80% band)"
                       : "Modelled adaptation remaining, from today to the end of the plan";
  c.y_label = "% of the starting adaptation";
  c.from = f.days.front().date;
  c.to = f.days.back().date;
  c.today = r.date;
  ChartSeries band{"80% band", ChartSeries::Style::kBand, kBandColor, {}};
  ChartSeries median{"median", ChartSeries::Style::kLine, kModelColor, {}};
  for (const auto& d : f.days) {
    const auto& a = d.adaptation_remaining;
    add_point(band, {d.date, a.median * 100.0, a.low * 100.0, a.high * 100.0});
    add_point(median, {d.date, a.median * 100.0});
  }
  c.y_max = 100.0;
  c.y_ticks = nice_ticks(0.0, c.y_max);
  c.x_ticks = date_ticks(c.from, c.to);
  c.series = {band, median};
  c.summary = "Forecast chart, " + c.from.to_string() + " to " + c.to.to_string() + ": " +
              pct(f.days.front().adaptation_remaining.median) + " to " +
              pct(f.days.back().adaptation_remaining.median) + " (median).";
  return c;
}

std::string forecast_text(const VisitReport& r) {
  const VisitForecast& f = *r.forecast;
  std::string text = "Adaptation remaining today: " + pct(f.adaptation_remaining);
  if (f.remaining_low && f.remaining_high) {
    text += " (80% band " + pct(*f.remaining_low) + " to " + pct(*f.remaining_high) + ")";
  }
  text += " of what the brain had adapted to at the start";
  if (f.remaining_at_plan_end) {
    text += "; about " + pct(*f.remaining_at_plan_end) + " when the last step begins";
  }
  text += ". ";
  if (f.expected_share_high) {
    text += "The model expects a symptom score of at most " +
            format_decimal(std::round(*f.expected_share_high * 100.0), 0) +
            " points by now (upper end of its 80% band, last 7 days). ";
  }
  text += f.personal ? "Source: the person's own fitted model (" + std::to_string(f.observations) +
                           " check-ins)."
                     : "Source: the population model (a personal fit needs 14 days of "
                       "check-ins)" +
                           std::string(f.recovery ? ", its band the spread between people." : ".");
  text += " A model, not a measurement: docs/model.md.";
  return text;
}

std::vector<std::vector<std::string>> questionnaire_rows(const VisitInstrument& inst) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& a : inst.answers) {
    std::string item9 = "-";
    if (a.item9) item9 = *a.item9 > 0 ? std::to_string(*a.item9) + " (ABOVE 0)" : "0";
    rows.push_back({inst.name, a.date.to_string(),
                    std::to_string(a.total) + " / " + std::to_string(inst.max), a.band, item9});
  }
  return rows;
}

std::string questionnaire_note(const VisitInstrument& inst) {
  std::string text = inst.name + " (" + inst.full_name + ") bands: " + inst.bands +
                     ". Source: " + inst.source + ".";
  if (inst.answers_total > static_cast<int>(inst.answers.size())) {
    text += " Showing the latest " + std::to_string(inst.answers.size()) + " of " +
            std::to_string(inst.answers_total) + " answers.";
  }
  return text;
}

std::string comparison_cell(const std::optional<double>& value, int n, int decimals) {
  if (!value) return "-";
  return format_decimal(*value, decimals) + " (n=" + std::to_string(n) + ")";
}

}  // namespace

VisitDocument layout_visit_report(const VisitReport& r) {
  VisitDocument doc;
  doc.paper = r.paper;
  doc.title = "Visit report: benzodiazepine taper";
  doc.subtitle = {who_line(r), plan_line(r)};
  doc.footer = "taperlab visit report, " + r.date.to_string() +
               ": a draft to discuss with the prescriber, not medical advice.";
  auto& b = doc.blocks;

  // Thoughts of self-harm come before anything else.
  if (r.item9_flag) {
    b.push_back(paragraph(
        "PHQ-9 item 9 (thoughts of being better off dead or of self-harm) was answered " +
            std::to_string(*r.item9_flag->item9) + " of 3 on " + r.item9_flag->date.to_string() +
            ". Ask about it at this visit and assess the risk today. taperlab showed the person "
            "its "
            "crisis message with the emergency number (" +
            r.emergency_numbers + ") and crisis lines" +
            (r.crisis_lines.empty() ? std::string() : " (" + r.crisis_lines + ")") + ".",
        Block::Kind::kAlert));
  }
  if (!r.pause.empty()) b.push_back(paragraph(r.pause, Block::Kind::kAlert));

  b.push_back(heading("Where the taper stands"));
  b.push_back(paragraph(standing_text(r)));
  for (std::size_t i = 0; i < r.findings.size() && i < 2; ++i) {
    b.push_back(paragraph("Plan finding: " + r.findings[i], Block::Kind::kNote));
  }

  b.push_back(heading("Dose line and next steps"));
  const bool any_dose = std::any_of(r.dose_line.begin(), r.dose_line.end(), [](const auto& d) {
    return (d.planned_mg && *d.planned_mg > 0) || (d.taken_mg && *d.taken_mg > 0);
  });
  if (any_dose) {
    b.push_back(chart_block(dose_chart(r)));
  } else if (r.phase == "recovery") {
    b.push_back(paragraph("No doses planned or logged in the last " +
                          std::to_string(kVisitWindowDays / 7) + " weeks."));
  } else {
    b.push_back(paragraph("No dose line yet."));
  }
  if (r.adherence) {
    const VisitAdherence& a = *r.adherence;
    b.push_back(paragraph("Doses " + a.from.to_string() + " to " + a.to.to_string() + ": " +
                          std::to_string(a.planned) + " planned; " + std::to_string(a.taken) +
                          " logged as taken, " + std::to_string(a.missed) + " missed, " +
                          std::to_string(a.not_logged) + " not logged, " + std::to_string(a.extra) +
                          " extra. A dose not logged is not known to be missed."));
  }
  if (!r.next_steps.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : r.next_steps) {
      rows.push_back({s.from.to_string(), std::to_string(s.index), kind_words(s.kind),
                      s.days > 0 ? days_words(s.days) : "open-ended", mg(s.diazepam_equivalent_mg),
                      s.doses.empty() ? "no more doses" : s.doses});
    }
    b.push_back(table({"from", "step", "kind", "length", "mg/day (DE)", "doses"}, rows,
                      {1.1, 0.5, 0.9, 0.9, 1.0, 3.6}));
  } else if (r.plan_version > 0 && r.phase != "recovery") {
    b.push_back(paragraph("No further steps in this plan version.", Block::Kind::kNote));
  }

  b.push_back(heading("Daily symptom score"));
  if (!r.symptoms.empty()) b.push_back(chart_block(symptom_chart(r)));
  {
    std::string text;
    if (r.symptoms_last_7) {
      text = "Last 7 days: " + format_decimal(*r.symptoms_last_7, 1) + " points on average (" +
             std::to_string(r.symptoms_last_7_n) +
             (r.symptoms_last_7_n == 1 ? " check-in)" : " check-ins)");
      if (r.symptoms_previous_7) {
        text += "; the 7 days before: " + format_decimal(*r.symptoms_previous_7, 1) + " points";
      }
      text += ": " + r.symptom_direction + ". ";
    } else {
      text = "No check-ins in the last 7 days. ";
    }
    text += r.checklist_note;
    b.push_back(paragraph(text));
  }

  b.push_back(heading("PHQ-9 and GAD-7"));
  auto rows = questionnaire_rows(r.phq9);
  for (auto& row : questionnaire_rows(r.gad7)) rows.push_back(std::move(row));
  if (rows.empty()) {
    b.push_back(paragraph("No PHQ-9 or GAD-7 answers yet."));
  } else {
    b.push_back(table({"questionnaire", "date", "total", "band", "item 9"}, rows,
                      {1.2, 1.1, 0.9, 1.6, 1.0}));
  }
  b.push_back(
      paragraph(questionnaire_note(r.phq9) + " " + questionnaire_note(r.gad7), Block::Kind::kNote));

  b.push_back(heading("Sleep, memory and attention against the person's own baseline", true));
  if (r.comparisons.empty()) {
    b.push_back(
        paragraph("Nothing to compare yet: the baseline is the 4 weeks before the first "
                  "plan to the end of its first 2 weeks."));
  } else {
    std::vector<std::vector<std::string>> crow;
    for (const auto& c : r.comparisons) {
      crow.push_back({c.measure, comparison_cell(c.baseline, c.baseline_n, c.decimals),
                      comparison_cell(c.recent, c.recent_n, c.decimals),
                      c.judgement.empty() ? "-" : c.judgement});
    }
    b.push_back(
        table({"measure", "baseline", r.recent_label, "change"}, crow, {3.0, 1.2, 1.2, 1.4}));
  }
  if (!r.comparisons.empty())
    b.push_back(paragraph(
        "Baseline: " + r.baseline_from.to_string() + " to " + r.baseline_to.to_string() +
            " (4 weeks before the first plan to the end of its first 2 weeks); means of the values "
            "there, or each memory/attention test's baseline after its 2 practice sessions. Memory "
            "and attention changes are judged with the reliable change index (|RCI| > 1.96, "
            "Jacobson and Truax 1991), within one test on one device.",
        Block::Kind::kNote));

  b.push_back(heading("Decisions"));
  if (r.decisions.empty()) {
    b.push_back(
        paragraph("No decisions yet: the plan is reviewed after each step's symptom "
                  "window."));
  } else {
    std::vector<std::vector<std::string>> drows;
    for (const auto& d : r.decisions) {
      drows.push_back({d.date.to_string(), d.kind, std::to_string(d.step_index), d.reason});
    }
    b.push_back(table({"date", "decision", "step", "reason"}, drows, {1.1, 0.9, 0.5, 6.0}));
    if (r.decisions_total > static_cast<int>(r.decisions.size())) {
      b.push_back(paragraph("The latest " + std::to_string(r.decisions.size()) + " of " +
                                std::to_string(r.decisions_total) +
                                " decisions; all are in the person's journal.",
                            Block::Kind::kNote));
    }
  }

  b.push_back(heading("The model's forecast"));
  if (r.forecast && !r.forecast->days.empty()) {
    b.push_back(chart_block(forecast_chart(r)));
    b.push_back(paragraph(forecast_text(r)));
  } else if (r.forecast) {
    b.push_back(paragraph(forecast_text(r)));
  } else {
    b.push_back(paragraph("No forecast: there is no plan in force yet."));
  }

  b.push_back(heading("About this report"));
  b.push_back(paragraph(
      "A draft to discuss with the prescriber. It summarises what the person logged in taperlab; "
      "it is not a diagnosis or medical advice, and any change to a dose is for the prescriber "
      "and the person to agree.",
      Block::Kind::kAlert));
  std::string sources = "Sources: ";
  for (std::size_t i = 0; i < r.sources.size(); ++i) {
    // Citations end with their own full stop; the list adds its own separators.
    std::string source = r.sources[i];
    while (!source.empty() && (source.back() == '.' || source.back() == ' ')) source.pop_back();
    sources += (i ? "; " : "") + source;
  }
  b.push_back(paragraph(sources + ".", Block::Kind::kNote));
  return doc;
}

}  // namespace taperlab::report
