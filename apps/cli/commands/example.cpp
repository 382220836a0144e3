// `taperlab example` (also what `taperlab` runs with no command): a worked example comparing an
// abrupt stop with a gradual taper for someone on clonazepam 1 mg twice daily.
#include <cmath>

#include "commands/commands.hpp"
#include "commands/simulation_output.hpp"
#include "text_format.hpp"

namespace taperlab::cli {
namespace {

constexpr int kDays = 540;
constexpr double kCut = 0.10;
constexpr int kEveryDays = 14;
// The unrounded example stops once the next dose would fall below 5% of the start; from there the
// final stop costs far less than an abrupt one (docs/model.md section 3). The planner rounds real
// plans to tablets and checks the final stop with the engine.
constexpr double kStopBelow = 0.05;

}  // namespace

void run_example(CliContext& ctx) {
  const Catalog& catalog = ctx.catalog();
  Regimen regimen;
  add_drug(regimen, parse_drug_regimen("clonazepam 1mg@08:00, 1mg@20:00", catalog));
  const EquivalenceTable& table = catalog.default_table();
  Simulator simulator(catalog, table, ModelParameters{});

  const std::vector<int> days = {30, 90, 180, 365, 540};
  SimulationRequest request;
  request.steady_state = regimen;
  request.duration_h = kDays * 24.0;
  const SimulationSummary abrupt = summarize(simulator.run(request), days);

  const DoseSchedule taper = fraction_taper(regimen, kCut, kEveryDays, kStopBelow);
  request.doses = taper.events(kDays);
  const SimulationSummary gradual = summarize(simulator.run(request), days);
  const int stop_day = taper.steps.back().start_day;

  auto& out = ctx.out();
  out << "taperlab worked example: clonazepam 1 mg at 08:00 and 20:00, taken for months\n"
      << "(" << format_mg(table.reference_equivalent_mg("clonazepam", 2.0))
      << " mg/day diazepam-equivalent by the " << table.name << ")\n\n";
  out << "A: abrupt stop on day 0\n";
  out << "B: cut 10% of the current dose every 2 weeks, from day 0; last dose "
      << format_mg(regimen.drugs[0].daily_mg() * std::pow(1 - kCut, taper.steps.size() - 1))
      << " mg/day, stopped on day " << stop_day << " (" << fixed(stop_day / 30.44, 1)
      << " months)\n\n";
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"peak withdrawal pressure", fixed(abrupt.peak_withdrawal, 3),
                  fixed(gradual.peak_withdrawal, 3)});
  rows.push_back({"day of the peak", fixed(abrupt.peak_day, 1), fixed(gradual.peak_day, 1)});
  rows.push_back({"peak, share of A's peak", "100%",
                  percent(gradual.peak_withdrawal / abrupt.peak_withdrawal, 0)});
  for (std::size_t i = 0; i < days.size(); ++i) {
    rows.push_back({"adaptation remaining, day " + std::to_string(days[i]),
                    percent(*abrupt.adaptation_remaining[i].remaining, 1),
                    percent(*gradual.adaptation_remaining[i].remaining, 1)});
  }
  out << text_table({"", "A abrupt stop", "B gradual taper"}, rows);
  out << "\n"
      << wrap(
             "An abrupt stop makes withdrawal pressure spike within days, when the drug has gone "
             "but the brain is still adapted to it; the taper keeps it low by letting the "
             "adaptation follow each small cut. Adaptation remaining falls to 0% as the brain "
             "heals. Never stop a benzodiazepine abruptly: it can cause severe withdrawal and "
             "seizures.");
  out << "\n" << wrap(model_caveat());
  out << "\nTry: taperlab simulate --regimen \"clonazepam 1mg@08:00, 1mg@20:00\" --days 180 "
         "--abrupt-stop\n     taperlab convert 2mg clonazepam --to diazepam\n     taperlab drugs\n";
}

void add_example_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("example", "worked example: abrupt stop vs gradual taper");
  cmd->callback([&ctx] { run_example(ctx); });
}

}  // namespace taperlab::cli
