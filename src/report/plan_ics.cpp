#include <algorithm>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "report/plan_report.hpp"
#include "report/report_format.hpp"

namespace taperlab::report {
namespace {

std::string hhmm(TimeOfDay t) {
  std::string s = t.to_string();  // "HH:MM"
  return s.substr(0, 2) + s.substr(3, 2);
}

std::string local_time(CivilDate date, TimeOfDay t) {
  return date.compact() + "T" + hhmm(t) + "00";
}

std::string step_span(const Plan& plan, const TaperStep& step) {
  const CivilDate start = plan.settings.start_date->plus_days(step.start_day);
  if (step.duration_days <= 0) return "from " + start.to_string();
  const CivilDate end = start.plus_days(step.duration_days - 1);
  return start.to_string() + " to " + end.to_string() + ", " + std::to_string(step.duration_days) +
         " days";
}

std::string daily_text(const TaperStep& step) {
  std::string out;
  for (const auto& drug : step.drugs) {
    if (!out.empty()) out += " and ";
    out += drug.drug_id + " " + format_mg(drug.daily_mg()) + " mg a day";
  }
  return out;
}

class Calendar {
 public:
  void line(std::string_view name, std::string_view value) {
    std::string content(name);
    content += ':';
    content += value;
    out_ += ics_fold(content);
  }
  void text(std::string_view name, std::string_view value) { line(name, ics_escape(value)); }
  [[nodiscard]] std::string str() const { return out_; }

 private:
  std::string out_;
};

struct Event {
  std::string uid;
  std::string start;  // floating local time
  std::string rrule;  // empty for a single event
  std::string summary;
  std::string description;
};

void add_event(Calendar& cal, const Event& e, const std::string& dtstamp) {
  cal.line("BEGIN", "VEVENT");
  cal.line("UID", e.uid);
  cal.line("DTSTAMP", dtstamp);
  cal.line("DTSTART", e.start);
  cal.line("DURATION", "PT5M");
  if (!e.rrule.empty()) cal.line("RRULE", e.rrule);
  cal.text("SUMMARY", e.summary);
  cal.text("DESCRIPTION", e.description);
  cal.line("TRANSP", "TRANSPARENT");
  cal.line("BEGIN", "VALARM");
  cal.line("ACTION", "DISPLAY");
  cal.line("TRIGGER", "PT0M");
  cal.text("DESCRIPTION", e.summary);
  cal.line("END", "VALARM");
  cal.line("END", "VEVENT");
}

}  // namespace

std::string plan_ics(const Plan& plan, std::string_view uid_domain) {
  if (!plan.settings.start_date) {
    throw ValidationError("--start", "an iCalendar file needs a start date");
  }
  const CivilDate start = *plan.settings.start_date;
  const std::string dtstamp = start.compact() + "T000000Z";
  const std::string uid_prefix = start.compact() + "-step";
  const std::string uid_suffix = "@" + std::string(uid_domain);
  const std::string of_steps = " of " + std::to_string(plan.steps.size());

  Calendar cal;
  cal.line("BEGIN", "VCALENDAR");
  cal.line("VERSION", "2.0");
  cal.line("PRODID", "-//taperlab//taper plan//EN");
  cal.line("CALSCALE", "GREGORIAN");
  cal.line("METHOD", "PUBLISH");
  cal.text("X-WR-CALNAME", "Taper plan (draft)");

  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const TaperStep& step = plan.steps[i];
    const CivilDate day = start.plus_days(step.start_day);
    const std::string step_name = "Step " + std::to_string(step.index) + of_steps;
    if (step.stopped()) {
      // One reminder on the stop day, at the time the first dose used to be taken.
      TimeOfDay at{8 * 60};
      if (i > 0) {
        std::vector<TimeOfDay> times;
        for (const auto& drug : plan.steps[i - 1].drugs) {
          for (const auto& dose : drug.doses) times.push_back(dose.time);
        }
        if (!times.empty()) at = *std::min_element(times.begin(), times.end());
      }
      std::string description =
          step_name + ", " + step_span(plan, step) + ": no more doses from today.";
      if (!step.note.empty()) description += "\n" + step.note;
      description += "\nIf withdrawal symptoms become hard to manage, contact your prescriber.\n";
      description += kDraftNotice;
      add_event(cal,
                {uid_prefix + std::to_string(step.index) + "-stop" + uid_suffix,
                 local_time(day, at), "", "No more doses from today", description},
                dtstamp);
      continue;
    }
    const bool open_ended = step.duration_days <= 0;
    std::string about = step_name + ", " + step_span(plan, step) + ": " + daily_text(step);
    if (open_ended) {
      about += ". Hold this dose.";
    } else if (step.cut_fraction > 0) {
      about += ", " + format_percent(step.cut_fraction) + " less than the step before.";
    } else {
      about += ".";
    }
    if (!step.note.empty()) about += "\n" + step.note;
    about += "\n";
    about += kDraftNotice;
    const std::string rrule =
        open_ended ? "FREQ=DAILY" : "FREQ=DAILY;COUNT=" + std::to_string(step.duration_days);
    for (const auto& drug : step.drugs) {
      for (const auto& dose : drug.doses) {
        if (dose.dose_mg() <= 0) continue;
        add_event(cal,
                  {uid_prefix + std::to_string(step.index) + "-" + hhmm(dose.time) + "-" +
                       drug.drug_id + uid_suffix,
                   local_time(day, dose.time), rrule,
                   "Take " + drug.drug_id + " " + dose.makeup.describe() + " (" +
                       format_mg(dose.dose_mg()) + " mg)",
                   about},
                  dtstamp);
      }
    }
  }
  cal.line("END", "VCALENDAR");
  return cal.str();
}

}  // namespace taperlab::report
