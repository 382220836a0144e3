#pragma once

// Trends of the recovery phase (docs/tracking.md, "After the last dose"): the same measures as the
// taper's trends, but fitted only over the days after the last dose, so that months of recovery are
// read on their own and not mixed with the taper's ups and downs.

#include <vector>

#include "core/base/civil_date.hpp"
#include "core/insight/insight_input.hpp"
#include "core/insight/trend.hpp"

namespace taperlab::insight {

struct RecoveryTrends {
  CivilDate from;  // the day after the last dose
  CivilDate to;
  // Symptoms, sleep quality and mood (daily) and PHQ-9, GAD-7 (sparse), in this order, each over
  // the whole phase from..to.
  std::vector<Trend> trends;
};

// Values dated before `from` or after `to` are left out. Throws ValidationError when `to` is
// before `from`.
RecoveryTrends recovery_trends(const InsightInput& input, CivilDate from, CivilDate to);

}  // namespace taperlab::insight
