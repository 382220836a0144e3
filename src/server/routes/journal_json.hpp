#pragma once

// The answers of the recording routes, shared by check-ins and questionnaires: what the review of
// the plan decided, in the words the person reads.

#include <nlohmann/json.hpp>

#include "journal/decisions.hpp"

namespace taperlab::server {

// `paused`: the plan is paused after an urgent decision (journal/today.hpp), so no review is due
// until a clinician agrees a new plan and the answer names no review date.
nlohmann::json review_json(const journal::ReviewResult& review, bool paused);

}  // namespace taperlab::server
