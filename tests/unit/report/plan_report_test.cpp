#include "report/plan_report.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/base/error.hpp"
#include "core/base/text.hpp"
#include "core/dosing/dose_schedule_json.hpp"
#include "core/journal/plan_view.hpp"
#include "report/report_format.hpp"
#include "test_catalog.hpp"

namespace taperlab::report {
namespace {

// The stored plan document (core/journal/plan_view.hpp), read as a JSON value.
nlohmann::json plan_json(const Plan& plan) {
  return nlohmann::json::parse(plan_document_text(plan));
}

DispensingOption tablet(double strength_mg) {
  DispensingOption o;
  o.drug_id = "diazepam";
  o.form = FormulationForm::kTablet;
  o.strength_mg = strength_mg;
  o.split = Split::kHalf;
  return o;
}

PlannedDose dose(int hour, double mg, std::vector<UnitPart> parts) {
  return PlannedDose{TimeOfDay{hour * 60}, DoseMakeup{mg, std::move(parts)}};
}

TaperStep step(int index, int start_day, int duration_days, StepKind kind,
               std::vector<PlannedDose> doses, double cut_fraction) {
  TaperStep s;
  s.index = index;
  s.start_day = start_day;
  s.duration_days = duration_days;
  s.kind = kind;
  if (!doses.empty()) s.drugs.push_back({"diazepam", std::move(doses)});
  double daily = 0;
  for (const auto& d : s.drugs) daily += d.daily_mg();
  s.diazepam_equivalent_mg = daily;
  s.target_diazepam_equivalent_mg = daily;
  s.cut_fraction = cut_fraction;
  s.peak_withdrawal = 0.01 * index;
  return s;
}

// Diazepam 6 mg at 08:00 and 20:00, tapered over three two-week steps, then stopped.
Plan sample_plan(bool with_start_date = true) {
  const DispensingOption five = tablet(5);
  const DispensingOption two = tablet(2);
  Plan plan;
  plan.start_regimen.drugs.push_back({"diazepam", {{6, TimeOfDay{480}}, {6, TimeOfDay{1200}}}});
  plan.settings.strategy = "fraction";
  plan.settings.table_id = "ashton";
  if (with_start_date) plan.settings.start_date = parse_civil_date("2027-01-04", "start");
  plan.formulations.options = {five, two};
  plan.start_diazepam_equivalent_mg = 12;
  plan.abrupt_stop_peak_withdrawal = 0.2;
  plan.steps.push_back(step(1, 0, 14, StepKind::kCut,
                            {dose(8, 6, {{five, 4, 0}, {two, 2, 0}}), dose(20, 5, {{five, 4, 0}})},
                            1.0 / 12));
  plan.steps.push_back(step(2, 14, 14, StepKind::kCut,
                            {dose(8, 5, {{five, 4, 0}}), dose(20, 5, {{five, 4, 0}})}, 1.0 / 11));
  plan.steps.push_back(step(3, 28, 14, StepKind::kCut,
                            {dose(8, 5, {{five, 4, 0}}), dose(20, 4, {{two, 8, 0}})}, 0.1));
  plan.steps.back().note =
      "Last step; if it feels hard, hold it longer, and talk to your prescriber.";
  plan.steps.push_back(step(4, 42, 0, StepKind::kFinalStop, {}, 1.0));
  plan.findings.push_back({Severity::kWarning, "age", "You are 70.", "Go slowly."});
  plan.findings.push_back(
      {Severity::kNeedsClinician, "seizures", "You have had seizures.", "See your doctor first."});
  plan.notes.push_back("The plan is longer than the target date allows.");
  return plan;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

// ---------------------------------------------------------------- JSON

TEST(PlanJson, SimulateReadsTheSameSchedule) {
  const Plan plan = sample_plan();
  const auto& catalog = testing::shipped_catalog();
  for (const auto& doc : {plan_json(plan), nlohmann::json::parse(plan_json(plan).dump(2))}) {
    const DoseSchedule read = parse_dose_schedule(doc, catalog);
    const auto expected = plan.schedule().events(60);
    const auto actual = read.events(60);
    ASSERT_EQ(actual.size(), expected.size());
    ASSERT_EQ(actual.size(), 84u);
    for (std::size_t i = 0; i < actual.size(); ++i) {
      EXPECT_DOUBLE_EQ(actual[i].t_h, expected[i].t_h);
      EXPECT_EQ(actual[i].drug_id, expected[i].drug_id);
      EXPECT_DOUBLE_EQ(actual[i].dose_mg, expected[i].dose_mg);
    }
  }
}

TEST(PlanJson, HoldsThePlanAsData) {
  const nlohmann::json doc = plan_json(sample_plan());
  EXPECT_EQ(doc["draft_notice"], kDraftNotice);
  EXPECT_TRUE(doc["needs_clinician"].get<bool>());
  EXPECT_EQ(doc["strategy"], "fraction");
  EXPECT_EQ(doc["table"], "ashton");
  EXPECT_EQ(doc["start_date"], "2027-01-04");
  EXPECT_TRUE(doc["goal_mg"].is_null());
  EXPECT_EQ(doc["start_regimen"]["text"], "diazepam 6 mg at 08:00, 6 mg at 20:00");
  EXPECT_EQ(doc["start_regimen"]["drugs"][0]["doses"][1]["time"], "20:00");
  EXPECT_DOUBLE_EQ(doc["start_diazepam_equivalent_mg"].get<double>(), 12.0);
  ASSERT_EQ(doc["findings"].size(), 2u);
  EXPECT_EQ(doc["findings"][1]["severity"], "needs-clinician");
  EXPECT_EQ(doc["findings"][1]["action"], "See your doctor first.");
  EXPECT_EQ(doc["notes"].size(), 1u);
  EXPECT_DOUBLE_EQ(doc["model"]["d50_mg_per_day"].get<double>(), 30.0);
  EXPECT_DOUBLE_EQ(doc["model"]["rho"].get<double>(), 0.8);

  const auto& steps = doc["steps"];
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_EQ(steps[0]["index"], 1);
  EXPECT_EQ(steps[0]["day"], 0);
  EXPECT_EQ(steps[0]["kind"], "cut");
  EXPECT_EQ(steps[0]["start_date"], "2027-01-04");
  EXPECT_EQ(steps[0]["end_date"], "2027-01-17");
  const auto& first = steps[0]["doses"][0];
  EXPECT_EQ(first["drug"], "diazepam");
  EXPECT_EQ(first["time"], "08:00");
  EXPECT_DOUBLE_EQ(first["dose_mg"].get<double>(), 6.0);
  EXPECT_EQ(first["units"], "1 x 5 mg + 1/2 x 2 mg");
  ASSERT_EQ(first["parts"].size(), 2u);
  EXPECT_DOUBLE_EQ(first["parts"][1]["strength_mg"].get<double>(), 2.0);
  EXPECT_EQ(first["parts"][1]["quarters"], 2);
  EXPECT_EQ(steps[3]["kind"], "stop");
  EXPECT_TRUE(steps[3]["doses"].empty());
  EXPECT_TRUE(steps[3]["end_date"].is_null());

  const auto& total = doc["pharmacy"]["total"];
  ASSERT_EQ(total.size(), 2u);
  std::map<double, double> tablets;
  for (const auto& line : total) {
    tablets[line["strength_mg"].get<double>()] = line["tablets"].get<double>();
  }
  EXPECT_DOUBLE_EQ(tablets[5.0], 70.0);
  EXPECT_DOUBLE_EQ(tablets[2.0], 35.0);
  EXPECT_EQ(doc["pharmacy"]["per_step"].size(), 4u);
}

TEST(PlanJson, TheTextIsTheDocumentAsDumpPrintsIt) {
  // Members sorted, numbers and strings as nlohmann prints them: the preview sends this text.
  for (const bool with_start_date : {true, false}) {
    const Plan plan = sample_plan(with_start_date);
    const std::string text = plan_document_text(plan);
    EXPECT_EQ(text, nlohmann::json::parse(text).dump());
  }
}

TEST(PlanJson, NoStartDateGivesNullDates) {
  const nlohmann::json doc = plan_json(sample_plan(false));
  EXPECT_TRUE(doc["start_date"].is_null());
  EXPECT_TRUE(doc["steps"][0]["start_date"].is_null());
  EXPECT_TRUE(doc["steps"][0]["end_date"].is_null());
  EXPECT_EQ(doc["steps"][1]["day"], 14);
}

// ---------------------------------------------------------------- iCalendar

// Joins folded lines back into content lines (RFC 5545 3.1).
std::vector<std::string> unfold(const std::string& ics) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < ics.size()) {
    const std::size_t end = ics.find("\r\n", pos);
    const std::string line = ics.substr(pos, end - pos);
    if (!line.empty() && line[0] == ' ' && !out.empty()) {
      out.back() += line.substr(1);
    } else {
      out.push_back(line);
    }
    pos = end == std::string::npos ? ics.size() : end + 2;
  }
  return out;
}

TEST(PlanIcs, IsWellFormed) {
  const std::string ics = plan_ics(sample_plan());
  ASSERT_GE(ics.size(), 2u);
  EXPECT_EQ(ics.substr(ics.size() - 2), "\r\n");
  for (std::size_t i = 0; i < ics.size(); ++i) {
    if (ics[i] == '\n') {
      ASSERT_TRUE(i > 0 && ics[i - 1] == '\r') << "bare LF at " << i;
    }
    if (ics[i] == '\r') {
      ASSERT_TRUE(i + 1 < ics.size() && ics[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  std::size_t pos = 0;
  while (pos < ics.size()) {
    const std::size_t end = ics.find("\r\n", pos);
    EXPECT_LE(end - pos, 75u) << ics.substr(pos, end - pos);
    pos = end + 2;
  }
  std::vector<std::string> open;
  int events = 0;
  int alarms = 0;
  int count_sum = 0;
  std::map<std::string, int> uids;
  for (const auto& line : unfold(ics)) {
    if (line.rfind("BEGIN:", 0) == 0) {
      open.push_back(line.substr(6));
      events += line == "BEGIN:VEVENT";
      alarms += line == "BEGIN:VALARM";
    } else if (line.rfind("END:", 0) == 0) {
      ASSERT_FALSE(open.empty());
      EXPECT_EQ(open.back(), line.substr(4));
      open.pop_back();
    } else if (line.rfind("RRULE:", 0) == 0) {
      const auto at = line.find("COUNT=");
      ASSERT_NE(at, std::string::npos) << line;
      count_sum += std::stoi(line.substr(at + 6));
    } else if (line.rfind("UID:", 0) == 0) {
      ++uids[line];
    }
  }
  EXPECT_TRUE(open.empty());
  EXPECT_EQ(events, 7);  // 3 steps x 2 times + the stop day
  EXPECT_EQ(alarms, 7);
  EXPECT_EQ(uids.size(), 7u);  // unique
  EXPECT_EQ(count_sum, 84);    // every planned dose: 3 steps x 14 days x 2
}

TEST(PlanIcs, EventsHoldDatesTimesAndWords) {
  const std::string ics = plan_ics(sample_plan(), "example.org");
  const auto lines = unfold(ics);
  auto has = [&](const std::string& l) {
    return std::find(lines.begin(), lines.end(), l) != lines.end();
  };
  EXPECT_TRUE(has("BEGIN:VCALENDAR"));
  EXPECT_TRUE(has("VERSION:2.0"));
  EXPECT_TRUE(has("CALSCALE:GREGORIAN"));
  EXPECT_TRUE(has("PRODID:-//taperlab//taper plan//EN"));
  EXPECT_TRUE(has("UID:20270104-step1-0800-diazepam@example.org"));
  EXPECT_TRUE(has("DTSTAMP:20270104T000000Z"));
  EXPECT_TRUE(has("DTSTART:20270104T080000"));
  EXPECT_TRUE(has("DTSTART:20270118T200000"));  // step 2 evening
  EXPECT_TRUE(has("DURATION:PT5M"));
  EXPECT_TRUE(has("RRULE:FREQ=DAILY;COUNT=14"));
  EXPECT_TRUE(has("SUMMARY:Take diazepam 1 x 5 mg + 1/2 x 2 mg (6 mg)"));
  EXPECT_TRUE(has("ACTION:DISPLAY"));
  EXPECT_TRUE(has("TRIGGER:PT0M"));
  // The stop day: one event at the first dose time of the step before.
  EXPECT_TRUE(has("UID:20270104-step4-stop@example.org"));
  EXPECT_TRUE(has("DTSTART:20270215T080000"));
  EXPECT_TRUE(has("SUMMARY:No more doses from today"));
  // The step's note is escaped; the draft notice is in every description.
  bool note_found = false;
  int descriptions = 0;
  for (const auto& l : lines) {
    if (l.rfind("DESCRIPTION:Step", 0) != 0) continue;
    ++descriptions;
    EXPECT_NE(l.find(kDraftNotice), std::string::npos) << l;
    if (l.find("Last step\\; if it feels hard\\, hold it longer\\, and talk") !=
        std::string::npos) {
      note_found = true;
    }
  }
  EXPECT_EQ(descriptions, 7);
  EXPECT_TRUE(note_found);
  EXPECT_EQ(plan_ics(sample_plan(), "example.org"), ics);  // deterministic
}

TEST(PlanIcs, MaintenanceRepeatsWithoutEnd) {
  Plan plan = sample_plan();
  plan.steps.back() = plan.steps[2];
  plan.steps.back().index = 4;
  plan.steps.back().start_day = 42;
  plan.steps.back().duration_days = 0;
  plan.steps.back().kind = StepKind::kMaintenance;
  plan.settings.goal_mg = 9;
  const auto lines = unfold(plan_ics(plan));
  EXPECT_NE(std::find(lines.begin(), lines.end(), "RRULE:FREQ=DAILY"), lines.end());
  EXPECT_NE(
      std::find(lines.begin(), lines.end(), "UID:20270104-step4-2000-diazepam@taperlab.local"),
      lines.end());
}

TEST(PlanIcs, NeedsAStartDate) {
  try {
    (void)plan_ics(sample_plan(false));
    FAIL() << "expected a ValidationError";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].field, "start");
  }
}

TEST(IcsText, EscapesAndFolds) {
  EXPECT_EQ(ics_escape("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
  EXPECT_EQ(ics_escape("x\r\ny"), "x\\ny");
  EXPECT_EQ(ics_fold("SHORT:line"), "SHORT:line\r\n");
  const std::string long_line = "DESCRIPTION:" + std::string(200, 'x');
  const std::string folded = ics_fold(long_line);
  EXPECT_EQ(unfold(folded), std::vector<std::string>{long_line});
  // Never split a UTF-8 sequence: 'e' with an acute accent is two octets.
  std::string accents = "SUMMARY:";
  for (int i = 0; i < 60; ++i) accents += "\xc3\xa9";
  const std::string folded_accents = ics_fold(accents);
  EXPECT_EQ(unfold(folded_accents), std::vector<std::string>{accents});
  std::size_t pos = 0;
  while (pos < folded_accents.size()) {
    const std::size_t end = folded_accents.find("\r\n", pos);
    EXPECT_LE(end - pos, 75u);
    const unsigned char next = static_cast<unsigned char>(folded_accents[pos == 0 ? 0 : pos + 1]);
    EXPECT_NE(next & 0xC0, 0x80) << "continuation line starts inside a character";
    pos = end + 2;
  }
}

// ---------------------------------------------------------------- CSV

TEST(PlanCsv, OneRowPerDayAndDrug) {
  const auto& catalog = testing::shipped_catalog();
  const Plan plan = sample_plan();
  const auto rows = lines_of(plan_csv(plan, catalog.table("ashton")));
  ASSERT_EQ(rows.size(), 1u + 42u + 1u);  // header, days 0-41, the stop day
  EXPECT_EQ(rows[0], "date,day,step,drug,daily_mg,diazepam_equivalent_mg,doses");
  EXPECT_EQ(rows[1], "2027-01-04,0,1,diazepam,11,11,08:00 1 x 5 mg + 1/2 x 2 mg; 20:00 1 x 5 mg");
  EXPECT_EQ(rows[15], "2027-01-18,14,2,diazepam,10,10,08:00 1 x 5 mg; 20:00 1 x 5 mg");
  EXPECT_EQ(rows[42], "2027-02-14,41,3,diazepam,9,9,08:00 1 x 5 mg; 20:00 2 x 2 mg");
  EXPECT_EQ(rows[43], "2027-02-15,42,4,diazepam,0,0,none");
}

TEST(PlanCsv, NoStartDateLeavesTheDateEmpty) {
  const auto& catalog = testing::shipped_catalog();
  const auto rows = lines_of(plan_csv(sample_plan(false), catalog.table("ashton")));
  EXPECT_EQ(rows[1].substr(0, 16), ",0,1,diazepam,11");
}

TEST(TableText, CellsAndDecimalsPrintAsPrintfWould) {
  EXPECT_EQ(fixed_decimals(0.1, 3), "0.100");
  EXPECT_EQ(fixed_decimals(0.0005, 3), "0.001");  // 0.0005 is stored a little above
  EXPECT_EQ(fixed_decimals(2.5, 0), "2");         // to even, as printf rounds the exact value
  EXPECT_EQ(fixed_decimals(-0.04, 1), "-0.0");
  EXPECT_EQ(format_percent(0.1), "10%");
  EXPECT_EQ(format_percent(0.125), "12.5%");
  EXPECT_EQ(format_percent(0.09949), "9.9%");
  std::string out;
  append_left_aligned(out, "clonazepam", 12);
  out += '|';
  append_right_aligned(out, "28", 6);
  append_left_aligned(out, "too long for it", 3);
  EXPECT_EQ(out, "clonazepam  |    28too long for it");
  std::string accented;
  append_left_aligned(accented, "caf\xc3\xa9", 6);  // 4 characters in 5 bytes
  EXPECT_EQ(accented, "caf\xc3\xa9  ");
}

TEST(CsvText, QuotesWhenNeeded) {
  EXPECT_EQ(csv_field("plain text"), "plain text");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
}

// Lorazepam 1 mg twice a day, switched to diazepam one dose at a time, then stopped (short, for
// the test only).
Plan crossover_plan() {
  DispensingOption lorazepam = tablet(1);
  lorazepam.drug_id = "lorazepam";
  lorazepam.split = Split::kNone;
  const DispensingOption ten = tablet(10);
  Plan plan;
  plan.start_regimen.drugs.push_back({"lorazepam", {{1, TimeOfDay{480}}, {1, TimeOfDay{1200}}}});
  plan.settings.strategy = "crossover";
  plan.settings.then_strategy = "fraction";
  plan.settings.start_date = parse_civil_date("2027-03-01", "start");
  plan.start_diazepam_equivalent_mg = 20;
  TaperStep first = step(1, 0, 7, StepKind::kCrossover, {}, 0);
  first.drugs = {{"lorazepam", {dose(8, 1, {{lorazepam, 4, 0}})}},
                 {"diazepam", {dose(20, 10, {{ten, 4, 0}})}}};
  first.diazepam_equivalent_mg = 20;
  plan.steps.push_back(first);
  plan.steps.push_back(step(2, 7, 7, StepKind::kCrossover,
                            {dose(8, 10, {{ten, 4, 0}}), dose(20, 10, {{ten, 4, 0}})}, 0));
  plan.steps.push_back(step(3, 14, 0, StepKind::kFinalStop, {}, 1.0));
  return plan;
}

TEST(PlanCsv, EachDrugHasItsOwnRowAndEquivalent) {
  const auto& catalog = testing::shipped_catalog();
  const auto rows = lines_of(plan_csv(crossover_plan(), catalog.table("ashton")));
  ASSERT_EQ(rows.size(), 1u + 7u * 2u + 1u + 7u + 1u);
  EXPECT_EQ(rows[1], "2027-03-01,0,1,lorazepam,1,10,08:00 1 x 1 mg");
  EXPECT_EQ(rows[2], "2027-03-01,0,1,diazepam,10,10,20:00 1 x 10 mg");
  EXPECT_EQ(rows[15], "2027-03-08,7,2,lorazepam,0,0,none");  // no longer taken
  EXPECT_EQ(rows[16], "2027-03-08,7,2,diazepam,20,20,08:00 1 x 10 mg; 20:00 1 x 10 mg");
  EXPECT_EQ(rows.back(), "2027-03-15,14,3,diazepam,0,0,none");
}

TEST(PlanJson, CrossoverRoundTripsThroughSimulate) {
  const Plan plan = crossover_plan();
  const DoseSchedule read = parse_dose_schedule(plan_json(plan), testing::shipped_catalog());
  const auto expected = plan.schedule().events(20);
  const auto actual = read.events(20);
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    EXPECT_DOUBLE_EQ(actual[i].t_h, expected[i].t_h);
    EXPECT_EQ(actual[i].drug_id, expected[i].drug_id);
    EXPECT_DOUBLE_EQ(actual[i].dose_mg, expected[i].dose_mg);
  }
}

TEST(PlanTable, CrossoverListsDosesByTime) {
  const std::string text = plan_table(crossover_plan(), testing::shipped_catalog());
  const auto morning = text.find("08:00  lorazepam  1 x 1 mg  (1 mg)");
  const auto evening = text.find("20:00  diazepam   1 x 10 mg  (10 mg)");
  ASSERT_NE(morning, std::string::npos) << text;
  ASSERT_NE(evening, std::string::npos) << text;
  EXPECT_LT(morning, evening);
  EXPECT_NE(text.find("Strategy: crossover, then fraction."), std::string::npos);
}

// ---------------------------------------------------------------- table

TEST(PlanTable, ReadsAsACalendar) {
  const auto& catalog = testing::shipped_catalog();
  const std::string text = plan_table(sample_plan(), catalog);
  for (const auto& line : lines_of(text)) EXPECT_LE(line.size(), 100u) << line;
  EXPECT_NE(text.find(kDraftNotice), std::string::npos);
  EXPECT_NE(text.find("DRAFT: a clinician must review this plan before it starts."),
            std::string::npos);
  // Needs-clinician findings come first, each with what to do.
  const auto seizures = text.find("You have had seizures.");
  const auto age = text.find("You are 70.");
  ASSERT_NE(seizures, std::string::npos);
  ASSERT_NE(age, std::string::npos);
  EXPECT_LT(seizures, age);
  EXPECT_NE(text.find("What to do: See your doctor first."), std::string::npos);
  EXPECT_NE(text.find("The plan is longer than the target date allows."), std::string::npos);
  EXPECT_NE(text.find("Step 1  Mon 2027-01-04 to Sun 2027-01-17 (14 days)"), std::string::npos);
  EXPECT_NE(text.find("08:00  diazepam  1 x 5 mg + 1/2 x 2 mg  (6 mg)"), std::string::npos);
  EXPECT_NE(text.find("cut 8.3% from the step before"), std::string::npos);
  EXPECT_NE(text.find("11 mg diazepam-equivalent"), std::string::npos);
  EXPECT_NE(text.find("predicted peak withdrawal pressure 0.030"), std::string::npos);
  EXPECT_NE(text.find("Last step; if it feels hard"), std::string::npos);
  EXPECT_NE(text.find("Step 4  from Mon 2027-02-15"), std::string::npos);
  EXPECT_NE(text.find("stop: no more doses"), std::string::npos);
  // Pharmacy: 70 tablets of 5 mg and 35 of 2 mg in all.
  const auto whole = text.find("Whole plan");
  ASSERT_NE(whole, std::string::npos);
  EXPECT_NE(text.find("70 tablets", whole), std::string::npos);
  EXPECT_NE(text.find("35 tablets", whole), std::string::npos);
  EXPECT_NE(text.find("Strategy: fraction"), std::string::npos);
  EXPECT_NE(text.find("ashton"), std::string::npos);
  EXPECT_NE(text.find("d50 30 mg/day"), std::string::npos);
  EXPECT_NE(text.find("uncertain"), std::string::npos);
}

TEST(PlanTable, DayNumbersWithoutAStartDate) {
  const std::string text = plan_table(sample_plan(false), testing::shipped_catalog());
  EXPECT_NE(text.find("Step 2  days 14-27 (14 days)"), std::string::npos);
  EXPECT_NE(text.find("Step 4  from day 42"), std::string::npos);
}

TEST(PlanTable, MaintenanceHoldsTheDose) {
  Plan plan = sample_plan();
  plan.findings.clear();
  plan.steps.back() = plan.steps[2];
  plan.steps.back().index = 4;
  plan.steps.back().start_day = 42;
  plan.steps.back().duration_days = 0;
  plan.steps.back().kind = StepKind::kMaintenance;
  plan.settings.goal_mg = 9;
  const std::string text = plan_table(plan, testing::shipped_catalog());
  EXPECT_NE(text.find("hold this dose"), std::string::npos);
  EXPECT_EQ(text.find("DRAFT: a clinician"), std::string::npos);
  EXPECT_EQ(text.find("stop: no more doses"), std::string::npos);
}

}  // namespace
}  // namespace taperlab::report
