#pragma once

// Habits vs symptoms (docs/tracking.md, Insights): today's habit against TOMORROW's symptom score,
// so that a bad day does not explain its own habits (feeling awful and skipping exercise on the
// same day). Each habit is a yes/no split; the mean next-day score with and without it is compared
// with Welch's t test, and the p-values are corrected with Holm-Bonferroni for the number of
// habits tested. This finds associations only: nothing here can show that a habit causes a change.

#include <optional>
#include <span>
#include <vector>

#include "core/insight/insight_input.hpp"
#include "core/insight/welch.hpp"

namespace taperlab::insight {

// Thresholds taperlab assumes (not established cut-offs); the report says so.
inline constexpr int kExerciseMinutesThreshold = 20;
inline constexpr int kRelaxationMinutesThreshold = 10;
inline constexpr int kMinDaysPerSide = 3;    // days with and days without, each
inline constexpr int kRecommendedDays = 30;  // for estimates that settle down
inline constexpr double kHolmAlpha = 0.05;

enum class Habit {
  kExercise,       // >= 20 minutes vs less
  kRegularMeals,   // yes vs no
  kCaffeine,       // any vs none
  kAlcohol,        // any vs none
  kRelaxation,     // meditation or relaxation >= 10 minutes vs less
  kTherapy,        // a therapy session vs none
  kSocialContact,  // yes vs no
};
inline constexpr Habit kAllHabits[] = {Habit::kExercise,     Habit::kRegularMeals, Habit::kCaffeine,
                                       Habit::kAlcohol,      Habit::kRelaxation,   Habit::kTherapy,
                                       Habit::kSocialContact};
const char* to_string(Habit h);  // "exercise", "regular_meals", "caffeine", "alcohol", ...

// Whether the day counts as "with" the habit; absent when that part of the diary is empty.
std::optional<bool> habit_present(Habit habit, const Habits& habits);

enum class AssociationStatus {
  kTested,         // enough days on both sides and some variation
  kNotEnoughDays,  // fewer than 3 days with or 3 without
  kNoVariation,    // next-day scores identical within both groups: no interval possible
};
const char* to_string(AssociationStatus s);  // "tested", "not_enough_days", "no_variation"

struct HabitAssociation {
  Habit habit = Habit::kExercise;
  AssociationStatus status = AssociationStatus::kNotEnoughDays;
  int n_with = 0;     // days with the habit that have a next-day symptom score
  int n_without = 0;  // days without it that have one
  // Next-day symptom score (0-100): a = days with, b = days without; difference = with - without.
  std::optional<WelchResult> welch;
  std::optional<double> p_holm;  // tested habits only
  bool survives_holm = false;    // p_holm <= kHolmAlpha
};

struct HabitAssociations {
  int paired_days = 0;                   // days followed by a day with a symptom score
  int tested = 0;                        // the size of the Holm family
  std::vector<HabitAssociation> habits;  // one per habit, in kAllHabits order
};

// `days` in any order, one per date. A day pairs only with the calendar day after it: a gap in the
// check-ins breaks the pair rather than reaching to a later day.
HabitAssociations associate_habits(std::span<const InsightDay> days);

}  // namespace taperlab::insight
