// Missing is not zero (symptom_answers.hpp): a check-in with most symptoms skipped is a day
// without a score, never a symptom-free day, in the symptom days and in the plan's decisions.
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/adapt/decide.hpp"
#include "core/adapt/symptom_day.hpp"

namespace taperlab::adapt {
namespace {

CivilDate answer_date(const char* text) { return parse_civil_date(text, "date"); }

// A check-in with `answered` checklist items (ids item-0, item-1, ...) each rated `rating`.
CheckIn check_in(CivilDate d, int answered, int rating) {
  CheckIn c;
  c.date = d;
  for (int i = 0; i < answered; ++i) c.symptoms["item-" + std::to_string(i)] = rating;
  return c;
}

TEST(MissingAnswers, SymptomDayCountsOnlyTheAnsweredItems) {
  // 11 answered at 2 and 11 skipped: 22 of 44 (50%), not 22 of 88 (25%).
  const SymptomDay half = symptom_day(check_in(answer_date("2026-03-01"), kMinAnsweredSymptoms, 2));
  EXPECT_EQ(half.answered_items, 11);
  EXPECT_DOUBLE_EQ(*half.symptom_share, 0.5);

  const SymptomDay sparse =
      symptom_day(check_in(answer_date("2026-03-02"), kMinAnsweredSymptoms - 1, 0));
  EXPECT_EQ(sparse.answered_items, 10);
  EXPECT_FALSE(sparse.symptom_share.has_value());  // too few: missing, not 0%

  // What was said still counts: one symptom rated very severe is a severe item, however few
  // other answers there are.
  CheckIn one = check_in(answer_date("2026-03-03"), 0, 0);
  one.symptoms["tremor"] = 4;
  const SymptomDay severe = symptom_day(one);
  EXPECT_FALSE(severe.symptom_share.has_value());
  EXPECT_EQ(severe.highest_item_rating, 4);
  EXPECT_EQ(severe.answered_items, 1);
}

// Step 2 of a plan (cut on 2026-03-15, next cut 2026-03-29, long-acting drug), the week before
// the taper at 10%, and step 2's check-ins at 25%, all 22 items answered, with the days from
// step day `from` on given by `later`.
DecisionInput journal(int from, const std::function<CheckIn(CivilDate)>& later) {
  DecisionInput in;
  in.first_cut = answer_date("2026-03-01");
  in.acting = ActingClass::kLong;
  in.step = StepContext{2, answer_date("2026-03-15"), answer_date("2026-03-29"), 0.10, true};
  in.today = answer_date("2026-03-28");
  in.decisions.push_back({answer_date("2026-03-14"), DecisionKind::kContinue, 1});
  std::vector<CheckIn> check_ins;
  for (int i = 0; i < 7; ++i) {
    // 9 items at 1 and 13 at 0: 9 of 88, about 10%.
    CheckIn c = check_in(answer_date("2026-02-22").plus_days(i), 22, 0);
    for (int k = 0; k < 9; ++k) c.symptoms["item-" + std::to_string(k)] = 1;
    check_ins.push_back(c);
  }
  for (int i = 0; i < 14; ++i) {
    const CivilDate d = answer_date("2026-03-15").plus_days(i);
    check_ins.push_back(i < from ? check_in(d, 22, 1) : later(d));  // 22 of 88: 25%
  }
  in.days = symptom_days(check_ins, {});
  return in;
}

TEST(MissingAnswers, ASkippedDayIsNotAGoodDay) {
  // The last three days: two symptoms answered "none", twenty skipped. Read as 0% (what the old
  // form sent), they would pull the recent mean to 0 and let the next cut go ahead.
  const DecisionOutcome out = decide(journal(11, [](CivilDate d) { return check_in(d, 2, 0); }));
  ASSERT_TRUE(out.due());
  EXPECT_EQ(*out.kind, DecisionKind::kHold) << out.reason;
  EXPECT_EQ((*out.evidence)["rule"], "above-usual");
  // Judged on the answered days only: 2026-03-22 .. 2026-03-25.
  EXPECT_EQ((*out.evidence)["check_ins"], 4);
  EXPECT_EQ((*out.evidence)["check_ins_too_few_answers"], 3);
  EXPECT_EQ((*out.evidence)["recent_dates"],
            nlohmann::json({"2026-03-23", "2026-03-24", "2026-03-25"}));
  EXPECT_NEAR((*out.evidence)["recent_mean_share"].get<double>(), 0.25, 1e-12);

  // The same days answered in full as "none" are good days, and are counted as such.
  const DecisionOutcome none = decide(journal(11, [](CivilDate d) { return check_in(d, 22, 0); }));
  ASSERT_TRUE(none.due());
  EXPECT_EQ(*none.kind, DecisionKind::kContinue) << none.reason;
  EXPECT_EQ((*none.evidence)["check_ins"], 7);
}

TEST(MissingAnswers, TooFewAnsweredDaysHoldForWantOfData) {
  // Every day after the symptom window (from 2026-03-22) mostly skipped: nothing to judge, so the
  // step is held rather than continued.
  const DecisionOutcome out = decide(journal(7, [](CivilDate d) { return check_in(d, 3, 0); }));
  ASSERT_TRUE(out.due());
  EXPECT_EQ(*out.kind, DecisionKind::kHold) << out.reason;
  EXPECT_EQ((*out.evidence)["rule"], "too-few-check-ins");
  // The reason says the person did check in, with too few answers to count.
  EXPECT_EQ((*out.evidence)["check_ins"], 0);
  EXPECT_EQ((*out.evidence)["check_ins_too_few_answers"], 7);
  EXPECT_NE(out.reason.find("7 more had fewer than 11 symptoms answered, too few to count"),
            std::string::npos)
      << out.reason;
}

}  // namespace
}  // namespace taperlab::adapt
