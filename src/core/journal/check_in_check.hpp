#pragma once

// A check-in checked as it is, without a trip through JSON: the store checks every check-in it
// writes, inside the write transaction that other people's writes wait on, and serialising the
// record to parse it back cost more than the insert itself (a fifth of a POST check-in's CPU).
//
// It accepts exactly what parse_check_in(to_json(c)) accepts and names the same fields: the
// ranges come from records.hpp, and a test holds the two to agreement, record by record.

#include <string>
#include <vector>

#include "core/base/error.hpp"
#include "core/journal/records.hpp"

namespace taperlab {

// Every problem of `check_in`, with fields under `field_prefix` ("check_in.sleep.quality");
// empty when it may be stored.
std::vector<FieldError> check_in_problems(const CheckIn& check_in,
                                          const std::string& field_prefix = "check_in");

// Throws ValidationError with every problem, if there is one.
void require_valid(const CheckIn& check_in, const std::string& field_prefix = "check_in");

}  // namespace taperlab
