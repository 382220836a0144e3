#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/base/error.hpp"
#include "report/calendar_feed.hpp"
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
  std::string duration = "PT5M";
};

void add_event(Calendar& cal, const Event& e, const std::string& dtstamp) {
  cal.line("BEGIN", "VEVENT");
  cal.line("UID", e.uid);
  cal.line("DTSTAMP", dtstamp);
  cal.line("DTSTART", e.start);
  cal.line("DURATION", e.duration);
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
    throw ValidationError("start", "an iCalendar file needs a start date");
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

namespace {

// "2026-03-01T09:00:00Z" -> "20260301T090000Z"; anything else is a bug in the caller.
std::string ics_utc(const std::string& iso) {
  std::string out;
  for (char c : iso) {
    if (c != '-' && c != ':') out += c;
  }
  if (out.size() != 16 || out[8] != 'T' || out[15] != 'Z') {
    throw std::invalid_argument("FeedOptions::now_utc must be YYYY-MM-DDTHH:MM:SSZ");
  }
  return out;
}

// "clonazepam 0.5 mg a day and diazepam 2 mg a day"
std::string view_daily_text(const PlanStepView& step) {
  std::map<std::string, double> daily;
  std::vector<std::string> order;
  for (const auto& dose : step.doses) {
    if (daily.find(dose.drug_id) == daily.end()) order.push_back(dose.drug_id);
    daily[dose.drug_id] += dose.dose_mg;
  }
  std::string out;
  for (const auto& drug : order) {
    if (!out.empty()) out += " and ";
    out += drug + " " + format_mg(daily[drug]) + " mg a day";
  }
  return out;
}

constexpr const char* kSafetyLine =
    "Never stop a benzodiazepine suddenly. If withdrawal symptoms become hard to manage, contact "
    "your prescriber.";

// The last day `step` is taken in this feed (none: it repeats with no end) and whether it is
// shown at all.
struct StepSpan {
  bool shown = true;
  CivilDate first;
  std::optional<CivilDate> last;
  bool held = false;  // the pause keeps it going
};

StepSpan span_of(const FeedPlan& feed, const PlanStepView& step) {
  const PlanView& plan = *feed.plan;
  StepSpan span;
  span.first = plan.date_of(step);
  if (!step.open_ended()) span.last = span.first.plus_days(step.duration_days - 1);
  if (feed.held_from) {
    const PlanStepView* held = plan.step_on(*feed.held_from);
    if (held == &step) {
      span.last.reset();
      span.held = true;
    } else if (*feed.held_from < span.first) {
      span.shown = false;  // after the pause began: not reached until a new plan says so
    }
  }
  if (feed.until) {
    if (*feed.until < span.first) span.shown = false;
    if (!span.last || *feed.until < *span.last) span.last = *feed.until;
  }
  return span;
}

std::string span_text(const StepSpan& span) {
  if (!span.last) return "from " + span.first.to_string();
  const int days = span.first.days_until(*span.last) + 1;
  return span.first.to_string() + " to " + span.last->to_string() + ", " + std::to_string(days) +
         (days == 1 ? " day" : " days");
}

// "v2-step5-review": a version's review of a step is one event, so a calendar that refreshes
// updates it instead of adding another. Built by appending (GCC 12 warns, wrongly, of an overlap
// on "v" + std::to_string(...)).
std::string review_uid(const FeedReview& review) {
  std::string uid = "v";
  uid += std::to_string(review.version);
  uid += "-step";
  uid += std::to_string(review.step_index);
  uid += "-review";
  return uid;
}

void add_plan_events(Calendar& cal, const FeedPlan& feed, const std::string& dtstamp,
                     const std::string& uid_suffix) {
  const PlanView& plan = *feed.plan;
  const std::string uid_prefix = "v" + std::to_string(feed.version) + "-step";
  const std::string of_steps = " of " + std::to_string(plan.steps.size());
  const std::string version_text = " (plan version " + std::to_string(feed.version) + ")";
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStepView& step = plan.steps[i];
    const StepSpan span = span_of(feed, step);
    if (!span.shown) continue;
    const std::string step_name = "Step " + std::to_string(step.index) + of_steps + version_text;
    if (step.doses.empty()) {
      if (span.held) continue;  // nothing to take while paused after the stop: no reminder
      // One reminder on the stop day, at the time the first dose used to be taken.
      TimeOfDay at{8 * 60};
      if (i > 0 && !plan.steps[i - 1].doses.empty()) {
        at = std::min_element(
                 plan.steps[i - 1].doses.begin(), plan.steps[i - 1].doses.end(),
                 [](const PlanDoseView& a, const PlanDoseView& b) { return a.time < b.time; })
                 ->time;
      }
      std::string description =
          step_name + ", from " + span.first.to_string() + ": no more doses from today.";
      if (!step.note.empty()) description += "\n" + step.note;
      description += "\nIf withdrawal symptoms become hard to manage, contact your prescriber.";
      add_event(cal,
                {uid_prefix + std::to_string(step.index) + "-stop" + uid_suffix,
                 local_time(span.first, at), "", "No more doses from today", description},
                dtstamp);
      continue;
    }
    std::string about = step_name + ", " + span_text(span) + ": " + view_daily_text(step);
    if (span.held) {
      about +=
          ". Your plan is paused: keep taking this dose, and do not change it until you and "
          "your prescriber have agreed what comes next.";
    } else if (!span.last) {
      about += ". Hold this dose.";
    } else if (step.cut_fraction > 0) {
      about += ", " + format_percent(step.cut_fraction) + " less than the step before.";
    } else {
      about += ".";
    }
    if (!step.note.empty()) about += "\n" + step.note;
    about += "\nConfirm each dose on the Today page of taperlab. ";
    about += kSafetyLine;
    const std::string rrule =
        span.last ? "FREQ=DAILY;COUNT=" + std::to_string(span.first.days_until(*span.last) + 1)
                  : "FREQ=DAILY";
    for (const auto& dose : step.doses) {
      if (dose.dose_mg <= 0) continue;
      std::string summary = "Take " + dose.drug_id + " " + format_mg(dose.dose_mg) + " mg";
      if (!dose.units.empty()) summary += " (" + dose.units + ")";
      add_event(cal,
                {uid_prefix + std::to_string(step.index) + "-" + hhmm(dose.time) + "-" +
                     dose.drug_id + uid_suffix,
                 local_time(span.first, dose.time), rrule, summary, about},
                dtstamp);
    }
  }
}

}  // namespace

