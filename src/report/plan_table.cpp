#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "core/base/text.hpp"
#include "report/plan_report.hpp"
#include "report/report_format.hpp"

namespace taperlab::report {
namespace {

constexpr std::size_t kWidth = 100;
constexpr int kMaintenanceSupplyDays = 28;  // pharmacy amounts shown for a held dose

std::string name_of(const Catalog& catalog, const std::string& drug_id) {
  const Drug* drug = catalog.find_drug(drug_id);
  return drug != nullptr ? drug->generic_name : drug_id;
}

std::string span_text(const Plan& plan, const TaperStep& step) {
  if (step.duration_days <= 0) return "from " + day_label(plan, step.start_day);
  const std::string days =
      std::to_string(step.duration_days) + (step.duration_days == 1 ? " day" : " days");
  if (!plan.settings.start_date) {
    return "days " + std::to_string(step.start_day) + "-" + std::to_string(last_day(step)) + " (" +
           days + ")";
  }
  return day_label(plan, step.start_day) + " to " + day_label(plan, last_day(step)) + " (" + days +
         ")";
}

std::string weeks_text(int days) {
  if (days < 14) return std::to_string(days) + (days == 1 ? " day" : " days");
  const double weeks = days / 7.0;
  if (days < 120) return fmt::format("about {:.0f} weeks", weeks);
  return fmt::format("about {:.0f} months", days / 30.44);
}

const char* severity_label(Severity s) {
  switch (s) {
    case Severity::kNeedsClinician:
      return "Needs a clinician";
    case Severity::kWarning:
      return "Take care";
    case Severity::kInfo:
      return "Good to know";
  }
  return "";
}

// "  28 tablets", "   4 mL": the number right-aligned so that a column of amounts lines up.
void append_amount(std::string& out, const PharmacyLine& line) {
  if (line.option.is_liquid()) {
    append_right_aligned(out, format_mg(line.volume_ml), 6);
    out += " mL";
    return;
  }
  const long n = std::lround(line.tablets);
  append_right_aligned(out, std::to_string(n), 6);
  out += line.option.form == FormulationForm::kCapsule ? " capsule" : " tablet";
  if (n != 1) out += 's';
}

bool empty_line(const PharmacyLine& line) {
  return line.option.is_liquid() ? line.volume_ml <= 0 : line.tablets <= 0;
}

void append_findings(std::string& out, const Plan& plan) {
  if (plan.findings.empty()) return;
  std::vector<const SafetyFinding*> findings;
  for (const auto& f : plan.findings) findings.push_back(&f);
  auto rank = [](Severity s) {
    return s == Severity::kNeedsClinician ? 0 : s == Severity::kWarning ? 1 : 2;
  };
  std::stable_sort(findings.begin(), findings.end(),
                   [&](const SafetyFinding* a, const SafetyFinding* b) {
                     return rank(a->severity) < rank(b->severity);
                   });
  out += "\nBefore you start\n";
  for (const SafetyFinding* f : findings) {
    out += wrap(std::string(severity_label(f->severity)) + ": " + f->message, kWidth, "  ", "    ");
    if (!f->action.empty()) out += wrap("What to do: " + f->action, kWidth, "    ", "      ");
  }
}

void append_step(std::string& out, const Plan& plan, const TaperStep& step,
                 const Catalog& catalog) {
  out += "\nStep " + std::to_string(step.index) + "  " + span_text(plan, step);
  if (step.kind == StepKind::kCrossover) out += "  (crossover)";
  out += "\n";
  if (step.stopped()) {
    out += "  stop: no more doses\n";
  } else {
    // Every dose of the day, by time, with the drug named.
    std::vector<std::tuple<TimeOfDay, std::string, const PlannedDose*>> doses;
    std::size_t name_width = 0;
    for (const auto& drug : step.drugs) {
      const std::string name = name_of(catalog, drug.drug_id);
      name_width = std::max(name_width, name.size());
      for (const auto& dose : drug.doses) {
        if (dose.dose_mg() > 0) doses.emplace_back(dose.time, name, &dose);
      }
    }
    std::stable_sort(doses.begin(), doses.end(),
                     [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
    for (const auto& [time, name, dose] : doses) {
      out += "  ";
      out += time.to_string();
      out += "  ";
      append_left_aligned(out, name, name_width);
      out += "  ";
      out += dose->makeup.describe();
      out += "  (";
      out += format_mg(dose->dose_mg());
      out += " mg)\n";
    }
    std::string daily;
    for (const auto& drug : step.drugs) {
      if (!daily.empty()) daily += " + ";
      daily += format_mg(drug.daily_mg()) + " mg " + name_of(catalog, drug.drug_id);
    }
    out += wrap("each day: " + daily + " (" + format_mg(step.diazepam_equivalent_mg) +
                    " mg diazepam-equivalent)",
                kWidth, "  ", "    ");
    if (step.kind == StepKind::kMaintenance) out += "  hold this dose\n";
    // Show the rounding to real units when it moved the dose noticeably from the strategy's aim.
    const double rounding = step.diazepam_equivalent_mg - step.target_diazepam_equivalent_mg;
    if (step.kind == StepKind::kCut && step.target_diazepam_equivalent_mg > 0 &&
        std::abs(rounding) >= 0.005 * step.target_diazepam_equivalent_mg + 1e-9) {
      out += wrap("rounded to real units from the strategy's " +
                      format_mg(step.target_diazepam_equivalent_mg) + " mg (" +
                      (rounding > 0 ? "+" : "") + format_mg(rounding) + " mg diazepam-equivalent)",
                  kWidth, "  ", "    ");
    }
  }
  std::string change;
  if (step.stopped()) {
    change = "";
  } else if (step.cut_fraction > 0) {
    change = "cut " + format_percent(step.cut_fraction) + " from the step before; ";
  } else {
    change = "no cut; ";
  }
  std::string pressure =
      "predicted peak withdrawal pressure " + fixed_decimals(step.peak_withdrawal, 3);
  if (plan.abrupt_stop_peak_withdrawal > 0) {
    pressure += " (" + format_percent(step.peak_withdrawal / plan.abrupt_stop_peak_withdrawal) +
                " of an abrupt stop's)";
  }
  out += wrap(change + pressure, kWidth, "  ", "    ");
  if (!step.note.empty()) out += wrap(step.note, kWidth, "  ", "  ");
}

void append_pharmacy(std::string& out, const Plan& plan, const Catalog& catalog) {
  struct Block {
    std::string title;
    std::vector<PharmacyLine> lines;
    std::vector<std::string> products;  // each line's product, named once
  };
  std::vector<Block> blocks;
  for (const auto& step : plan.steps) {
    if (step.stopped()) continue;
    std::string title = "Step " + std::to_string(step.index);
    std::vector<PharmacyLine> lines;
    if (step.duration_days > 0) {
      title += ", " + std::to_string(step.duration_days) + " days";
      lines = plan.pharmacy_for_step(step);
    } else {
      TaperStep supply = step;
      supply.duration_days = kMaintenanceSupplyDays;
      title += ", each " + std::to_string(kMaintenanceSupplyDays) + " days the dose is held";
      lines = plan.pharmacy_for_step(supply);
    }
    blocks.push_back({title, lines, {}});
  }
  blocks.push_back(
      {"Whole plan" + std::string(plan.steps.empty() || plan.steps.back().duration_days > 0 ||
                                          plan.steps.back().stopped()
                                      ? ""
                                      : " (until the dose is held)"),
       plan.pharmacy_total(),
       {}});
  std::size_t product_width = 0;
  for (auto& block : blocks) {
    for (const auto& line : block.lines) {
      block.products.push_back(name_of(catalog, line.option.drug_id) + " " +
                               line.option.describe());
      product_width = std::max(product_width, block.products.back().size());
    }
  }
  product_width = std::min<std::size_t>(product_width, 70);
  out += "\nPharmacy: what to dispense (part tablets are counted as whole tablets)\n";
  for (const auto& block : blocks) {
    out += "  " + block.title + "\n";
    bool any = false;
    for (std::size_t i = 0; i < block.lines.size(); ++i) {
      const PharmacyLine& line = block.lines[i];
      if (empty_line(line)) continue;
      out += "    ";
      append_left_aligned(out, block.products[i], product_width);
      out += "  ";
      append_amount(out, line);
      out += '\n';
      any = true;
    }
    if (!any) out += "    nothing\n";
  }
}

void append_footer(std::string& out, const Plan& plan, const Catalog& catalog) {
  const PlanSettings& s = plan.settings;
  out += "\nHow this plan was made\n";
  std::string strategy = "Strategy: " + (s.strategy.empty() ? std::string("custom") : s.strategy);
  if (s.strategy == "fraction") {
    strategy += " (cut " + format_percent(s.cut_fraction) + " of the current dose every " +
                std::to_string(s.every_days) + " days)";
  }
  if (!s.then_strategy.empty()) strategy += ", then " + s.then_strategy;
  strategy += ".";
  out += wrap(strategy, kWidth, "  ", "    ");
  std::string table = "Equivalence table: " + s.table_id;
  for (const auto& t : catalog.tables()) {
    if (t.id == s.table_id) table = "Equivalence table: " + t.name + " (" + t.id + ")";
  }
  out += wrap(table + ".", kWidth, "  ", "    ");
  if (s.clinician_override_reason) {
    out += wrap("Rate cap raised by a clinician to " + format_percent(s.max_cut_fraction_override) +
                    ": " + *s.clinician_override_reason,
                kWidth, "  ", "    ");
  }
  const auto& e = s.model.effect;
  const auto& a = s.model.adaptation;
  out += wrap(fmt::format("Model settings: d50 {} mg/day, Hill n {}, occupancy at 40 mg/day {}, "
                          "adaptation half-times {} days (fast) and {} days (slow), rho {}, "
                          "slow share {}.",
                          format_mg(e.d50_mg_per_day), format_mg(e.hill_n),
                          format_percent(e.occupancy_at_40mg), format_mg(a.fast_half_time_d),
                          format_mg(a.slow_half_time_d), format_mg(a.rho), format_mg(a.w_slow)),
              kWidth, "  ", "    ");
  out += wrap(
      "Withdrawal pressure is the modelled gap between the brain's adaptation and the drug's "
      "effect (0 = none). The model is a simplification with uncertain parameters that differ "
      "from person to person: use it to compare steps, not to predict how you will feel. Go at "
      "the pace that suits you: with your prescriber, a step can be held for longer.",
      kWidth, "  ", "  ");
}

}  // namespace

std::string plan_table(const Plan& plan, const Catalog& catalog) {
  std::string out;
  out.reserve(2048 + 512 * plan.steps.size());  // about what a plan needs: no copies as it grows
  std::string start = plan.start_regimen.describe();
  out +=
      wrap("Taper plan from " + start + " (" + format_mg(plan.start_diazepam_equivalent_mg) +
               " mg/day diazepam-equivalent)" +
               (plan.settings.country.empty() ? std::string()
                                              : ", with products sold in " + plan.settings.country),
           kWidth, "", "  ");
  out += "\n";
  out += wrap(kDraftNotice, kWidth, "", "");
  if (plan.needs_clinician()) {
    out += "DRAFT: a clinician must review this plan before it starts.\n";
  }
  append_findings(out, plan);
  if (!plan.alternatives.empty()) {
    out += "\n";
    out += wrap("Other ways: " + plan.alternatives_reason +
                    ". Each of these is a complete plan "
                    "that keeps every safety rule; this is plan " +
                    std::to_string(plan.chosen_alternative + 1) +
                    " (choose another with --alternative N):",
                kWidth, "", "  ");
    for (std::size_t i = 0; i < plan.alternatives.size(); ++i) {
      const std::string mark = static_cast<int>(i) == plan.chosen_alternative ? "* " : "  ";
      out += wrap(std::to_string(i + 1) + ". " + plan.alternatives[i].summary_line() + ".", kWidth,
                  mark, "     ");
    }
  }
  if (!plan.notes.empty()) {
    out += "\nNotes\n";
    for (const auto& note : plan.notes) out += wrap(note, kWidth, "  - ", "    ");
  }

  out += "\n";
  if (plan.settings.goal_mg) {
    std::string drug;
    if (!plan.steps.empty() && !plan.steps.back().drugs.empty()) {
      drug = " " + name_of(catalog, plan.steps.back().drugs.front().drug_id);
    }
    out += wrap("Goal: a lower dose to hold, " + format_mg(*plan.settings.goal_mg) + " mg" + drug +
                    " a day.",
                kWidth, "", "  ");
  } else {
    out += "Goal: to stop.\n";
  }
  if (!plan.steps.empty()) {
    const TaperStep& last = plan.steps.back();
    std::string summary = std::to_string(plan.steps.size()) +
                          (plan.steps.size() == 1 ? " step" : " steps") + " from " +
                          day_label(plan, 0);
    if (last.stopped()) {
      summary += "; no more doses from " + day_label(plan, last.start_day) + ", " +
                 weeks_text(last.start_day) + " after the start.";
    } else if (last.duration_days <= 0) {
      summary += "; the dose to hold is reached on " + day_label(plan, last.start_day) + ", " +
                 weeks_text(last.start_day) + " after the start.";
    } else {
      summary += "; the last step ends on " + day_label(plan, last_day(last)) + ".";
    }
    out += wrap(summary, kWidth, "", "  ");
    if (plan.abrupt_stop_peak_withdrawal > 0) {
      out += wrap(fmt::format("For comparison, an abrupt stop has a predicted peak withdrawal "
                              "pressure of {:.3f}. Never stop abruptly.",
                              plan.abrupt_stop_peak_withdrawal),
                  kWidth, "", "");
    }
  }
  for (const auto& step : plan.steps) append_step(out, plan, step, catalog);
  append_pharmacy(out, plan, catalog);
  append_footer(out, plan, catalog);
  return out;
}

}  // namespace taperlab::report
