#include "journal/pharmacy.hpp"

#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "core/journal/plan_view.hpp"

namespace taperlab::journal {

PlanSupply plan_supply(store::Repository& repo, const Person& person, CivilDate from,
                       int period_days) {
  check_supply_period(period_days, "period");
  std::optional<PlanVersion> version = repo.plan_in_force(person.id, from);
  if (!version) {
    // Not started yet: the newest plan, from its own first day.
    auto versions = repo.plan_versions(person.id);
    if (versions.empty()) throw NotFound("no plan saved yet");
    version = std::move(versions.back());
  }
  const nlohmann::json& doc = version->plan;
  const PlanView view = parse_plan_view(doc);
  std::string country = person.profile.country;
  if (doc.contains("country") && doc.at("country").is_string() &&
      !doc.at("country").get<std::string>().empty()) {
    country = doc.at("country").get<std::string>();
  }
  PlanSupply out;
  out.version = version->version;
  out.schedule =
      supply_schedule(steps_from_plan_document(doc), view.start_date, from, period_days, country);
  out.heading.plan = "Plan version " + std::to_string(version->version) + ", in force from " +
                     version->effective_from.to_string() + " (the plan started on " +
                     view.start_date.to_string() + ")";
  out.heading.from_later_day = view.start_date < from;
  return out;
}

}  // namespace taperlab::journal
