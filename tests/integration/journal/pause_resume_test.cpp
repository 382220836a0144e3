// Urgent states and the way out of them (issue 22, point 2), on a real SQLite journal: a red flag
// in a check-in pauses the plan and keeps the dose of that day, one dose list, whatever plan is
// saved meanwhile; a routine review never ends the pause; only a resume does, by the person or
// their clinician, and only after a check-in on a later day without red flags; the resume moves the
// rest of the plan later by the days paused, so no cut planned for the pause is skipped.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "core/plan/planner.hpp"
#include "journal/check_ins.hpp"
#include "journal/pause.hpp"
#include "journal/plans.hpp"
#include "journal/resume.hpp"
#include "journal/today.hpp"
#include "journal_fixture.hpp"

namespace taperlab::journal::testing {
namespace {

class PauseResume : public JournalFixture {
 protected:
  void SetUp() override {
    JournalFixture::SetUp();
    person_.name = "Sam";
    person_.created_on = kToday;
    person_.profile.country = "GB";
    person_.id = repo().add_person(person_);
  }

  // The journal as it stands `days` after kToday (the plan's start).
  [[nodiscard]] JournalContext on(int days) const {
    return JournalContext{
        catalog(),  instruments(),          crisis(),
        repo_ref(), kToday.plus_days(days), kToday.plus_days(days).to_string() + "T09:00:00Z"};
  }
  store::Repository& repo_ref() const { return const_cast<PauseResume*>(this)->repo(); }

  PlanVersion save(int start_day, const std::string& regimen, double cut_fraction) {
    PlanRequest request;
    add_drug(request.regimen, parse_drug_regimen(regimen, catalog()));
    request.formulations = default_formulations(catalog(), {"clonazepam"}, "GB");
    request.settings.strategy = "fraction";
    request.settings.cut_fraction = cut_fraction;
    request.settings.every_days = 14;
    request.settings.start_date = kToday.plus_days(start_day);
    return save_plan(on(start_day), person_, request, build_plan(request, catalog()), "test");
  }

  CheckInResult check_in(int day, std::vector<RedFlag> flags = {}) {
    CheckIn c;
    c.date = kToday.plus_days(day);
    c.symptoms = {{"anxiety", 1}, {"insomnia", 1}};
    c.red_flags = std::move(flags);
    return record_check_in(on(day), person_, c, false);
  }

  ResumeResult resume(int day, ResumedBy by = ResumedBy::kPerson,
                      const std::string& reason = "Talked it through with my GP") {
    return resume_plan(on(day), person_, ResumeRequest{kToday.plus_days(day), by, reason});
  }

  TodayView today(int day) { return build_today(repo(), person_, kToday.plus_days(day)); }

  // The step of the first stored plan on a day, as planned before any pause.
  PlanStepView planned_step(int day) {
    const auto plan = plan_in_force(repo(), person_.id, kToday);
    return *plan->view().step_on(kToday.plus_days(day));
  }

