// The calendar subscription feed (report/calendar_feed.hpp): an alarm per dose and per review day,
// steps cut where a newer plan takes over, a paused plan that holds its dose, escaping, the time
// zone, and the RFC 5545 line rules.
#include "report/calendar_feed.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace taperlab::report {
namespace {

CivilDate date(const char* text) { return parse_civil_date(text, "date"); }

PlanDoseView view_dose(int hour, double mg, const char* units) {
  return PlanDoseView{"clonazepam", TimeOfDay{hour * 60}, mg, units};
}

// Clonazepam from 2027-01-04: 0.5 mg twice a day for 14 days, then 0.25 + 0.5 mg for 14 days
// (a 25% cut), then stopped on day 28.
PlanView sample_view() {
  PlanView plan;
  plan.start_date = date("2027-01-04");
  plan.strategy = "fraction";
  PlanStepView first;
  first.index = 1;
  first.start_day = 0;
  first.duration_days = 14;
  first.kind = "start";
  first.doses = {view_dose(8, 0.5, "1 x 0.5 mg tablet"), view_dose(20, 0.5, "1 x 0.5 mg tablet")};
  PlanStepView second;
  second.index = 2;
  second.start_day = 14;
  second.duration_days = 14;
  second.kind = "cut";
  second.cut_fraction = 0.25;
  second.note = "Cut the evening dose first; ask your pharmacist, if unsure.";
  second.doses = {view_dose(8, 0.25, "1/2 x 0.5 mg tablet"),
                  view_dose(20, 0.5, "1 x 0.5 mg tablet")};
  PlanStepView stop;
  stop.index = 3;
  stop.start_day = 28;
  stop.duration_days = 0;
  stop.kind = "stop";
  plan.steps = {first, second, stop};
  return plan;
}

FeedOptions options(const std::string& time_zone = "") {
  FeedOptions o;
  o.time_zone = time_zone;
  o.now_utc = "2027-01-10T07:30:00Z";
  o.uid_domain = "example.org";
  return o;
}

// The content lines, unfolded (RFC 5545 3.1), without their CRLF.
std::vector<std::string> unfold_lines(const std::string& ics) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < ics.size()) {
    const std::size_t end = ics.find("\r\n", at);
    const std::string line = ics.substr(at, end - at);
    if (!line.empty() && line.front() == ' ' && !lines.empty()) {
      lines.back() += line.substr(1);
    } else {
      lines.push_back(line);
    }
    if (end == std::string::npos) break;
    at = end + 2;
  }
  return lines;
}

// Every VEVENT as its unfolded lines.
std::vector<std::vector<std::string>> events(const std::string& ics) {
  std::vector<std::vector<std::string>> out;
  std::vector<std::string>* current = nullptr;
  for (const auto& line : unfold_lines(ics)) {
    if (line == "BEGIN:VEVENT") current = &out.emplace_back();
    if (current) current->push_back(line);
    if (line == "END:VEVENT") current = nullptr;
  }
  return out;
}

std::string value_of(const std::vector<std::string>& event, const std::string& name) {
  for (const auto& line : event) {
    if (line.rfind(name + ":", 0) == 0) return line.substr(name.size() + 1);
  }
  return "<none>";
}

bool has_alarm(const std::vector<std::string>& event) {
  const auto begin = std::find(event.begin(), event.end(), "BEGIN:VALARM");
  return begin != event.end() && std::find(begin, event.end(), "ACTION:DISPLAY") != event.end() &&
         std::find(begin, event.end(), "END:VALARM") != event.end();
}

const std::vector<std::string>* find_uid(const std::vector<std::vector<std::string>>& all,
                                         const std::string& uid) {
  for (const auto& e : all) {
    if (value_of(e, "UID") == uid) return &e;
  }
  return nullptr;
}

