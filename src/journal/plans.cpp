#include "journal/plans.hpp"

#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "core/journal/plan_request_json.hpp"
#include "core/journal/plan_view.hpp"

namespace taperlab::journal {

PlanVersion save_plan(const JournalContext& ctx, const Person& person, const PlanRequest& request,
                      const Plan& plan, const std::string& reason) {
  if (!plan.settings.start_date) {
    throw ValidationError("start", "a saved plan needs a start date");
  }
  PlanVersion version;
  version.person_id = person.id;
  version.effective_from = *plan.settings.start_date;
  version.reason = reason;
  // The alternative taken, if any, is what later re-plans start from.
  version.request = to_json(chosen_request(request, plan));
  version.plan = nlohmann::json::parse(plan_document_text(plan));
  version.recorded_at = ctx.now_utc;
  return ctx.repo.add_plan_version(version);
}

std::optional<PlanInForce> plan_in_force(store::Repository& repo, PersonId person, CivilDate date) {
  // A version parsed before is known by its id and revision, and its JSON is not read again.
  std::shared_ptr<const ParsedPlanVersion> known;
  const auto stored =
      repo.plan_text_in_force(person, date, [&](const store::PlanVersionText& header) {
        known = known_plan(header);
        return known != nullptr;
      });
  if (!stored) return std::nullopt;
  return PlanInForce(stored->text_read ? parsed_plan(*stored) : known);
}

}  // namespace taperlab::journal
