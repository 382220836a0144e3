#include "core/insight/habit_association.hpp"

#include <map>

#include "core/insight/holm.hpp"

namespace taperlab::insight {

const char* to_string(Habit h) {
  switch (h) {
    case Habit::kExercise:
      return "exercise";
    case Habit::kRegularMeals:
      return "regular_meals";
    case Habit::kCaffeine:
      return "caffeine";
    case Habit::kAlcohol:
      return "alcohol";
    case Habit::kRelaxation:
      return "relaxation";
    case Habit::kTherapy:
      return "therapy";
    case Habit::kSocialContact:
      return "social_contact";
  }
  return "";
}

const char* to_string(AssociationStatus s) {
  switch (s) {
    case AssociationStatus::kTested:
      return "tested";
    case AssociationStatus::kNotEnoughDays:
      return "not_enough_days";
    case AssociationStatus::kNoVariation:
      return "no_variation";
  }
  return "";
}

std::optional<bool> habit_present(Habit habit, const Habits& habits) {
  switch (habit) {
    case Habit::kExercise:
      if (!habits.exercise_minutes) return std::nullopt;
      return *habits.exercise_minutes >= kExerciseMinutesThreshold;
    case Habit::kRegularMeals:
      return habits.regular_meals;
    case Habit::kCaffeine:
      if (!habits.caffeine_drinks) return std::nullopt;
      return *habits.caffeine_drinks > 0;
    case Habit::kAlcohol:
      if (!habits.alcohol_units) return std::nullopt;
      return *habits.alcohol_units > 0.0;
    case Habit::kRelaxation:
      if (!habits.relaxation_minutes) return std::nullopt;
      return *habits.relaxation_minutes >= kRelaxationMinutesThreshold;
    case Habit::kTherapy:
      return habits.therapy_session;
    case Habit::kSocialContact:
      return habits.social_contact;
  }
  return std::nullopt;
}

HabitAssociations associate_habits(std::span<const InsightDay> days) {
  std::map<CivilDate, double> score_by_date;  // symptom score 0-100
  for (const InsightDay& day : days) {
    if (day.symptom_share) score_by_date[day.date] = 100.0 * *day.symptom_share;
  }
  HabitAssociations result;
  for (const InsightDay& day : days) {
    if (score_by_date.contains(day.date.plus_days(1))) ++result.paired_days;
  }

  std::vector<double> p_values;
  std::vector<std::size_t> tested_index;
  for (const Habit habit : kAllHabits) {
    std::vector<double> with;
    std::vector<double> without;
    for (const InsightDay& day : days) {
      const std::optional<bool> present = habit_present(habit, day.habits);
      if (!present) continue;
      const auto next = score_by_date.find(day.date.plus_days(1));
      if (next == score_by_date.end()) continue;
      (*present ? with : without).push_back(next->second);
    }
    HabitAssociation a;
    a.habit = habit;
    a.n_with = static_cast<int>(with.size());
    a.n_without = static_cast<int>(without.size());
    if (a.n_with >= kMinDaysPerSide && a.n_without >= kMinDaysPerSide) {
      a.welch = welch_test(with, without);
      a.status = a.welch ? AssociationStatus::kTested : AssociationStatus::kNoVariation;
    }
    if (a.status == AssociationStatus::kTested) {
      p_values.push_back(a.welch->p);
      tested_index.push_back(result.habits.size());
    }
    result.habits.push_back(a);
  }

  const std::vector<double> adjusted = holm_adjust(p_values);
  for (std::size_t k = 0; k < adjusted.size(); ++k) {
    HabitAssociation& a = result.habits[tested_index[k]];
    a.p_holm = adjusted[k];
    a.survives_holm = adjusted[k] <= kHolmAlpha;
  }
  result.tested = static_cast<int>(adjusted.size());
  return result;
}

}  // namespace taperlab::insight
