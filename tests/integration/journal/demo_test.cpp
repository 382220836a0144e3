// The demo journal (`taperlab serve --demo`) loaded into a real SQLite file: two months of plan,
// doses, check-ins, questionnaires and memory tests, consistent with one another, quick to make,
// and one demo person per call.
#include "journal/demo.hpp"

#include <gtest/gtest.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "journal/cognitive.hpp"
#include "journal/today.hpp"
#include "journal_fixture.hpp"

namespace taperlab::journal {
namespace {

using testing::kToday;

class Demo : public testing::JournalFixture {};

TEST_F(Demo, HoldsTwoMonthsOfConsistentJournal) {
  // How fast it loads (the server loads it at start-up): bench/timing_bench.cpp.
  const Person person = load_demo_person(ctx(), "Alex");

  EXPECT_GT(person.id, 0);
  EXPECT_EQ(person.name, "Alex");
  EXPECT_EQ(person.profile.country, "GB");
  EXPECT_EQ(person.profile.age_years, 52);
  const CivilDate start = kToday.plus_days(-kDemoDays);

  const auto check_ins = repo().check_ins(person.id, start.plus_days(-10), kToday);
  ASSERT_EQ(check_ins.size(), 60u);
  EXPECT_EQ(check_ins.front().date, start);
  EXPECT_EQ(check_ins.back().date, kToday.plus_days(-1));
  for (const auto& c : check_ins) {
    EXPECT_TRUE(c.red_flags.empty());
    EXPECT_EQ(c.symptoms.size(), 22u);  // every checklist item stored
    ASSERT_TRUE(c.sleep.quality);
    ASSERT_TRUE(c.mood);
  }

  // Every planned dose of every day logged as taken, as the plan in force that day says.
  std::size_t planned = 0;
  for (int day = 0; day < kDemoDays; ++day) {
    const TodayView view = build_today(repo(), person, start.plus_days(day));
    // GET today sends this text: members sorted, printed as nlohmann prints a document.
    const std::string text = today_json_text(view);
    ASSERT_EQ(text, nlohmann::json::parse(text).dump()) << start.plus_days(day).to_string();
    ASSERT_EQ(nlohmann::json::parse(text).at("doses").size(), view.doses.size());
    for (const auto& dose : view.doses) {
      ++planned;
      ASSERT_TRUE(dose.logged) << start.plus_days(day).to_string();
      EXPECT_EQ(dose.logged->status, DoseStatus::kTaken);
      EXPECT_DOUBLE_EQ(dose.logged->dose_mg, dose.planned.dose_mg);
    }
    EXPECT_TRUE(view.unplanned.empty());
  }
  EXPECT_GE(planned, 2u * kDemoDays);
  EXPECT_EQ(repo().doses(person.id, start, kToday).size(), planned);

  const auto versions = repo().plan_versions(person.id);
  ASSERT_GE(versions.size(), 1u);
  EXPECT_EQ(versions.front().effective_from, start);

  const auto phq9 = repo().questionnaire_responses(person.id, "phq9");
  EXPECT_GE(phq9.size(), 4u);
  EXPECT_LE(phq9.size(), 5u);
  for (const auto& r : phq9) {
    EXPECT_EQ(r.answers.at(8), 0);  // no thoughts of self-harm in a demo
    EXPECT_FALSE(r.crisis_shown);
  }
  EXPECT_EQ(repo().questionnaire_responses(person.id, "gad7").size(), phq9.size());

  for (const auto& d : repo().decisions(person.id)) {
    EXPECT_NE(d.kind, DecisionKind::kUrgent);
    std::cout << d.date.to_string() << " " << to_string(d.kind) << ": " << d.reason << "\n";
  }

  const auto sessions = list_cognitive_sessions(repo(), person.id);
  ASSERT_EQ(sessions.size(), 12u);  // 3 tests on 4 days
  for (const auto& s : sessions) {
    EXPECT_EQ(s.session.device, "demo laptop");
    EXPECT_EQ(s.session.browser, "Chromium");
    const int day = start.days_until(s.session.date);
    EXPECT_EQ(s.comparison.practice, day <= 1) << day;
    EXPECT_EQ(s.comparison.rci.has_value(), day >= 28) << day;
    EXPECT_EQ(s.comparison.change.has_value(), day >= 28) << day;
  }

  const TodayView today = build_today(repo(), person, kToday);
  ASSERT_TRUE(today.plan);
  ASSERT_TRUE(today.step);
  EXPECT_FALSE(today.doses.empty());
  EXPECT_FALSE(today.paused);
  EXPECT_TRUE(nlohmann::json::accept(today_json_text(today)));
}

TEST_F(Demo, EachCallAddsAnotherPersonAndLeavesTheOthersAlone) {
  const Person first = load_demo_person(ctx(), "Alex");
  const auto first_audit = repo().audit_log(first.id).size();
  const Person second = load_demo_person(ctx(), "Sam");
  EXPECT_NE(first.id, second.id);
  EXPECT_EQ(repo().people().size(), 2u);
  EXPECT_EQ(repo().audit_log(first.id).size(), first_audit);

  const CivilDate start = kToday.plus_days(-kDemoDays);
  const auto a = repo().check_ins(first.id, start, kToday);
  const auto b = repo().check_ins(second.id, start, kToday);
  ASSERT_EQ(b.size(), 60u);
  // The same seed: the same journal for everyone.
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].symptoms, b[i].symptoms);
  EXPECT_EQ(list_cognitive_sessions(repo(), second.id).size(), 12u);
  EXPECT_TRUE(build_today(repo(), second, kToday).step);
}

}  // namespace
}  // namespace taperlab::journal
