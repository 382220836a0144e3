// The decision rules of docs/tracking.md ("Decisions") on hand-made journals: one plan
// whose first cut is 2026-03-01, judged at step 2 (a 10% cut on 2026-03-15 of a long-acting drug,
// next cut 2026-03-29), with a usual level of 10% in the week before the taper.
#include "core/adapt/decide.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "test_catalog.hpp"

namespace taperlab::adapt {
namespace {

CivilDate decision_date(const char* text) { return parse_civil_date(text, "date"); }

SymptomDay logged(CivilDate d, double share, int highest = 1) {
  return SymptomDay{d, share, highest, {}};
}

// The week before the first cut at 10%, step 1 calm, and step 2's days from `step2` on.
struct Journal {
  DecisionInput input;

  Journal() {
    input.first_cut = decision_date("2026-03-01");
    input.acting = ActingClass::kLong;
    input.step =
        StepContext{2, decision_date("2026-03-15"), decision_date("2026-03-29"), 0.10, true};
    input.today = decision_date("2026-03-28");
    const double week[] = {0.08, 0.12, 0.10, 0.09, 0.11, 0.10, 0.10};  // median 10%
    for (int i = 0; i < 7; ++i) {
      input.days.push_back(logged(decision_date("2026-02-22").plus_days(i), week[i]));
    }
    for (int i = 0; i < 14; ++i)
      input.days.push_back(logged(decision_date("2026-03-01").plus_days(i), 0.11));
    input.decisions.push_back({decision_date("2026-03-14"), DecisionKind::kContinue, 1});
  }
  // Sets step 2's share from its start (2026-03-15) for each given day.
  Journal& step2(const std::vector<double>& shares) {
    for (std::size_t i = 0; i < shares.size(); ++i) {
      input.days.push_back(
          logged(decision_date("2026-03-15").plus_days(static_cast<int>(i)), shares[i]));
    }
    return *this;
  }
};

const std::vector<double> kCalmStep = {0.12, 0.13, 0.14, 0.13, 0.12, 0.11, 0.12,
                                       0.10, 0.11, 0.12, 0.10, 0.11, 0.10, 0.11};

TEST(AdaptDecide, SymptomWindowFollowsTheActingClass) {
  EXPECT_EQ(symptom_window_days(ActingClass::kShort), 2);
  EXPECT_EQ(symptom_window_days(ActingClass::kIntermediate), 4);
  EXPECT_EQ(symptom_window_days(ActingClass::kLong), 7);
}

TEST(AdaptDecide, LongestActingDrugWins) {
  const Catalog& catalog = testing::shipped_catalog();
  Regimen r;
  r.drugs.push_back({"alprazolam", {{0.5, TimeOfDay{8 * 60}}}});
  EXPECT_EQ(longest_acting(r, catalog), ActingClass::kShort);
  r.drugs.push_back({"temazepam", {{10, TimeOfDay{22 * 60}}}});
  EXPECT_EQ(longest_acting(r, catalog), ActingClass::kIntermediate);
  r.drugs.push_back({"diazepam", {{5, TimeOfDay{8 * 60}}}});
  EXPECT_EQ(longest_acting(r, catalog), ActingClass::kLong);
}

TEST(AdaptDecide, DecisionIsDueOnTheStepsLastDay) {
  const StepContext step{2, decision_date("2026-03-15"), decision_date("2026-03-29"), 0.10, true};
  EXPECT_EQ(next_decision_date(step, ActingClass::kLong), decision_date("2026-03-28"));
  EXPECT_EQ(next_decision_date(step, ActingClass::kShort), decision_date("2026-03-28"));
  // A 7-day step of a long-acting drug waits for the window plus 3 days to log after it.
  const StepContext short_step{2, decision_date("2026-03-15"), decision_date("2026-03-22"), 0.10,
                               true};
  EXPECT_EQ(next_decision_date(short_step, ActingClass::kLong), decision_date("2026-03-24"));
  EXPECT_EQ(next_decision_date(short_step, ActingClass::kShort), decision_date("2026-03-21"));
  const StepContext last{5, decision_date("2026-04-26"), std::nullopt, 0.10, true};
  EXPECT_FALSE(next_decision_date(last, ActingClass::kLong).has_value());
}

TEST(AdaptDecide, NotDueInsideTheSymptomWindow) {
  Journal j;
  j.step2({0.12, 0.13});
  j.input.today = decision_date("2026-03-16");
  const DecisionOutcome out = decide(j.input);
  EXPECT_FALSE(out.due());
  EXPECT_EQ(out.due_on, decision_date("2026-03-28"));
  EXPECT_NE(out.reason.find("up to 7 days"), std::string::npos) << out.reason;
  EXPECT_EQ((*out.evidence)["rule"], "inside-symptom-window");
}

TEST(AdaptDecide, NotDueBeforeTheStepEnds) {
  Journal j;
  j.step2(kCalmStep);
  j.input.today = decision_date("2026-03-25");
  const DecisionOutcome out = decide(j.input);
  EXPECT_FALSE(out.due());
  EXPECT_EQ((*out.evidence)["rule"], "step-not-finished");
  EXPECT_NE(out.reason.find("2026-03-28"), std::string::npos) << out.reason;
}

TEST(AdaptDecide, ContinuesWhenBackNearTheUsualLevel) {
  Journal j;
  j.step2(kCalmStep);
  const DecisionOutcome out = decide(j.input);
  ASSERT_TRUE(out.due());
  EXPECT_EQ(*out.kind, DecisionKind::kContinue) << out.reason;
  EXPECT_NE(out.reason.find("averaged 11%"), std::string::npos) << out.reason;
  EXPECT_NE(out.reason.find("usual 10% (the week before your taper)"), std::string::npos)
      << out.reason;
  EXPECT_NE(out.reason.find("2026-03-29"), std::string::npos) << out.reason;
  EXPECT_EQ((*out.evidence)["rule"], "near-usual");
  EXPECT_EQ((*out.evidence)["check_ins"], 7);  // 2026-03-22 .. 2026-03-28, after the window
  EXPECT_NEAR((*out.evidence)["usual_level"]["share"].get<double>(), 0.10, 1e-12);
  EXPECT_EQ((*out.evidence)["usual_level"]["source"], "week-before-first-cut");
  EXPECT_NEAR((*out.evidence)["recent_mean_share"].get<double>(), (0.11 + 0.10 + 0.11) / 3, 1e-12);
}

TEST(AdaptDecide, HoldsWhenClearlyAboveTheUsualLevel) {
  Journal j;
  j.step2({0.12, 0.15, 0.20, 0.24, 0.25, 0.24, 0.23, 0.22, 0.21, 0.20, 0.19, 0.18, 0.18, 0.18});
  const DecisionOutcome out = decide(j.input);
  ASSERT_TRUE(out.due());
  EXPECT_EQ(*out.kind, DecisionKind::kHold) << out.reason;
  EXPECT_NE(out.reason.find("averaged 18% against your usual 10%"), std::string::npos)
      << out.reason;
  EXPECT_NE(out.reason.find("stay on this dose for another 14 days"), std::string::npos)
      << out.reason;
  EXPECT_EQ((*out.evidence)["rule"], "above-usual");
  EXPECT_FALSE((*out.evidence)["rising"].get<bool>());  // falling: held for its level alone
}

TEST(AdaptDecide, HoldsWhenStillRisingEvenBelowTheMargin) {
  Journal j;
  // Judged days 2026-03-22..28 climb 1 point a day; the last three average 13%, inside 10% + 5.
  j.step2({0.10, 0.10, 0.10, 0.10, 0.10, 0.10, 0.10, 0.08, 0.09, 0.10, 0.11, 0.12, 0.13, 0.14});
  const DecisionOutcome out = decide(j.input);
  ASSERT_TRUE(out.due());
  EXPECT_EQ(*out.kind, DecisionKind::kHold) << out.reason;
  EXPECT_EQ((*out.evidence)["rule"], "rising");
  EXPECT_NEAR((*out.evidence)["slope_per_day"].get<double>(), 0.01, 1e-9);
  EXPECT_NE(out.reason.find("+1.0 points a day"), std::string::npos) << out.reason;
}

TEST(AdaptDecide, NoisyButFlatSeriesIsNotRising) {
  Journal j;
  j.step2({0.12, 0.13, 0.12, 0.11, 0.12, 0.11, 0.12, 0.09, 0.13, 0.08, 0.14, 0.09, 0.12, 0.11});
  const DecisionOutcome out = decide(j.input);
  ASSERT_TRUE(out.due());
  EXPECT_EQ(*out.kind, DecisionKind::kContinue) << out.reason;
  EXPECT_FALSE((*out.evidence)["rising"].get<bool>());
}

TEST(AdaptDecide, SlowsWhenHoldIsDueAgainAfterAHold) {
  Journal j;
  j.step2({0.12, 0.15, 0.20, 0.24, 0.25, 0.24, 0.23, 0.22, 0.21, 0.20, 0.19, 0.18, 0.18, 0.18});
  j.input.decisions = {{decision_date("2026-03-14"), DecisionKind::kHold, 1}};
  const DecisionOutcome out = decide(j.input);
  ASSERT_TRUE(out.due());
  EXPECT_EQ(*out.kind, DecisionKind::kSlow) << out.reason;
  EXPECT_EQ((*out.evidence)["rule"], "second-hold");
  EXPECT_NE(out.reason.find("already held on 2026-03-14"), std::string::npos) << out.reason;
  EXPECT_NE(out.reason.find("smaller"), std::string::npos) << out.reason;
}

TEST(AdaptDecide, SlowsWhenThePreviousCutNeededAHoldToo) {
  Journal j;
  j.step2({0.12, 0.15, 0.20, 0.24, 0.25, 0.24, 0.23, 0.22, 0.21, 0.20, 0.19, 0.18, 0.18, 0.18});
  j.input.decisions = {{decision_date("2026-02-28"), DecisionKind::kHold, 1},
                       {decision_date("2026-03-14"), DecisionKind::kContinue, 1}};
  const DecisionOutcome out = decide(j.input);
  EXPECT_EQ(*out.kind, DecisionKind::kSlow) << out.reason;
  EXPECT_NE(out.reason.find("previous cut needed a hold too (2026-02-28)"), std::string::npos)
      << out.reason;
}

TEST(AdaptDecide, SlowsAfterASevereDayEvenWhenTheEndIsCalm) {
  Journal j;
  j.step2(kCalmStep);
  j.input.days.push_back(
      SymptomDay{decision_date("2026-03-30"), 0.9, 4, {}});  // after today: ignored
  EXPECT_EQ(*decide(j.input).kind, DecisionKind::kContinue);
  for (SymptomDay& d : j.input.days) {
    if (d.date == decision_date("2026-03-18")) d.highest_item_rating = 4;
  }
  const DecisionOutcome out = decide(j.input);
  ASSERT_TRUE(out.due());
  EXPECT_EQ(*out.kind, DecisionKind::kSlow) << out.reason;
  EXPECT_EQ((*out.evidence)["rule"], "severe-day");
  EXPECT_NE(out.reason.find("On 2026-03-18 you rated a symptom 4 (very severe)"), std::string::npos)
      << out.reason;
}

TEST(AdaptDecide, AHalfShareDayIsSevereToo) {
  Journal j;
  std::vector<double> shares = kCalmStep;
  shares[3] = 0.5;
  j.step2(shares);
  const DecisionOutcome out = decide(j.input);
  EXPECT_EQ(*out.kind, DecisionKind::kSlow) << out.reason;
  EXPECT_NE(out.reason.find("reached 50%"), std::string::npos) << out.reason;
}

TEST(AdaptDecide, TooFewCheckInsHoldsAndSaysSo) {
  Journal j;
  j.step2({0.12, 0.13, 0.14, 0.13, 0.12, 0.11, 0.12});                // nothing after the window...
  j.input.days.push_back(logged(decision_date("2026-03-24"), 0.10));  // ... but two days
  j.input.days.push_back(logged(decision_date("2026-03-27"), 0.10));
  const DecisionOutcome out = decide(j.input);
  ASSERT_TRUE(out.due());
  EXPECT_EQ(*out.kind, DecisionKind::kHold) << out.reason;
  EXPECT_EQ((*out.evidence)["rule"], "too-few-check-ins");
  EXPECT_NE(out.reason.find("Only 2 check-ins"), std::string::npos) << out.reason;
  EXPECT_NE(out.reason.find("too few check-ins to judge"), std::string::npos) << out.reason;
  EXPECT_NE(out.reason.find("never speeds up"), std::string::npos) << out.reason;
}

TEST(AdaptDecide, RedFlagIsUrgentOnAnyDay) {
  for (RedFlag flag : {RedFlag::kSeizure, RedFlag::kConfusion, RedFlag::kHallucinations,
                       RedFlag::kSelfHarmThoughts}) {
    Journal j;
    j.step2({0.12, 0.13});
    j.input.days.back().red_flags = {flag};
    j.input.today =
        decision_date("2026-03-16");  // inside the window, long before the decision is due
    const DecisionOutcome out = decide(j.input);
    ASSERT_TRUE(out.due()) << to_string(flag);
    EXPECT_EQ(*out.kind, DecisionKind::kUrgent);
    EXPECT_NE(out.reason.find("help now"), std::string::npos) << out.reason;
    EXPECT_NE(out.reason.find("plan is paused"), std::string::npos) << out.reason;
    EXPECT_EQ(out.reason.find("stop taking"), std::string::npos) << out.reason;
    EXPECT_EQ((*out.evidence)["red_flags"][0]["flag"], to_string(flag));
    EXPECT_TRUE((*out.evidence)["plan_paused"].get<bool>());
  }
}

TEST(AdaptDecide, Phq9ItemNineIsASelfHarmRedFlag) {
  QuestionnaireResponse phq9;
  phq9.date = decision_date("2026-03-17");
  phq9.instrument_id = "phq9";
  phq9.answers = {1, 1, 0, 0, 0, 0, 0, 0, 1};
  CheckIn check_in;
  check_in.date = decision_date("2026-03-17");
  check_in.symptoms = {{"anxiety", 2}, {"insomnia", 1}, {"tremor", 0}, {"panic", 0}};
  // Eleven answered: enough for the day's share to count (symptom_answers.hpp).
  for (int i = 0; i < 7; ++i) check_in.symptoms["item-" + std::to_string(i)] = 0;
  const std::vector<SymptomDay> days = symptom_days({check_in}, {phq9});
  ASSERT_EQ(days.size(), 1u);
  EXPECT_NEAR(*days[0].symptom_share, 3.0 / 44.0, 1e-12);
  EXPECT_EQ(days[0].highest_item_rating, 2);
  ASSERT_EQ(days[0].red_flags.size(), 1u);
  EXPECT_EQ(days[0].red_flags[0], RedFlag::kSelfHarmThoughts);

  CheckIn skipped;
  skipped.date = decision_date("2026-03-18");
  EXPECT_FALSE(symptom_day(skipped).symptom_share.has_value());  // missing, not symptom-free

  Journal j;
  j.input.days.push_back(days[0]);
  j.input.today = decision_date("2026-03-17");
  const DecisionOutcome out = decide(j.input);
  EXPECT_EQ(*out.kind, DecisionKind::kUrgent);
  EXPECT_NE(out.reason.find("thoughts of harming yourself"), std::string::npos) << out.reason;
  EXPECT_NE(out.reason.find("crisis line"), std::string::npos) << out.reason;
}

TEST(AdaptDecide, ARedFlagIsAnsweredOnce) {
  Journal j;
  j.step2(kCalmStep);
  j.input.days[20].red_flags = {RedFlag::kConfusion};  // 2026-03-14, in step 1
  EXPECT_EQ(*decide(j.input).kind, DecisionKind::kUrgent);
  j.input.decisions.push_back({decision_date("2026-03-14"), DecisionKind::kUrgent, 1});
  const DecisionOutcome out = decide(j.input);
  EXPECT_EQ(*out.kind, DecisionKind::kContinue) << out.reason;
}

TEST(AdaptDecide, WithoutAPreTaperWeekTheCalmestWeekIsTheUsualLevel) {
  Journal j;
  j.step2(kCalmStep);
  j.input.first_cut.reset();
  const DecisionOutcome out = decide(j.input);
  EXPECT_EQ((*out.evidence)["usual_level"]["source"], "calmest-week");
  EXPECT_NE(out.reason.find("your calmest week so far"), std::string::npos) << out.reason;
  // The lowest 7-day median: the window ending 2026-02-25 holds 8, 12, 10 and 9%.
  EXPECT_NEAR((*out.evidence)["usual_level"]["share"].get<double>(), 0.095, 1e-12);
  EXPECT_EQ((*out.evidence)["usual_level"]["to"], "2026-02-25");
}

TEST(AdaptDecide, AHoldStepHasNoSymptomWindow) {
  Journal j;
  j.step2(kCalmStep);
  j.input.step.cut_fraction = 0.0;
  j.input.step.followed_cut = false;
  const DecisionOutcome out = decide(j.input);
  EXPECT_EQ((*out.evidence)["window_days"], 0);
  EXPECT_EQ((*out.evidence)["check_ins"], 14);
  EXPECT_EQ(*out.kind, DecisionKind::kContinue) << out.reason;
}

TEST(AdaptDecide, NothingToDecideOnTheLastStepOrTwice) {
  Journal j;
  j.step2(kCalmStep);
  j.input.decisions.push_back({decision_date("2026-03-28"), DecisionKind::kContinue, 2});
  DecisionOutcome out = decide(j.input);
  EXPECT_FALSE(out.due());
  EXPECT_EQ((*out.evidence)["rule"], "already-decided");
  j.input.decisions.pop_back();
  j.input.step.next_cut.reset();
  out = decide(j.input);
  EXPECT_FALSE(out.due());
  EXPECT_EQ((*out.evidence)["rule"], "last-step");
}

// A hold recorded as the same step made 14 days longer (its next cut moved from 2026-03-29 to
// 2026-04-12): the step is judged again on the days after the hold.
TEST(AdaptDecide, AHeldStepIsJudgedAgainOnTheDaysAfterTheHold) {
  Journal j;
  j.step2({0.12, 0.15, 0.20, 0.24, 0.25, 0.24, 0.23, 0.22, 0.21, 0.20, 0.19, 0.18, 0.18, 0.18});
  ASSERT_EQ(*decide(j.input).kind, DecisionKind::kHold);
  j.input.decisions.push_back({decision_date("2026-03-28"), DecisionKind::kHold, 2});
  // Asked again the same day, before the plan is extended: no second decision (a second hold
  // would wrongly count as two holds in a row).
  EXPECT_FALSE(decide(j.input).due());

  j.input.step.next_cut = decision_date("2026-04-12");
  j.input.today = decision_date("2026-04-05");
  DecisionOutcome out = decide(j.input);
  EXPECT_FALSE(out.due());
  EXPECT_EQ(out.due_on, decision_date("2026-04-11"));

  Journal calm = j;
  for (int i = 0; i < 14; ++i) {
    calm.input.days.push_back(
        logged(decision_date("2026-03-29").plus_days(i), i < 4 ? 0.16 : 0.11));
    j.input.days.push_back(logged(decision_date("2026-03-29").plus_days(i), 0.18));
  }
  calm.input.today = j.input.today = decision_date("2026-04-11");
  out = decide(calm.input);
  EXPECT_EQ(*out.kind, DecisionKind::kContinue) << out.reason;
  EXPECT_EQ((*out.evidence)["judged_from"], "2026-03-29");
  EXPECT_EQ((*out.evidence)["held_on"], "2026-03-28");

  out = decide(j.input);
  EXPECT_EQ(*out.kind, DecisionKind::kSlow) << out.reason;
  EXPECT_EQ((*out.evidence)["rule"], "second-hold");
  j.input.decisions.back().kind = DecisionKind::kContinue;  // had step 1 not been held ...
  j.input.decisions.back().step_index = 1;
  j.input.decisions.back().date = decision_date("2026-03-14");
  j.input.step.next_cut = decision_date("2026-03-29");
  j.input.today = decision_date("2026-03-28");
  out = decide(j.input);
  EXPECT_NE(out.reason.find("another 14 days"), std::string::npos) << out.reason;
}

TEST(AdaptDecide, LateCallsJudgeTheSameDays) {
  Journal j;
  j.step2(kCalmStep);
  const DecisionOutcome on_time = decide(j.input);
  j.input.today = decision_date("2026-04-02");
  j.input.days.push_back(
      logged(decision_date("2026-03-30"), 0.4));  // after the due date: not judged
  const DecisionOutcome late = decide(j.input);
  EXPECT_EQ(*late.kind, *on_time.kind);
  EXPECT_EQ((*late.evidence)["recent_mean_share"], (*on_time.evidence)["recent_mean_share"]);
}

TEST(AdaptDecide, RejectsImpossibleInput) {
  Journal j;
  j.step2(kCalmStep);
  j.input.days[3].symptom_share = 1.5;
  EXPECT_THROW((void)decide(j.input), ValidationError);
  Journal k;
  k.input.today = decision_date("2026-03-01");
  EXPECT_THROW((void)decide(k.input), ValidationError);
}

}  // namespace
}  // namespace taperlab::adapt
