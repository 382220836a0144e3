#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json_fwd.hpp>
#include <ostream>
#include <string>

#include "core/model/model_parameters.hpp"
#include "core/model/simulation.hpp"
#include "core/model/simulation_summary.hpp"

namespace taperlab::cli {

// Options that set the model's effect and adaptation parameters (docs/model.md sections 2-3).
void add_model_options(CLI::App* cmd, ModelParameters& params);

// One row per output step: t_h, day, <species>_mg_per_l..., drive_u, occupancy, effect,
// adaptation, withdrawal, adaptation_remaining.
void write_trace_csv(std::ostream& out, const SimulationTrace& trace);

nlohmann::json summary_json(const SimulationSummary& s);
nlohmann::json parameters_json(const ModelParameters& p);

// "day 5.3" or "not within the run".
std::string day_text(const std::optional<double>& day);

std::string model_caveat();

}  // namespace taperlab::cli
