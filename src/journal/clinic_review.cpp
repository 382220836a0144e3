#include "journal/clinic_review.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/adapt/replan.hpp"
#include "core/base/error.hpp"
#include "core/journal/plan_request_json.hpp"
#include "core/journal/plan_view.hpp"
#include "core/plan/planner.hpp"
#include "journal/plan_options.hpp"

namespace taperlab::journal {
namespace {

// An edited hold lasts 1 to 84 days: 12 weeks is longer than any step a plan makes (the longest
// interval a plan accepts is 90 days, plan_options.hpp). Assumed.
constexpr int kMostHoldDays = 84;

const PlanVersion* version_by(const std::vector<PlanVersion>& versions,
                              const std::function<bool(const PlanVersion&)>& pick) {
  const auto it = std::find_if(versions.begin(), versions.end(), pick);
  return it == versions.end() ? nullptr : &*it;
}

struct Edit {
  nlohmann::json plan;
  nlohmann::json request;
  std::string words;
  bool overrides_rate_cap = false;
};

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : "; ") + item;
  return out;
}

// The clinician's plan, built from the version the decision judged.
Edit edited_plan(const JournalContext& ctx, const Decision& decision, const PlanVersion& judged,
                 const DecisionReviewRequest& request) {
  const PlanView view = parse_plan_view(judged.plan);
  const PlanStepView* step = view.step_on(decision.date);
  if (!step) throw Conflict("the decision's plan had no step in force that day; nothing to edit");
  const PlanRequest old = parse_plan_request(judged.request);
  Edit edit;
  edit.plan = judged.plan;
  PlanRequest checked = old;
  const std::string review_day = decision.date.to_string();
  if (request.hold_days) {
    if (*request.hold_days < 1 || *request.hold_days > kMostHoldDays) {
      throw ValidationError("hold_days",
                            "expected 1 to " + std::to_string(kMostHoldDays) + " days");
    }
    const std::string note = "Step " + std::to_string(step->index) + " held " +
                             std::to_string(*request.hold_days) +
                             " more days by your clinician after the review of " + review_day + ".";
    edit.plan = adapt::hold_plan(judged.plan, decision.date, *request.hold_days, note);
    edit.words =
        "Stay on your current dose for " + std::to_string(*request.hold_days) + " more days.";
  }
  if (!request.cut.empty() || !request.every.empty()) {
    if (request.cut.empty()) throw ValidationError("cut", "give the cut with the interval");
    if (request.every.empty()) throw ValidationError("every", "give the interval with the cut");
    if (!request.max_cut.empty() && request.override_reason.empty()) {
      throw ValidationError("max_cut", "max_cut needs a clinician's override_reason");
    }
    PlanRequest slower = old;
    slower.regimen = step->regimen();
    PlanSettings& s = slower.settings;
    // The new cuts start once the step has lasted long enough for the 14-day rate window, and
    // not before the end of any hold the clinician set.
    CivilDate from = adapt::slowed_first_cut(decision.date, view.date_of(*step));
    if (request.hold_days) from = std::max(from, decision.date.plus_days(1 + *request.hold_days));
    s.start_date = from;
    s.target_date.reset();
    s.strategy = "fraction";
    s.then_strategy.clear();
    s.steps.reset();
    s.cut_fraction = parse_percent(request.cut, "cut");
    s.every_days = parse_days(request.every, "every");
    if (!request.override_reason.empty()) {
      s.clinician_override_reason = request.override_reason;
      if (!request.max_cut.empty()) {
        s.max_cut_fraction_override = parse_max_cut(request.max_cut, "max_cut");
      }
      edit.overrides_rate_cap = true;
    }
    const Plan segment = build_plan(slower, ctx.catalog);
    const std::string note = "Changed by your clinician after the review of " + review_day +
                             ": cuts of " + request.cut + " every " + std::to_string(s.every_days) +
                             " days from " + from.to_string() + ".";
    edit.plan = adapt::splice_plan(judged.plan, decision.date, from,
                                   nlohmann::json::parse(plan_document_text(segment)), note);
    checked = chosen_request(slower, segment);
    edit.words += std::string(edit.words.empty() ? "" : " ") + "Stay on your current dose until " +
                  from.to_string() + "; from then on each cut is " + request.cut + ", every " +
                  std::to_string(s.every_days) + " days.";
  }
  if (edit.words.empty()) {
    throw ValidationError("hold_days", "an edit sets hold_days, or cut and every, or both");
  }
  // The planner's rules on the whole edited plan: a clinician's edit is no exception.
  const auto violations =
      adapt::check_stored_plan(edit.plan, checked, ctx.catalog.table(checked.settings.table_id));
  if (!violations.empty()) {
    throw ValidationError("plan", "the edited plan breaks a safety rule: " + joined(violations) +
                                      "; nothing was changed");
  }
  edit.request = to_json(checked);
  return edit;
}

}  // namespace

