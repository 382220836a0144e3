#include <algorithm>
#include <string>

#include "report/plan_report.hpp"
#include "report/report_format.hpp"

namespace taperlab::report {
namespace {

std::string equivalent_cell(const EquivalenceTable& table, const TaperStep& step,
                            const std::string& drug_id, double daily_mg) {
  if (table.has(drug_id)) return format_mg(table.reference_equivalent_mg(drug_id, daily_mg));
  if (daily_mg == 0.0) return "0";
  if (step.drugs.size() == 1) return format_mg(step.diazepam_equivalent_mg);
  return "";
}

bool takes(const TaperStep& step, const std::string& drug_id) {
  return std::any_of(step.drugs.begin(), step.drugs.end(),
                     [&](const PlannedDrug& d) { return d.drug_id == drug_id; });
}

}  // namespace

std::string plan_csv(const Plan& plan, const EquivalenceTable& table) {
  std::string out = "date,day,step,drug,daily_mg,diazepam_equivalent_mg,doses\n";
  if (plan.steps.empty()) return out;
  auto row = [&](int day, const TaperStep& step, const std::string& drug_id, double daily_mg,
                 const std::string& doses) {
    const std::string date =
        plan.settings.start_date ? plan.settings.start_date->plus_days(day).to_string() : "";
    out += date + "," + std::to_string(day) + "," + std::to_string(step.index) + "," +
           csv_field(drug_id) + "," + format_mg(daily_mg) + "," +
           equivalent_cell(table, step, drug_id, daily_mg) + "," + csv_field(doses) + "\n";
  };
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const TaperStep& step = plan.steps[i];
    const TaperStep* previous = i > 0 ? &plan.steps[i - 1] : nullptr;
    // An open-ended step (stop, maintenance) is shown on its first day only.
    const int end_day =
        i + 1 < plan.steps.size() ? plan.steps[i + 1].start_day - 1 : last_day(step);
    for (int day = step.start_day; day <= end_day; ++day) {
      // On a step's first day, a drug of the previous step that is no longer taken gets 0 mg.
      if (day == step.start_day && previous != nullptr) {
        for (const auto& drug : previous->drugs) {
          if (!takes(step, drug.drug_id)) row(day, step, drug.drug_id, 0.0, "none");
        }
      }
      for (const auto& drug : step.drugs)
        row(day, step, drug.drug_id, drug.daily_mg(), doses_text(drug));
    }
  }
  return out;
}

}  // namespace taperlab::report
