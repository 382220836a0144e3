#pragma once

#include <memory>
#include <optional>

#include "core/journal/plan_view.hpp"
#include "core/plan/planner.hpp"
#include "journal/journal_context.hpp"
#include "journal/parsed_plans.hpp"

namespace taperlab::journal {

// The plan version in force and its steps: shared, read-only (see parsed_plans.hpp).
class PlanInForce {
 public:
  explicit PlanInForce(std::shared_ptr<const ParsedPlanVersion> parsed)
      : parsed_(std::move(parsed)) {}

  [[nodiscard]] const PlanVersion& version() const { return parsed_->version; }
  [[nodiscard]] const PlanView& view() const { return parsed_->view; }

 private:
  std::shared_ptr<const ParsedPlanVersion> parsed_;
};

// Stores `plan` as the person's newest plan version, in force from its start date (`--start`,
// today by default at the edge). A plan with red flags may be saved: `today` keeps showing them.
PlanVersion save_plan(const JournalContext& ctx, const Person& person, const PlanRequest& request,
                      const Plan& plan, const std::string& reason);

// The version in force on `date` and its steps; nullopt when no plan had started by then.
std::optional<PlanInForce> plan_in_force(store::Repository& repo, PersonId person, CivilDate date);

}  // namespace taperlab::journal
