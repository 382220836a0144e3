// `taperlab plan --regimen "..." --strategy S [strategy options] [--formulations "..."]
// [--profile FILE.json] [--start YYYY-MM-DD] [--goal stop|MG] [--format table|csv|json|ics]
// [--country CODE] [--prefer keep-drug|diazepam|fewest-products] [--alternative N]
// [--out FILE] [--save [--db FILE] [--date YYYY-MM-DD] [--go-back-to-step N --reason TEXT]]`: a
// dated, dispensable taper plan with every step simulated, from one country's products, with
// complete alternatives when the products at hand cannot make it alone. --save stores it in the
// journal as the plan in force from its start (default --date, i.e. today), with the journal's
// profile and the dose in force as defaults; it never starts above the dose in force unless
// --go-back-to-step N --reason says so.
#include <fstream>
#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "commands/plan_options_cli.hpp"
#include "commands/simulation_output.hpp"
#include "core/base/error.hpp"
#include "core/journal/plan_view.hpp"
#include "core/plan/planner.hpp"
#include "io/data_dir.hpp"
#include "journal/people.hpp"
#include "journal/plan_options.hpp"
#include "journal/plan_start.hpp"
#include "journal/plans.hpp"
#include "journal_session.hpp"
#include "report/plan_report.hpp"

