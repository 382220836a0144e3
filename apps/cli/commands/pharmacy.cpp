// `taperlab pharmacy [--period 7|14|28] [--json] (plan options [--start D] | [--db F] [--date D])`:
// what a pharmacy dispenses for a plan, per supply period and in total. With plan options
// (--strategy and the rest, as `taperlab plan` takes them) the periods start at the plan's start
// (--start, today by default); without, the journal's plan in force is counted from --date (today
// by default): a pharmacist preparing the next supply needs what is still to come, not what was
// dispensed weeks ago.
#include "journal/pharmacy.hpp"

#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "commands/plan_options_cli.hpp"
#include "core/base/error.hpp"
#include "core/plan/planner.hpp"
#include "core/plan/supply_periods.hpp"
#include "io/clock.hpp"
#include "io/data_dir.hpp"
#include "journal/people.hpp"
#include "journal_session.hpp"
#include "report/pharmacy_report.hpp"

namespace taperlab::cli {
namespace {

struct PharmacyArgs {
  journal::PlanOptions options;
  std::string profile_file;
  int period = 28;
  JournalArgs journal;
};

void print(CliContext& ctx, const PharmacyArgs& a, const SupplySchedule& schedule,
           const report::PharmacyHeading& heading) {
  if (a.journal.json) {
    ctx.out() << report::pharmacy_json(schedule, ctx.catalog()).dump(2) << "\n";
  } else {
    ctx.out() << report::pharmacy_text(schedule, ctx.catalog(), heading);
  }
}

void run_pharmacy(CliContext& ctx, const PharmacyArgs& a) {
  check_supply_period(a.period, "--period");
  const Catalog& catalog = ctx.catalog();
  if (a.options.strategy.empty()) {
    // The journal's plan in force, from --date (today by default).
    JournalSession session(ctx, a.journal);
    const Person person = journal::require_person(session.repo());
    const journal::PlanSupply supply =
        journal::plan_supply(session.repo(), person, session.date(), a.period);
    print(ctx, a, supply.schedule, supply.heading);
    return;
  }
  if (!a.journal.date.empty()) {
    throw ValidationError("--date",
                          "--date belongs to the journal's plan; a new plan starts on "
                          "--start");
  }
  journal::PlanOptions options = a.options;
  if (!a.profile_file.empty()) {
    io::read_json_file_with(a.profile_file, "--profile", [&](const nlohmann::json& doc) {
      options.profile = parse_profile(doc);
    });
  }
  journal::PlanDefaults defaults;
  defaults.start = io::local_today();
  defaults.country = journal_country(a.journal.db);
  if (defaults.country.empty()) defaults.country = locale_country();
  const PlanRequest request = journal::build_plan_request(
      catalog, options, journal::OptionSpelling::kCommandLine, defaults);
  const Plan plan = build_plan(request, catalog);
  const CivilDate start = plan.settings.start_date.value_or(*defaults.start);
  const SupplySchedule schedule =
      supply_schedule(plan.steps, start, start, a.period, plan.settings.country);
  report::PharmacyHeading heading;
  heading.plan = "Taper plan from " + plan.start_regimen.describe() + ", starting " +
                 start.to_string() + " (" + std::to_string(plan.steps.size()) + " steps)";
  if (plan.needs_clinician()) heading.plan += "; a clinician must review it before it starts";
  print(ctx, a, schedule, heading);
}

}  // namespace

void add_pharmacy_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand(
      "pharmacy", "what a pharmacy dispenses for a plan, per supply period and in total");
  auto a = std::make_shared<PharmacyArgs>();
  cmd->add_option("--period", a->period,
                  "days per supply: 7, 14 or 28 (any whole number from 1 to 90)")
      ->capture_default_str();
  add_plan_options(cmd, a->options, a->profile_file, false);
  add_journal_options(cmd, a->journal, true);
  cmd->callback([&ctx, a] { run_pharmacy(ctx, *a); });
}

}  // namespace taperlab::cli