TEST(CalendarFeed, AnAlarmForEveryDoseAndEveryReviewDay) {
  const PlanView plan = sample_view();
  const std::vector<FeedReview> reviews = {{date("2027-01-17"), 2, 1, TimeOfDay{8 * 60}},
                                           {date("2027-01-31"), 2, 2, TimeOfDay{8 * 60}}};
  const std::string ics =
      calendar_feed_ics({{&plan, 2, std::nullopt, std::nullopt}}, reviews, options());
  const auto all = events(ics);
  // Two doses in each of two steps, the stop day, and two review days.
  ASSERT_EQ(all.size(), 7u);
  for (const auto& e : all) EXPECT_TRUE(has_alarm(e)) << value_of(e, "UID");

  const auto* morning = find_uid(all, "v2-step1-0800-clonazepam@example.org");
  ASSERT_NE(morning, nullptr);
  EXPECT_EQ(value_of(*morning, "DTSTART"), "20270104T080000");
  EXPECT_EQ(value_of(*morning, "RRULE"), "FREQ=DAILY;COUNT=14");
  EXPECT_EQ(value_of(*morning, "SUMMARY"), "Take clonazepam 0.5 mg (1 x 0.5 mg tablet)");
  EXPECT_EQ(value_of(*morning, "DTSTAMP"), "20270110T073000Z");

  const auto* cut = find_uid(all, "v2-step2-0800-clonazepam@example.org");
  ASSERT_NE(cut, nullptr);
  EXPECT_EQ(value_of(*cut, "DTSTART"), "20270118T080000");
  EXPECT_EQ(value_of(*cut, "SUMMARY"), "Take clonazepam 0.25 mg (1/2 x 0.5 mg tablet)");
  EXPECT_NE(value_of(*cut, "DESCRIPTION").find("25% less than the step before"), std::string::npos);

  const auto* stop = find_uid(all, "v2-step3-stop@example.org");
  ASSERT_NE(stop, nullptr);
  EXPECT_EQ(value_of(*stop, "DTSTART"), "20270201T080000");  // the first dose time before it
  EXPECT_EQ(value_of(*stop, "RRULE"), "<none>");

  const auto* review = find_uid(all, "v2-step1-review@example.org");
  ASSERT_NE(review, nullptr);
  EXPECT_EQ(value_of(*review, "DTSTART"), "20270117T080000");
  EXPECT_EQ(value_of(*review, "SUMMARY"), "Review day: check in today");
  EXPECT_EQ(value_of(*review, "DURATION"), "PT15M");
  EXPECT_NE(find_uid(all, "v2-step2-review@example.org"), nullptr);
}

TEST(CalendarFeed, ANewerPlanCutsTheOlderOneShort) {
  const PlanView old_plan = sample_view();
  PlanView new_plan = sample_view();
  new_plan.start_date = date("2027-01-20");
  const std::string ics = calendar_feed_ics({{&old_plan, 1, date("2027-01-19"), std::nullopt},
                                             {&new_plan, 2, std::nullopt, std::nullopt}},
                                            {}, options());
  const auto all = events(ics);
  // Version 1: step 1 whole, step 2 for 2 days (Jan 18-19), no stop; version 2 whole.
  const auto* old_cut = find_uid(all, "v1-step2-2000-clonazepam@example.org");
  ASSERT_NE(old_cut, nullptr);
  EXPECT_EQ(value_of(*old_cut, "RRULE"), "FREQ=DAILY;COUNT=2");
  EXPECT_EQ(find_uid(all, "v1-step3-stop@example.org"), nullptr);
  const auto* new_start = find_uid(all, "v2-step1-0800-clonazepam@example.org");
  ASSERT_NE(new_start, nullptr);
  EXPECT_EQ(value_of(*new_start, "DTSTART"), "20270120T080000");
  EXPECT_NE(find_uid(all, "v2-step3-stop@example.org"), nullptr);
  EXPECT_EQ(all.size(), 4u + 5u);
}