std::string calendar_feed_ics(const std::vector<FeedPlan>& plans,
                              const std::vector<FeedReview>& reviews, const FeedOptions& options) {
  const std::string dtstamp = ics_utc(options.now_utc);
  const std::string uid_suffix = "@" + options.uid_domain;
  Calendar cal;
  cal.line("BEGIN", "VCALENDAR");
  cal.line("VERSION", "2.0");
  cal.line("PRODID", "-//taperlab//reminders//EN");
  cal.line("CALSCALE", "GREGORIAN");
  cal.line("METHOD", "PUBLISH");
  cal.text("X-WR-CALNAME", options.calendar_name);
  if (!options.time_zone.empty()) cal.text("X-WR-TIMEZONE", options.time_zone);
  // How often a subscribing calendar should fetch again: a plan change reaches the phone within
  // hours (RFC 7986 REFRESH-INTERVAL, and the older name some apps read).
  cal.line("REFRESH-INTERVAL;VALUE=DURATION", "PT6H");
  cal.line("X-PUBLISHED-TTL", "PT6H");
  for (const FeedPlan& feed : plans) {
    if (feed.plan == nullptr) throw std::invalid_argument("FeedPlan without a plan");
    add_plan_events(cal, feed, dtstamp, uid_suffix);
  }
  for (const FeedReview& review : reviews) {
    add_event(
        cal,
        {review_uid(review) + uid_suffix, local_time(review.date, review.at), "",
         "Review day: check in today",
         "Today the app reviews step " + std::to_string(review.step_index) +
             " of your plan. A check-in today (symptoms, sleep, mood) lets it say whether the "
             "next cut can go ahead, be held, or be made smaller.\n" +
             kSafetyLine,
         "PT15M"},
        dtstamp);
  }
  cal.line("END", "VCALENDAR");
  return cal.str();
}

}  // namespace taperlab::report
