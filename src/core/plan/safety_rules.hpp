#pragma once

#include <string>
#include <vector>

#include "core/plan/plan.hpp"

namespace taperlab {

class Catalog;
struct EquivalenceTable;

// Rate cap (ASAM 2025 Joint Guideline on Benzodiazepine Tapering; planner.md): no reduction larger
// than 25% of the current daily dose (diazepam-equivalent) within any 14 days. Published.
inline constexpr double kMaxCutFraction = 0.25;
inline constexpr int kRateWindowDays = 14;
// A regimen taken daily for more than ~4 weeks is dependence-forming: never stop it abruptly
// (planner.md; NICE CKS). Published.
inline constexpr double kDependenceWeeks = 4.0;
// The final stop may only come from at most 1/8 of the starting daily dose (planner issue).
inline constexpr double kMaxFinalStopFraction = 1.0 / 8.0;
// Assumed: with rho < 1 the model gives slow cuts almost no withdrawal pressure, so "costs no
// more than the earlier steps" is read as: no more than the largest earlier step or a fifth of
// the abrupt-stop peak, whichever is larger (a 10%/2-week taper stays under a quarter of it,
// model.md calibration).
inline constexpr double kFinalStopShareOfAbrupt = 0.25;

// Red flags from the profile and the regimen, worst first (planner.md "Red flags").
std::vector<SafetyFinding> red_flags(const Profile& profile, const Regimen& regimen,
                                     double diazepam_equivalent_mg, const Catalog& catalog);

// Every hard rule checked on a finished plan; returns the violations in words (empty = safe).
// `abrupt_allowed` is true only for regimens taken daily for 4 weeks or less.
std::vector<std::string> check_plan_rules(const Plan& plan, const EquivalenceTable& table);

// Daily diazepam-equivalent of a regimen by the table.
double diazepam_equivalent_mg(const Regimen& regimen, const EquivalenceTable& table);

}  // namespace taperlab
