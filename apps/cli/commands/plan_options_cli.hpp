#pragma once

// The options that describe a plan to make (--regimen, --strategy, --cut, ... and the model's),
// shared by `taperlab plan` and `taperlab pharmacy`.

#include <CLI/CLI.hpp>
#include <string>

#include "journal/plan_options.hpp"

namespace taperlab::cli {

void add_plan_options(CLI::App* cmd, journal::PlanOptions& options, std::string& profile_file,
                      bool strategy_required);

}  // namespace taperlab::cli
