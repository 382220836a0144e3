#pragma once

// Checks a result the web app submits for a memory/attention test before it is stored, so that a
// stored session always has a plausible numeric "score" that can be compared over time. The result
// is an object: {"score": 6, "trials": 14, "errors": 2}. "score" is required and within the test's
// range (cognitive_tests.hpp); the test's known detail fields (e.g. the PVT's "lapses") are checked
// when present; other members are kept as they are (the web app may add detail).

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/base/error.hpp"

namespace taperlab::assess {

// Every problem found, with fields "test_id", "result", "result.score", "result.lapses", ...
// (`result_field` replaces "result"). Empty when the result is valid.
std::vector<FieldError> cognitive_result_errors(const std::string& test_id,
                                                const nlohmann::json& result,
                                                const std::string& result_field = "result");

// Throws one ValidationError listing every problem.
void validate_cognitive_result(const std::string& test_id, const nlohmann::json& result,
                               const std::string& result_field = "result");

}  // namespace taperlab::assess