namespace taperlab::cli {
namespace {

struct PlanArgs {
  journal::PlanOptions options;
  std::string profile_file;
  std::string format = "table";
  std::string out;
  bool save = false;
  int go_back_to_step = 0;  // with --reason: the explicit choice to go back up one step
  std::string reason;
  JournalArgs journal;
};

void run_plan(CliContext& ctx, const PlanArgs& a) {
  const Catalog& catalog = ctx.catalog();
  journal::PlanOptions options = a.options;
  if (!a.profile_file.empty()) {
    io::read_json_file_with(a.profile_file, "--profile", [&](const nlohmann::json& doc) {
      options.profile = parse_profile(doc);
    });
  }
  // Saving puts the plan into the journal: the stored regimen and profile are the defaults.
  std::unique_ptr<JournalSession> session;
  std::optional<Person> person;
  journal::PlanDefaults defaults;
  const bool going_back = a.go_back_to_step != 0 || !a.reason.empty();
  if (going_back && !a.save) {
    throw ValidationError("--go-back-to-step",
                          "going back a step changes the plan in your journal: add --save");
  }
  if (going_back && a.go_back_to_step == 0) {
    throw ValidationError("--go-back-to-step",
                          "--reason belongs to --go-back-to-step N (the previous step)");
  }
  if (a.save) {
    if (a.format != "table" || !a.out.empty()) {
      throw ValidationError("--save", "--save prints the plan as a table; export it afterwards");
    }
    session = std::make_unique<JournalSession>(ctx, a.journal);
    person = journal::require_person(session->repo());
    if (!options.profile) options.profile = person->profile;
    defaults.start = session->date();
  } else if (!a.journal.date.empty()) {
    throw ValidationError("--date", "--date belongs to --save (storing the plan in the journal)");
  }
  // Without --country: the journal's (never created here), else the system locale's.
  defaults.country = journal_country(a.journal.db);
  if (defaults.country.empty()) defaults.country = locale_country();
  if (a.format != "table" && a.format != "csv" && a.format != "json" && a.format != "ics") {
    throw ValidationError("--format", "expected table, csv, json or ics, got '" + a.format + "'");
  }
  if (session) {
    // From the dose in force, never above it unless going back is asked for with a reason.
    std::optional<journal::GoBackChoice> go_back;
    if (going_back) go_back = journal::GoBackChoice{a.go_back_to_step, a.reason};
    const journal::PlanStart start =
        journal::plan_start_for(session->repo(), catalog, *person, session->date(), options,
                                defaults, journal::OptionSpelling::kCommandLine, go_back);
    const Plan plan = build_plan(start.request, catalog);
    const PlanVersion saved = journal::save_plan_start(session->context(), *person, start, plan,
                                                       "saved with taperlab plan --save");
    ctx.out() << report::plan_table(plan, catalog);
    if (start.go_back) {
      ctx.out() << "Saved as plan version " << saved.version << ": back to step "
                << start.in_force->previous_step->index << " ("
                << start.in_force->previous_step->regimen().describe() << ") from "
                << start.from.to_string() << ", and the plan above from "
                << start.go_back_first_cut->to_string()
                << ". Reason recorded: " << start.go_back->reason << "\n";
      return;
    }
    ctx.out() << "Saved as plan version " << saved.version << ", in force from "
              << saved.effective_from.to_string() << ". See each day with `taperlab today`.\n";
    return;
  }
  const PlanRequest request = journal::build_plan_request(
      catalog, options, journal::OptionSpelling::kCommandLine, defaults);
  if (a.format == "ics" && !request.settings.start_date) {
    throw ValidationError("--start", "an iCalendar file needs a start date (--start YYYY-MM-DD)");
  }

  const Plan plan = build_plan(request, catalog);
  std::string text;
  if (a.format == "table") {
    text = report::plan_table(plan, catalog);
  } else if (a.format == "csv") {
    text = report::plan_csv(plan, catalog.table(plan.settings.table_id));
  } else if (a.format == "json") {
    text = nlohmann::json::parse(plan_document_text(plan)).dump(2) + "\n";
  } else {
    text = report::plan_ics(plan);
  }
  if (a.out.empty()) {
    ctx.out() << text;
    return;
  }
  std::ofstream file(a.out, std::ios::binary);
  if (!file || !(file << text)) throw ValidationError("--out", "cannot write '" + a.out + "'");
  ctx.out() << "Plan written to " << a.out << " (" << plan.steps.size() << " steps, "
            << plan.total_days() << " days). " << kDraftNotice << "\n";
}

}  // namespace

void add_plan_options(CLI::App* cmd, journal::PlanOptions& options, std::string& profile_file,
                      bool strategy_required) {
  cmd->add_option("--regimen", options.regimens,
                  "current regimen, e.g. \"clonazepam 1mg@08:00, 1mg@20:00\" (repeat per drug; "
                  "with --save, the journal's regimen by default)");
  cmd->add_option("--strategy", options.strategy,
                  "fraction, hyperbolic, bands, guided or crossover")
      ->required(strategy_required);
  cmd->add_option("--profile", profile_file, "profile JSON: age, sex, country, risks");
  cmd->add_option("--cut", options.cut, "fraction/hyperbolic: cut of the current dose, e.g. 10%");
  cmd->add_option("--every", options.every, "days between cuts, e.g. 14d");
  cmd->add_option("--steps", options.steps, "hyperbolic: number of equal-effect steps");
  cmd->add_option("--pace", options.pace, "bands: slow, medium or fast");
  cmd->add_option("--ceiling", options.ceiling, "guided: highest withdrawal pressure per step");
  cmd->add_option("--to", options.to, "crossover: the long-acting drug to switch to");
  cmd->add_option("--then", options.then, "crossover: the strategy that follows");
  cmd->add_option("--formulations", options.formulations,
                  "products at hand, e.g. \"diazepam:2,5,10 tablet half; clonazepam:0.5 tablet\"");
  cmd->add_option("--country", options.country,
                  "country whose products the plan uses: US, UK, IE, CA, AU, DE, FR, NL, ES, IT "
                  "(default: the journal's, else the system locale's)");
  cmd->add_option("--prefer", options.prefer,
                  "when your products cannot make the plan alone, which alternative comes first: "
                  "keep-drug, diazepam or fewest-products (default)");
  cmd->add_option("--alternative", options.alternative,
                  "take alternative N of those listed with the plan");
  cmd->add_option("--start", options.start, "first day of the plan, YYYY-MM-DD");
  cmd->add_option("--by", options.by, "hoped-for end date (never makes the plan faster)");
  cmd->add_option("--goal", options.goal, "stop, or a maintenance dose in mg/day")
      ->capture_default_str();
  cmd->add_option("--table", options.table, "equivalence table")->capture_default_str();
  cmd->add_flag("--cut-evening-first", options.cut_evening_first,
                "cut the evening dose first (default: last)");
  cmd->add_option("--override-reason", options.override_reason,
                  "clinician only: reason for exceeding the 25%-in-14-days limit");
  cmd->add_option("--max-cut", options.max_cut, "clinician only: the larger limit, e.g. 35%");
  add_model_options(cmd, options.model);
}

void add_plan_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("plan", "make a dated, dispensable taper plan");
  auto a = std::make_shared<PlanArgs>();
  add_plan_options(cmd, a->options, a->profile_file, true);
  cmd->add_option("--format", a->format, "table, csv, json or ics")->capture_default_str();
  cmd->add_option("--out", a->out, "write to this file instead of the screen");
  cmd->add_flag("--save", a->save,
                "store the plan in your journal as the plan in force from its start date; it "
                "starts from the dose in force then, never above it");
  cmd->add_option("--go-back-to-step", a->go_back_to_step,
                  "with --save and --reason: go back up to the previous step N of the plan in "
                  "force, hold it 14 days, then cut again");
  cmd->add_option("--reason", a->reason,
                  "why the plan goes back up a step (recorded with the plan version)");
  add_journal_options(cmd, a->journal, true, false);
  cmd->callback([&ctx, a] { run_plan(ctx, *a); });
}

}  // namespace taperlab::cli
