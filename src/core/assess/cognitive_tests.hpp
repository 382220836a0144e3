#pragma once

// The memory and attention tests the web app runs in the browser (docs/tracking.md, "Memory and
// attention tests"), each with the one score that is compared over time and the numbers the
// reliable change index needs. A person's scores are only ever compared with their own baseline
// on the same device, so the between-person SD below serves only to scale the RCI; it is not a
// norm against which anyone is judged.

#include <string>
#include <string_view>
#include <vector>

#include "core/base/sourced.hpp"

namespace taperlab::assess {

// Scores outside this range are not results of the test but bugs or tampering: rejected.
struct ScoreRange {
  double min = 0.0;
  double max = 0.0;
  bool whole_number = false;  // counts and spans
};

struct CognitiveTest {
  std::string id;             // "pvt", "digit-span-forward", ...
  std::string name;           // shown to the person
  std::string unit;           // of the score, e.g. "1/s", "digits"
  std::string score;          // what the score is, in words
  std::string method_source;  // the task's protocol, e.g. "PVT-B (Basner 2011)"
  bool higher_is_better = true;
  ScoreRange range;
  Sourced retest_r;           // test-retest reliability of the score
  Sourced between_person_sd;  // SD of the score between healthy adults, in `unit`
};

// Words per test of the word-list tasks (docs/tracking.md leaves the length open).
constexpr int kWordListLength = 12;

// All tests, in the order the web app offers them.
const std::vector<CognitiveTest>& cognitive_tests();

// nullptr when the id is unknown (ids are matched exactly: the web app sends them as listed).
const CognitiveTest* find_cognitive_test(std::string_view id);

// The test, or ValidationError(field, "unknown test 'x'; known tests: pvt, choice-rt, ...").
const CognitiveTest& require_cognitive_test(std::string_view id, const std::string& field);

// "pvt, choice-rt, ..." for messages.
std::string known_cognitive_test_ids();

}  // namespace taperlab::assess
