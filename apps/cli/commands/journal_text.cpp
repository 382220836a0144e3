#include "commands/journal_text.hpp"

#include <sstream>

#include "core/plan/plan.hpp"
#include "text_format.hpp"

namespace taperlab::cli {
namespace {

std::string dose_state(const journal::TodayDose& dose) {
  if (!dose.logged) return "not logged yet";
  const DoseLogEntry& e = *dose.logged;
  const std::string at = e.time ? " at " + e.time->to_string() : "";
  switch (e.status) {
    case DoseStatus::kTaken:
      return "taken" + at;
    case DoseStatus::kMissed:
      return "missed";
    case DoseStatus::kDifferent:
      return "took " + format_mg(e.dose_mg) + " mg" + at;
    case DoseStatus::kExtra:
      return "extra";
  }
  return "";
}

std::string step_kind_words(const std::string& kind) {
  if (kind == "cut") return "a reduction";
  if (kind == "crossover") return "a crossover step";
  if (kind == "stop") return "no more doses";
  if (kind == "maintenance") return "the dose you keep";
  return kind;
}

}  // namespace

std::string decision_text(const Decision& decision) {
  return wrap("Decision of " + decision.date.to_string() + ": " + to_string(decision.kind) + ". " +
              decision.reason);
}

std::string today_text(const journal::TodayView& today, const Catalog& catalog,
                       std::optional<CivilDate> review) {
  std::ostringstream out;
  out << "Today, " << today.date.weekday_short() << " " << today.date.to_string();
  if (today.step) {
    out << ": step " << today.step->index << " of " << today.steps_total << " ("
        << step_kind_words(today.step->kind) << "), day " << today.day_in_step;
    if (today.step->duration_days > 0) out << " of " << today.step->duration_days;
    out << ".\n";
  } else if (today.plan_start_date) {
    out << ": your plan starts on " << today.plan_start_date->to_string() << " (in "
        << today.date.days_until(*today.plan_start_date) << " days). Until then:\n";
  } else if (!today.plan) {
    out << ": no plan saved yet; your current regimen:\n";
  } else {
    out << ".\n";
  }
  if (today.paused) {
    out << wrap("Your plan is paused after what you reported on " +
                today.latest_decision->date.to_string() +
                ". Please see your prescriber or doctor before any further change. Keep taking "
                "your current dose: do not stop suddenly.");
  }
  if (today.doses.empty()) {
    out << (today.step && today.step->kind == "stop"
                ? "Nothing to take: you have stopped. Symptoms can come and go for a while; keep "
                  "checking in.\n"
                : "Nothing to take.\n");
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : today.doses) {
      const Drug* drug = catalog.find_drug(d.planned.drug_id);
      rows.push_back({d.planned.time.to_string(),
                      (drug ? drug->generic_name : d.planned.drug_id) + " " +
                          format_mg(d.planned.dose_mg) + " mg",
                      d.planned.units, dose_state(d)});
    }
    out << text_table({"time", "dose", "units", "logged"}, rows);
  }
  for (const auto& e : today.unplanned) {
    out << "Also logged: " << to_string(e.status) << " " << e.drug_id << " " << format_mg(e.dose_mg)
        << " mg" << (e.time ? " at " + e.time->to_string() : "") << ".\n";
  }
  if (today.step) {
    out << "Daily dose: " << fixed(today.step->diazepam_equivalent_mg, 2)
        << " mg diazepam-equivalent.\n";
  }
  if (today.next_change_date && today.next_step) {
    const int days = *today.days_to_next_change();
    out << "Next change: " << today.next_change_date->weekday_short() << " "
        << today.next_change_date->to_string() << " (in " << days << (days == 1 ? " day" : " days")
        << "): step " << today.next_step->index << ", "
        << (today.next_step->kind == "stop" ? std::string("no more doses")
                                            : fixed(today.next_step->diazepam_equivalent_mg, 2) +
                                                  " mg diazepam-equivalent a day")
        << ".\n";
  }
  if (review && *review >= today.date) {
    out << (*review == today.date
                ? std::string(
                      "Your plan is reviewed today: please check in (`taperlab checkin`).\n")
                : "Your plan is reviewed on " + review->to_string() +
                      ": please check in that day (`taperlab checkin`).\n");
  }
  if (today.latest_decision) out << decision_text(*today.latest_decision);
  if (today.plan) {
    for (const auto& finding : today.plan->view().findings) out << wrap("Note: " + finding);
  }
  out << kDraftNotice << "\n";
  return out.str();
}

}  // namespace taperlab::cli
