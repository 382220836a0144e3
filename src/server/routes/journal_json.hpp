#pragma once

// The answers of the recording routes, shared by check-ins and questionnaires: what the review of
// the plan decided, in the words the person reads.

#include "journal/decisions.hpp"

namespace taperlab {
class JsonText;  // core/base/json_text.hpp
}

namespace taperlab::server {

// {"decision", "new_plan_version", "next_review", "paused", "plan_change"} into the answer being
// written. A paused plan (after an urgent decision) names no review date: none is due until a
// clinician agrees a new plan.
void write_review(JsonText& out, const journal::ReviewResult& review);

}  // namespace taperlab::server