DecisionReviewResult review_decision(const JournalContext& ctx, const Person& person,
                                     const DecisionReviewRequest& request) {
  if (request.action != "approve" && request.action != "edit") {
    throw ValidationError("action", "expected approve or edit");
  }
  if (request.reason.size() > 1000) throw ValidationError("reason", "at most 1000 characters");
  if (request.override_reason.size() > 1000) {
    throw ValidationError("override_reason", "at most 1000 characters");
  }
  DecisionReviewResult result;
  ctx.repo.transaction([&] {
    const auto decisions = ctx.repo.decisions(person.id);
    const auto it = std::find_if(decisions.begin(), decisions.end(),
                                 [&](const Decision& d) { return d.id == request.decision_id; });
    if (it == decisions.end()) throw NotFound("no such decision");
    const Decision& decision = *it;
    if (decision.kind != DecisionKind::kHold && decision.kind != DecisionKind::kSlow) {
      throw Conflict("only a hold or a slow-down is reviewed; this decision is " +
                     std::string(to_string(decision.kind)));
    }
    for (const auto& r : ctx.repo.decision_reviews(person.id)) {
      if (r.decision_id == decision.id) throw Conflict("this decision was already reviewed");
    }
    store::DecisionReview review;
    review.person_id = person.id;
    review.decision_id = decision.id;
    review.clinician_id = request.clinician;
    review.action = request.action;
    review.reason = request.reason;
    review.reviewed_at = ctx.now_utc;
    if (request.action == "approve") {
      result.words = "Your clinician agreed with the " + std::string(to_string(decision.kind)) +
                     " of " + decision.date.to_string() + ".";
    } else {
      if (request.reason.empty()) {
        throw ValidationError("reason",
                              "an edit needs the clinician's reason, shown to the person");
      }
      const auto versions = ctx.repo.plan_versions(person.id);
      const PlanVersion* judged = version_by(versions, [&](const PlanVersion& v) {
        return decision.plan_version_id && v.id == *decision.plan_version_id;
      });
      if (!judged) throw Conflict("the plan this decision judged is gone; nothing to edit");
      // Only the plan the decision made may be replaced: a later plan would be overwritten.
      if (versions.empty() || versions.back().decision_id != decision.id) {
        throw Conflict("the plan has changed since this decision; review the latest one");
      }
      Edit edit = edited_plan(ctx, decision, *judged, request);
      PlanVersion version;
      version.person_id = person.id;
      version.effective_from = decision.date.plus_days(1);
      version.reason = "edited by your clinician: " + edit.words + " Why: " + request.reason;
      if (edit.overrides_rate_cap) {
        version.reason +=
            " The clinician allowed larger cuts than the usual limit of 25% in 14 days "
            "(ASAM 2025): " +
            request.override_reason;
      }
      version.decision_id = decision.id;
      version.request = edit.request;
      version.plan = edit.plan;
      version.recorded_at = ctx.now_utc;
      result.new_version = ctx.repo.add_plan_version(version);
      review.plan_version_id = result.new_version->id;
      review.overrides_rate_cap = edit.overrides_rate_cap;
      result.words = "Your clinician changed the plan: " + edit.words;
    }
    review.id = ctx.repo.add_decision_review(review);
    ctx.repo.record_clinician_access(
        person.id, request.clinician, "review",
        "decision " + std::to_string(decision.id) + ": " + request.action +
            (review.overrides_rate_cap ? ", rate cap overridden" : ""));
    result.review = review;
  });
  return result;
}

}  // namespace taperlab::journal
