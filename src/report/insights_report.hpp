#pragma once

// Printable and exportable forms of the insights summary (`taperlab insights`, `--json`). Pure:
// each renders from the summary alone, so the output is the same on every run and can be
// golden-tested.

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/insight/insight_summary.hpp"

namespace taperlab::report {

// Plain lines of at most 100 columns, in calm words: how to read the numbers (the symptom
// checklist is taperlab's own, not a validated scale), the dose line with its cuts, each trend
// ("rising" or "falling" only when the 95% interval excludes no change; "not enough data yet" with
// too few values) with its recent means and the values around each cut, memory and attention
// tests (or "No memory and attention tests yet."), then habits against next-day symptoms, worded
// as associations with their intervals and the Holm correction.
std::string insights_text(const insight::InsightSummary& summary);

// The same as data: {"period", "dose_line", "trends", "cognition", "habits", "notes"}; absent
// values are null, dates YYYY-MM-DD, slopes per week in the measure's unit ("unit").
nlohmann::json insights_json(const insight::InsightSummary& summary);

}  // namespace taperlab::report
