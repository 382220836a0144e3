#include "journal/decisions.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/adapt/personal_model.hpp"
#include "core/adapt/replan.hpp"
#include "core/adapt/symptom_day.hpp"
#include "core/base/error.hpp"
#include "core/journal/plan_request_json.hpp"
#include "core/journal/plan_view.hpp"
#include "journal/model_inputs.hpp"
#include "journal/plans.hpp"

namespace taperlab::journal {

using namespace taperlab::adapt;  // the adaptation rules and the personal model

namespace {

// A hold repeats the step, but never for less than a week: symptoms need that long to show
// whether the dose is settling (assumed; docs/tracking.md, "Decisions": symptoms show up to 7 days
// after a cut).
constexpr int kMinHoldDays = 7;
// The guided re-plan's ceiling: a rise of 10 points of the symptom share over the person's
// no-withdrawal level (assumed: about the margin the decision rules allow, twice over).
constexpr double kTolerableRiseShare = 0.10;

std::optional<CivilDate> first_cut_date(const PlanView& view) {
  for (const auto& s : view.steps) {
    if (s.kind == "cut" || s.kind == "stop") return view.date_of(s);
  }
  return std::nullopt;
}

void require_safe(const nlohmann::json& doc, const PlanRequest& request, const Catalog& catalog) {
  const auto violations =
      adapt::check_stored_plan(doc, request, catalog.table(request.settings.table_id));
  if (!violations.empty()) {
    // A revision that breaks a rule is a bug: refuse to store it.
    throw Error(ErrorCode::kInternal, "a revised plan broke a safety rule (" + violations.front() +
                                          "); nothing was changed");
  }
}

struct Revision {
  nlohmann::json plan;
  nlohmann::json request;
  CivilDate effective_from;
  std::string words;
};

DecisionOutcome paused_outcome(const Decision& urgent) {
  DecisionOutcome out;
  out.reason = "Your plan is paused since " + urgent.date.to_string() +
               ": no step is reviewed and no cut starts until it is resumed.";
  out.evidence = nlohmann::json{{"rule", "paused"}, {"since", urgent.date.to_string()}};
  return out;
}

// decide() is pure and knows no country: the urgent words name the person's emergency number.
std::string with_emergency_number(std::string reason, const CrisisEntry& entry) {
  if (entry.emergency.numbers.empty()) return reason;
  std::string numbers;
  for (std::size_t i = 0; i < entry.emergency.numbers.size(); ++i) {
    if (i > 0) numbers += i + 1 == entry.emergency.numbers.size() ? " or " : ", ";
    numbers += entry.emergency.numbers[i];
  }
  const std::string general = "your local emergency number";
  const auto at = reason.find(general);
  if (at != std::string::npos) {
    reason.replace(at, general.size(), "your local emergency number (" + numbers + ")");
  }
  return reason;
}

Revision hold(const PlanInForce& plan, const PlanStepView& step, CivilDate date,
              const Catalog& catalog) {
  const int hold_days = std::max(kMinHoldDays, step.duration_days);
  const std::string note = "Step " + std::to_string(step.index) + " held " +
                           std::to_string(hold_days) + " more days after the review of " +
                           date.to_string() + ".";
  Revision r;
  r.plan = adapt::hold_plan(plan.version().plan, date, hold_days, note);
  r.request = plan.version().request;
  require_safe(r.plan, parse_plan_request(r.request), catalog);
  r.effective_from = date.plus_days(1);
  r.words = "Stay on your current dose for " + std::to_string(hold_days) +
            " more days; every later step moves " + std::to_string(hold_days) + " days later.";
  return r;
}

Revision slow_down(const JournalContext& ctx, const Person& person, const PlanInForce& plan,
                   const PlanStepView& step, CivilDate date) {
  const PlanRequest old = parse_plan_request(plan.version().request);
  const CivilDate from = adapt::slowed_first_cut(date, plan.view().date_of(step));
  adapt::SlowDownInputs inputs;
  for (const auto& s : plan.view().steps) {
    inputs.old_largest_step_peak_withdrawal =
        std::max(inputs.old_largest_step_peak_withdrawal, s.peak_withdrawal);
  }
  std::string personal_words;
  // The person's own model, when two weeks of check-ins allow a fit, steers a guided re-plan.
  try {
    const PersonTimeline timeline = person_timeline(ctx.repo, person, plan, date, date);
    const PersonalFit fit = fit_personal_model(
        ctx.catalog, ctx.catalog.table(old.settings.table_id), timeline.request,
        timeline.observations, PersonalFitOptions{old.settings.model, {}, 14, 1.0, 100, 0.01});
    inputs.personal = fit.personal_parameters();
    inputs.personal_ceiling = personal_ceiling(fit, kTolerableRiseShare);
    personal_words = " Your own model (fitted from " + std::to_string(fit.observations) +
                     " check-ins) sets how fast the plan goes.";
  } catch (const ValidationError&) {
    // Too few check-ins for a personal fit: the population model plans.
  }
  PlanRequest request = adapt::slower_request(old, step.regimen(), from, inputs);
  if (inputs.personal && request.settings.strategy != "guided") {
    request.settings.model = *inputs.personal;
  }
  const Plan segment = build_plan(request, ctx.catalog);
  const std::string note = "Slowed down after the review of " + date.to_string() +
                           ": smaller cuts from " + from.to_string() + ".";
  Revision r;
  r.plan = adapt::splice_plan(plan.version().plan, date, from,
                              nlohmann::json::parse(plan_document_text(segment)), note);
  // A slowed segment the products cannot make alone is one of its alternatives (no dead end).
  request = chosen_request(request, segment);
  r.request = to_json(request);
  require_safe(r.plan, request, ctx.catalog);
  r.effective_from = date.plus_days(1);
  r.words = "Stay on your current dose until " + from.to_string() +
            "; from then on the cuts are smaller and the steps longer (" +
            std::to_string(request.settings.every_days) + " days)." + personal_words;
  return r;
}

}  // namespace

ReviewResult review_plan(const JournalContext& ctx, const Person& person, CivilDate date) {
  ReviewResult result;
  const auto plan = plan_in_force(ctx.repo, person.id, date);
  const PlanStepView* step = plan ? plan->view().step_on(date) : nullptr;

  DecisionInput input;
  input.today = date;
  const CivilDate since = plan ? plan->view().start_date.plus_days(-14) : date.plus_days(-14);
  input.days = symptom_days(ctx.repo.check_ins(person.id, since, date),
                            ctx.repo.questionnaire_responses(person.id));
  input.days.erase(std::remove_if(input.days.begin(), input.days.end(),
                                  [&](const SymptomDay& d) { return d.date < since; }),
                   input.days.end());
  std::optional<Decision> latest;
  for (const auto& d : ctx.repo.decisions(person.id)) {
    if (d.date >= since) input.decisions.push_back(past_decision(d));
    if (d.date <= date) latest = d;
  }
  if (step) {
    input.step.index = step->index;
    input.step.start = plan->view().date_of(*step);
    if (const PlanStepView* next = plan->view().next_step(*step)) {
      input.step.next_cut = plan->view().date_of(*next);
    }
    input.step.cut_fraction = step->cut_fraction;
    input.step.followed_cut = step->kind == "cut" || step->kind == "crossover";
    input.first_cut = first_cut_date(plan->view());
    const Regimen regimen =
        step->doses.empty() && step->index > 1
            ? plan->view().steps[static_cast<std::size_t>(step->index - 2)].regimen()
            : step->regimen();
    if (!regimen.empty()) input.acting = longest_acting(regimen, ctx.catalog);
  } else {
    // No plan in force: only red flags lead to a decision.
    input.step.index = 0;
    input.step.start = date;
  }
  result.outcome = decide(input);
  result.paused = plan_paused(latest);
  if (result.paused && result.outcome.kind != DecisionKind::kUrgent) {
    // A paused plan is not judged step by step: only a resume ends the pause (resume.hpp), and a
    // routine "continue" must never end it by the way. A new red flag still makes a decision.
    result.outcome = paused_outcome(*latest);
  }
  if (!result.outcome.due()) return result;

  Decision decision;
  decision.person_id = person.id;
  decision.date = date;
  decision.kind = *result.outcome.kind;
  decision.step_index = input.step.index;
  decision.reason =
      result.outcome.kind == DecisionKind::kUrgent
          ? with_emergency_number(result.outcome.reason, ctx.crisis.lookup(person.profile.country))
          : result.outcome.reason;
  decision.evidence = result.outcome.evidence;
  if (plan) decision.plan_version_id = plan->version().id;
  decision.recorded_at = ctx.now_utc;

  std::optional<Revision> revision;
  if (step && (decision.kind == DecisionKind::kHold || decision.kind == DecisionKind::kSlow)) {
    if (decision.kind == DecisionKind::kSlow) {
      try {
        revision = slow_down(ctx, person, *plan, *step, date);
      } catch (const ValidationError& e) {
        // No slower plan can be made with these products: hold instead, and say why.
        revision = hold(*plan, *step, date, ctx.catalog);
        revision->words += " A slower plan could not be made (" + std::string(e.what()) +
                           "); ask your prescriber about a liquid or smaller tablets.";
      }
    } else {
      revision = hold(*plan, *step, date, ctx.catalog);
    }
  }
  ctx.repo.transaction([&] {
    decision.id = ctx.repo.add_decision(decision);
    if (revision) {
      PlanVersion version;
      version.person_id = person.id;
      version.effective_from = revision->effective_from;
      version.reason = std::string(to_string(decision.kind)) + ": " + revision->words;
      version.decision_id = decision.id;
      version.request = revision->request;
      version.plan = revision->plan;
      version.recorded_at = ctx.now_utc;
      result.new_version = ctx.repo.add_plan_version(version);
    }
  });
  result.decision = decision;
  result.paused = plan_paused(decision);
  if (revision) result.plan_change = revision->words;
  return result;
}

std::optional<CivilDate> next_review_date(const TodayView& today, const Catalog& catalog) {
  if (!today.plan || !today.step || !today.next_change_date || today.paused) return std::nullopt;
  StepContext step;
  step.index = today.step->index;
  step.start = today.plan->view().date_of(*today.step);
  step.next_cut = today.next_change_date;
  step.cut_fraction = today.step->cut_fraction;
  step.followed_cut = today.step->kind == "cut" || today.step->kind == "crossover";
  const Regimen regimen = today.step->regimen();
  return next_decision_date(
      step, regimen.empty() ? ActingClass::kLong : longest_acting(regimen, catalog));
}

}  // namespace taperlab::journal
