#include "commands/simulation_output.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "text_format.hpp"

namespace taperlab::cli {

void add_model_options(CLI::App* cmd, ModelParameters& p) {
  cmd->add_option("--d50", p.effect.d50_mg_per_day,
                  "steady diazepam-equivalent mg/day giving half the maximal effect")
      ->capture_default_str();
  cmd->add_option("--hill", p.effect.hill_n, "Hill exponent of the effect curve")
      ->capture_default_str();
  cmd->add_option("--fast-half-days", p.adaptation.fast_half_time_d,
                  "half-time of the fast adaptation pool (days)")
      ->capture_default_str();
  cmd->add_option("--slow-half-days", p.adaptation.slow_half_time_d,
                  "half-time of the slow adaptation pool (days)")
      ->capture_default_str();
  cmd->add_option("--rho", p.adaptation.rho, "share of the effect that tolerance cancels")
      ->capture_default_str();
  cmd->add_option("--w-slow", p.adaptation.w_slow, "the slow pool's share of rho")
      ->capture_default_str();
}

void write_trace_csv(std::ostream& out, const SimulationTrace& trace) {
  std::string line = "t_h,day";
  for (const auto& s : trace.species) line += "," + s + "_mg_per_l";
  line += ",drive_u,occupancy,effect,adaptation,withdrawal,adaptation_remaining\n";
  out << line;
  for (std::size_t r = 0; r < trace.rows(); ++r) {
    line = fmt::format("{:g},{:.6f}", trace.t_h[r], trace.t_h[r] / 24.0);
    for (std::size_t s = 0; s < trace.species.size(); ++s) {
      line += fmt::format(",{:.6g}", trace.concentration(r, s));
    }
    line += fmt::format(",{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g}\n", trace.drive_u[r],
                        trace.occupancy[r], trace.effect[r], trace.adaptation[r],
                        trace.withdrawal[r], trace.adaptation_remaining[r]);
    out << line;
  }
}

nlohmann::json summary_json(const SimulationSummary& s) {
  nlohmann::json remaining = nlohmann::json::object();
  for (const auto& a : s.adaptation_remaining) {
    remaining["day_" + std::to_string(a.day)] =
        a.remaining ? nlohmann::json(*a.remaining) : nlohmann::json(nullptr);
  }
  return {{"peak_withdrawal", s.peak_withdrawal},
          {"peak_withdrawal_day", s.peak_day},
          {"withdrawal_below_25pct_of_peak_day", s.below_quarter_of_peak_day
                                                     ? nlohmann::json(*s.below_quarter_of_peak_day)
                                                     : nlohmann::json(nullptr)},
          {"adaptation_remaining", remaining},
          {"effect_at_start", s.effect_at_start},
          {"adaptation_at_start", s.adaptation_at_start}};
}

nlohmann::json parameters_json(const ModelParameters& p) {
  return {{"d50_mg_per_day", p.effect.d50_mg_per_day},
          {"hill_n", p.effect.hill_n},
          {"occupancy_at_40mg", p.effect.occupancy_at_40mg},
          {"fast_half_time_d", p.adaptation.fast_half_time_d},
          {"slow_half_time_d", p.adaptation.slow_half_time_d},
          {"rho", p.adaptation.rho},
          {"w_slow", p.adaptation.w_slow}};
}

std::string day_text(const std::optional<double>& day) {
  return day ? "day " + fixed(*day, 1) : "not within the simulated days";
}

std::string model_caveat() {
  return "Withdrawal pressure is the modelled gap between the brain's adaptation and the drug's "
         "effect (0 = none; on the scale of the effect, 0 to 1). The model is a simplification "
         "with uncertain parameters that differ from person to person: use it to compare "
         "schedules, not to predict one person's symptoms. Any change to a dose is a plan to "
         "discuss with a prescriber.";
}

}  // namespace taperlab::cli
