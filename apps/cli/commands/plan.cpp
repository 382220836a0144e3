// `taperlab plan --regimen "..." --strategy S [strategy options] [--formulations "..."]
// [--profile FILE.json] [--start YYYY-MM-DD] [--goal stop|MG] [--format table|csv|json|ics]
// [--out FILE] [--save [--db FILE] [--date YYYY-MM-DD]]`: a dated, dispensable taper plan with
// every step simulated. --save stores it in the journal as the plan in force from its start
// (default --date, i.e. today), with the journal's regimen and profile as defaults.
#include <charconv>
#include <fstream>
#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "commands/simulation_output.hpp"
#include "core/error.hpp"
#include "core/plan/planner.hpp"
#include "io/data_dir.hpp"
#include "journal/people.hpp"
#include "journal/plans.hpp"
#include "journal/today.hpp"
#include "journal_session.hpp"
#include "report/plan_report.hpp"

namespace taperlab::cli {
namespace {

struct PlanArgs {
  std::vector<std::string> regimens;
  std::string profile_file;
  std::string strategy;
  std::string cut;
  std::string every;
  int steps = 0;
  std::string pace;
  double ceiling = 0;
  std::string to;
  std::string then;
  std::string formulations;
  std::string country;
  std::string start;
  std::string by;
  std::string goal = "stop";
  std::string format = "table";
  std::string out;
  std::string table = "ashton";
  bool cut_evening_first = false;
  std::string override_reason;
  std::string max_cut;
  ModelParameters model;
  bool save = false;
  JournalArgs journal;
};

// "10%" or "10" -> 0.10
double parse_percent(const std::string& text, const std::string& field) {
  std::string number = text;
  if (!number.empty() && number.back() == '%') number.pop_back();
  double value = 0;
  auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (number.empty() || ec != std::errc() || ptr != number.data() + number.size() || value <= 0 ||
      value >= 100) {
    throw ValidationError(field, "expected a percentage such as 10%, got '" + text + "'");
  }
  return value / 100.0;
}

// "14d", "14", "2w" -> days
int parse_days(const std::string& text, const std::string& field) {
  std::string number = text;
  int factor = 1;
  if (!number.empty() && (number.back() == 'd' || number.back() == 'w')) {
    factor = number.back() == 'w' ? 7 : 1;
    number.pop_back();
  }
  int value = 0;
  auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (number.empty() || ec != std::errc() || ptr != number.data() + number.size() || value < 1 ||
      value * factor > 90) {
    throw ValidationError(
        field, "expected days between cuts such as 14d or 2w (1 to 90 days), got '" + text + "'");
  }
  return value * factor;
}

void reject_unless(bool allowed, const std::string& option, bool given, const std::string& why) {
  if (given && !allowed) throw ValidationError(option, why);
}

void run_plan(CliContext& ctx, const PlanArgs& a) {
  const Catalog& catalog = ctx.catalog();
  PlanRequest request;
  for (const auto& text : a.regimens) {
    add_drug(request.regimen, parse_drug_regimen(text, catalog, "--regimen"));
  }
  if (!a.profile_file.empty()) {
    request.profile = parse_profile(io::read_json_file(a.profile_file, "--profile"));
  }
  // Saving puts the plan into the journal: the stored regimen and profile are the defaults.
  std::unique_ptr<JournalSession> session;
  std::optional<Person> person;
  if (a.save) {
    if (a.format != "table" || !a.out.empty()) {
      throw ValidationError("--save", "--save prints the plan as a table; export it afterwards");
    }
    session = std::make_unique<JournalSession>(ctx, a.journal);
    person = journal::require_person(session->repo());
    const CivilDate start =
        a.start.empty() ? session->date() : parse_civil_date(a.start, "--start");
    if (a.regimens.empty()) {
      // A new plan continues from the dose of the plan in force (e.g. after a pause agreed with a
      // clinician), never from the old starting regimen, which would be a step back up.
      const journal::TodayView current = journal::build_today(session->repo(), *person, start);
      auto stored = session->repo().regimen_on(person->id, start);
      if (current.step && !current.step->doses.empty()) {
        request.regimen = current.step->regimen();
      } else if (current.step) {
        throw ValidationError("--regimen",
                              "the plan in force has stopped all doses; give "
                              "--regimen if a new plan is needed");
      } else if (!stored) {
        throw ValidationError("--regimen", "no regimen is stored for " + start.to_string() +
                                               "; give --regimen or run `taperlab init --regimen`");
      } else {
        request.regimen = stored->regimen;
      }
    }
    if (a.profile_file.empty()) request.profile = person->profile;
  } else if (!a.journal.date.empty() || !a.journal.db.empty()) {
    throw ValidationError(a.journal.db.empty() ? "--date" : "--db",
                          "--db and --date belong to --save (storing the plan in the journal)");
  } else if (a.regimens.empty()) {
    throw ValidationError("--regimen",
                          "give the current regimen, e.g. --regimen "
                          "\"clonazepam 0.5mg@08:00, 0.5mg@20:00\"");
  }
  if (!a.country.empty()) request.profile.country = a.country;

  PlanSettings& s = request.settings;
  s.strategy = a.strategy;
  const bool crossover = a.strategy == "crossover";
  const std::string tapering = crossover ? (a.then.empty() ? "fraction" : a.then) : a.strategy;
  reject_unless(crossover, "--to", !a.to.empty(), "--to is an option of --strategy crossover");
  reject_unless(crossover, "--then", !a.then.empty(),
                "--then is an option of --strategy crossover");
  reject_unless(tapering == "hyperbolic", "--steps", a.steps != 0,
                "--steps is an option of the hyperbolic strategy");
  reject_unless(tapering == "bands", "--pace", !a.pace.empty(),
                "--pace is an option of the bands strategy");
  reject_unless(tapering == "guided", "--ceiling", a.ceiling != 0,
                "--ceiling is an option of the guided strategy");
  reject_unless(tapering != "bands", "--cut", !a.cut.empty(),
                "the bands strategy sets its own cuts; use --pace");
  reject_unless(tapering != "bands", "--every", !a.every.empty(),
                "the bands strategy sets its own intervals; use --pace");
  reject_unless(!a.override_reason.empty(), "--max-cut", !a.max_cut.empty(),
                "--max-cut needs a clinician's --override-reason");
  if (tapering == "hyperbolic" && a.steps != 0 && !a.cut.empty()) {
    throw ValidationError("--steps", "give either --steps or --cut for the hyperbolic strategy");
  }
  if (crossover && a.to.empty()) {
    throw ValidationError("--to", "a crossover needs the drug to switch to, e.g. --to diazepam");
  }
  s.then_strategy = crossover ? tapering : "";
  if (crossover) s.crossover_to = catalog.drug(a.to, "--to").id;
  s.table_id = catalog.table(a.table, "--table").id;
  s.model = a.model;
  if (!a.cut.empty()) s.cut_fraction = parse_percent(a.cut, "--cut");
  if (!a.every.empty()) s.every_days = parse_days(a.every, "--every");
  if (a.steps != 0) {
    if (a.steps < 2 || a.steps > 200) throw ValidationError("--steps", "expected 2 to 200 steps");
    s.steps = a.steps;
  }
  if (!a.pace.empty()) s.pace = a.pace;
  if (a.ceiling != 0) {
    if (!(a.ceiling > 0 && a.ceiling < 1)) {
      throw ValidationError("--ceiling", "expected a withdrawal pressure between 0 and 1");
    }
    s.ceiling = a.ceiling;
  }
  if (a.goal != "stop") s.goal_mg = parse_amount_mg(a.goal, "--goal");
  if (!a.start.empty()) s.start_date = parse_civil_date(a.start, "--start");
  if (session && !s.start_date) s.start_date = session->date();
  if (!a.by.empty()) {
    s.target_date = parse_civil_date(a.by, "--by");
    if (!s.start_date) throw ValidationError("--by", "a target date needs --start");
    if (*s.target_date <= *s.start_date) {
      throw ValidationError("--by", "the target date must be after the start date");
    }
  }
  s.cut_evening_last = !a.cut_evening_first;
  if (!a.override_reason.empty()) {
    s.clinician_override_reason = a.override_reason;
    if (!a.max_cut.empty()) s.max_cut_fraction_override = parse_percent(a.max_cut, "--max-cut");
  }
  if (a.format != "table" && a.format != "csv" && a.format != "json" && a.format != "ics") {
    throw ValidationError("--format", "expected table, csv, json or ics, got '" + a.format + "'");
  }
  if (a.format == "ics" && !s.start_date) {
    throw ValidationError("--start", "an iCalendar file needs a start date (--start YYYY-MM-DD)");
  }

  std::vector<std::string> drug_ids;
  for (const auto& d : request.regimen.drugs) drug_ids.push_back(d.drug_id);
  if (crossover) drug_ids.push_back(s.crossover_to);
  if (a.formulations.empty()) {
    request.formulations = default_formulations(catalog, drug_ids, request.profile.country);
  } else {
    request.formulations = parse_formulations(a.formulations, catalog, "--formulations");
  }

  const Plan plan = build_plan(request, catalog);
  if (session) {
    const PlanVersion saved = journal::save_plan(session->context(), *person, request, plan,
                                                 "saved with taperlab plan --save");
    ctx.out() << report::plan_table(plan, catalog);
    ctx.out() << "Saved as plan version " << saved.version << ", in force from "
              << saved.effective_from.to_string() << ". See each day with `taperlab today`.\n";
    return;
  }
  std::string text;
  if (a.format == "table") {
    text = report::plan_table(plan, catalog);
  } else if (a.format == "csv") {
    text = report::plan_csv(plan, catalog.table(plan.settings.table_id));
  } else if (a.format == "json") {
    text = report::plan_json(plan).dump(2) + "\n";
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

void add_plan_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("plan", "make a dated, dispensable taper plan");
  auto a = std::make_shared<PlanArgs>();
  cmd->add_option("--regimen", a->regimens,
                  "current regimen, e.g. \"clonazepam 1mg@08:00, 1mg@20:00\" (repeat per drug; "
                  "with --save, the journal's regimen by default)");
  cmd->add_option("--strategy", a->strategy, "fraction, hyperbolic, bands, guided or crossover")
      ->required();
  cmd->add_option("--profile", a->profile_file, "profile JSON: age, sex, country, risks");
  cmd->add_option("--cut", a->cut, "fraction/hyperbolic: cut of the current dose, e.g. 10%");
  cmd->add_option("--every", a->every, "days between cuts, e.g. 14d");
  cmd->add_option("--steps", a->steps, "hyperbolic: number of equal-effect steps");
  cmd->add_option("--pace", a->pace, "bands: slow, medium or fast");
  cmd->add_option("--ceiling", a->ceiling, "guided: highest withdrawal pressure per step");
  cmd->add_option("--to", a->to, "crossover: the long-acting drug to switch to");
  cmd->add_option("--then", a->then, "crossover: the strategy that follows");
  cmd->add_option("--formulations", a->formulations,
                  "products at hand, e.g. \"diazepam:2,5,10 tablet half; clonazepam:0.5 tablet\"");
  cmd->add_option("--country", a->country, "country for the default formulations (US, UK, ...)");
  cmd->add_option("--start", a->start, "first day of the plan, YYYY-MM-DD");
  cmd->add_option("--by", a->by, "hoped-for end date (never makes the plan faster)");
  cmd->add_option("--goal", a->goal, "stop, or a maintenance dose in mg/day")
      ->capture_default_str();
  cmd->add_option("--format", a->format, "table, csv, json or ics")->capture_default_str();
  cmd->add_option("--out", a->out, "write to this file instead of the screen");
  cmd->add_option("--table", a->table, "equivalence table")->capture_default_str();
  cmd->add_flag("--cut-evening-first", a->cut_evening_first,
                "cut the evening dose first (default: last)");
  cmd->add_option("--override-reason", a->override_reason,
                  "clinician only: reason for exceeding the 25%-in-14-days limit");
  cmd->add_option("--max-cut", a->max_cut, "clinician only: the larger limit, e.g. 35%");
  add_model_options(cmd, a->model);
  cmd->add_flag("--save", a->save,
                "store the plan in your journal as the plan in force from its start date");
  add_journal_options(cmd, a->journal, true, false);
  cmd->callback([&ctx, a] { run_plan(ctx, *a); });
}

}  // namespace taperlab::cli
