// `taperlab simulate --regimen "DRUG DOSE@HH:MM, ..." --days N [--abrupt-stop | --plan FILE]
// [--csv FILE] [--json]`: the regimen taken for months until day 0, then the plan (or nothing).
#include <fstream>
#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "commands/simulation_output.hpp"
#include "core/base/error.hpp"
#include "core/dosing/dose_schedule_json.hpp"
#include "io/data_dir.hpp"
#include "text_format.hpp"

namespace taperlab::cli {
namespace {

struct SimulateArgs {
  std::vector<std::string> regimens;
  int days = 0;
  bool abrupt_stop = false;
  std::string plan_file;
  std::string csv_file;
  bool json = false;
  std::string table = "ashton";
  ModelParameters params;
};

constexpr int kMaxDays = 3650;

void run_simulate(CliContext& ctx, const SimulateArgs& args) {
  const Catalog& catalog = ctx.catalog();
  if (args.days < 1 || args.days > kMaxDays) {
    throw ValidationError("--days",
                          "expected a whole number of days from 1 to " + std::to_string(kMaxDays));
  }
  Regimen regimen;
  for (const auto& text : args.regimens) {
    add_drug(regimen, parse_drug_regimen(text, catalog, "--regimen"));
  }
  const EquivalenceTable& table = catalog.table(args.table, "--table");
  for (const auto& d : regimen.drugs) (void)table.at(d.drug_id);  // fails early, naming the table

  DoseSchedule schedule;
  std::string from_day0;
  if (args.abrupt_stop) {
    from_day0 = "abrupt stop (no doses from day 0)";
  } else if (!args.plan_file.empty()) {
    io::read_json_file_with(args.plan_file, "--plan", [&](const nlohmann::json& doc) {
      schedule = parse_dose_schedule(doc, catalog);
    });
    from_day0 =
        "the plan in " + args.plan_file + " (" + std::to_string(schedule.steps.size()) + " steps)";
  } else {
    schedule.steps.push_back({0, regimen});
    from_day0 = "the same regimen, unchanged";
  }

  Simulator simulator(catalog, table, args.params);
  SimulationRequest request;
  request.steady_state = regimen;
  request.doses = schedule.events(args.days);
  request.duration_h = args.days * 24.0;
  const SimulationTrace trace = simulator.run(request);
  const SimulationSummary summary = summarize(trace);

  if (!args.csv_file.empty()) {
    std::ofstream csv(args.csv_file);
    if (!csv) throw ValidationError("--csv", "cannot write '" + args.csv_file + "'");
    write_trace_csv(csv, trace);
  }

  double equivalent_mg = 0;
  for (const auto& d : regimen.drugs) {
    equivalent_mg += table.reference_equivalent_mg(d.drug_id, d.daily_mg());
  }
  if (args.json) {
    nlohmann::json out = summary_json(summary);
    out["days"] = args.days;
    out["table"] = table.id;
    out["regimen"] = regimen.describe();
    out["diazepam_equivalent_mg_per_day"] = equivalent_mg;
    out["from_day_0"] = from_day0;
    out["parameters"] = parameters_json(args.params);
    ctx.out() << out.dump(2) << "\n";
    return;
  }
  auto& out = ctx.out();
  out << "Simulated " << args.days << " days (potency from the " << table.name << " table)\n";
  out << "Before day 0 (taken for months): " << regimen.describe() << " = "
      << format_mg(equivalent_mg) << " mg/day " << table.reference_drug << "-equivalent\n";
  out << "From day 0: " << from_day0 << "\n\n";
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"peak withdrawal pressure",
                  fixed(summary.peak_withdrawal, 3) + " on day " + fixed(summary.peak_day, 1)});
  rows.push_back({"below 25% of the peak", summary.peak_withdrawal > 0
                                               ? day_text(summary.below_quarter_of_peak_day)
                                               : "no withdrawal pressure"});
  for (const auto& a : summary.adaptation_remaining) {
    rows.push_back({"adaptation remaining, day " + std::to_string(a.day),
                    a.remaining ? percent(*a.remaining) : "beyond the simulated days"});
  }
  rows.push_back({"effect at day 0", fixed(summary.effect_at_start, 3)});
  out << text_table({"measure", "value"}, rows);
  if (!args.csv_file.empty()) out << "\nHourly values written to " << args.csv_file << "\n";
  out << "\n" << wrap(model_caveat());
}

}  // namespace

void add_simulate_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("simulate", "simulate drug levels, effect and adaptation");
  auto args = std::make_shared<SimulateArgs>();
  cmd->add_option("--regimen", args->regimens,
                  "current regimen, e.g. \"clonazepam 1mg@08:00, 1mg@20:00\" (repeat per drug)")
      ->required();
  cmd->add_option("--days", args->days, "days to simulate from day 0")->required();
  auto* stop = cmd->add_flag("--abrupt-stop", args->abrupt_stop, "take nothing from day 0");
  auto* plan = cmd->add_option("--plan", args->plan_file, "plan JSON: doses from day 0");
  stop->excludes(plan);
  cmd->add_option("--csv", args->csv_file, "write hourly values to this CSV file");
  cmd->add_flag("--json", args->json, "print the summary as JSON");
  cmd->add_option("--table", args->table, "equivalence table for potency")->capture_default_str();
  add_model_options(cmd, args->params);
  cmd->callback([&ctx, args] { run_simulate(ctx, *args); });
}

}  // namespace taperlab::cli
