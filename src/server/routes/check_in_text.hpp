#pragma once

// The answer to a recorded check-in written straight as JSON text. Every check-in posted gets
// one, and building it as a JSON document and printing it cost as much as storing the check-in
// (about 90k instructions of ~580k).

#include <optional>
#include <string>

#include "journal/check_ins.hpp"

namespace taperlab::server {

// {"check_in":{...},"crisis_message":...,"replaced":...,"review":{...},"score":{...}}: the
// check-in as write_json(JsonText&, CheckIn) writes it, the review as write_review, and the score.
// After a red flag, "urgent_message" follows: the urgent screen's words with the country's
// emergency number (core/instruments/urgent_message.hpp).
std::string check_in_answer_text(const journal::CheckInResult& result,
                                 const std::optional<std::string>& urgent_message = std::nullopt);

}  // namespace taperlab::server
