#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/dosing/dose_schedule.hpp"

namespace taperlab {

class Catalog;

// Reads a plan file's schedule:
//   {"steps": [{"day": 0, "doses": [{"drug": "clonazepam", "dose_mg": 0.9, "time": "08:00"}]}],
//    "missed": [{"day": 3, "drug": "clonazepam", "time": "08:00"}],
//    "extra": [{"day": 5, "drug": "clonazepam", "time": "14:00", "dose_mg": 0.25}]}
// A step with no doses stops everything from its day. Errors name the field, e.g.
// "plan.steps[2].doses[0].dose_mg".
DoseSchedule parse_dose_schedule(const nlohmann::json& doc, const Catalog& catalog);

nlohmann::json to_json(const DoseSchedule& schedule);

}  // namespace taperlab
