#pragma once

#include <string>
#include <vector>

#include "core/plan/plan.hpp"

namespace taperlab {

class Catalog;
struct EquivalenceTable;

// Rate cap (ASAM 2025 Joint Guideline on Benzodiazepine Tapering; docs/planner.md): no reduction
// larger than 25% of the current daily dose (diazepam-equivalent) within any 14 days. Published.
inline constexpr double kMaxCutFraction = 0.25;
inline constexpr int kRateWindowDays = 14;
// A clinician's override of the rate cap (`--max-cut`, a review's max_cut) relaxes it up to this
// hard ceiling and no further: at most half the daily dose within any 14 days, twice the
// guideline's cap, so that no override turns a taper into a stop in all but name (no abrupt stop,
// below). Assumed: ASAM 2025 gives 25% per 14 days as the upper bound of a taper and names no
// faster rate for an override; this ceiling is taperlab's, to agree with prescribers.
inline constexpr double kMostOverrideCutFraction = 0.50;
// A regimen taken daily for more than ~4 weeks is dependence-forming: never stop it abruptly
// (docs/planner.md; NICE CKS). Published.
inline constexpr double kDependenceWeeks = 4.0;
// The final stop comes from at most 1 mg diazepam-equivalent a day (Ashton Manual schedules, NHS
// Scotland reduction schedules), or from the smallest single dose the plan's products make when
// that is more. Published. (A rule relative to the starting dose, such as 1/8 of it, would stop
// alprazolam 6 mg/day from 14 mg diazepam-equivalent.)
inline constexpr double kFinalStopFromMg = 1.0;
// A dose below this (mg diazepam-equivalent) is too small to matter: no step keeps one unless the
// person already takes it. Assumed (issue 19: "never a tail of doses too small to matter").
inline constexpr double kSmallestDoseDiazepamEquivalentMg = 0.25;
// A crossover never takes the new drug above the catalogue's maximum daily diazepam dose nor above
// 20 mg in one dose (25 mg with a clinician's override) unless the person already took more of it
// (Ashton Manual schedules 1, 3, 5; data/SOURCES.md). Published practice.
inline constexpr double kCrossoverMostDailyMg = 40.0;
inline constexpr double kCrossoverMostDoseMg = 20.0;
inline constexpr double kCrossoverMostDoseOverrideMg = 25.0;

// Red flags from the profile and the regimen, worst first (docs/planner.md "Red flags").
// `switching_to` is the drug a crossover plan switches to ("" for any other plan): such a plan is
// already the crossover that the advice for a short-acting drug would suggest.
std::vector<SafetyFinding> red_flags(const Profile& profile, const Regimen& regimen,
                                     double diazepam_equivalent_mg, const Catalog& catalog,
                                     const std::string& switching_to = "");

// Every hard rule checked on a finished plan; returns the violations in words (empty = safe).
// `abrupt_allowed` is true only for regimens taken daily for 4 weeks or less.
std::vector<std::string> check_plan_rules(const Plan& plan, const EquivalenceTable& table);

// Daily diazepam-equivalent of a regimen by the table.
double diazepam_equivalent_mg(const Regimen& regimen, const EquivalenceTable& table);

}  // namespace taperlab
