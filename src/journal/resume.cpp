#include "journal/resume.hpp"

#include <nlohmann/json.hpp>

#include "core/adapt/decide.hpp"
#include "core/adapt/replan.hpp"
#include "core/base/error.hpp"
#include "core/base/text.hpp"
#include "core/journal/plan_request_json.hpp"
#include "journal/pause.hpp"
#include "journal/plans.hpp"
#include "journal/today.hpp"

namespace taperlab::journal {
namespace {

constexpr std::size_t kMaxReasonChars = 500;

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

struct Shift {
  PlanVersion version;
  std::string words;
};

// The plan in force on the resume day, its step of the pause's first day made longer by the days
// paused, and every later step moved as much (adapt::hold_plan: cuts only ever move later). A
// plan that started during the pause is moved from its own start. None when nothing is left to
// move: no plan, the pause began on its last step, or it starts on the resume day itself.
std::optional<Shift> shift_plan(const JournalContext& ctx, const Person& person,
                                const Decision& urgent, CivilDate date, const std::string& note) {
  const auto plan = plan_in_force(ctx.repo, person.id, date);
  if (!plan) return std::nullopt;
  const CivilDate from = std::max(urgent.date, plan->version().effective_from);
  const int days = from.days_until(date);
  const PlanStepView* step = plan->view().step_on(from);
  if (days < 1 || !step || !plan->view().next_step(*step)) return std::nullopt;
  Shift s;
  s.version.person_id = person.id;
  s.version.effective_from = date;
  s.version.request = plan->version().request;
  s.version.plan = adapt::hold_plan(plan->version().plan, from, days, note);
  const PlanRequest request = parse_plan_request(s.version.request);
  const auto violations = adapt::check_stored_plan(s.version.plan, request,
                                                   ctx.catalog.table(request.settings.table_id));
  if (!violations.empty()) {
    // Moving steps later can only slow a plan: a broken rule here is a bug, so nothing is stored.
    throw Error(ErrorCode::kInternal, "a resumed plan broke a safety rule (" + violations.front() +
                                          "); nothing was changed");
  }
  s.words = "The plan continues with step " + std::to_string(step->index) +
            ", the dose you kept; every later step moves " + days_words(days) +
            " later, so no cut is skipped.";
  return s;
}

}  // namespace

const char* to_string(ResumedBy by) { return by == ResumedBy::kClinician ? "clinician" : "person"; }

ResumedBy parse_resumed_by(const std::string& text, const std::string& field) {
  if (text == "person") return ResumedBy::kPerson;
  if (text == "clinician") return ResumedBy::kClinician;
  throw ValidationError(field,
                        "expected \"person\" (you) or \"clinician\" (your prescriber or "
                        "doctor), not \"" +
                            text + "\"");
}

ResumeResult resume_plan(const JournalContext& ctx, const Person& person,
                         const ResumeRequest& request) {
  require_not_future(ctx, request.date, "date");
  const std::string reason = trimmed(request.reason);
  if (reason.empty()) {
    throw ValidationError("reason",
                          "say in a few words why the plan resumes, e.g. what your prescriber "
                          "advised");
  }
  if (reason.size() > kMaxReasonChars) {
    throw ValidationError("reason", "at most " + std::to_string(kMaxReasonChars) + " characters");
  }
  ResumeResult result;
  ctx.repo.transaction([&] {
    // Read and written in one transaction: a check-in with a red flag stored meanwhile cannot
    // slip between the check and the resume.
    const auto latest = ctx.repo.latest_decision(person.id, request.date);
    if (!plan_paused(latest)) {
      throw Conflict("the plan is not paused on " + request.date.to_string() +
                     ": there is nothing to resume");
    }
    const PauseState pause = pause_state(ctx.repo, person.id, *latest, request.date);
    if (!pause.can_resume()) throw Conflict(pause.blocker);

    const std::string who = request.by == ResumedBy::kClinician ? "by your clinician" : "by you";
    Decision& d = result.decision;
    d.person_id = person.id;
    d.date = request.date;
    d.kind = DecisionKind::kContinue;
    d.step_index = latest->step_index;
    d.plan_version_id = latest->plan_version_id;
    d.recorded_at = ctx.now_utc;
    d.reason = "The plan was resumed " + who + " on " + request.date.to_string() +
               " after a pause of " + days_words(pause.days()) + " (since " +
               latest->date.to_string() + "). The check-in of " +
               pause.check_in_after->to_string() +
               " reported no seizure, confusion, hallucinations or thoughts of self-harm. Reason "
               "given: " +
               reason + (std::string(".!?").find(reason.back()) == std::string::npos ? "." : "");
    d.evidence = nlohmann::json{
        {"rule", adapt::kResumeRule},
        {"resumed_by", to_string(request.by)},
        {"reason_given", reason},
        {"urgent_decision", {{"id", latest->id}, {"date", latest->date.to_string()}}},
        {"check_in", pause.check_in_after->to_string()},
        {"paused_days", pause.days()},
        {"plan_paused", false}};

    const std::string note = "Resumed on " + request.date.to_string() + " after a pause since " +
                             latest->date.to_string() + ".";
    auto shift = shift_plan(ctx, person, *latest, request.date, note);
    d.id = ctx.repo.add_decision(d);
    if (shift) {
      shift->version.reason = "resume: " + shift->words;
      shift->version.decision_id = d.id;
      shift->version.recorded_at = ctx.now_utc;
      result.new_version = ctx.repo.add_plan_version(shift->version);
      result.plan_change = shift->words;
    } else {
      result.plan_change = "The plan continues as it is: nothing is left to move.";
    }
  });
  return result;
}

}  // namespace taperlab::journal
