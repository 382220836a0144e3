#include "core/insight/habit_association.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

namespace taperlab::insight {
namespace {

const CivilDate kHabitStart = parse_civil_date("2027-01-04", "start");

const HabitAssociation& find(const HabitAssociations& result, Habit habit) {
  for (const auto& a : result.habits) {
    if (a.habit == habit) return a;
  }
  throw std::runtime_error("habit missing");
}
// A reference into a temporary result would dangle.
const HabitAssociation& find(HabitAssociations&& result, Habit habit) = delete;

// Noise from the raw mt19937 stream (its output is fixed by the standard, unlike the library's
// distributions), roughly normal with mean 0 and standard deviation 0.5.
double noise(std::mt19937& rng) {
  double sum = 0.0;
  for (int i = 0; i < 3; ++i) sum += static_cast<double>(rng()) / 4294967296.0;
  return sum - 1.5;
}

TEST(HabitAssociation, HabitsAreSplitAtTheirThresholds) {
  Habits h;
  EXPECT_FALSE(habit_present(Habit::kExercise, h));  // not recorded: neither side
  h.exercise_minutes = 19;
  EXPECT_EQ(habit_present(Habit::kExercise, h), false);
  h.exercise_minutes = 20;
  EXPECT_EQ(habit_present(Habit::kExercise, h), true);
  h.relaxation_minutes = 9;
  EXPECT_EQ(habit_present(Habit::kRelaxation, h), false);
  h.relaxation_minutes = 10;
  EXPECT_EQ(habit_present(Habit::kRelaxation, h), true);
  h.caffeine_drinks = 0;
  EXPECT_EQ(habit_present(Habit::kCaffeine, h), false);
  h.caffeine_drinks = 1;
  EXPECT_EQ(habit_present(Habit::kCaffeine, h), true);
  h.alcohol_units = 0.5;
  EXPECT_EQ(habit_present(Habit::kAlcohol, h), true);
  h.regular_meals = false;
  EXPECT_EQ(habit_present(Habit::kRegularMeals, h), false);
  h.therapy_session = true;
  EXPECT_EQ(habit_present(Habit::kTherapy, h), true);
  EXPECT_FALSE(habit_present(Habit::kSocialContact, h));
}

// Exercise on a random half of 60 days lowers the NEXT day's symptom score by 10 points; caffeine,
// also random, does nothing.
std::vector<InsightDay> exercise_helps(std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<InsightDay> days(60);
  bool exercised_yesterday = false;
  for (int i = 0; i < 60; ++i) {
    InsightDay& d = days[static_cast<std::size_t>(i)];
    d.date = kHabitStart.plus_days(i);
    d.symptom_share = 0.40 - (exercised_yesterday ? 0.10 : 0.0) + 0.05 * noise(rng);
    const bool exercise = rng() % 2 == 0;
    d.habits.exercise_minutes = exercise ? 30 : 5;
    d.habits.caffeine_drinks = static_cast<int>(rng() % 2);
    exercised_yesterday = exercise;
  }
  return days;
}

TEST(HabitAssociation, ExerciseFollowedByLowerSymptomsIsFoundAndANullHabitIsNot) {
  const HabitAssociations result = associate_habits(exercise_helps(20270104));
  EXPECT_EQ(result.paired_days, 59);
  const HabitAssociation& exercise = find(result, Habit::kExercise);
  ASSERT_EQ(exercise.status, AssociationStatus::kTested);
  EXPECT_EQ(exercise.n_with + exercise.n_without, 59);
  EXPECT_NEAR(exercise.welch->difference, -10.0, 2.0);
  EXPECT_LT(exercise.welch->ci_high, 0.0);
  EXPECT_TRUE(exercise.survives_holm);

  const HabitAssociation& caffeine = find(result, Habit::kCaffeine);
  ASSERT_EQ(caffeine.status, AssociationStatus::kTested);
  EXPECT_LT(caffeine.welch->ci_low, 0.0);
  EXPECT_GT(caffeine.welch->ci_high, 0.0);
  EXPECT_FALSE(caffeine.survives_holm);

  // Habits never recorded are listed with zero days, not tested.
  EXPECT_EQ(result.tested, 2);
  const HabitAssociation& alcohol = find(result, Habit::kAlcohol);
  EXPECT_EQ(alcohol.status, AssociationStatus::kNotEnoughDays);
  EXPECT_EQ(alcohol.n_with + alcohol.n_without, 0);
}

// The lag is really one day: symptoms are high on the day of exercise and low on the day after.
// Compared with the next day, exercise goes with 30 points less; same-day pairing would show 30
// more. Shifting the habit one day later moves the effect with it.
TEST(HabitAssociation, LagIsNextDay) {
  std::vector<InsightDay> days(30);
  for (int i = 0; i < 30; ++i) {
    InsightDay& d = days[static_cast<std::size_t>(i)];
    d.date = kHabitStart.plus_days(i);
    const bool exercise_day = i % 2 == 0;
    d.habits.exercise_minutes = exercise_day ? 40 : 0;
    d.symptom_share = (exercise_day ? 0.50 : 0.20) + 0.01 * (i % 3);
  }
  const HabitAssociations result = associate_habits(days);
  const HabitAssociation& a = find(result, Habit::kExercise);
  ASSERT_EQ(a.status, AssociationStatus::kTested);
  EXPECT_NEAR(a.welch->difference, -30.0, 1.0);
  EXPECT_NEAR(a.welch->mean_a, 20.0 + 1.0, 1.0);

  // Habits moved to the odd days: now they precede the high days.
  for (int i = 0; i < 30; ++i) {
    days[static_cast<std::size_t>(i)].habits.exercise_minutes = i % 2 == 1 ? 40 : 0;
  }
  const HabitAssociations shifted_result = associate_habits(days);
  const HabitAssociation& shifted = find(shifted_result, Habit::kExercise);
  ASSERT_EQ(shifted.status, AssociationStatus::kTested);
  EXPECT_NEAR(shifted.welch->difference, +30.0, 1.0);
}

TEST(HabitAssociation, AGapInCheckInsBreaksThePair) {
  // Days 0, 1, 3: day 1 is followed by no check-in (day 2 missing) and is not paired with day 3.
  std::vector<InsightDay> days(3);
  const int offsets[] = {0, 1, 3};
  for (std::size_t i = 0; i < 3; ++i) {
    days[i].date = kHabitStart.plus_days(offsets[i]);
    days[i].symptom_share = 0.3;
    days[i].habits.social_contact = true;
  }
  const HabitAssociations result = associate_habits(days);
  EXPECT_EQ(result.paired_days, 1);
  EXPECT_EQ(find(result, Habit::kSocialContact).n_with, 1);
}

TEST(HabitAssociation, NeedsThreeDaysWithAndThreeWithout) {
  // 20 days; therapy on 2 of them only: listed, not tested.
  std::vector<InsightDay> days(20);
  for (int i = 0; i < 20; ++i) {
    InsightDay& d = days[static_cast<std::size_t>(i)];
    d.date = kHabitStart.plus_days(i);
    d.symptom_share = 0.1 * (i % 4);
    d.habits.therapy_session = i == 3 || i == 10;
    d.habits.regular_meals = i % 3 != 0;
  }
  const HabitAssociations result = associate_habits(days);
  const HabitAssociation& therapy = find(result, Habit::kTherapy);
  EXPECT_EQ(therapy.status, AssociationStatus::kNotEnoughDays);
  EXPECT_EQ(therapy.n_with, 2);
  EXPECT_EQ(therapy.n_without, 17);  // the last day has no next day
  EXPECT_FALSE(therapy.welch);
  EXPECT_FALSE(therapy.p_holm);
  EXPECT_EQ(find(result, Habit::kRegularMeals).status, AssociationStatus::kTested);
  EXPECT_EQ(result.tested, 1);
}

TEST(HabitAssociation, HolmAdjustsAcrossTheTestedHabits) {
  std::vector<InsightDay> days = exercise_helps(7);
  std::mt19937 rng(99);
  for (auto& d : days) {
    d.habits.social_contact = rng() % 2 == 0;
    d.habits.regular_meals = rng() % 3 != 0;
  }
  const HabitAssociations result = associate_habits(days);
  EXPECT_EQ(result.tested, 4);
  int tested = 0;
  for (const auto& a : result.habits) {
    if (a.status != AssociationStatus::kTested) continue;
    ++tested;
    ASSERT_TRUE(a.p_holm);
    EXPECT_GE(*a.p_holm, a.welch->p);
    EXPECT_LE(*a.p_holm, std::min(1.0, 4 * a.welch->p) + 1e-12);
    EXPECT_EQ(a.survives_holm, *a.p_holm <= kHolmAlpha);
  }
  EXPECT_EQ(tested, 4);
}

TEST(HabitAssociation, IdenticalScoresCannotBeTested) {
  std::vector<InsightDay> days(10);
  for (int i = 0; i < 10; ++i) {
    InsightDay& d = days[static_cast<std::size_t>(i)];
    d.date = kHabitStart.plus_days(i);
    d.symptom_share = 0.25;
    d.habits.caffeine_drinks = i % 2;
  }
  const HabitAssociations result = associate_habits(days);
  const HabitAssociation& a = find(result, Habit::kCaffeine);
  EXPECT_EQ(a.status, AssociationStatus::kNoVariation);
  EXPECT_FALSE(a.p_holm);
}

}  // namespace
}  // namespace taperlab::insight
