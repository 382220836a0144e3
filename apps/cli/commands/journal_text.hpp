#pragma once

// Plain-text screens of the journal commands (golden-tested): calm words, lines of at most 100
// columns.

#include <optional>
#include <string>

#include "core/drugs/catalog.hpp"
#include "journal/recovery.hpp"
#include "journal/today.hpp"

namespace taperlab::cli {

// `review` is the day the plan is next reviewed (the person should check in then).
// `concerns` (recovery only): symptoms that persist or return beyond what the model expects.
std::string today_text(const journal::TodayView& today, const Catalog& catalog,
                       std::optional<CivilDate> review,
                       const std::vector<RecoveryConcern>& concerns = {});

// After the last dose (`taperlab status`): days since it, the person's recovery against their own
// pre-taper baseline, the model's adaptation remaining with its band, concerns and check-ups due.
std::string recovery_text(const journal::RecoveryView& recovery);

// "continue", "hold", ... with the reason, wrapped.
std::string decision_text(const Decision& decision);

}  // namespace taperlab::cli
