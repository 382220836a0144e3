#pragma once

// The answers of the recording routes, shared by check-ins and questionnaires: what the review of
// the plan decided, in the words the person reads.

#include <nlohmann/json.hpp>

#include "journal/decisions.hpp"

namespace taperlab::server {

// A paused plan (after an urgent decision) names no review date: none is due until a clinician
// agrees a new plan.
nlohmann::json review_json(const journal::ReviewResult& review);

}  // namespace taperlab::server
