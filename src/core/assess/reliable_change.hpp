#pragma once

// Has a person's score really changed, or is it the test's own noise? The reliable change index
// (docs/tracking.md; Jacobson & Truax 1991) divides the change by the spread that retesting alone
// gives:
//   RCI = (x2 - x1) / (SD * sqrt(2 (1 - r)))
// and calls |RCI| > 1.96 reliable (a change that noise alone exceeds in 5% of retests). Here the
// sign is turned so that a positive RCI always means better, whichever way the test scores.

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "core/assess/cognitive_tests.hpp"
#include "core/journal/records.hpp"

namespace taperlab::assess {

// |RCI| must exceed this for a change to count (two-sided 5%).
constexpr double kReliableChangeThreshold = 1.96;

// The first sessions of a test on a device are practice (docs/tracking.md: two practice runs at
// baseline, as the largest practice gain is between sessions 1 and 2).
constexpr int kPracticeSessions = 2;

enum class CognitiveChange { kImproved, kWorse, kNoReliableChange };
const char* to_string(CognitiveChange change);  // "improved", "worse", "no reliable change"

// Positive = better. Throws std::invalid_argument for sd <= 0 or r outside [0, 1).
double reliable_change_index(double baseline, double score, double sd, double retest_r,
                             bool higher_is_better);
double reliable_change_index(const CognitiveTest& test, double baseline, double score);

CognitiveChange classify_change(double rci);

struct SessionComparison {
  std::size_t index = 0;   // position in the series given
  int session_number = 0;  // 1-based among the sessions of this test on this device
  bool practice = false;
  std::optional<double> baseline_score;   // absent for practice sessions
  std::optional<double> rci;              // absent for practice sessions
  std::optional<CognitiveChange> change;  // absent for practice sessions
};

// Each score of one test on one device, in date order, against the person's baseline there.
std::vector<SessionComparison> compare_with_baseline(const CognitiveTest& test,
                                                     std::span<const double> scores_in_date_order);

// The score of a stored result: its numeric "score" member, if any.
std::optional<double> session_score(const CognitiveSession& session);

// Every session of a person against the baseline of its own test and device, in the order given
// (any order: each series is sorted by date, then id). Sessions on different devices are never
// compared with each other. A session of an unknown test or without a numeric score (e.g. an old
// import) gets a comparison with session_number 0 and nothing else, and is left out of its series.
std::vector<SessionComparison> compare_sessions(const std::vector<CognitiveSession>& sessions);

}  // namespace taperlab::assess