  Person person_;
};

std::vector<double> doses_mg(const TodayView& t) {
  std::vector<double> out;
  for (const auto& d : t.doses) out.push_back(d.planned.dose_mg);
  return out;
}

std::vector<double> doses_mg(const PlanStepView& s) {
  std::vector<double> out;
  for (const auto& d : s.doses) out.push_back(d.dose_mg);
  return out;
}

TEST_F(PauseResume, ASeizureIsUrgentAndNamesTheCountrysEmergencyNumber) {
  save(0, "clonazepam 1mg@08:00, 1mg@20:00", 0.10);
  const CheckInResult r = check_in(3, {RedFlag::kSeizure});
  ASSERT_TRUE(r.review.decision.has_value());
  EXPECT_EQ(r.review.decision->kind, DecisionKind::kUrgent);
  EXPECT_TRUE(r.review.paused);
  EXPECT_NE(r.review.decision->reason.find("a seizure"), std::string::npos);
  EXPECT_NE(r.review.decision->reason.find("(999)"), std::string::npos)  // GB
      << r.review.decision->reason;
  EXPECT_NE(r.review.decision->reason.find("resume"), std::string::npos) << "says how it ends";
}

TEST_F(PauseResume, WhilePausedTodayKeepsTheDoseOfThatDayAndNoNextChange) {
  save(0, "clonazepam 1mg@08:00, 1mg@20:00", 0.10);
  check_in(3, {RedFlag::kConfusion});
  const PlanStepView kept = planned_step(3);
  const PlanStepView later = planned_step(40);
  ASSERT_NE(doses_mg(kept), doses_mg(later)) << "the premise: the plan cuts by day 40";

  const TodayView t = today(40);
  EXPECT_TRUE(t.paused);
  ASSERT_TRUE(t.pause.has_value());
  EXPECT_EQ(t.pause->days(), 37);
  EXPECT_EQ(doses_mg(t), doses_mg(kept));
  EXPECT_FALSE(t.next_change_date.has_value());
  EXPECT_FALSE(t.next_step.has_value());
  // The step is frozen on the day of the pause, never "day 38 of 14".
  const auto first = plan_in_force(repo(), person_.id, kToday);
  EXPECT_EQ(t.day_in_step, first->view().date_of(kept).days_until(kToday.plus_days(3)) + 1);
  // No check-in since: the words say how it ends, and why it cannot yet.
  EXPECT_FALSE(t.pause->can_resume());
  const auto words = pause_words(*t.pause);
  ASSERT_EQ(words.size(), 4u);
  EXPECT_NE(words[0].find("confusion"), std::string::npos) << words[0];
  EXPECT_NE(words[0].find("37 days"), std::string::npos) << words[0];
  EXPECT_NE(words[1].find("no set end"), std::string::npos) << words[1];
  EXPECT_NE(words[2].find("How it ends"), std::string::npos) << words[2];
  EXPECT_NE(words[3].find("no check-in after"), std::string::npos) << words[3];
  const std::string text = today_json_text(t);
  const nlohmann::json doc = nlohmann::json::parse(text);
  EXPECT_EQ(doc.at("pause").at("since"), kToday.plus_days(3).to_string());
  EXPECT_EQ(doc.at("pause").at("can_resume"), false);
  EXPECT_EQ(doc.at("pause").at("red_flags"), nlohmann::json::array({"confusion"}));
  EXPECT_EQ(text, doc.dump());  // members sorted, as every answer prints them
}

TEST_F(PauseResume, ANewPlanSavedDuringThePauseWaitsForTheResume) {
  const PlanVersion first = save(0, "clonazepam 1mg@08:00, 1mg@20:00", 0.10);
  check_in(3, {RedFlag::kHallucinations});
  const PlanStepView kept = planned_step(3);
  // Saved on day 10, starting lower: Today must not show it beside "paused".
  save(10, "clonazepam 0.75mg@08:00, 0.75mg@20:00", 0.05);
  const auto new_plan = plan_in_force(repo(), person_.id, kToday.plus_days(10));
  ASSERT_TRUE(new_plan.has_value());
  const PlanStepView new_first = *new_plan->view().step_on(kToday.plus_days(10));
  ASSERT_NE(doses_mg(new_first), doses_mg(kept)) << "the premise: the new plan is lower";
  const TodayView paused = today(10);
  EXPECT_TRUE(paused.paused);
  ASSERT_TRUE(paused.plan.has_value());
  EXPECT_EQ(paused.plan->version().id, first.id);
  EXPECT_EQ(doses_mg(paused), doses_mg(kept));

  check_in(11);
  const ResumeResult r = resume(11);
  ASSERT_TRUE(r.new_version.has_value());
  const TodayView resumed = today(11);
  EXPECT_FALSE(resumed.paused);
  ASSERT_TRUE(resumed.plan.has_value());
  EXPECT_EQ(resumed.plan->version().id, r.new_version->id);
  // The new plan continues from its first step, moved from its start (day 10) to the resume.
  ASSERT_TRUE(resumed.step.has_value());
  EXPECT_EQ(resumed.step->index, 1);
  EXPECT_EQ(doses_mg(resumed), doses_mg(new_first));
}

TEST_F(PauseResume, ARoutineReviewNeverEndsAPause) {
  save(0, "clonazepam 1mg@08:00, 1mg@20:00", 0.10);
  check_in(3, {RedFlag::kSeizure});
  // Calm check-ins through the day the step's decision would have been due.
  for (int day = 4; day <= 20; ++day) {
    const CheckInResult r = check_in(day);
    EXPECT_FALSE(r.review.decision.has_value()) << "day " << day;
    EXPECT_TRUE(r.review.paused) << "day " << day;
  }
  EXPECT_EQ(repo().decisions(person_.id).size(), 1u);
  EXPECT_TRUE(today(20).paused);
  EXPECT_TRUE(today(20).pause->can_resume());
}

TEST_F(PauseResume, ResumeIsRefusedWithoutALaterCheckInOrWithRedFlags) {
  save(0, "clonazepam 1mg@08:00, 1mg@20:00", 0.10);
  EXPECT_THROW(resume(2), Conflict) << "not paused: nothing to resume";
  check_in(3, {RedFlag::kSeizure});
  try {
    resume(3);
    FAIL() << "resumed on the day of the seizure";
  } catch (const Conflict& e) {
    EXPECT_NE(std::string(e.what()).find("no check-in after"), std::string::npos) << e.what();
  }
  const auto first_urgent = *repo().latest_decision(person_.id, kToday.plus_days(3));
  // A later check-in with a red flag: refused, and it is a new urgent decision of its own.
  check_in(5, {RedFlag::kConfusion});
  const PauseState seen = pause_state(repo(), person_.id, first_urgent, kToday.plus_days(5));
  EXPECT_FALSE(seen.can_resume());
  EXPECT_NE(seen.blocker.find("reports confusion"), std::string::npos) << seen.blocker;
  EXPECT_THROW(resume(5), Conflict);
  EXPECT_EQ(repo().latest_decision(person_.id, kToday.plus_days(5))->date, kToday.plus_days(5));

  check_in(6);
  try {
    resume(6, ResumedBy::kPerson, "   ");
    FAIL() << "resumed without a reason";
  } catch (const ValidationError& e) {
    ASSERT_FALSE(e.errors().empty());
    EXPECT_EQ(e.errors().front().field, "reason");
  }
  EXPECT_TRUE(today(6).paused);
  EXPECT_NO_THROW(resume(6, ResumedBy::kClinician, "Reviewed by Dr Rao"));
  EXPECT_FALSE(today(6).paused);
}

TEST_F(PauseResume, ResumeMovesEveryLaterStepSoNoCutIsSkipped) {
  save(0, "clonazepam 1mg@08:00, 1mg@20:00", 0.10);
  const auto planned = plan_in_force(repo(), person_.id, kToday);
  const PlanStepView kept = planned_step(3);
  const PlanStepView* next = planned->view().next_step(kept);
  ASSERT_NE(next, nullptr);
  const CivilDate planned_next_cut = planned->view().date_of(*next);

  check_in(3, {RedFlag::kSeizure});
  check_in(20);
  const ResumeResult r = resume(20, ResumedBy::kClinician, "Seen by Dr Rao: carry on");
  EXPECT_EQ(r.decision.kind, DecisionKind::kContinue);
  EXPECT_EQ(r.decision.evidence->at("rule"), "resume");
  EXPECT_EQ(r.decision.evidence->at("resumed_by"), "clinician");
  EXPECT_EQ(r.decision.evidence->at("reason_given"), "Seen by Dr Rao: carry on");
  EXPECT_EQ(r.decision.evidence->at("check_in"), kToday.plus_days(20).to_string());
  EXPECT_EQ(r.decision.evidence->at("paused_days"), 17);
  EXPECT_NE(r.decision.reason.find("by your clinician"), std::string::npos) << r.decision.reason;
  ASSERT_TRUE(r.new_version.has_value());
  EXPECT_EQ(r.new_version->effective_from, kToday.plus_days(20));
  EXPECT_EQ(r.new_version->decision_id, r.decision.id);
  EXPECT_EQ(r.new_version->reason.rfind("resume: ", 0), 0u) << r.new_version->reason;
  EXPECT_NE(r.plan_change.find("17 days later"), std::string::npos) << r.plan_change;

  const TodayView t = today(20);
  EXPECT_FALSE(t.paused);
  EXPECT_FALSE(t.pause.has_value());
  ASSERT_TRUE(t.step.has_value());
  EXPECT_EQ(t.step->index, kept.index);
  EXPECT_EQ(doses_mg(t), doses_mg(kept));
  ASSERT_TRUE(t.next_change_date.has_value());
  EXPECT_EQ(*t.next_change_date, planned_next_cut.plus_days(17));
  // The step's own review still comes after a resume: it is not counted as its decision.
  ASSERT_TRUE(t.latest_decision.has_value());
  EXPECT_EQ(t.latest_decision->id, r.decision.id);
  EXPECT_THROW(resume(21), Conflict) << "resumed once";
}

TEST_F(PauseResume, WithoutAPlanTheResumeIsRecordedAndChangesNothingElse) {
  const CheckInResult urgent = check_in(0, {RedFlag::kSelfHarmThoughts});
  ASSERT_TRUE(urgent.review.decision.has_value());
  EXPECT_EQ(urgent.review.decision->kind, DecisionKind::kUrgent);
  EXPECT_TRUE(urgent.crisis_message.has_value());
  check_in(1);
  const ResumeResult r = resume(1);
  EXPECT_FALSE(r.new_version.has_value());
  EXPECT_FALSE(today(1).paused);
  EXPECT_EQ(repo().plan_versions(person_.id).size(), 0u);
}

}  // namespace
}  // namespace taperlab::journal::testing