TEST(CalendarFeed, APausedPlanHoldsTheDoseOfTheDayWithNoEnd) {
  const PlanView plan = sample_view();
  const std::string ics =
      calendar_feed_ics({{&plan, 3, std::nullopt, date("2027-01-20")}}, {}, options());
  const auto all = events(ics);
  ASSERT_EQ(all.size(), 4u);  // step 1 (past) and the held step 2; no stop
  const auto* held = find_uid(all, "v3-step2-0800-clonazepam@example.org");
  ASSERT_NE(held, nullptr);
  EXPECT_EQ(value_of(*held, "RRULE"), "FREQ=DAILY");
  EXPECT_NE(value_of(*held, "DESCRIPTION").find("Your plan is paused: keep taking this dose"),
            std::string::npos);
  EXPECT_EQ(find_uid(all, "v3-step3-stop@example.org"), nullptr);
  EXPECT_EQ(value_of(*find_uid(all, "v3-step1-0800-clonazepam@example.org"), "RRULE"),
            "FREQ=DAILY;COUNT=14");
}

TEST(CalendarFeed, TextIsEscapedAndLinesFolded) {
  PlanView plan = sample_view();
  plan.steps[1].note = "Half a tablet; cut with a splitter, then\nswallow \\ with water";
  FeedOptions o = options();
  o.calendar_name = "Sam's reminders, taper";
  const std::string ics = calendar_feed_ics({{&plan, 1, std::nullopt, std::nullopt}}, {}, o);
  EXPECT_NE(ics.find("X-WR-CALNAME:Sam's reminders\\, taper\r\n"), std::string::npos);
  const auto all = events(ics);
  const auto* cut = find_uid(all, "v1-step2-0800-clonazepam@example.org");
  ASSERT_NE(cut, nullptr);
  EXPECT_NE(value_of(*cut, "DESCRIPTION")
                .find("Half a tablet\\; cut with a splitter\\, then\\nswallow \\\\ with water"),
            std::string::npos);
  // Every physical line ends with CRLF and is at most 75 octets; no bare LF.
  std::size_t at = 0;
  while (at < ics.size()) {
    const std::size_t end = ics.find("\r\n", at);
    ASSERT_NE(end, std::string::npos) << "unterminated line at " << at;
    EXPECT_LE(end - at, 75u);
    EXPECT_EQ(ics.substr(at, end - at).find('\n'), std::string::npos);
    at = end + 2;
  }
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_NE(ics.find("END:VCALENDAR\r\n"), std::string::npos);
}

TEST(CalendarFeed, TimesAreFloatingLocalTimesWithTheZoneNamed) {
  const PlanView plan = sample_view();
  const std::string with_zone = calendar_feed_ics({{&plan, 1, std::nullopt, std::nullopt}}, {},
                                                  options("America/Los_Angeles"));
  EXPECT_NE(with_zone.find("X-WR-TIMEZONE:America/Los_Angeles\r\n"), std::string::npos);
  for (const auto& e : events(with_zone)) {
    const std::string start = value_of(e, "DTSTART");
    ASSERT_NE(start, "<none>");             // no TZID parameter: "DTSTART:" as such
    EXPECT_EQ(start.back(), '0') << start;  // no "Z": the wall-clock time, not UTC
  }
  // 08:00 stays 08:00: the zone does not shift the times.
  EXPECT_NE(with_zone.find("DTSTART:20270104T080000\r\n"), std::string::npos);
  const std::string without =
      calendar_feed_ics({{&plan, 1, std::nullopt, std::nullopt}}, {}, options());
  EXPECT_EQ(without.find("X-WR-TIMEZONE"), std::string::npos);
}

TEST(CalendarFeed, NoPlanIsAnEmptyButValidCalendar) {
  const std::string ics = calendar_feed_ics({}, {}, options());
  EXPECT_TRUE(events(ics).empty());
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_NE(ics.find("REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n"), std::string::npos);
}

TEST(CalendarFeed, RefusesAMalformedClockOrAMissingPlan) {
  const PlanView plan = sample_view();
  FeedOptions o = options();
  o.now_utc = "2027-01-10 07:30";
  EXPECT_THROW((void)calendar_feed_ics({{&plan, 1, std::nullopt, std::nullopt}}, {}, o),
               std::invalid_argument);
  EXPECT_THROW((void)calendar_feed_ics({{nullptr, 1, std::nullopt, std::nullopt}}, {}, options()),
               std::invalid_argument);
}

}  // namespace
}  // namespace taperlab::report
