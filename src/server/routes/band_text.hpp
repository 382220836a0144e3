#pragma once

// The band of people like this person (journal/plan_band.hpp) written as the preview band's JSON
// answer (PlanBand in the OpenAPI document).

#include <optional>

#include "core/base/civil_date.hpp"
#include "core/base/json_text.hpp"
#include "journal/plan_band.hpp"

namespace taperlab::server {

// {"adaptation_remaining": {"own", "p5", "p25", "p50", "p75", "p95"}, "date": [...], "day": [...],
//  "fit_observations": N or null, "people": N, "seed": S, "spread": "personal" or "population",
//  "withdrawal_peak": {the same keys}}: day and date as the preview's series (dates empty when the
// plan has no start date), shares rounded to 5 decimals as there (course_text.hpp).
void write_plan_band_json(JsonText& j, const journal::PlanBand& band,
                          const std::optional<CivilDate>& start);

}  // namespace taperlab::server
