#include "journal/plan_start.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/adapt/replan.hpp"
#include "core/base/error.hpp"
#include "core/base/text.hpp"
#include "core/journal/plan_request_json.hpp"
#include "core/journal/plan_view.hpp"
#include "core/plan/safety_rules.hpp"
#include "journal/plans.hpp"
#include "journal/today.hpp"

namespace taperlab::journal {
namespace {

// Doses typed or sent as text are rounded to 4 decimals (the web wizard): a difference this small
// is the rounding of the same dose, not an increase.
constexpr double kSameDoseToleranceMg = 1e-4;

double daily_mg_of(const Regimen& regimen, const std::string& drug_id) {
  double total = 0;
  for (const auto& d : regimen.drugs) {
    if (d.drug_id == drug_id) total += d.daily_mg();
  }
  return total;
}

std::string mg_a_day(double mg, const std::string& drug_id) {
  return format_mg(mg) + " mg a day of " + drug_id;
}

// Where the dose in force comes from, in words: "step 5 of plan version 1" or "your regimen".
std::string source_words(const DoseInForce& f) {
  if (!f.plan_version) return "the regimen you recorded";
  return "step " + std::to_string(f.step_index.value_or(0)) + " of plan version " +
         std::to_string(*f.plan_version);
}

// Throws when any drug of `asked` is taken in a larger daily amount than in `ceiling` (a drug
// absent from `ceiling` counts as 0 mg: starting a drug is an increase too).
void require_not_above(const Regimen& asked, const Regimen& ceiling, const std::string& field,
                       const std::string& ceiling_words, const std::string& how_to_go_back) {
  for (const auto& d : asked.drugs) {
    const double wanted = d.daily_mg();
    const double allowed = daily_mg_of(ceiling, d.drug_id);
    if (wanted <= allowed + kSameDoseToleranceMg) continue;
    std::string message = "the plan would start from " + mg_a_day(wanted, d.drug_id) + ", above ";
    message += allowed > 0 ? "the " + mg_a_day(allowed, d.drug_id) : "no " + d.drug_id;
    message += " in " + ceiling_words + ". " + how_to_go_back;
    throw ValidationError(field, message);
  }
}

// The daily diazepam-equivalent the journal had in force on `date`: the plan's step, else the
// regimen recorded; nullopt when neither (nothing to compare with).
std::optional<double> journal_dose_on(store::Repository& repo, PersonId person, CivilDate date,
                                      const EquivalenceTable& table) {
  if (const auto plan = plan_in_force(repo, person, date)) {
    if (const PlanStepView* step = plan->view().step_on(date)) {
      return diazepam_equivalent_mg(step->regimen(), table);
    }
  }
  if (const auto record = repo.regimen_on(person, date)) {
    return diazepam_equivalent_mg(record->regimen, table);
  }
  return std::nullopt;
}

// The new plan's daily diazepam-equivalent on `date`: its step then, else its starting regimen
// (before its first step: what the person takes until the plan begins).
double plan_dose_on(const Plan& plan, CivilDate start, CivilDate date,
                    const EquivalenceTable& table) {
  const int day = start.days_until(date);
  const TaperStep* in_force = nullptr;
  for (const auto& s : plan.steps) {
    if (s.start_day <= day) in_force = &s;
  }
  return diazepam_equivalent_mg(in_force ? in_force->regimen() : plan.start_regimen, table);
}

}  // namespace

void require_rate_cap_across_versions(store::Repository& repo, const Catalog& catalog,
                                      const PlanStart& start, const Plan& plan) {
  if (!plan.settings.start_date) return;
  const EquivalenceTable& table = catalog.table(plan.settings.table_id);
  const double cap = plan.settings.clinician_override_reason
                         ? plan.settings.max_cut_fraction_override
                         : kMaxCutFraction;
  // Going back holds the previous step first: its days count as the new version's.
  const auto new_dose_on = [&](CivilDate d) {
    if (start.go_back && d < *start.go_back_first_cut) {
      return diazepam_equivalent_mg(start.in_force->previous_step->regimen(), table);
    }
    return plan_dose_on(plan, *plan.settings.start_date, d, table);
  };
  // From the new version's first day: a plan saved to start in the past describes the days since
  // then (history entered late), and is measured against the journal's days before it.
  const CivilDate first = start.go_back ? start.from : *plan.settings.start_date;
  std::vector<std::optional<double>> before;  // the journal's, on first-14 .. first-1
  for (int back = kRateWindowDays; back >= 1; --back) {
    before.push_back(journal_dose_on(repo, start.person_id, first.plus_days(-back), table));
  }
  std::vector<double> after;  // the new version's, on first .. first+13
  for (int day = 0; day < kRateWindowDays; ++day) {
    after.push_back(new_dose_on(first.plus_days(day)));
  }
  for (int day = 0; day < kRateWindowDays; ++day) {
    // The highest daily dose of the 14 days before this one, the journal's and the new plan's.
    double highest = 0;
    for (int k = day; k < kRateWindowDays; ++k) highest = std::max(highest, before[k].value_or(0));
    for (int k = 0; k < day; ++k) highest = std::max(highest, after[k]);
    if (after[day] >= highest * (1 - cap) - 1e-9) continue;
    // The first day from which the window no longer reaches the journal's higher doses.
    int latest_high = -1;
    for (int k = 0; k < kRateWindowDays; ++k) {
      if (before[k].value_or(0) * (1 - cap) > after[day] + 1e-9) latest_high = k;
    }
    const CivilDate earliest = first.plus_days(latest_high + 1);
    throw ValidationError(
        "start",
        "the new plan's dose on " + first.plus_days(day).to_string() + " (" +
            format_mg(after[day]) + " mg diazepam-equivalent a day) would be more than " +
            format_mg(cap * 100) + "% below the " + format_mg(highest) +
            " mg a day taken within the 14 days before (the rate cap, counting the plan before "
            "it); start it on " +
            earliest.to_string() + " or later, or choose a smaller cut");
  }
}

std::optional<DoseInForce> dose_in_force(store::Repository& repo, const Person& person,
                                         CivilDate date) {
  const TodayView today = build_today(repo, person, date);
  DoseInForce out;
  out.date = date;
  // After the last dose (the recovery phase) Today shows no step: the final stop is in force.
  const PlanStepView* step = today.step   ? &*today.step
                             : today.plan ? today.plan->view().step_on(date)
                                          : nullptr;
  if (today.plan && step) {
    const PlanView& view = today.plan->view();
    out.regimen = step->regimen();
    out.plan_version = today.plan->version().version;
    out.step_index = step->index;
    out.steps_total = static_cast<int>(view.steps.size());
    out.paused = today.paused;
    const int previous = step->index - 1;
    if (previous >= 1 && previous <= static_cast<int>(view.steps.size())) {
      out.previous_step = view.steps[static_cast<std::size_t>(previous - 1)];
      out.previous_step_start = view.date_of(*out.previous_step);
    }
    return out;
  }
  if (today.regimen) {
    out.regimen = today.regimen->regimen;
    return out;
  }
  return std::nullopt;
}

PlanStart plan_start_for(store::Repository& repo, const Catalog& catalog, const Person& person,
                         CivilDate today, PlanOptions options, PlanDefaults defaults,
                         OptionSpelling spelling, const std::optional<GoBackChoice>& go_back) {
  const std::string regimen_field = "regimen";
  const std::string step_field = "go_back_to_step";
  const std::string reason_field = "go_back_reason";
  PlanStart out;
  out.person_id = person.id;
  const CivilDate start = options.start.empty() ? today : parse_civil_date(options.start, "start");
  // A plan saved to start in the past would rewrite days already lived: it is measured against
  // today's dose.
  out.from = std::max(start, today);
  out.in_force = dose_in_force(repo, person, out.from);
  const std::string on = out.from.to_string();

  if (go_back) {
    if (trim(go_back->reason).empty()) {
      throw ValidationError(reason_field,
                            "say why the plan goes back up to the previous step; the reason is "
                            "recorded with the plan for you and your prescriber");
    }
    if (!out.in_force || !out.in_force->step_index) {
      throw ValidationError(step_field, "no plan is in force on " + on +
                                            ", so there is no step "
                                            "to go back to");
    }
    const DoseInForce& f = *out.in_force;
    if (!f.previous_step) {
      throw ValidationError(step_field,
                            "step 1 of the plan in force is its first step: there is "
                            "no previous step to go back to. A higher dose needs your "
                            "prescriber's new regimen");
    }
    if (go_back->to_step != f.previous_step->index) {
      throw ValidationError(
          step_field, "only the previous step, step " + std::to_string(f.previous_step->index) +
                          ", can be gone back to (step " + std::to_string(*f.step_index) +
                          " is in force on " + on + ")");
    }
    out.go_back = *go_back;
    out.go_back->reason = std::string(trim(go_back->reason));
    out.go_back_first_cut = out.from.plus_days(kGoBackHoldDays);
    // The new plan's own first day is its first cut; until then the previous step is kept.
    options.start = out.go_back_first_cut->to_string();
    if (options.regimens.empty()) defaults.regimen = f.previous_step->regimen();
  } else if (options.regimens.empty()) {
    if (!out.in_force) {
      const std::string how = spelling == OptionSpelling::kCommandLine
                                  ? "run `taperlab init --regimen`"
                                  : "record the current regimen";
      throw ValidationError(regimen_field, "no regimen is stored for " + on + "; give " +
                                               option_name(regimen_field, spelling) + " or " + how);
    }
    if (out.in_force->regimen.empty()) {
      throw ValidationError(regimen_field,
                            "the plan in force has stopped all doses on " + on +
                                "; a new plan does not start the medicine again by itself");
    }
    defaults.regimen = out.in_force->regimen;
  }

  out.request = build_plan_request(catalog, options, spelling, defaults);
  if (!out.in_force) return out;  // nothing recorded yet: the request states the regimen
  const DoseInForce& f = *out.in_force;
  if (out.go_back) {
    require_not_above(out.request.regimen, f.previous_step->regimen(), regimen_field,
                      "step " + std::to_string(f.previous_step->index) + ", the previous step",
                      "Going back goes no higher than the previous step.");
  } else {
    std::string how = "A new plan starts from the dose in force, never above it.";
    if (f.previous_step) {
      how += " To go back up to the previous step (step " + std::to_string(f.previous_step->index) +
             "), choose it explicitly: " + option_name(step_field, spelling) + " " +
             std::to_string(f.previous_step->index) + " with " +
             option_name(reason_field, spelling) + ".";
    }
    require_not_above(out.request.regimen, f.regimen, regimen_field,
                      "force on " + on + " (" + source_words(f) + ")", how);
  }
  return out;
}

PlanVersion save_plan_start(const JournalContext& ctx, const Person& person, const PlanStart& start,
                            const Plan& plan, const std::string& reason) {
  require_rate_cap_across_versions(ctx.repo, ctx.catalog, start, plan);
  if (!start.go_back) return save_plan(ctx, person, start.request, plan, reason);
  const DoseInForce& f = *start.in_force;
  const auto in_force = plan_in_force(ctx.repo, person.id, start.from);
  if (!in_force || in_force->version().version != f.plan_version) {
    throw Conflict("the plan in force changed while this plan was made; make it again");
  }
  const std::string words = "went back to step " + std::to_string(f.previous_step->index) + " (" +
                            f.previous_step->regimen().describe() + ") from " +
                            start.from.to_string() + ", cuts resume on " +
                            start.go_back_first_cut->to_string() +
                            "; reason: " + start.go_back->reason;
  const nlohmann::json doc =
      adapt::splice_plan(in_force->version().plan, *f.previous_step_start, *start.go_back_first_cut,
                         nlohmann::json::parse(plan_document_text(plan)), "Plan " + words);
  // The alternative taken, if any, is what later re-plans start from (as save_plan keeps it).
  const PlanRequest request = chosen_request(start.request, plan);
  const auto violations =
      adapt::check_stored_plan(doc, request, ctx.catalog.table(request.settings.table_id));
  if (!violations.empty()) {
    // A spliced plan that breaks a rule is a bug: refuse to store it.
    throw Error(ErrorCode::kInternal, "the plan going back broke a safety rule (" +
                                          violations.front() + "); nothing was changed");
  }
  PlanVersion version;
  version.person_id = person.id;
  version.effective_from = start.from;
  version.reason = reason + "; " + words;
  version.request = to_json(request);
  version.plan = doc;
  version.recorded_at = ctx.now_utc;
  return ctx.repo.add_plan_version(version);
}

}  // namespace taperlab::journal
