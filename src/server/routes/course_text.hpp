#pragma once

// The plan preview's daily series written straight as JSON text. A preview carries two series of
// about 400 days with six columns each; built as a JSON document and then printed, they cost a
// preview about as much as simulating them did.

#include <optional>

#include "core/base/civil_date.hpp"
#include "core/plan/plan_series.hpp"
#include "core/base/json_text.hpp"

namespace taperlab::server {

// {"adaptation_remaining":[...],"date":[...],"day":[...],"dose_mg":[...],"effect":[...],
//  "withdrawal":[...]}: day and date for days 0 .. days-1 (dates empty when the plan has no start
// date), the modelled columns as long as the course has them.
// Shares are rounded to 5 decimals and doses to 0.001 mg: finer than the model can claim and
// than a chart can draw (JsonText::rounded).
void write_course_json(JsonText& j, const DailyCourse& course,
                       const std::optional<CivilDate>& start, int days);

}  // namespace taperlab::server
