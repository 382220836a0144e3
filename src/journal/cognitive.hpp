#pragma once

// Memory and attention test sessions (docs/tracking.md): the web app runs a test in the browser and
// posts its result; each session is stored with its device and browser and shown against the
// person's own baseline on the same device (core/assess/reliable_change.hpp).

#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "core/assess/reliable_change.hpp"
#include "journal/journal_context.hpp"

namespace taperlab::journal {

struct CognitiveSessionView {
  CognitiveSession session;
  assess::SessionComparison comparison;  // `index` is the session's place in the person's list
};

// Validates the draft (date not after today; device and browser given, at most 200 characters;
// a known test_id and a plausible result: core/assess/cognitive_result.hpp), reporting every
// problem in one ValidationError with fields "date", "device", "browser", "test_id", "result...".
// Stores it for `person` (id, person_id and recorded_at are set here) and returns it with its
// comparison.
CognitiveSessionView record_cognitive_session(const JournalContext& ctx, const Person& person,
                                              CognitiveSession draft);

// The person's sessions by date then id, each with its comparison.
std::vector<CognitiveSessionView> list_cognitive_sessions(store::Repository& repo, PersonId person);

// {"session": {"id", "date", "test_id", "device", "browser", "result", "recorded_at"},
//  "comparison": {"practice", "session_number", "baseline_score", "rci", "change"}}: absent
// numbers and the change of a practice session are null; "change" is "improved", "worse" or
// "no reliable change".
nlohmann::json to_json(const CognitiveSessionView& view);

// {"sessions": [to_json(view), ...], "tests": cognitive_tests_json()} (GET cognitive-sessions).
nlohmann::json to_json(const std::vector<CognitiveSessionView>& views);

// The catalogue for the web app: [{"id", "name", "unit", "score", "higher_is_better",
// "range": {"min", "max", "whole_number"}, "r", "sd", "method_source",
// "sources": {"r": {"evidence", "source", "note"}, "sd": {...}}}], in the order offered.
nlohmann::json cognitive_tests_json();

}  // namespace taperlab::journal
