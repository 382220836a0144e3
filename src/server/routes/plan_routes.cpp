// Plans: a simulated preview (the wizard's charts, beside an abrupt stop), saving a plan as the
// person's new plan version, the versions, and a version as a calendar to print or import.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "core/base/error.hpp"
#include "core/base/json_text.hpp"
#include "core/journal/plan_request_json.hpp"
#include "core/journal/plan_view.hpp"
#include "core/journal/records_json.hpp"
#include "core/plan/plan_series.hpp"
#include "core/plan/planner.hpp"
#include "io/data_dir.hpp"
#include "io/population_load.hpp"
#include "journal/plan_band.hpp"
#include "journal/plan_options.hpp"
#include "journal/plan_start.hpp"
#include "journal/plans.hpp"
#include "report/plan_report.hpp"
#include "server/routes/band_text.hpp"
#include "server/routes/course_text.hpp"
#include "server/routes/routes.hpp"

namespace taperlab::server {
namespace {

// Options as the command line spells them; numbers are accepted where the CLI takes "10%"/"14d".
std::string option_text(const nlohmann::json& body, const char* key) {
  if (!body.contains(key) || body.at(key).is_null()) return "";
  const auto& v = body.at(key);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  throw ValidationError(key, "expected text or a number");
}

// A count or number from a body as an int, refused (with the option's own message) when it has a
// fraction or lies outside int's range: 1e300 or 2^32 + 1 never become some other int.
int whole_int(double x, const char* key, const std::string& message) {
  if (!(x >= std::numeric_limits<int>::min() && x <= std::numeric_limits<int>::max()) ||
      x != std::floor(x)) {
    throw ValidationError(key, message);
  }
  return static_cast<int>(x);
}

journal::PlanOptions plan_options(const nlohmann::json& body) {
  journal::PlanOptions o;
  if (body.contains("regimen") && body.at("regimen").is_array()) {
    for (const auto& item : body.at("regimen")) {
      if (!item.is_string()) throw ValidationError("regimen", "expected text for each drug");
      o.regimens.push_back(item.get<std::string>());
    }
  } else if (auto text = option_text(body, "regimen"); !text.empty()) {
    o.regimens.push_back(text);
  }
  o.strategy = option_text(body, "strategy");
  if (o.strategy.empty()) throw ValidationError("strategy", "is required");
  o.cut = option_text(body, "cut");
  o.every = option_text(body, "every");
  if (auto steps = optional_number(body, "steps")) {
    o.steps = whole_int(*steps, "steps", "expected 2 to 200 steps");
  }
  o.pace = option_text(body, "pace");
  if (auto ceiling = optional_number(body, "ceiling")) o.ceiling = *ceiling;
  o.to = option_text(body, "to");
  o.then = option_text(body, "then");
  o.formulations = option_text(body, "formulations");
  o.country = option_text(body, "country");
  o.prefer = option_text(body, "prefer");
  if (auto alternative = optional_number(body, "alternative")) {
    o.alternative =
        whole_int(*alternative, "alternative", "expected the number of an alternative, 1 or more");
  }
  o.start = option_text(body, "start");
  o.by = option_text(body, "by");
  if (auto goal = option_text(body, "goal"); !goal.empty()) o.goal = goal;
  if (auto table = option_text(body, "table"); !table.empty()) o.table = table;
  if (body.contains("cut_evening_first")) {
    if (!body.at("cut_evening_first").is_boolean()) {
      throw ValidationError("cut_evening_first", "expected true or false");
    }
    o.cut_evening_first = body.at("cut_evening_first").get<bool>();
  }
  o.override_reason = option_text(body, "override_reason");
  o.max_cut = option_text(body, "max_cut");
  return o;
}

// The explicit choice to go back up to the previous step: both fields, or neither.
std::optional<journal::GoBackChoice> go_back_choice(const nlohmann::json& body) {
  const auto step = optional_number(body, "go_back_to_step");
  const auto reason = optional_text(body, "go_back_reason");
  if (!step && !reason) return std::nullopt;
  if (!step) {
    throw ValidationError("go_back_to_step", "going back needs the number of the previous step");
  }
  if (*step != std::floor(*step) || *step < 1 || *step > std::numeric_limits<int>::max()) {
    throw ValidationError("go_back_to_step", "expected the number of the previous step");
  }
  return journal::GoBackChoice{static_cast<int>(*step), reason.value_or("")};
}

struct BuiltPlan {
  journal::PlanStart start;
  Plan plan;
};

// The planner's request for this call's body and person (nothing built yet), from the dose in
// force today and never above it (journal/plan_start.hpp).
journal::PlanStart plan_start_for(ApiCall& call, const nlohmann::json& body) {
  const Person& person = call.person();
  journal::PlanOptions options = plan_options(body);
  options.profile = person.profile;
  // The day the plan is made, as `taperlab plan --save --date`: today unless given, never later.
  const CivilDate date = body_date(call, body);
  journal::PlanDefaults defaults;
  defaults.start = date;
  return journal::plan_start_for(call.repo, call.server.catalog, person, date, options, defaults,
                                 journal::OptionSpelling::kJson, go_back_choice(body));
}

BuiltPlan build_for(ApiCall& call, const nlohmann::json& body) {
  BuiltPlan built;
  built.start = plan_start_for(call, body);
  built.plan = build_plan(built.start.request, call.server.catalog);
  return built;
}

// The plan a preview shows for `built.start`, from the planner search this server kept for the
// same request (and keeping the one it makes), refused like a saved plan when its first cut
// would join the plan in force's last one into more than the rate cap.
void build_previewed_plan(ApiCall& call, BuiltPlan& built, PlanSimulations& simulations) {
  const PlanRequest& request = built.start.request;
  const std::string search_key = PlanSearchMemo::key_of(request);
  simulations.known_search = call.server.plan_searches->find(search_key);
  built.plan = build_plan(request, call.server.catalog, simulations);
  journal::require_rate_cap_across_versions(call.repo, call.server.catalog, built.start,
                                            built.plan);
  if (simulations.search && simulations.search != simulations.known_search) {
    call.server.plan_searches->keep(search_key, simulations.search);
  }
}

// The abrupt stop's series for this plan's start and length: the same for every preview of the
// same regimen from the same day, so the text is kept beside the stop (abrupt_stop_memo.hpp).
std::shared_ptr<const std::string> abrupt_series_text(ApiCall& call, const AbruptStopKey& key,
                                                      const PlanCourse& course,
                                                      const std::optional<CivilDate>& start) {
  AbruptStopMemo& memo = *call.server.abrupt_stops;
  if (auto kept = memo.find_series_text(key, start, course.days)) return kept;
  auto text = std::make_shared<std::string>();
  text->reserve(64 * static_cast<std::size_t>(std::max(course.days, 0)));
  JsonText j(*text);
  write_course_json(j, course.abrupt, start, course.days);
  j.finish();
  memo.keep_series_text(key, start, course.days, text);
  return text;
}

// Written as text (report/json_text.hpp): the answer is about 70 kB, and building it as a JSON
// value first cost a preview about as much as simulating it.
ApiResponse preview(ApiCall& call) {
  const auto slot = call.server.simulations->enter();
  BuiltPlan built;
  built.start = plan_start_for(call, call.body());
  const AbruptStopKey abrupt_key = abrupt_stop_key(built.start.request);
  PlanSimulations simulations;
  simulations.known_abrupt = call.server.abrupt_stops->find(abrupt_key);
  build_previewed_plan(call, built, simulations);
  const PlanCourse course = plan_course(built.plan, call.server.catalog, simulations);
  if (!simulations.known_abrupt || simulations.known_abrupt->course.days() < course.days) {
    call.server.abrupt_stops->keep(abrupt_key,
                                   {built.plan.abrupt_stop_peak_withdrawal, course.abrupt});
  }
  const std::optional<CivilDate>& start = built.plan.settings.start_date;

  ApiResponse answer;
  // About 45 characters a day for each series, and the plan and its table: grown step by step,
  // the text was copied a dozen times over.
  answer.body.reserve(64 * 1024 + 128 * static_cast<std::size_t>(std::max(course.days, 0)));
  JsonText j(answer.body);
  j.begin_object();  // members in sorted order, as every other answer prints them
  j.key("abrupt").raw(*abrupt_series_text(call, abrupt_key, course, start));
  j.key("draft_notice").value(kDraftNotice);
  j.key("findings").begin_array();
  for (const auto& f : built.plan.findings) {
    j.begin_object();
    j.key("action").value(f.action);
    j.key("message").value(f.message);
    j.key("rule").value(f.code);
    j.key("severity").value(to_string(f.severity));
    j.end_object();
  }
  j.end_array();
  if (built.start.go_back) {
    // Going back: the previous step's dose from today until the plan shown here starts.
    const journal::DoseInForce& f = *built.start.in_force;
    j.key("go_back").begin_object();
    j.key("first_cut").value(*built.start.go_back_first_cut);
    j.key("from").value(built.start.from);
    j.key("regimen").value(f.previous_step->regimen().describe());
    j.key("to_step").value(f.previous_step->index);
    j.end_object();
  }
  j.key("needs_clinician").value(built.plan.needs_clinician());
  j.key("plan").raw(plan_document_text(built.plan));
  j.key("series");
  write_course_json(j, course.plan, start, course.days);
  j.key("table").value(report::plan_table(built.plan, call.server.catalog));
  j.end_object();
  j.finish();
  return answer;
}

// The band of people like this person around the previewed plan (journal/plan_band.hpp): 1,000
// simulations take longer than a preview, so a route of its own that the wizard asks after
// drawing the preview. The plan is built as the preview builds it, from the memos the preview
// just filled.
ApiResponse preview_band(ApiCall& call) {
  const auto slot = call.server.simulations->enter();
  BuiltPlan built;
  built.start = plan_start_for(call, call.body());
  PlanSimulations simulations;
  build_previewed_plan(call, built, simulations);
  // Read on use, as the other data files the server reads (a few kB, against 1,000 simulations).
  const cohort::Population population = io::load_population(
      call.server.data_dir.empty() ? io::default_data_dir() : call.server.data_dir);
  const journal::PlanBand band =
      journal::plan_band(call.journal(), call.person(), built.plan, population);
  ApiResponse answer;
  answer.body.reserve(256 * static_cast<std::size_t>(std::max(band.days, 0)));
  JsonText j(answer.body);
  write_plan_band_json(j, band, built.plan.settings.start_date);
  j.finish();
  return answer;
}

nlohmann::json version_summary(const PlanVersion& v) {
  const nlohmann::json steps = v.plan->contains("steps") ? v.plan->at("steps") : nlohmann::json();
  return {{"version", v.version},
          {"effective_from", v.effective_from.to_string()},
          {"reason", v.reason},
          {"decision_id", v.decision_id ? nlohmann::json(*v.decision_id) : nlohmann::json(nullptr)},
          {"recorded_at", v.recorded_at},
          {"steps", steps.is_array() ? steps.size() : 0}};
}

ApiResponse save(ApiCall& call) {
  const Person& person = call.person();
  const BuiltPlan built = [&] {
    const auto slot = call.server.simulations->enter();
    return build_for(call, call.body());
  }();
  const PlanVersion saved = journal::save_plan_start(call.journal(), person, built.start,
                                                     built.plan, "saved in the web app");
  nlohmann::json out = version_summary(saved);
  out["plan"] = saved.plan;
  out["table"] = report::plan_table(built.plan, call.server.catalog);
  return ApiResponse::json(201, out);
}

nlohmann::json regimen_json(const Regimen& regimen) {
  nlohmann::json out = to_json(regimen);
  out["text"] = regimen.describe();
  for (std::size_t i = 0; i < regimen.drugs.size(); ++i) {
    out["drugs"][i]["daily_mg"] = regimen.drugs[i].daily_mg();
  }
  return out;
}

// What a new plan starts from: the dose in force today (journal/plan_start.hpp), and the step a
// plan may explicitly go back to.
nlohmann::json dose_in_force_json(const std::optional<journal::DoseInForce>& f) {
  if (!f) return nullptr;
  nlohmann::json out = {
      {"date", f->date.to_string()},
      {"source", f->plan_version ? "plan" : "regimen"},
      {"plan_version",
       f->plan_version ? nlohmann::json(*f->plan_version) : nlohmann::json(nullptr)},
      {"step", f->step_index ? nlohmann::json(*f->step_index) : nlohmann::json(nullptr)},
      {"of", f->steps_total},
      {"paused", f->paused},
      {"regimen", regimen_json(f->regimen)},
      {"previous_step", nullptr},
      {"go_back_hold_days", journal::kGoBackHoldDays}};
  if (f->previous_step) {
    out["previous_step"] = {{"index", f->previous_step->index},
                            {"start", f->previous_step_start->to_string()},
                            {"regimen", regimen_json(f->previous_step->regimen())}};
  }
  return out;
}

ApiResponse list_plans(ApiCall& call) {
  const Person& person = call.person();
  nlohmann::json versions = nlohmann::json::array();
  for (const auto& v : call.repo.plan_versions(person.id)) versions.push_back(version_summary(v));
  return ApiResponse::json(200, {{"versions", versions},
                                 {"dose_in_force", dose_in_force_json(journal::dose_in_force(
                                                       call.repo, person, call.today))}});
}

PlanVersion find_version(ApiCall& call) {
  const Person& person = call.person();
  const auto number = call.int_capture(1, "plan version");
  for (auto& v : call.repo.plan_versions(person.id)) {
    if (v.version == number) return v;
  }
  throw NotFound("no such plan version");
}

ApiResponse get_version(ApiCall& call) {
  const PlanVersion v = find_version(call);
  nlohmann::json out = version_summary(v);
  out["request"] = v.request;
  out["plan"] = v.plan;
  return ApiResponse::json(200, out);
}

// The stored version rebuilt from its request: the planner is deterministic, and the calendar
// writers need the plan itself, not its JSON. A hold or slow-down splices a revision into the old
// plan, which its request alone does not give back, so those versions are refused rather than
// printed wrong.
Plan rebuilt(ApiCall& call, const PlanVersion& v) {
  // A version that went back to an earlier step is spliced into the plan before it, as a revision.
  const PlanRequest request = parse_plan_request(v.request);
  const bool spliced = request.settings.start_date &&
                       parse_plan_view(v.plan).start_date != *request.settings.start_date;
  if (v.decision_id || spliced) {
    throw Conflict("plan version " + std::to_string(v.version) +
                   " was revised (after a review, or going back a step); its calendar is shown on "
                   "the Today page, and "
                   "the JSON export holds every day");
  }
  return build_plan(request, call.server.catalog);
}

ApiResponse calendar_ics(ApiCall& call) {
  const PlanVersion v = find_version(call);
  return ApiResponse::download(report::plan_ics(rebuilt(call, v)), "text/calendar; charset=utf-8",
                               "taperlab-plan-v" + std::to_string(v.version) + ".ics");
}

ApiResponse calendar_csv(ApiCall& call) {
  const PlanVersion v = find_version(call);
  const Plan plan = rebuilt(call, v);
  return ApiResponse::download(
      report::plan_csv(plan, call.server.catalog.table(plan.settings.table_id)),
      "text/csv; charset=utf-8", "taperlab-plan-v" + std::to_string(v.version) + ".csv");
}

}  // namespace

void add_plan_routes(std::vector<Route>& routes) {
  const std::string base = "/api/v1/people/{person_id}/plans";
  routes.push_back({"POST", base + "/preview", Access::kSession, preview, true});
  routes.push_back({"POST", base + "/preview/band", Access::kSession, preview_band, true});
  routes.push_back({"POST", base, Access::kSession, save});
  routes.push_back({"GET", base, Access::kSession, list_plans});
  routes.push_back({"GET", base + "/{version}", Access::kSession, get_version});
  routes.push_back({"GET", base + "/{version}/calendar.ics", Access::kSession, calendar_ics});
  routes.push_back({"GET", base + "/{version}/calendar.csv", Access::kSession, calendar_csv});
}

}  // namespace taperlab::server
