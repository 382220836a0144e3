#pragma once

// The pharmacy view of a plan: what to dispense in each supply period (7, 14 or 28 days, or any
// 1 to 90) from a first day, and in total. Pure: the plan's steps and dates in, numbers out.
//
// Counting (the same as Plan::pharmacy_for_step): a product's pieces over a period's days are
// added up (a half tablet is 2 quarters) and the sum rounded up to whole tablets or capsules;
// liquids are added up in mL and rounded up to whole mL. Each period is rounded on its own, so
// that nobody runs short before the next supply: the total (the periods added up) can be a few
// tablets more than the plan's own total. A liquid whose pack size is known is also counted in
// whole bottles: a period gets a new bottle only when those already dispensed would run out in it
// (an opened bottle is used up first).
//
// Periods: back to back from `from` (the plan's start, or a later day such as today for a plan
// already under way), each `period_days` long. A plan that stops ends with the day before the
// stop: its last period may be shorter. A plan whose last step holds a dose (maintenance) lists
// periods until one lies wholly on the held dose, and then "continues": every further period
// needs the same as that one.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/civil_date.hpp"
#include "core/plan/plan.hpp"

namespace taperlab {

inline constexpr int kMinSupplyPeriodDays = 1;
inline constexpr int kMaxSupplyPeriodDays = 90;

// Throws ValidationError(field) unless 1 <= days <= 90.
void check_supply_period(int days, const std::string& field);

// The size of one bottle of a liquid product in `country`, where taperlab knows it.
struct LiquidPack {
  double ml = 0.0;
  std::string source;
};
std::optional<LiquidPack> liquid_pack(const std::string& country, const DispensingOption& option);

struct SupplyLine {
  DispensingOption option;
  long units = 0;               // solids: whole tablets or capsules
  double volume_ml = 0.0;       // liquids: whole mL
  std::optional<long> bottles;  // liquids with a known pack size: new whole bottles (may be 0)
  double pack_ml = 0.0;         // that pack size

  [[nodiscard]] bool empty() const { return option.is_liquid() ? volume_ml <= 0 : units <= 0; }
};

struct SupplyPeriod {
  int number = 0;  // 1-based
  CivilDate first;
  CivilDate last;                 // inclusive
  int days = 0;                   // last - first + 1
  std::vector<int> steps;         // indices of the plan's steps taken on some day of the period
  std::vector<SupplyLine> lines;  // by drug, then form, then strength
};

struct SupplySchedule {
  int period_days = 0;
  CivilDate plan_start;
  CivilDate from;  // the first period's first day
  std::string country;
  std::vector<SupplyPeriod> periods;
  std::vector<SupplyLine> total;  // the periods added up
  // The plan stops: the first day with no dose.
  std::optional<CivilDate> stop_date;
  // The last step holds a dose: it continues after the last period, which shows what each
  // further period needs.
  bool continues = false;
  std::optional<CivilDate> held_from;  // the held dose's first day
};

// The supply periods of `steps` (a dated plan starting on `plan_start`) from `from` (the plan's
// start when earlier). Empty periods when nothing is left to take on or after `from`. Throws
// ValidationError("period") for a period outside 1 to 90 days.
SupplySchedule supply_schedule(const std::vector<TaperStep>& steps, CivilDate plan_start,
                               CivilDate from, int period_days, const std::string& country);

// The steps of a stored plan document (core/journal/plan_view.hpp), each dose with the products
// it is made from ("parts"), as the planner made them; the plan's own revisions (a hold, a
// slow-down) are in the document already. Throws ValidationError naming the field.
std::vector<TaperStep> steps_from_plan_document(const nlohmann::json& doc);

}  // namespace taperlab
